/**
 * The desktops in the real browser over the real server, FerretDB and the demo data (plus the
 * showcase customer "Äänekosken Sähkö Oy", most overdue on Aino's desk, with a follow-up due
 * yesterday): the account manager logs a meeting from the desktop row and the customer is on
 * track and leaves the top; completes the follow-up logging a call and it leaves My follow-ups.
 * The administrator's desktop is data quality; management's is the dashboard, and their task
 * list has no edit buttons. Finnish and English, 1280 and 340 px, axe-core on every page.
 */
import type { Page } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { seedDeskShowcase, SHOWCASE } from '../../server/seed/deskShowcase';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, mainHidden, shots as shotsOnly, webAppInBrowser } from '../support/webApp';

jest.setTimeout(180_000);

/** Every desktop view is checked with axe-core as it is photographed. */
const shots = (page: Page, name: string, exclude: readonly string[] = []) => shotsOnly(page, name, { a11y: { exclude } });
const a11y = (page: Page) => seriousA11yViolations(page);

describeInBrowser('the desktops in the browser', () => {
  const app = webAppInBrowser(async (server) => {
    const now = new Date();
    await seedDemo(server.app.models, now);
    await seedDeskShowcase(server.app.models, now);
  });

  const rows = (page: Page) => page.getByTestId('desk-table').locator('tbody tr');

  it('the account manager (Finnish): the most overdue customer on top, a meeting logged from its row puts it on track, a follow-up completed with a call leaves the list', async () => {
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { locale: 'fi-FI' });
    await page.getByRole('heading', { level: 1, name: 'Työpöytä' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Asiakkaani kiireellisyyden mukaan' }).waitFor();
    const top = rows(page).first();
    expect(await top.getAttribute('data-customer')).toBe(SHOWCASE.name);
    expect(await top.innerText()).toMatch(/Myöhässä/);
    expect(await top.innerText()).toMatch(/myöhässä \d+ pv/);
    expect(await page.getByTestId('desk-summary').innerText()).toMatch(/^\d+ asiakasta: myöhässä \d+, erääntymässä \d+\.$/);
    await page.getByRole('heading', { level: 2, name: 'Seurantatehtäväni' }).waitFor();
    await page.getByRole('link', { name: SHOWCASE.task }).waitFor();
    await shots(page, 'desk-am-fi');

    // a meeting from the row: the dialog, its axe check, then logged
    await page.getByRole('button', { name: `Kirjaa toimenpide asiakkaalle ${SHOWCASE.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Kirjaa toimenpide: ${SHOWCASE.name}` });
    await dialog.waitFor();
    await dialog.getByLabel('Laji').selectOption('meeting');
    await dialog.getByRole('checkbox', { name: SHOWCASE.contact }).check();
    await dialog.getByLabel('Aihe').fill('Syksyn koulutussuunnitelma');
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, 'desk-log-dialog-fi-1280');
    await dialog.getByRole('button', { name: 'Kirjaa', exact: true }).click();
    await page.getByText(`Tapaaminen kirjattu asiakkaalle ${SHOWCASE.name}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await mainHidden(page, false)).toBe(false);
    const row = page.getByTestId('desk-table').locator(`tbody tr[data-customer="${SHOWCASE.name}"]`);
    await row.getByText('Ajallaan', { exact: true }).waitFor();
    expect(await rows(page).first().getAttribute('data-customer')).not.toBe(SHOWCASE.name);
    expect(await row.innerText()).toMatch(/Tapaaminen \d+\.\d+\.\d{4} \(Aino Virtanen\)/);

    // the follow-up: completed with a call logged in the same step
    await page.getByRole('button', { name: `Merkitse tehdyksi: ${SHOWCASE.task}` }).click();
    const complete = page.getByRole('dialog', { name: 'Merkitse tehtävä tehdyksi' });
    await complete.waitFor();
    expect(await complete.getByRole('checkbox', { name: 'Kirjaa samalla toimenpide, jota tehtävä koski' }).isChecked()).toBe(true);
    expect(await complete.getByLabel('Laji').inputValue()).toBe('call');
    expect(await complete.getByLabel('Aihe').inputValue()).toBe(SHOWCASE.task);
    expect(await a11y(page)).toEqual([]);
    await screenshot(page, 'desk-complete-dialog-fi-1280');
    await complete.getByRole('button', { name: 'Merkitse tehdyksi ja kirjaa' }).click();
    await page.getByText(`Tehty: ”${SHOWCASE.task}”.`).waitFor();
    await page.getByRole('link', { name: SHOWCASE.task }).waitFor({ state: 'detached' });
    // its card left the list with the dialog just closed: the desk is still there for assistive technology
    await complete.waitFor({ state: 'detached' });
    expect(await mainHidden(page, false)).toBe(false);
    // no open task left on the customer (the call and the meeting share the minute, so either is the last action)
    expect((await row.innerText()).split('\t')[5]).toBe('Ei');
    await shots(page, 'desk-am-after-fi');

    // the tasks page: the completed one under Done
    expect(errors).toEqual([]);
    await page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Tehtävät' }).click();
    await page.waitForURL('**/app/tasks');
    await page.getByRole('heading', { level: 1, name: 'Tehtävät' }).waitFor();
    await page.getByRole('tab', { name: 'Tehdyt' }).click();
    await page.getByRole('link', { name: SHOWCASE.task }).click();
    await page.getByRole('heading', { level: 1, name: SHOWCASE.task }).waitFor();
    await page.getByRole('button', { name: 'Avaa uudelleen' }).waitFor();
    // its days and times in the Finnish way, never a raw ISO date
    const taskText = await page.locator('main').innerText();
    expect(taskText).toMatch(/\d{1,2}\.\d{1,2}\.\d{4}/);
    expect(taskText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shots(page, 'task-done-fi');

    // English
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('link', { name: 'Desktop' }).click();
    await page.getByRole('heading', { level: 2, name: 'My customers by urgency' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Recently on my customers' }).waitFor();
    await shots(page, 'desk-am-en');
    await page.getByRole('link', { name: 'Tasks' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    await page.getByTestId('task-card').first().waitFor();
    await shots(page, 'tasks-am-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("the administrator's desktop is data quality (English)", async () => {
    const { page, errors } = await app.signIn('admin@omnia.fi');
    await page.getByRole('heading', { level: 1, name: 'Desktop' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Data quality' }).waitFor();
    await page.getByTestId('dq-counts').waitFor();
    expect(await page.getByTestId('dq-counts').innerText()).toMatch(/Customers without a responsible person\s+\d+/);
    await page.getByRole('heading', { level: 2, name: 'Latest import' }).waitFor();
    await shots(page, 'desk-admin-en');
    await page.getByLabel('Language').selectOption('fi');
    await page.getByRole('heading', { level: 2, name: 'Tietojen laatu' }).waitFor();
    await shots(page, 'desk-admin-fi');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("management's desktop is the dashboard, and their task list has no edit buttons", async () => {
    const { page, errors } = await app.signIn('leena.hamalainen@omnia.fi');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    // the dashboard's charts (an existing page) hide focusable chart parts from screen readers beside their tables: reported, not this page's
    await shots(page, 'desk-management-en', ['figure > [aria-hidden="true"]']);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
    await page.getByLabel('Whose tasks').selectOption({ label: 'Aino Virtanen' });
    await page.getByTestId('task-card').first().waitFor();
    expect(await page.getByRole('button', { name: /^(Complete|Edit)/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New task' }).count()).toBe(0);
    await shots(page, 'tasks-management-en');
    await page.getByTestId('task-card').first().getByRole('link').first().click();
    await page.getByText('Your role can read tasks but not change them.').waitFor();
    expect(await page.getByRole('button', { name: /^(Complete|Edit|Delete|Reopen)$/ }).count()).toBe(0);
    await shots(page, 'task-management-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
