/**
 * The web app in the real browser (Chromium through playwright-core) over the real server and the
 * demo data: an account manager (Finnish browser) and an administrator (English browser) sign in,
 * see the navigation their role gives, follow a deep link that survives a reload, and the pages
 * pass axe-core without serious or critical violations. Screenshots at 1280 px and 340 px wide.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { chromiumMissing, launchChromium, ROOT, screenshot, seriousA11yViolations, startPaneServer, type PaneServer } from '../support/browser';

jest.setTimeout(90_000);

const missing = chromiumMissing();
if (missing) console.warn(missing);
const describeInBrowser = missing ? describe.skip : describe;

function buildApp(outdir: string): Promise<void> {
  const script = `import(${JSON.stringify(path.join(ROOT, 'scripts', 'build-app.mjs'))}).then((m) => m.buildApp({ outdir: ${JSON.stringify(outdir)} }))`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { cwd: ROOT }, (error, _out, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve()));
  });
}

const navLinks = (page: Page) => page.getByRole('navigation', { name: /^(Main|Päävalikko)$/ }).getByRole('link').allInnerTexts();

/** Screenshots of the page as it is, at a desktop width and at a phone's. */
async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 340, height: 800 });
  await screenshot(page, `${name}-340`);
  // nothing wider than the screen: no sideways scrolling at 340 px
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(340);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeInBrowser('the web app in the browser', () => {
  let dir: string;
  let server: PaneServer;
  let browser: Browser;
  let customerId: string;
  let customerName: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-app-'));
    await buildApp(dir);
    server = await startPaneServer({ staticDir: dir });
    await seedDemo(server.app.models, new Date());
    const aino = await server.app.models.User.findOne({ email: 'aino.virtanen@omnia.fi' }).lean();
    const theirs = await server.app.models.Organization.findOne({ responsibleId: aino!._id }).lean();
    customerId = String(theirs!._id);
    customerName = theirs!.name;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(locale: string, email: string, labels: { email: string; submit: string }) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale, timezoneId: 'Europe/Helsinki' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/app/`);
    await page.getByLabel(labels.email).fill(email);
    await page.getByRole('button', { name: labels.submit, exact: true }).click();
    return { page, errors };
  }

  it('an account manager in Finnish: the desktop, their navigation, and a customer deep link that survives a reload', async () => {
    const { page, errors } = await signIn('fi-FI', 'aino.virtanen@omnia.fi', { email: 'Työsähköpostiosoitteesi', submit: 'Kirjaudu' });
    await page.getByRole('heading', { level: 1, name: 'Työpöytä' }).waitFor();
    expect(await navLinks(page)).toEqual(['Työpöytä', 'Asiakkaat', 'Tehtävät']);
    await page.getByText('Kirjautuneena: Aino Virtanen (Asiakasvastaava)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'app-desktop-fi');

    await page.goto(`${server.baseUrl}/app/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/customers/${customerId}`);
    expect(await page.getByRole('link', { name: 'Asiakkaat' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'app-customer-fi');

    // the language switch: English, remembered over a reload
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Care plan' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Care plan' }).waitFor();
    expect(await navLinks(page)).toEqual(['Desktop', 'Customers', 'Tasks']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an administrator in English: every section in the navigation, the Administration deep link survives a reload', async () => {
    const { page, errors } = await signIn('en-GB', 'admin@omnia.fi', { email: 'Your work email', submit: 'Sign in' });
    await page.getByRole('heading', { level: 1, name: 'Desktop' }).waitFor();
    expect(await navLinks(page)).toEqual(['Desktop', 'Customers', 'Tasks', 'Dashboard', 'Administration']);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration: Import' }).waitFor();
    await page.getByRole('link', { name: 'Users & roles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration: Users & roles' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Administration: Users & roles' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/admin/users');
    await page.getByText('aino.virtanen@omnia.fi').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'app-admin-users-en');

    await page.goto(`${server.baseUrl}/app/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await shots(page, 'app-customer-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
