/**
 * The Products admin tab in the real browser over the demo data: an admin adds a product with a
 * price typed as "1 234,50" and VAT 0 %, sees it formatted in the table, edits its price, retires
 * it; a duplicate code is refused at the code field; the Finnish tab speaks only Finnish.
 */
import type { Locator, Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(60_000);

const row = (page: Page, code: string): Locator => page.getByTestId(`product-${code}`);

describeInBrowser('the Products admin tab in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  it('adds a product, edits its price, retires it; a duplicate code is refused at the field', async () => {
    const { page, errors } = await app.signIn('admin@omnia.fi', { path: '/app/admin/products' });
    await page.getByRole('heading', { name: 'Training products' }).waitFor();

    await page.getByRole('button', { name: 'Add product' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('selain-1');
    await dialog.getByLabel('Name in Finnish').fill('Selainkoulutus');
    await dialog.getByLabel('Name in English').fill('Browser training');
    await dialog.getByLabel('Kind', { exact: true }).selectOption({ label: 'Staff training' });
    await dialog.getByLabel('Unit', { exact: true }).selectOption({ label: 'Day' });
    await dialog.getByLabel('Unit price (€, VAT excluded)').fill('1 234,50');
    await dialog.getByLabel('VAT', { exact: true }).selectOption({ label: '0%' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Product SELAIN-1 saved.').waitFor();
    const added = row(page, 'SELAIN-1');
    await expect(added.textContent()).resolves.toMatch(/SELAIN-1Browser trainingStaff trainingDay€1,234\.500%On sale/);

    await added.getByRole('button', { name: 'Edit product SELAIN-1' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Unit price (€, VAT excluded)').fill('990');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await added.getByRole('cell', { name: '€990.00' }).waitFor();

    await added.getByRole('button', { name: 'Retire product SELAIN-1' }).click();
    await page.getByText('Product SELAIN-1 retired.').waitFor();
    await added.getByRole('cell', { name: 'Retired' }).waitFor();
    await added.getByRole('button', { name: 'Reactivate product SELAIN-1' }).waitFor();
    const stored = await app.server.app.models.Product.findOne({ code: 'SELAIN-1' }).lean();
    expect(stored).toMatchObject({ unitPriceCents: 99000, vatRateBp: 0, active: false });

    // the same code again: the server's 409 shows at the code field
    await page.getByRole('button', { name: 'Add product' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Code/).fill('SELAIN-1');
    await dialog.getByLabel('Name in Finnish').fill('Toinen');
    await dialog.getByLabel('Unit price (€, VAT excluded)').fill('10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.locator('input[aria-invalid="true"]').waitFor();
    const code = dialog.getByLabel(/^Code/);
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    const message = (await code.getAttribute('aria-describedby'))!.split(' ')[0]!;
    expect(await page.locator(`[id="${message}"]`).innerText()).toMatch(/\S/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.setViewportSize({ width: 480, height: 900 });
    await screenshot(page, 'products-en');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in Finnish the tab has no English', async () => {
    const { page } = await app.signIn('admin@omnia.fi', { path: '/app/admin/products', locale: 'fi-FI' });
    await page.getByRole('heading', { name: 'Koulutustuotteet' }).waitFor();
    await page.getByRole('button', { name: 'Lisää tuote' }).waitFor();
    const text = await page.locator('section[aria-labelledby="products-title"]').innerText();
    expect(text).toMatch(/Myynnissä/);
    expect(text).toMatch(/\d[\d\u00a0 ]*,\d\d\u00a0€/);
    expect(text).not.toMatch(/\b(Add product|Edit|Retire|Reactivate|Unit price|Kind|Unit|Staff training|Participant|Day|Hour|On sale|Retired|Export)\b/);
    await screenshot(page, 'products-fi');
  });
});
