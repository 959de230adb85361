/**
 * Administration → Pipeline stages in the real browser over the demo data: an admin adds a stage
 * named in three languages, moves it before Negotiation, takes "Needs defined" out of use and saves;
 * the pipeline board then has the new column in its place and offers the new stage but not the
 * retired one to a card elsewhere; the Finnish page speaks Finnish.
 */
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(60_000);

describeInBrowser('the Pipeline stages admin tab in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  it('adds, orders and retires stages, and the pipeline board follows', async () => {
    const { page, errors } = await app.signIn('admin@omnia.fi', { path: '/app/admin/stages' });
    await page.getByRole('heading', { name: 'Pipeline stages', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Add stage' }).click();
    // the row is named by its English name as soon as it has one
    await page.getByLabel('Name (English): New stage').fill('Proposal in review');
    await page.getByLabel('Name (Finnish): Proposal in review').fill('Tarjous arvioitavana');
    await page.getByLabel('Name (Swedish): Proposal in review').fill('Offert under granskning');
    await page.getByLabel('Probability %: Proposal in review').fill('60');
    await page.getByRole('button', { name: 'Move Proposal in review up' }).click();
    await page.getByLabel('In use: Needs defined').uncheck();
    await page.getByRole('button', { name: 'Save stages' }).click();
    await page.getByText('The stages were saved.').waitFor();

    const stored = await app.server.app.models.PipelineStages.findById('stages').lean();
    expect(stored!.stages.map((s) => [s.key, s.active, s.probabilityPct])).toEqual([
      ['lead', true, 10], ['needs_defined', false, 25], ['offer_sent', true, 50], ['proposal_in_review', true, 60], ['negotiation', true, 75],
    ]);
    expect(stored!.stages[3]!.labels).toEqual({ fi: 'Tarjous arvioitavana', sv: 'Offert under granskning', en: 'Proposal in review' });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'admin-stages-en');

    // the board: the new column before Negotiation; a card may enter it, not the retired stage
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await page.getByRole('combobox', { name: 'Whose pipeline' }).selectOption({ label: 'Aino Virtanen' });
    await page.getByRole('heading', { name: 'Proposal in review', level: 2 }).waitFor();
    const columns = await page.locator('section[data-stage]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(columns.indexOf('proposal_in_review')).toBe(columns.indexOf('negotiation') - 1);
    const leadCard = page.locator('section[data-stage="lead"]').getByRole('combobox', { name: /^Stage of / }).first();
    const options = await leadCard.locator('option').allTextContents();
    expect(options).toContain('Proposal in review');
    expect(options).not.toContain('Needs defined');
    expect(errors).toEqual([]);

    const fi = await app.signIn('admin@omnia.fi', { path: '/app/admin/stages', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Myyntiputken vaiheet', level: 2 }).waitFor();
    await fi.page.getByLabel('Nimi (suomi): Proposal in review').waitFor();
    expect(await fi.page.getByLabel('Käytössä: Needs defined').isChecked()).toBe(false);
    await screenshot(fi.page, 'admin-stages-fi');
    expect(fi.errors).toEqual([]);
  });
});
