/**
 * The admin pages in the real browser (Debian's Chromium through playwright-core), served by
 * the real server over the demo data: import a file and see the report, change a care-plan
 * rule (after its preview) and see the status counts change, the dashboard renders its charts (screenshot), and a
 * leaving manager's customers are handed over to another (screenshot).
 */
import type { Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { screenshot } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

// A real browser over a real server: generous on a loaded 2-core machine, fast when it is not.
jest.setTimeout(60_000);

describeInBrowser("the web app's Administration section and dashboard in the browser", () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    // the old address still works: it sends the browser to the web app's Administration section
    ({ page, errors: pageErrors } = await app.signIn('admin@omnia.fi', { path: '/admin.html' }));
    await page.getByRole('link', { name: 'Import' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/admin/import');
  }, 120_000);

  it('imports a file: the dry run reports each row, the real run applies it', async () => {
    const csv = '\uFEFFnimi;y-tunnus;segmentti;top-tunnus\r\nSelainyritys Oy;;B;TOP-SELAIN\r\nHuono Oy;1234567-2;A;\r\n';
    await page.getByLabel('CSV file').setInputFiles({ name: 'asiakkaat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await page.getByText('Dry run report (nothing was changed)').waitFor();
    const summary = page.getByTestId('import-summary');
    await expectText(summary, /Created: 1.*Updated: 0.*Unchanged: 0.*Errors: 1/s);
    await page.getByText('Y-tunnus: "1234567-2" has a wrong check digit (Y-tunnus)').waitFor();
    expect(await app.server.app.models.Organization.countDocuments({ name: 'Selainyritys Oy' })).toBe(0);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Report', exact: true }).waitFor();
    expect(await app.server.app.models.Organization.countDocuments({ name: 'Selainyritys Oy' })).toBe(1);
    await screenshot(page, 'admin-import-report');
  });

  it('a changed care-plan rule, previewed and saved, changes the status counts at once', async () => {
    await page.getByRole('link', { name: 'Care plans' }).click();
    const overdue = page.getByTestId('status-counts').locator('[data-status="overdue"]');
    await overdue.waitFor();
    const before = Number(await overdue.textContent());
    expect(before).toBeGreaterThan(0);
    await page.locator('section[data-segment="C"]').getByRole('button', { name: 'Edit: Two-way contact' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Cadence (days)').fill('3650');
    await dialog.getByRole('button', { name: 'Preview the change' }).click();
    await expectText(dialog.getByTestId('care-plan-preview'), /^\d+ customers?'s? status would change/);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The rule was saved.').waitFor();
    await page.waitForFunction(
      ([el, b]) => Number((el as HTMLElement).textContent) < (b as number),
      [await overdue.elementHandle(), before] as const,
      { timeout: 10_000 },
    );
    const rule = await app.server.app.models.CarePlanRule.findById('C-contact').lean();
    expect(rule!.cadenceDays).toBe(3650);
  });

  it('the dashboard draws its charts, each with a table alternative', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    const byManager = page.getByTestId('compliance-by-manager');
    await byManager.locator('svg.recharts-surface').first().waitFor();
    await page.getByTestId('activity-by-manager').locator('.recharts-line').first().waitFor();
    expect(await page.getByRole('table', { name: 'Care-plan compliance per account manager' }).count()).toBe(1);
    await page.getByText(/Overdue customers \(\d+\)/).waitFor();
    const file = await screenshot(page, 'admin-dashboard');
    expect(file).toMatch(/admin-dashboard\.png$/);
    expect(pageErrors).toEqual([]);
  });

  it("the dashboard's sales section: the open pipeline by stage, won and lost per month, offers per manager, conversion to orders", async () => {
    const { Opportunity } = app.server.app.models;
    await page.getByTestId('sales-by-stage').locator('.recharts-bar-rectangle').first().waitFor();
    // the table alternative lists each open stage with its count, as the demo data has them
    const byStage = page.getByRole('table', { name: 'Open pipeline by stage' });
    for (const [stage, label] of [['lead', 'Lead'], ['needs_defined', 'Needs defined'], ['offer_sent', 'Offer sent'], ['negotiation', 'Negotiation']] as const) {
      const count = await Opportunity.countDocuments({ stage });
      await byStage.getByRole('row', { name: new RegExp(`^${label} ${count} `) }).waitFor({ state: 'attached' });
    }
    await page.getByTestId('sales-closed').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('sales-offers-by-manager').locator('.recharts-bar-rectangle').first().waitFor();
    await expectText(page.getByTestId('sales-conversion'), /^\d+ of the \d+ offers sent became orders \(\d+ %\)\.$/);
    await page.getByTestId('sales-by-stage').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-dashboard-sales-en');

    const fi = await app.signIn('admin@omnia.fi', { path: '/app/dashboard', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Myynti viimeisten 6 kuukauden ajalta' }).waitFor();
    await fi.page.getByRole('table', { name: 'Avoin myyntiputki vaiheittain' }).getByRole('row', { name: /^Neuvottelu \d+ / }).waitFor({ state: 'attached' });
    await expectText(fi.page.getByTestId('sales-conversion'), /^Lähetetyistä \d+ tarjouksesta \d+ johti tilaukseen/);
    await screenshot(fi.page, 'admin-dashboard-sales-fi');
    expect(fi.errors).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it("hands a leaving manager's customers over to another manager in one step", async () => {
    const { User, Organization } = app.server.app.models;
    const leaving = await User.findOne({ email: 'jussi.nieminen@omnia.fi' }).lean();
    const receiving = await User.findOne({ email: 'sanna.makinen@omnia.fi' }).lean();
    const theirs = await Organization.find({ responsibleId: leaving!._id }, { _id: 1 }).lean();
    expect(theirs.length).toBeGreaterThan(0);
    const alreadyReceiving = await Organization.countDocuments({ responsibleId: receiving!._id });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('link', { name: 'Hand-over' }).click();
    await page.getByRole('combobox', { name: 'Leaving manager' }).selectOption({ label: 'Jussi Nieminen (jussi.nieminen@omnia.fi)' });
    await page.getByRole('combobox', { name: 'Receiving manager' }).selectOption({ label: 'Sanna Mäkinen (sanna.makinen@omnia.fi)' });
    await page.getByRole('button', { name: 'Hand over', exact: true }).click();
    const result = page.getByTestId('handover-result');
    await expectText(result, new RegExp(`Customers moved \\(responsible\\): ${theirs.length}\\b`));

    expect(await Organization.countDocuments({ responsibleId: leaving!._id })).toBe(0);
    const moved = await Organization.find({ _id: { $in: theirs.map((o) => o._id) } }, { responsibleId: 1 }).lean();
    expect(moved.map((o) => String(o.responsibleId))).toEqual(theirs.map(() => String(receiving!._id)));
    expect(await Organization.countDocuments({ responsibleId: receiving!._id })).toBe(alreadyReceiving + theirs.length);
    await screenshot(page, 'admin-handover');
    expect(pageErrors).toEqual([]);
  });

  it('moves a classification to another place in the tree', async () => {
    const { ClassificationNode } = app.server.app.models;
    const ict = await ClassificationNode.findOne({ name: 'ICT' }).lean();
    const needs = await ClassificationNode.findOne({ name: 'Koulutustarve' }).lean();
    await page.getByRole('link', { name: 'Classifications' }).click();
    await page.getByRole('button', { name: 'Move: Toimiala > ICT' }).click();
    await page.getByRole('combobox', { name: 'New place (Toimiala > ICT)' }).selectOption({ label: 'Koulutustarve' });
    await page.getByRole('form', { name: 'Move: Toimiala > ICT' }).getByRole('button', { name: 'Move' }).click();
    await page.getByText('Moved: Koulutustarve > ICT').waitFor();
    expect(String((await ClassificationNode.findById(ict!._id).lean())!.parentId)).toBe(String(needs!._id));
    expect(pageErrors).toEqual([]);
  });
});

describeInBrowser('tracked conversations in the Administration section', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  it('lists every tracked conversation with its customer, who started it and when, in English and Finnish; Stop tracking ends one', async () => {
    const customer = (await app.server.app.models.Organization.findOne({ segment: 'A' }).lean())!;
    const token = await app.server.app.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
    const logged = await app.server.app.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${token}`).send({
      internetMessageId: '<seurattava@asiakas.fi>', conversationId: 'AAQk-admin-page', subject: 'Tarjouspyyntö: esimiesvalmennus',
      occurredAt: new Date().toISOString(), direction: 'in', from: 'yhteys@asiakas.fi', to: ['aino.virtanen@omnia.fi'],
      organizationId: String(customer._id), trackConversation: true,
    });
    expect(logged.status).toBe(201);

    const en = await app.signIn('admin@omnia.fi', { path: '/app/admin/conversations' });
    const row = en.page.getByRole('row', { name: /Tarjouspyyntö: esimiesvalmennus/ });
    await row.getByText('Aino Virtanen').waitFor();
    await row.getByRole('link', { name: customer.name }).waitFor();
    await screenshot(en.page, 'admin-conversations-en');
    expect(en.errors).toEqual([]);

    const fi = await app.signIn('admin@omnia.fi', { path: '/app/admin/conversations', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Seuratut keskustelut', level: 2 }).waitFor();
    await fi.page.getByRole('row', { name: /Tarjouspyyntö: esimiesvalmennus/ }).waitFor();
    await screenshot(fi.page, 'admin-conversations-fi');
    await fi.page.getByRole('button', { name: `Lopeta keskustelun ”Tarjouspyyntö: esimiesvalmennus” seuranta asiakkaalle ${customer.name}` }).click();
    await fi.page.getByText('Yhtään keskustelua ei seurata.').waitFor();
    expect(await app.server.app.models.TrackedConversation.countDocuments({ [`customers.${String(customer._id)}`]: { $exists: true } })).toBe(0);
    expect(fi.errors).toEqual([]);
  });
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp) {
  await locator.page().waitForFunction(
    ([el, source, flags]) => new RegExp(source as string, flags as string).test((el as HTMLElement).innerText),
    [await locator.elementHandle(), pattern.source, pattern.flags] as const,
    { timeout: 10_000 },
  );
}
