/**
 * Selections in the real browser over the demo data (issue 13): Aino saves the customer list's
 * filter (segment A) as a selection, sees its members as the list has them, freezes it, removes a
 * member by hand and finds the frozen count on the Selections page; a selection made from activity
 * ("no action since") lists what the database says; an administrator exports the members as an
 * Excel workbook and hands them over to another manager after confirming the count; the Finnish
 * pages speak Finnish. A selection over contacts (a title written without accents) shows its
 * matching contacts on its Contacts tab, in English and in Finnish. On 3,000 customers an operation
 * shows a progress bar with "n / total" while it runs, then its result.
 */
import { foldText } from '../../shared/domain/searchText';
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(240_000);

describeInBrowser('selections in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  it('saves the list’s filter as a selection, freezes it, removes a member, and the list of selections shows it', async () => {
    const { Organization } = app.server.app.models;
    const aCustomers = (await Organization.find({ segment: 'A' }, { name: 1 }).lean()).map((o) => o.name).sort((a, b) => a.localeCompare(b, 'fi'));
    expect(aCustomers.length).toBeGreaterThan(1);

    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/customers?segment=A' });
    await page.getByTestId('customer-table').waitFor();
    await page.getByRole('button', { name: 'Save as selection' }).click();
    await page.getByLabel(/^Name of the selection/).fill('A-asiakkaat');
    await page.getByRole('button', { name: 'Save selection' }).click();
    await page.getByRole('heading', { name: 'A-asiakkaat', level: 1 }).waitFor();
    await page.getByText('Criteria: A – key customer').waitFor();
    const members = page.getByTestId('selection-members');
    await page.getByText(`${aCustomers.length} customers`, { exact: true }).waitFor();
    const names = async () => (await members.locator('tbody tr td:first-child').allTextContents());
    expect(await names()).toEqual(aCustomers.slice(0, 50));

    await page.getByRole('button', { name: 'Freeze now' }).click();
    await page.getByText(`Frozen, ${aCustomers.length} customers`).waitFor();
    await page.getByRole('button', { name: `Remove ${aCustomers[0]} from the selection` }).click();
    await page.getByText(`${aCustomers.length - 1} customers`, { exact: true }).waitFor();
    expect((await names())[0]).toBe(aCustomers[1]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'selection-frozen-en');

    // a follow-up task for each member, for each one's responsible manager, after confirming the count
    const n = aCustomers.length - 1;
    await page.getByLabel(/^Task/).fill('Soita kevään koulutustarpeista');
    await page.getByLabel(/^Due/).fill('2027-01-15');
    await page.getByRole('button', { name: 'Create tasks…' }).click();
    await page.getByText(`${n} customers get this task.`).waitFor();
    await page.getByRole('button', { name: `Create ${n} tasks` }).click();
    await page.getByText(`Tasks created: ${n}; already there from an earlier try: 0.`).waitFor();
    expect(await app.server.app.models.Task.countDocuments({ title: 'Soita kevään koulutustarpeista' })).toBe(n);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Selections' }).click();
    await page.getByRole('row', { name: new RegExp(`A-asiakkaat Frozen, ${aCustomers.length - 1} customers`) }).waitFor();

    // from activity: A customers without an action in the last 10 years → none in the demo
    await page.getByLabel(/^Name of the selection/).fill('Hiljaiset');
    await page.getByLabel('Segment').selectOption({ label: 'A – key customer' });
    await page.getByLabel('No action since').fill('2016-01-01');
    await page.getByRole('button', { name: 'Save selection' }).click();
    await page.getByRole('heading', { name: 'Hiljaiset', level: 1 }).waitFor();
    await page.getByText(/Criteria: A – key customer · no action since 1 Jan 2016/).waitFor();
    await page.getByText(/^\d+ customers?$/).waitFor();
    expect(errors).toEqual([]);

    // an administrator exports the frozen one as Excel and hands its customers over, after confirming the count
    const frozen = await app.server.app.models.Selection.findOne({ name: 'A-asiakkaat' }).lean();
    const removedResponsible = String((await Organization.findOne({ name: aCustomers[0] }).lean())!.responsibleId);
    const admin = await app.signIn('admin@omnia.fi', { path: `/app/selections/${String(frozen!._id)}`, acceptDownloads: true });
    await admin.page.getByText(`${aCustomers.length - 1} customers`, { exact: true }).waitFor();
    const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.getByRole('button', { name: 'Export Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('A-asiakkaat.xlsx');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    expect(book.worksheets[0]!.rowCount).toBe(aCustomers.length); // the header and the members
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe(aCustomers[1]);

    await admin.page.getByLabel('New responsible account manager').selectOption({ label: 'Mikko Korhonen' });
    await admin.page.getByRole('button', { name: 'Hand over…' }).click();
    await admin.page.getByText(`${aCustomers.length - 1} customers get Mikko Korhonen as the responsible account manager.`).waitFor();
    await screenshot(admin.page, 'selection-handover-en');
    await admin.page.getByRole('button', { name: `Hand over ${aCustomers.length - 1} customers` }).click();
    await admin.page.getByText(`${aCustomers.length - 1} customers now have Mikko Korhonen as the responsible account manager.`).waitFor();
    const mikko = await app.server.app.models.User.findOne({ email: 'mikko.korhonen@omnia.fi' }).lean();
    const handed = await Organization.find({ name: { $in: aCustomers.slice(1) } }, { responsibleId: 1 }).lean();
    expect(handed.map((o) => String(o.responsibleId))).toEqual(aCustomers.slice(1).map(() => String(mikko!._id)));
    // the customer removed from the selection keeps the responsible it had
    expect(String((await Organization.findOne({ name: aCustomers[0] }).lean())!.responsibleId)).toBe(removedResponsible);
    // and a backup for each of them, the same way
    await admin.page.getByLabel('Hand over as').selectOption({ label: 'Backup account manager' });
    await admin.page.getByLabel('New backup account manager').selectOption({ label: 'Sanna Mäkinen' });
    await admin.page.getByRole('button', { name: 'Hand over…' }).click();
    await admin.page.getByText(`${aCustomers.length - 1} customers get Sanna Mäkinen as the backup account manager.`).waitFor();
    await admin.page.getByRole('button', { name: `Hand over ${aCustomers.length - 1} customers` }).click();
    await admin.page.getByText(`${aCustomers.length - 1} customers now have Sanna Mäkinen as the backup account manager.`).waitFor();
    const sanna = await app.server.app.models.User.findOne({ email: 'sanna.makinen@omnia.fi' }).lean();
    const backed = await Organization.find({ name: { $in: aCustomers.slice(1) } }, { responsibleId: 1, backupId: 1 }).lean();
    expect(backed.map((o) => [String(o.responsibleId), String(o.backupId)])).toEqual(aCustomers.slice(1).map(() => [String(mikko!._id), String(sanna!._id)]));

    // every member to segment B, confirmed with the count; the answer says what was done
    await admin.page.getByLabel('New segment').selectOption({ label: 'B customer' });
    await admin.page.getByRole('button', { name: 'Change the segment…' }).click();
    await admin.page.getByText(`${aCustomers.length - 1} customers go to segment B customer.`).waitFor();
    await admin.page.getByRole('button', { name: `Change ${aCustomers.length - 1} customers` }).click();
    await admin.page.getByText(`Changed ${aCustomers.length - 1}, already so 0, failed 0.`).waitFor();
    await screenshot(admin.page, 'selection-segment-en');
    const moved = await Organization.find({ name: { $in: aCustomers.slice(1) } }, { segment: 1 }).lean();
    expect(moved.map((o) => o.segment)).toEqual(aCustomers.slice(1).map(() => 'B'));
    expect(admin.errors).toEqual([]);

    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/selections', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Poiminnat', level: 1 }).waitFor();
    await fi.page.getByRole('row', { name: new RegExp(`A-asiakkaat Jäädytetty, ${aCustomers.length - 1} asiakasta`) }).waitFor();
    await screenshot(fi.page, 'selections-fi');
    await fi.page.getByRole('link', { name: 'A-asiakkaat' }).click();
    await fi.page.getByText(`Jäädytetty, ${aCustomers.length - 1} asiakasta`).waitFor();
    await fi.page.getByRole('heading', { name: 'Jatkotoimi jokaiselle' }).waitFor();
    await screenshot(fi.page, 'selection-fi');
    await fi.page.goto(fi.page.url().replace(/\/app\/selections\/.*$/, '/app/customers?segment=A'));
    await fi.page.getByRole('button', { name: 'Tallenna poiminnaksi' }).click();
    await fi.page.getByLabel(/^Poiminnan nimi/).waitFor();
    await screenshot(fi.page, 'customers-save-selection-fi');
    expect(fi.errors).toEqual([]);
  });

  it('builds a selection from a contact title and shows its matching contacts on the Contacts tab', async () => {
    const { Contact, Organization } = app.server.app.models;
    const customerName = new Map((await Organization.find({}, { name: 1 }).lean()).map((o) => [String(o._id), o.name]));
    const managers = (await Contact.find({}, { name: 1, title: 1, organizationId: 1 }).lean())
      .filter((c) => customerName.has(String(c.organizationId)) && foldText(c.title ?? '').includes('paallikko'))
      .sort((a, b) => a.name.localeCompare(b.name, 'fi') || customerName.get(String(a.organizationId))!.localeCompare(customerName.get(String(b.organizationId))!, 'fi'));
    expect(managers.length).toBeGreaterThan(1);
    expect(managers.map((c) => c.title)).toContain('Henkilöstöpäällikkö');

    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/selections' });
    await page.getByLabel(/^Name of the selection/).fill('Päälliköt');
    // written without the accents and in capitals: it still finds "Henkilöstöpäällikkö"
    await page.getByLabel(/^Contact’s title/).fill('PAALLIKKO');
    await page.getByRole('button', { name: 'Save selection' }).click();
    await page.getByRole('heading', { name: 'Päälliköt', level: 1 }).waitFor();
    await page.getByText('Criteria: contact’s title “PAALLIKKO”').waitFor();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByText(`${managers.length} contacts`, { exact: true }).waitFor();
    await page.getByText('The contacts that meet the selection’s contact criteria.').waitFor();
    const table = page.getByTestId('selection-contacts');
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toEqual(managers.slice(0, 50).map((c) => c.name));
    expect(await table.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(managers.slice(0, 50).map((c) => c.title));
    expect(await table.locator('tbody tr td:nth-child(3)').first().textContent()).toBe(customerName.get(String(managers[0]!.organizationId)));
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'selection-contacts-en');
    // the customers tab: the customers with such a contact
    await page.getByRole('tab', { name: 'Customers' }).click();
    await page.getByText(`${new Set(managers.map((c) => String(c.organizationId))).size} customers`, { exact: true }).waitFor();
    expect(errors).toEqual([]);

    const made = await app.server.app.models.Selection.findOne({ name: 'Päälliköt' }).lean();
    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/selections/${String(made!._id)}`, locale: 'fi-FI' });
    await fi.page.getByText('Ehdot: yhteyshenkilön titteli ”PAALLIKKO”').waitFor();
    await fi.page.getByRole('tab', { name: 'Yhteyshenkilöt' }).click();
    await fi.page.getByText(`${managers.length} yhteyshenkilöä`, { exact: true }).waitFor();
    await fi.page.getByRole('columnheader', { name: 'Titteli' }).waitFor();
    await screenshot(fi.page, 'selection-contacts-fi');
    await fi.page.goto(fi.page.url().replace(/\/app\/selections\/.*$/, '/app/selections'));
    await fi.page.getByLabel(/^Yhteyshenkilön titteli/).waitFor();
    await screenshot(fi.page, 'selection-editor-fi');
    expect(fi.errors).toEqual([]);
  });

  it('shows a long operation’s progress while it runs, then its result, in English and in Finnish', async () => {
    const { repos, models } = app.server.app;
    const [admin, mikko] = await Promise.all(['admin@omnia.fi', 'mikko.korhonen@omnia.fi'].map((email) => models.User.findOne({ email }).lean()));
    const many = Array.from({ length: 3_000 }, (_, i) => ({
      id: repos.customers.newId(), name: `Massa ${String(i).padStart(4, '0')} Oy`, businessId: null, segment: 'C' as const, customerGroup: 'company' as const,
      emailDomains: [], department: null, responsibleId: null, backupId: null, classificationIds: [], externalIds: {},
    }));
    for (let i = 0; i < many.length; i += 500) await repos.customers.insertMany(many.slice(i, i + 500));
    const owner = { id: String(admin!._id), name: admin!.name, email: admin!.email };
    const sel = await repos.selections.insert(repos.selections.newId(), { name: 'Massa', owner, shared: true, kind: 'static', criteria: {} }, many.map((c) => c.id));

    const en = await app.signIn('admin@omnia.fi', { path: `/app/selections/${sel.id}` });
    await en.page.getByText('3,000 customers', { exact: true }).waitFor();
    await en.page.getByLabel('New responsible account manager').selectOption({ label: 'Mikko Korhonen' });
    await en.page.getByRole('button', { name: 'Hand over…' }).click();
    await en.page.getByRole('button', { name: 'Hand over 3,000 customers' }).click();
    const bar = en.page.getByRole('progressbar');
    await bar.waitFor();
    await en.page.getByRole('status').getByText(/^\d[\d,]* \/ 3,000$/).waitFor();
    await screenshot(en.page, 'selection-progress-en');
    await en.page.getByText('3,000 customers now have Mikko Korhonen as the responsible account manager.').waitFor({ timeout: 90_000 });
    expect(await bar.count()).toBe(0);
    await screenshot(en.page, 'selection-progress-done-en');
    expect(await models.Organization.countDocuments({ name: /^Massa /, responsibleId: mikko!._id })).toBe(3_000);
    expect(en.errors).toEqual([]);

    const fi = await app.signIn('admin@omnia.fi', { path: `/app/selections/${sel.id}`, locale: 'fi-FI' });
    await fi.page.getByText(/^3\s000 asiakasta$/).waitFor();
    await fi.page.getByLabel('Uusi segmentti').selectOption({ index: 1 });
    await fi.page.getByRole('button', { name: 'Vaihda segmentti…' }).click();
    await fi.page.getByRole('button', { name: /^Muuta 3\s000 asiakasta$/ }).click();
    await fi.page.getByRole('progressbar').waitFor();
    await fi.page.getByRole('status').getByText(/^\d[\d\s]* \/ 3\s000$/).waitFor();
    await screenshot(fi.page, 'selection-progress-fi');
    expect(await seriousA11yViolations(fi.page)).toEqual([]);
    await fi.page.getByText(/^Muutettu 3\s000, valmiiksi kunnossa 0, epäonnistui 0\.$/).waitFor({ timeout: 90_000 });
    await screenshot(fi.page, 'selection-progress-done-fi');
    expect(await models.Organization.countDocuments({ name: /^Massa /, segment: 'A' })).toBe(3_000);
    expect(fi.errors).toEqual([]);
  });
});
