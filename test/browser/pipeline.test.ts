/**
 * The sales pipeline in the real browser over the demo data: an account manager's board shows a
 * column per stage with its sums; a new opportunity on a customer lands in Lead; moving it with
 * its Stage select puts it in Offer sent (the change kept in its history); a lost one asks why.
 * Screenshots in English and Finnish.
 */
import type { Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

describeInBrowser('the sales pipeline in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  const column = (page: Page, name: string) => page.getByRole('region', { name: /by stage|vaiheittain/ }).locator('section', { has: page.getByRole('heading', { name, exact: true }) });

  it('in English: add an opportunity, move it to Offer sent; a lost one needs its reason', async () => {
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/pipeline' });
    await page.getByRole('heading', { name: 'Sales pipeline', level: 1 }).waitFor();
    for (const stage of ['Lead', 'Needs defined', 'Offer sent', 'Negotiation', 'Won', 'Lost']) await page.getByRole('heading', { name: stage, exact: true, level: 2 }).waitFor();

    const picker = page.getByRole('combobox', { name: /Customer/ });
    await picker.fill('kivijalka');
    await page.getByText('1 matching customer').waitFor();
    await picker.press('ArrowDown');
    await page.getByRole('option', { name: 'Rakennus Oy Kivijalka' }).click();
    await page.getByLabel('Title').fill('Tulityökortit 2027');
    await page.getByLabel('Estimated value (€)').fill('12 500,00');
    await page.getByRole('button', { name: 'Add opportunity' }).click();
    await page.getByText('Added: Tulityökortit 2027').waitFor();
    const lead = column(page, 'Lead');
    await lead.getByText('Tulityökortit 2027').waitFor();
    await lead.getByText('€12,500.00 · 10 %').waitFor();

    await page.getByRole('combobox', { name: 'Stage of Tulityökortit 2027' }).selectOption({ label: 'Offer sent' });
    await column(page, 'Offer sent').getByText('Tulityökortit 2027').waitFor();
    await column(page, 'Offer sent').getByText('€12,500.00 · 50 %').waitFor();
    const stored = await app.server.app.models.Opportunity.findOne({ title: 'Tulityökortit 2027' }).lean();
    expect(stored!.history.map((h) => h.to)).toEqual(['lead', 'offer_sent']);
    expect(stored!.estimatedValueCents).toBe(1_250_000);

    await page.getByRole('combobox', { name: 'Stage of Tulityökortit 2027' }).selectOption({ label: 'Lost' });
    await page.getByLabel('Why was it lost?').fill('Kilpailija halvempi');
    await page.getByRole('button', { name: 'Mark lost' }).click();
    await column(page, 'Lost').getByText('Lost: Kilpailija halvempi').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pipeline-en');
    expect(errors).toEqual([]);
  });

  it('in English: the list view, narrowed to one stage and to a month of expected close', async () => {
    const mine = await app.server.app.models.Opportunity.find({ 'owner.email': 'aino.virtanen@omnia.fi' }).lean();
    const month = mine.find((o) => o.expectedCloseOn)!.expectedCloseOn!.slice(0, 7);
    const inMonth = mine.filter((o) => (o.expectedCloseOn ?? '').startsWith(month)).map((o) => o.title).sort();
    const leads = mine.filter((o) => o.stage === 'lead').length;
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/pipeline' });
    await page.getByRole('heading', { name: 'Lead', exact: true, level: 2 }).waitFor();
    await page.getByLabel('View').selectOption({ label: 'List' });
    const list = page.getByRole('region', { name: 'Opportunities as a list' });
    await expect(list.getByRole('row').count()).resolves.toBeGreaterThan(1);
    await page.getByLabel('Show stage').selectOption({ label: 'Lead' });
    await list.getByRole('row').nth(leads).waitFor(); // the header row and one row per lead
    await expect(list.getByRole('row').count()).resolves.toBe(leads + 1);
    expect((await list.locator('tbody tr td:nth-child(2)').allInnerTexts()).every((x) => x === 'Lead')).toBe(true);

    await page.getByLabel('Show stage').selectOption({ label: 'All stages' });
    await page.getByLabel('Expected close in month').fill(month);
    await list.locator('tbody tr').nth(inMonth.length - 1).waitFor();
    await expect(list.locator('tbody tr').count()).resolves.toBe(inMonth.length);
    expect((await list.locator('tbody tr td:nth-child(1)').allInnerTexts()).sort()).toEqual(inMonth);
    await page.getByLabel('View').selectOption({ label: 'Board by stage' });
    await page.getByRole('heading', { name: 'Lost', exact: true, level: 2 }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in Finnish: the board, its sums and the form speak Finnish', async () => {
    const { page, errors } = await app.signIn('mikko.korhonen@omnia.fi', { path: '/app/pipeline', locale: 'fi-FI' });
    await page.getByRole('heading', { name: 'Myyntiputki', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Tarjous lähetetty', level: 2 }).waitFor();
    await page.getByText(/^Painotettu /).first().waitFor();
    await page.getByRole('button', { name: 'Lisää myyntimahdollisuus' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/\b(Lead|Offer sent|Weighted|Stage)\b/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pipeline-fi');
    expect(errors).toEqual([]);
  });
});
