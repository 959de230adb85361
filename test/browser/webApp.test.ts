/**
 * The web app in the real browser (Chromium through playwright-core) over the real server and the
 * demo data: an account manager (Finnish browser) and an administrator (English browser) sign in,
 * see the navigation their role gives, follow a deep link that survives a reload, and the pages
 * pass axe-core without serious or critical violations. Screenshots at 1280 px and 340 px wide.
 */
import type { Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { seriousA11yViolations } from '../support/browser';
import { describeInBrowser, shots, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

/** The navigation's links, once the development outbox's link (the test server has one; it shows after its own read) is there. */
const navLinks = async (page: Page) => {
  const nav = page.getByRole('navigation', { name: /^(Main|Päävalikko)$/ });
  await nav.getByRole('link', { name: /^(Outbox|Lähtevät)$/ }).waitFor();
  return nav.getByRole('link').allInnerTexts();
};

describeInBrowser('the web app in the browser', () => {
  let customerId: string;
  let customerName: string;
  const app = webAppInBrowser(async (server) => {
    await seedDemo(server.app.models, new Date());
    const aino = await server.app.models.User.findOne({ email: 'aino.virtanen@omnia.fi' }).lean();
    const theirs = await server.app.models.Organization.findOne({ responsibleId: aino!._id }).lean();
    customerId = String(theirs!._id);
    customerName = theirs!.name;
  });

  it('an account manager in Finnish: the desktop, their navigation, and a customer deep link that survives a reload', async () => {
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { locale: 'fi-FI' });
    await page.getByRole('heading', { level: 1, name: 'Työpöytä' }).waitFor();
    expect(await navLinks(page)).toEqual(['Työpöytä', 'Asiakkaat', 'Tehtävät', 'Myyntiputki', 'Tilaukset', 'Poiminnat', 'Kampanjat', 'Kyselyt', 'Lähtevät']);
    await page.getByText('Kirjautuneena: Aino Virtanen (Asiakasvastaava)').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'app-desktop-fi');

    await page.goto(`${app.server.baseUrl}/app/customers/${customerId}`);
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
    expect(await navLinks(page)).toEqual(['Desktop', 'Customers', 'Tasks', 'Pipeline', 'Orders', 'Selections', 'Campaigns', 'Surveys', 'Outbox']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an administrator in English: every section in the navigation, the Administration deep link survives a reload', async () => {
    const { page, errors } = await app.signIn('admin@omnia.fi');
    await page.getByRole('heading', { level: 1, name: 'Desktop' }).waitFor();
    expect(await navLinks(page)).toEqual(['Desktop', 'Customers', 'Tasks', 'Pipeline', 'Orders', 'Selections', 'Campaigns', 'Surveys', 'Dashboard', 'Reports', 'Administration', 'Outbox']);
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

    await page.goto(`${app.server.baseUrl}/app/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: customerName }).waitFor();
    await shots(page, 'app-customer-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
