/**
 * What the task pane's browser tests share: the built pane served by the real server over a fresh
 * database, one Chromium, Outlook sessions closed after each test, the account manager's API for
 * checking what the pane stored, and the checks every screen passes (no page errors, no request to
 * a foreign origin, no text cut off at the pane's width, axe clean, a screenshot).
 * Uses Jest's globals (describe, beforeAll, expect); the Jest-free harness is ./browser.ts.
 */
import type { Browser, Page } from 'playwright-core';
import {
  DEFAULT_USER, launchChromium, openSession, removeBuiltPane, screenshot, seriousA11yViolations, startPaneServer,
  type OpenPane, type OutlookScenario, type OutlookUser, type PaneServer, type PaneSession, type SessionOptions,
} from './browser';

export { describeInBrowser } from './webApp';

export interface PaneInBrowser {
  readonly server: PaneServer;
  readonly browser: Browser;
  /** A new Outlook session (its own browser context, closed after the test). */
  session(options?: SessionOptions): Promise<PaneSession>;
  /** The pane opened in a new session on `scenario`. */
  open(scenario: OutlookScenario, options?: SessionOptions): Promise<OpenPane>;
  /** GET `/api/v1<path>` as `user` (an account manager; Aino by default), expecting 200; the answer's body. */
  api<T = { items: Array<Record<string, unknown>> }>(path: string, user?: OutlookUser): Promise<T>;
}

/**
 * Starts the pane for the enclosing `describe`: the server over a fresh database and Chromium
 * (in `beforeAll`), the sessions a test opened closed after it, and all of it taken down (in `afterAll`).
 */
export function paneInBrowser(setupTimeoutMs = 120_000): PaneInBrowser {
  let server: PaneServer | undefined;
  let browser: Browser | undefined;
  const sessions: PaneSession[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPaneServer(), launchChromium()]);
  }, setupTimeoutMs);

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeBuiltPane();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the pane's ${what} is not started (beforeAll failed?)`);
    return value;
  };

  const harness: PaneInBrowser = {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    async session(options) {
      const session = await openSession(harness.browser, harness.server.baseUrl, options);
      sessions.push(session);
      return session;
    },
    async open(scenario, options) {
      return (await harness.session(options)).open(scenario);
    },
    async api<T>(path: string, user: OutlookUser = DEFAULT_USER) {
      const token = await harness.server.app.tokenFor(user.emailAddress, 'account_manager', user.displayName);
      const answer = await harness.server.app.http.get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
      expect(answer.status).toBe(200);
      return answer.body as T;
    },
  };
  return harness;
}

/** A catalog text with its `{placeholders}` filled in (a missing value leaves nothing). */
export const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A catalog text as a whole-text pattern: the given values filled in, any other placeholder (a date) matching anything. */
export const textOf = (text: string, values: Record<string, string> = {}): RegExp =>
  new RegExp(`^${text.split(/(\{\w+\})/).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m ? (m[1]! in values ? escape(values[m[1]!]!) : '.+') : escape(part);
  }).join('')}$`);

/** Every text node of the page that the viewport clips (its box reaches past the right edge). */
export const cutOff = (page: Page): Promise<string[]> => page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const wide: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue?.trim() || !node.parentElement) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.right > width + 1) wide.push(node.nodeValue.trim());
  }
  return wide;
});

/** The screen as a user would judge it: nothing cut off, axe clean; then its screenshot test-artifacts/browser/<name>.png. */
export async function looked(page: Page, name: string): Promise<void> {
  expect(await cutOff(page)).toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** The pane stayed clean: no uncaught error in the page, no request to an origin other than the server's. */
export function expectClean(pane: OpenPane): void {
  expect(pane.pageErrors).toEqual([]);
  expect(pane.foreignRequests).toEqual([]);
}

/**
 * Runs a scenario's steps; when one fails, each pane's page is saved as <name>-<i>.failed.png and
 * what the pages said (errors, the last console lines) is added to the failure.
 */
export async function failing<T>(panes: OpenPane | readonly OpenPane[], name: string, run: () => Promise<T>): Promise<T> {
  const all = Array.isArray(panes) ? panes : [panes as OpenPane];
  try {
    return await run();
  } catch (error) {
    for (const [i, p] of all.entries()) await screenshot(p.page, all.length > 1 ? `${name}-${i}.failed` : `${name}.failed`).catch(() => undefined);
    if (error instanceof Error) error.message += `\n\nIn the page:\n${all.flatMap((p) => [...p.pageErrors, ...p.console.slice(-20)]).join('\n')}`;
    throw error;
  }
}
