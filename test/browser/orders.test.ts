/**
 * The orders page in the real browser over the demo data: an account manager sees their orders by
 * state and steps a confirmed one to delivered; an admin exports the orders to be invoiced and imports
 * the file back, after which the order is listed as invoiced. Screenshots in English and Finnish.
 */
import { readFileSync } from 'node:fs';
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

describeInBrowser('the orders page in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  /** The number of a demo order in the state, and the email of its opportunity's owner. */
  async function demoOrder(state: 'confirmed' | 'to_be_invoiced') {
    const { models } = app.server.app;
    const order = (await models.Order.findOne({ state }).lean<{ number: string; opportunityId: unknown }>())!;
    const opportunity = (await models.Opportunity.findById(order.opportunityId).lean<{ owner: { email: string } }>())!;
    return { number: order.number, owner: opportunity.owner.email as string };
  }

  it('in English: an account manager steps a confirmed order to delivered', async () => {
    const confirmed = await demoOrder('confirmed');
    const { page, errors } = await app.signIn(confirmed.owner, { path: '/app/orders' });
    await page.getByRole('heading', { name: 'Orders', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(confirmed.number) });
    await row.waitFor();
    await row.getByRole('link').first().waitFor();
    await row.getByRole('button', { name: 'Move to: Delivered' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Delivered' }).click();
    await page.getByRole('row', { name: new RegExp(confirmed.number) }).getByRole('button', { name: 'Move to: To be invoiced' }).waitFor();
    expect((await app.server.app.models.Order.findOne({ number: confirmed.number }).lean<{ state: string }>())!.state).toBe('delivered');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'orders-en');
    expect(errors).toEqual([]);
  });

  it('in Finnish: an admin exports the orders to be invoiced and imports the file back', async () => {
    const due = await demoOrder('to_be_invoiced');
    const { page, errors } = await app.signIn('admin@omnia.fi', { path: '/app/orders', locale: 'fi-FI', acceptDownloads: true });
    await page.getByRole('heading', { name: 'Tilaukset', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Laskutettavana' }).click();
    await page.getByRole('row', { name: new RegExp(due.number) }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Vie laskutukseen' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv).toContain(due.number);
    expect(await page.locator('main').innerText()).not.toMatch(/\b(Orders|Customer|Delivery|Invoicing|Export|Import|Mark)\b/);
    await screenshot(page, 'orders-fi');

    await page.getByLabel('Laskutettujen tilausten tiedosto (CSV)').setInputFiles({ name: 'laskutetut.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Tuo laskutetut' }).click();
    await page.getByRole('status').getByText(/merkitty laskutetuksi/).waitFor();
    await page.getByRole('tab', { name: 'Laskutettu', exact: true }).click();
    await page.getByRole('row', { name: new RegExp(due.number) }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
