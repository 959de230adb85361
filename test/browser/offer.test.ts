/**
 * An offer in the real browser over the demo data: from an opportunity, New offer opens a draft on
 * the offer's page; a catalogue line and a free-text line are built with the totals following each
 * keystroke; a save on a stale version says so; the saved draft's PDF downloads (read back with
 * pdftotext, its first page rendered with pdftoppm); it is sent, accepted, made an order and the
 * order stepped to delivered. In Finnish a draft's page speaks Finnish. Screenshots in English
 * and Finnish.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { seedDemo } from '../../server/seed/demo';
import { ARTIFACTS_DIR, screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(120_000);

describeInBrowser('an offer in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  const models = () => app.server.app.models;
  const openOpportunityOf = async (email: string) =>
    (await models().Opportunity.findOne({ 'owner.email': email, stage: { $nin: ['won', 'lost'] } }).lean())!;

  it('in English: build a draft with two lines, save, download its PDF, send, accept, order and deliver', async () => {
    const opportunity = await openOpportunityOf('aino.virtanen@omnia.fi');
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/opportunities/${String(opportunity._id)}`, acceptDownloads: true });
    await page.getByRole('heading', { name: opportunity.title, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New offer' }).click();
    await page.waitForURL(/\/app\/offers\/[0-9a-f]{24}$/);
    const offerId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('No lines yet.').first().waitFor();
    await page.getByRole('link', { name: opportunity.title }).waitFor();

    await page.getByRole('button', { name: 'Add line' }).click();
    const first = page.getByRole('group', { name: 'Line 1' });
    await first.getByLabel('Product').selectOption({ label: 'TT-KORTTI · Occupational safety card' });
    await first.getByLabel('Quantity').fill('12');
    await first.getByLabel('Discount (%)').fill('10');
    await first.getByText('Line total excl. VAT: €1,350.00').waitFor();

    await page.getByRole('button', { name: 'Add line' }).click();
    const second = page.getByRole('group', { name: 'Line 2' });
    await second.getByLabel('Description').fill('Koulutustilan vuokra, Espoo');
    await second.getByLabel('Quantity').fill('1,5');
    await second.getByLabel('Unit price (€, excl. VAT)').fill('3,5x');
    await second.getByText('Write the price in euros', { exact: false }).waitFor();
    await second.getByLabel('Unit price (€, excl. VAT)').fill('350');
    await second.getByLabel('VAT', { exact: true }).selectOption({ label: '25.5%' });
    const totals = page.getByTestId('offer-totals');
    await totals.getByText('€1,875.00').waitFor();
    await totals.getByText('€133.88').waitFor();
    await totals.getByText('€2,008.88').waitFor();
    await page.getByRole('textbox', { name: 'Terms' }).fill('Payment 14 days net.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'offer-draft-en');

    // someone else saved meanwhile: nothing is overwritten, and Reload shows the offer as it is
    await models().Offer.updateOne({ _id: offerId }, { $inc: { version: 1 } });
    await page.getByRole('button', { name: 'Save offer' }).click();
    await page.getByText('Someone saved this offer meanwhile', { exact: false }).waitFor();
    expect((await models().Offer.findById(offerId).lean())!.lines).toEqual([]);
    await page.getByRole('button', { name: 'Reload the offer' }).click();
    await page.getByText('No lines yet.').first().waitFor();

    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByRole('group', { name: 'Line 1' }).getByLabel('Product').selectOption({ label: 'TT-KORTTI · Occupational safety card' });
    await page.getByRole('group', { name: 'Line 1' }).getByLabel('Quantity').fill('12');
    await page.getByRole('group', { name: 'Line 1' }).getByLabel('Discount (%)').fill('10');
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('Description').fill('Koulutustilan vuokra, Espoo');
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('Quantity').fill('1,5');
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('Unit price (€, excl. VAT)').fill('350');
    await page.getByRole('group', { name: 'Line 2' }).getByLabel('VAT', { exact: true }).selectOption({ label: '25.5%' });
    await expect(page.getByRole('button', { name: 'Mark as sent' }).isDisabled()).resolves.toBe(true);
    await page.getByText('Save your changes before sending.').waitFor();
    await page.getByRole('button', { name: 'Save offer' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = (await models().Offer.findById(offerId).lean())!;
    expect(saved.lines.map((l) => [l.description, l.quantityHundredths, l.unitPriceCents, l.discountBp, l.vatRateBp, l.netCents])).toEqual([
      ['Työturvallisuuskortti', 1200, 12_500, 1000, 0, 135_000],
      ['Koulutustilan vuokra, Espoo', 150, 35_000, 0, 2550, 52_500],
    ]);
    expect(saved.totals).toMatchObject({ net: 187_500, vat: 13_388, gross: 200_888 });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`offer-${saved.number}.pdf`);
    const file = (await pdf.path())!;
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(saved.number);
    expect(text).toContain('Koulutustilan vuokra, Espoo');
    expect(text).toContain('2 008,88 €');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(ARTIFACTS_DIR, 'offer-browser-pdf-page1')]);

    await page.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByText('Sent', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Accepted by the customer' }).click();
    await page.getByRole('heading', { name: 'Order', level: 2 }).waitFor();
    await page.getByLabel('Delivery starts').fill('2027-02-01');
    await page.getByLabel('Delivery ends').fill('2027-02-28');
    await page.getByRole('button', { name: 'Make an order' }).click();
    await page.getByTestId('order-state').getByText('Confirmed').waitFor();
    await page.getByRole('button', { name: 'Move to: Delivered' }).click();
    await page.getByTestId('order-state').getByText('Delivered').waitFor();
    const order = (await models().Order.findOne({ offerId }).lean())!;
    expect(order).toMatchObject({ state: 'delivered', deliveryStart: '2027-02-01', deliveryEnd: '2027-02-28' });
    expect((await models().Offer.findById(offerId).lean())!.state).toBe('accepted');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'offer-ordered-en');
    expect(errors).toEqual([]);
  });

  it('in Finnish: a draft’s page and its lines speak Finnish', async () => {
    const draft = (await models().Offer.findOne({ state: 'draft', 'lines.0': { $exists: true } }).lean())!;
    const { page, errors } = await app.signIn(draft.owner.email!, { path: `/app/offers/${String(draft._id)}`, locale: 'fi-FI' });
    await page.getByRole('heading', { name: `Tarjous ${draft.number}`, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Lisää rivi' }).waitFor();
    await page.getByRole('button', { name: 'Tallenna tarjous' }).waitFor();
    await page.getByRole('group', { name: 'Rivi 1' }).waitFor();
    await page.getByTestId('offer-totals').getByText('Veroton yhteensä').waitFor();
    const english = /\b(Offer|Lines?|Product|Description|Quantity|Unit price|Discount|VAT|Total|Save|Remove|Add line|Download|Valid until|Draft|Terms|Sent)\b/;
    expect(await page.locator('main').innerText()).not.toMatch(english);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'offer-draft-fi');
    await page.setViewportSize({ width: 340, height: 900 });
    await screenshot(page, 'offer-draft-fi-narrow');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
