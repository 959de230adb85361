/**
 * Care-plan administration in the real browser (Debian's Chromium through playwright-core), on
 * the real server over the demo data: an administrator adds a rule to segment A's plan in
 * Finnish, previews how many customers' status it changes, saves it and finds it listed; in
 * English renames it, is told at the field what is wrong with a bad cadence, and removes it
 * after a preview. Screenshots at 1280 and 340 px in both languages; axe on each view.
 */
import type { Locator, Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { seriousA11yViolations } from '../support/browser';
import { describeInBrowser, mainHidden, shots, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

describeInBrowser('care-plan administration in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  /** The administrator, straight to Administration → Care plans. */
  const signIn = (locale: string) => app.signIn('admin@omnia.fi', { locale, path: '/app/admin/care-plans' });

  const segmentA = (page: Page): Locator => page.locator('section[data-segment="A"]');
  const axe = (page: Page) => seriousA11yViolations(page);

  it('in Finnish: adds "Puhelu 14 pv välein" to segment A after a preview of how many customers change status', async () => {
    const { page, errors } = await signIn('fi-FI');
    const add = segmentA(page).getByRole('button', { name: /^Lisää sääntö: .*kaikki asiakasryhmät$/ });
    await add.waitFor();
    expect(await axe(page)).toEqual([]);
    await shots(page, 'careplans-fi');

    await add.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nimi suomeksi').fill('Puhelu 14 pv välein');
    await dialog.getByRole('checkbox', { name: 'Puhelu' }).check();
    // the server's word on a bad cadence, in Finnish at the field
    await dialog.getByLabel('Väli (päivää)').fill('0');
    await dialog.getByRole('button', { name: 'Esikatsele muutos' }).click();
    await dialog.getByText('Vähintään 1.').waitFor();
    expect(await dialog.getByText(/must be/).count()).toBe(0);
    await dialog.getByLabel('Väli (päivää)').fill('14');
    await dialog.getByLabel('Varoitus ennen eräpäivää (päivää)').fill('3');
    // Save only after the preview
    expect(await dialog.getByRole('button', { name: 'Tallenna' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Esikatsele muutos' }).click();
    const preview = dialog.getByTestId('care-plan-preview');
    await preview.waitFor();
    const summary = await preview.innerText();
    expect(summary).toMatch(/^(\d+ asiakkaan tila muuttuisi|Yhdenkään asiakkaan tila ei muuttuisi) \(\d+ asiakasta muutoksen piirissä\)/);
    const aCustomers = await app.server.app.models.Organization.countDocuments({ segment: 'A' });
    expect(summary).toContain(`(${aCustomers} asiakasta muutoksen piirissä)`);
    expect(await axe(page)).toEqual([]);
    await shots(page, 'careplans-preview-fi');

    await dialog.getByRole('button', { name: 'Tallenna' }).click();
    await page.getByText('Sääntö tallennettiin.').waitFor();
    const listed = segmentA(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Puhelu 14 pv välein' }) });
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(/Puhelu[\s\S]*14 päivää[\s\S]*3 päivää/);
    const stored = await app.server.app.models.CarePlanRule.findOne({ 'labels.fi': 'Puhelu 14 pv välein' }).lean();
    expect(stored).toMatchObject({ segment: 'A', customerGroup: null, actionKinds: ['call'], cadenceDays: 14, warningDays: 3 });
    expect(await axe(page)).toEqual([]);
    await shots(page, 'careplans-saved-fi');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('in English: a bad cadence is named at the field; renames the rule, then removes it after a preview', async () => {
    const { page, errors } = await signIn('en-GB');
    // the Finnish-only name shows in English too until it is given an English one
    await segmentA(page).getByRole('button', { name: 'Edit: Puhelu 14 pv välein' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Cadence (days)').fill('0');
    await dialog.getByRole('button', { name: 'Preview the change' }).click();
    await dialog.getByText('At least 1.', { exact: true }).waitFor();
    expect(await dialog.getByLabel('Cadence (days)').getAttribute('aria-invalid')).toBe('true');
    await shots(page, 'careplans-field-error-en');

    await dialog.getByLabel('Cadence (days)').fill('14');
    await dialog.getByLabel('Name in English (Finnish if empty)').fill('Call every 14 days');
    await dialog.getByRole('button', { name: 'Preview the change' }).click();
    await dialog.getByTestId('care-plan-preview').waitFor();
    expect(await dialog.getByTestId('care-plan-preview').innerText()).toMatch(/^No customer's status would change/);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The rule was saved.').waitFor();
    await segmentA(page).getByRole('heading', { name: 'Call every 14 days' }).waitFor();
    expect(await axe(page)).toEqual([]);
    await shots(page, 'careplans-en');

    await segmentA(page).getByRole('button', { name: 'Remove: Call every 14 days' }).click();
    await dialog.getByRole('button', { name: 'Preview the change' }).click();
    await dialog.getByTestId('care-plan-preview').waitFor();
    expect(await dialog.getByTestId('care-plan-preview').innerText()).toMatch(/status would change|No customer's status/);
    await dialog.getByRole('button', { name: 'Remove the rule' }).click();
    await page.getByText('The rule was removed.').waitFor();
    expect(await segmentA(page).getByRole('heading', { name: 'Call every 14 days' }).count()).toBe(0);
    expect(await app.server.app.models.CarePlanRule.countDocuments({ 'labels.fi': 'Puhelu 14 pv välein' })).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an admin adds a rule and the account manager's desktop changes: the customer who does not meet it moves up as overdue, the rule named (Finnish)", async () => {
    const customer = 'Rakennus Oy Kivijalka'; // Aino's key customer, on track in the demo; its last planning review was months ago
    const manager = await app.signIn('aino.virtanen@omnia.fi', { locale: 'fi-FI' });
    const rows = manager.page.getByTestId('desk-table').locator('tbody tr');
    const row = manager.page.getByTestId('desk-table').locator(`tbody tr[data-customer="${customer}"]`);
    await row.getByText('Ajallaan', { exact: true }).waitFor();
    const names = async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-customer'))));
    const placeBefore = (await names()).indexOf(customer);
    expect(await row.innerText()).not.toMatch(/Vuosikatsaus/);

    const admin = await signIn('fi-FI');
    await segmentA(admin.page).getByRole('button', { name: /^Lisää sääntö: .*kaikki asiakasryhmät$/ }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel('Nimi suomeksi').fill('Vuosikatsaus 30 pv välein');
    await dialog.getByRole('checkbox', { name: 'Vuosisuunnittelupalaveri' }).check();
    await dialog.getByLabel('Väli (päivää)').fill('30');
    await dialog.getByRole('button', { name: 'Esikatsele muutos' }).click();
    await dialog.getByTestId('care-plan-preview').waitFor();
    await dialog.getByRole('button', { name: 'Tallenna' }).click();
    await admin.page.getByText('Sääntö tallennettiin.').waitFor();
    expect(await mainHidden(admin.page, false)).toBe(false);
    expect(admin.errors).toEqual([]);
    await admin.page.context().close();

    // the manager's next look at the desktop
    await manager.page.reload();
    await row.getByText('Myöhässä', { exact: true }).waitFor();
    expect(await row.innerText()).toMatch(/Vuosikatsaus 30 pv välein myöhässä \d+ pv/);
    expect((await names()).indexOf(customer)).toBeLessThan(placeBefore);
    await shots(manager.page, 'desk-after-rule-fi');
    expect(manager.errors).toEqual([]);
    await manager.page.context().close();
  });
});
