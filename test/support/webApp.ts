/**
 * What the web app's browser tests share: the built app served by the real server over a fresh,
 * seeded database, one Chromium, sign-in through the dev form as a user of the given language,
 * and the screenshots at a desktop's width and a phone's (nothing may be wider than the phone).
 * Uses Jest's globals (describe, beforeAll, expect); the Jest-free harness is ./browser.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium, ROOT, screenshot, seriousA11yViolations, startPaneServer, type PaneServer } from './browser';

const missing = chromiumMissing();
if (missing) console.warn(`\n[browser tests] ${missing}\n`);
/**
 * `describe` where Chromium is installed, `describe.skip` (with a warning) where it is not. CI installs
 * Chromium (scripts/ensure-test-tools.mjs): there a missing browser fails the file instead of skipping it.
 */
export const describeInBrowser = missing ? describe.skip : describe;
if (missing && process.env.CI) {
  test('Chromium is available for the browser tests in CI', () => {
    throw new Error(missing);
  });
}

/** Builds the web app (minified, as shipped) into `outdir`; the builder is an ES module, so it runs in a child Node. */
export function buildApp(outdir: string): Promise<void> {
  const script = `import(${JSON.stringify(path.join(ROOT, 'scripts', 'build-app.mjs'))}).then((m) => m.buildApp({ outdir: ${JSON.stringify(outdir)} }))`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { cwd: ROOT }, (error, _out, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()));
  });
}

/** The sign-in form's words per browser language. */
export const SIGN_IN_LABELS = {
  fi: { email: 'Työsähköpostiosoitteesi', submit: 'Kirjaudu' },
  en: { email: 'Your work email', submit: 'Sign in' },
} as const;

export interface SignedIn {
  page: Page;
  /** Uncaught errors in the page: a test ends with `expect(errors).toEqual([])`. */
  errors: string[];
}

export interface SignInOptions {
  /** The browser's language, such as `fi-FI` (the app follows it until the user picks another). Default `en-GB`. */
  locale?: string;
  /** Where the browser goes first (the app shows the sign-in there and stays). Default `/app/`. */
  path?: string;
  acceptDownloads?: boolean;
}

export interface WebApp {
  readonly server: PaneServer;
  readonly browser: Browser;
  /** A fresh browser context (Helsinki time, 1280 × 900) signed in as `email`; resolves once the sign-in form is gone. */
  signIn(email: string, options?: SignInOptions): Promise<SignedIn>;
}

/**
 * Starts the web app for the enclosing `describe`: builds it, serves it over a fresh database that
 * `seed` fills, launches Chromium (in `beforeAll`), and takes it all down again (in `afterAll`).
 * The returned handle is usable inside the tests.
 */
export function webAppInBrowser(seed: (server: PaneServer) => Promise<unknown>, setupTimeoutMs = 180_000): WebApp {
  let dir: string | undefined;
  let server: PaneServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-app-'));
    await buildApp(dir);
    server = await startPaneServer({ staticDir: dir });
    await seed(server);
    browser = await launchChromium();
  }, setupTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the web app's ${what} is not started (beforeAll failed?)`);
    return value;
  };

  return {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    async signIn(email, options = {}) {
      const locale = options.locale ?? 'en-GB';
      const labels = locale.startsWith('fi') ? SIGN_IN_LABELS.fi : SIGN_IN_LABELS.en;
      const context = await need(browser, 'browser').newContext({
        viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Helsinki', acceptDownloads: options.acceptDownloads ?? false,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${need(server, 'server').baseUrl}${options.path ?? '/app/'}`);
      await page.getByLabel(labels.email).fill(email);
      await page.getByRole('button', { name: labels.submit, exact: true }).click();
      await page.getByLabel(labels.email).waitFor({ state: 'detached' });
      return { page, errors };
    },
  };
}

export interface ShotOptions {
  /** Also check the page with axe-core (no serious or critical violations), leaving out these selectors. */
  a11y?: boolean | { exclude: readonly string[] };
}

/**
 * Screenshots of the page as it is, test-artifacts/browser/<name>-1280.png and <name>-340.png:
 * at a desktop width and at a phone's, where nothing may be wider than the screen (no sideways scrolling).
 */
export async function shots(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 340, height: 800 });
  await screenshot(page, `${name}-340`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(340);
  if (options.a11y) {
    const exclude = options.a11y === true ? [] : options.a11y.exclude;
    expect(await seriousA11yViolations(page, { exclude })).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Whether the page's `<main>` is hidden from assistive technology (aria-hidden or inert on it or
 * around it), as it settles: Fluent's focus manager hides the page a moment after a modal dialog
 * opens and shows it again a moment after it closes, so this waits up to `settleMs` for `expected`
 * and answers what it finds then. A dialog unmounted while open leaves the page hidden for good.
 */
export async function mainHidden(page: Page, expected: boolean, settleMs = 3_000): Promise<boolean> {
  const hiddenIs = (want: boolean | null) => {
    const main = document.querySelector('main');
    const hidden = main !== null && (main.closest('[aria-hidden="true"]') !== null || main.closest('[inert]') !== null);
    return want === null ? hidden : hidden === want;
  };
  try {
    await page.waitForFunction(hiddenIs, expected, { timeout: settleMs });
    return expected;
  } catch {
    return page.evaluate(hiddenIs, null);
  }
}
