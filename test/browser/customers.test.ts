/**
 * The customer pages in the real browser (Chromium through playwright-core) over the real server,
 * FerretDB and the demo data: search and filters in the address, the CSV of exactly the view, the
 * customer page's care plan and timeline, logging a past meeting (the meeting rule turns on track)
 * and a future one (shown as planned), management without edit controls, and moving a contact.
 * Screenshots in Finnish and English at 1280 px and 340 px; axe-core on every page.
 */
import { readFileSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { seedDemo } from '../../server/seed/demo';
import { seriousA11yViolations } from '../support/browser';
import { describeInBrowser, mainHidden, shots, webAppInBrowser } from '../support/webApp';

jest.setTimeout(180_000);

/** The names in the list's table (wide screen). */
const tableNames = (page: Page) => page.getByTestId('customer-table').locator('tbody tr td:first-child').allInnerTexts();
/** The list's answer for segment B among the user's own customers. */
const narrowedView = (r: Response) => /\/api\/v1\/organizations\?/.test(r.url()) && /segment=B/.test(r.url()) && /managerId=/.test(r.url());
/** The names of a list answer, once the table shows exactly them. */
async function shownAnswer(page: Page, answer: Response): Promise<string[]> {
  const names = ((await answer.json()) as { items: { name: string }[] }).items.map((o) => o.name);
  await page.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('[data-testid="customer-table"] tbody tr td:first-child')]
    .map((td) => (td as HTMLElement).innerText)) === JSON.stringify(want), names);
  return tableNames(page);
}

describeInBrowser('the customer pages in the browser', () => {
  let sahko: { id: string; contactId: string };
  let overdueA: { id: string; name: string };

  const app = webAppInBrowser(async (server) => {
    await seedDemo(server.app.models, new Date());
    const { models, http } = server.app;
    const aino = (await models.User.findOne({ email: 'aino.virtanen@omnia.fi' }).lean())!;
    const mikko = (await models.User.findOne({ email: 'mikko.korhonen@omnia.fi' }).lean())!;
    // the customer the search is about (not in the demo, whose customers other tests count)
    const admin = await server.app.tokenFor('admin@omnia.fi');
    const created = await http.post('/api/v1/organizations').set('authorization', `Bearer ${admin}`).send({
      name: 'Äänekosken Sähkö Oy', businessId: '0112038-9', segment: 'B', customerGroup: 'company', emailDomains: ['aanekosken-sahko.fi'],
      responsibleId: String(aino._id), backupId: String(mikko._id), department: 'Yrityspalvelut',
    });
    expect(created.status).toBe(201);
    const contact = await http.post('/api/v1/contacts').set('authorization', `Bearer ${admin}`).send({
      name: 'Päivi Hölttä', emails: ['paivi.holtta@aanekosken-sahko.fi'], title: 'Henkilöstöpäällikkö', organizationId: created.body.id,
    });
    expect(contact.status).toBe(201);
    sahko = { id: created.body.id, contactId: contact.body.id };
    // a key customer of Mikko's whose meeting rule is overdue in the demo
    const te = (await models.Organization.findOne({ name: 'Uudenmaan TE-toimisto' }).lean())!;
    overdueA = { id: String(te._id), name: te.name };
  });
  const signIn = (locale: string, email: string) => app.signIn(email, { locale, acceptDownloads: true });

  it('an account manager in Finnish: "aanekos" finds Äänekosken Sähkö Oy, the view is in the address, filters narrow it; management exports the same rows as CSV', async () => {
    const { page, errors } = await signIn('fi-FI', 'aino.virtanen@omnia.fi');
    await page.getByRole('link', { name: 'Asiakkaat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Asiakkaat' }).waitFor();
    await page.getByLabel('Hae asiakkaita').fill('aanekos');
    await page.getByRole('link', { name: 'Äänekosken Sähkö Oy' }).first().waitFor();
    await page.waitForURL(/q=aanekos/);
    expect(await tableNames(page)).toEqual(['Äänekosken Sähkö Oy']);
    await page.getByText('Sivu 1: 1 asiakas.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'customers-search-fi');

    // the view is a link: a reload keeps it
    await page.reload();
    await page.getByRole('link', { name: 'Äänekosken Sähkö Oy' }).first().waitFor();
    expect(await page.getByLabel('Hae asiakkaita').inputValue()).toBe('aanekos');

    // filters: segment B among my customers
    await page.getByRole('button', { name: 'Tyhjennä haku ja rajaukset' }).click();
    await page.waitForURL((u) => !u.search.includes('q='));
    // the list keeps the search's one row until the whole list arrives
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="customer-table"] tbody tr').length > 1);
    const all = await tableNames(page);
    const filtered = page.waitForResponse(narrowedView);
    await page.getByLabel('Segmentti').selectOption('B');
    await page.getByLabel('Vain omat asiakkaani (vastuu- tai varahenkilönä)').check();
    await page.waitForURL(/segment=B.*managerId=|managerId=.*segment=B/);
    // the list keeps the previous view's rows until the new one arrives: wait for the server's answer to be shown
    const narrowed = await shownAnswer(page, await filtered);
    expect(narrowed).toContain('Äänekosken Sähkö Oy');
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(all.length);
    // the export is for management and administrators: the account manager gets no Export button
    expect(await page.getByRole('button', { name: 'Vie CSV-tiedostoon' }).count()).toBe(0);
    await shots(page, 'customers-filtered-fi');
    const viewUrl = page.url();
    expect(errors).toEqual([]);
    await page.context().close();

    // management opens the same view (the address carries it) and exports exactly its rows
    const lead = await signIn('fi-FI', 'leena.hamalainen@omnia.fi');
    const leadView = lead.page.waitForResponse(narrowedView);
    await lead.page.goto(viewUrl);
    expect(await shownAnswer(lead.page, await leadView)).toEqual(narrowed);
    const download = lead.page.waitForEvent('download');
    await lead.page.getByRole('button', { name: 'Vie CSV-tiedostoon' }).click();
    const file = await (await download).path();
    const csv = readFileSync(file!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = csv[0]!.split(';');
    const nameAt = header.findIndex((h) => /^(nimi|name)$/i.test(h.replace(/"/g, '')));
    expect(nameAt).toBeGreaterThanOrEqual(0);
    const csvNames = csv.slice(1).map((line) => line.split(';')[nameAt]!.replace(/^"|"$/g, ''));
    expect([...csvNames].sort()).toEqual([...narrowed].sort());
    await lead.page.getByText('Tämän näkymän CSV-tiedosto ladattiin.').waitFor();
    expect(await seriousA11yViolations(lead.page)).toEqual([]);
    expect(lead.errors).toEqual([]);
    await lead.page.context().close();
  });
  it('the customer page in Finnish: details, care plan and timeline; moving a contact person to another customer', async () => {
    const { page, errors } = await signIn('fi-FI', 'aino.virtanen@omnia.fi');
    await page.goto(`${app.server.baseUrl}/app/customers/${sahko.id}`);
    await page.getByRole('heading', { level: 1, name: 'Äänekosken Sähkö Oy' }).waitFor();
    await page.getByText('0112038-9').waitFor();
    await page.getByTestId('care-plan').getByText('Ajallaan').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Toimenpiteet' }).waitFor();
    await page.getByText('Ei toimenpiteitä näillä rajauksilla.').waitFor();
    await page.getByRole('link', { name: 'Päivi Hölttä' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'customer-fi');

    // a dialog opened and cancelled leaves the page readable by assistive technology
    await page.getByRole('button', { name: 'Muokkaa tietoja' }).click();
    const edit = page.getByRole('dialog', { name: 'Muokkaa asiakkaan Äänekosken Sähkö Oy tietoja' });
    await edit.waitFor();
    expect(await mainHidden(page, true)).toBe(true);
    await edit.getByRole('button', { name: 'Peruuta' }).click();
    await edit.waitFor({ state: 'detached' });
    expect(await mainHidden(page, false)).toBe(false);

    // the contact page
    await page.getByRole('link', { name: 'Päivi Hölttä' }).click();
    await page.getByRole('heading', { level: 1, name: 'Päivi Hölttä' }).waitFor();
    await page.getByRole('link', { name: 'Äänekosken Sähkö Oy' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'contact-fi');

    // move her to another customer of Aino's
    await page.getByRole('button', { name: 'Siirrä', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /Uusi asiakas/ }).fill('kivijalka');
    await page.getByRole('option', { name: 'Rakennus Oy Kivijalka' }).click();
    await dialog.getByRole('button', { name: 'Siirrä', exact: true }).click();
    await page.getByText('Päivi Hölttä kuuluu nyt asiakkaalle Rakennus Oy Kivijalka.').waitFor();
    expect(await mainHidden(page, false)).toBe(false);
    await page.getByRole('link', { name: 'Rakennus Oy Kivijalka' }).waitFor();
    const moved = await app.server.app.models.Contact.findById(sahko.contactId).lean();
    expect(String(moved!.organizationId)).not.toBe(sahko.id);
    // she is listed on the new customer's page and no longer on the old one
    await page.getByRole('link', { name: 'Rakennus Oy Kivijalka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rakennus Oy Kivijalka' }).waitFor();
    await page.getByTestId('contacts').getByRole('link', { name: 'Päivi Hölttä' }).waitFor();
    await page.goto(`${app.server.baseUrl}/app/customers/${sahko.id}`);
    await page.getByRole('heading', { level: 1, name: 'Äänekosken Sähkö Oy' }).waitFor();
    await page.getByText('Ei vielä yhteyshenkilöitä.').waitFor();
    expect(await page.getByTestId('contacts').getByRole('link', { name: 'Päivi Hölttä' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an account manager in English logs a past meeting (the meeting rule turns on track) and a future one (shown as planned)', async () => {
    const { page, errors } = await signIn('en-GB', 'mikko.korhonen@omnia.fi');
    await page.goto(`${app.server.baseUrl}/app/customers/${overdueA.id}`);
    await page.getByRole('heading', { level: 1, name: overdueA.name }).waitFor();
    const meetingRow = page.getByTestId('care-plan').getByRole('row', { name: /^Meeting/ });
    await meetingRow.getByText('Overdue').waitFor();
    await shots(page, 'customer-overdue-en');

    const logMeeting = async (day: string, subject: string) => {
      await page.getByRole('button', { name: 'Log action', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Kind').selectOption('meeting');
      await dialog.getByLabel('Date').fill(day);
      await dialog.getByLabel('Time').fill('10:00');
      await dialog.getByLabel('Subject').fill(subject);
      await dialog.getByRole('button', { name: 'Log', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await mainHidden(page, false)).toBe(false);
    };
    const helsinkiDay = (offset: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + offset * 86_400_000));
    await logMeeting(helsinkiDay(-1), 'Autumn training plan');
    await meetingRow.getByText('On track').waitFor();
    await page.getByTestId('timeline').getByText('Autumn training plan').waitFor();

    await logMeeting(helsinkiDay(10), 'Annual planning meeting');
    const entry = page.getByTestId('timeline').locator('li', { hasText: 'Annual planning meeting' });
    await entry.getByText('Planned', { exact: true }).waitFor();
    await page.getByTestId('care-plan').getByText(/^Planned for /).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'customer-en');

    // ?log=1 (the desk's one-click button) opens the dialog
    await page.goto(`${app.server.baseUrl}/app/customers/${overdueA.id}?log=1`);
    await page.getByRole('dialog').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.goto(`${app.server.baseUrl}/app/customers?segment=A`);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shots(page, 'customers-en');
    await page.goto(`${app.server.baseUrl}/app/contacts/${sahko.contactId}`);
    await page.getByRole('heading', { level: 1, name: 'Päivi Hölttä' }).waitFor();
    await shots(page, 'contact-en');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('management sees the customer read-only: no edit controls, a short explanation', async () => {
    const { page, errors } = await signIn('en-GB', 'leena.hamalainen@omnia.fi');
    await page.goto(`${app.server.baseUrl}/app/customers/${overdueA.id}`);
    await page.getByRole('heading', { level: 1, name: overdueA.name }).waitFor();
    await page.getByText('Management reads customer data but does not change it.').waitFor();
    for (const name of ['Edit details', 'Change account managers', 'Add contact person', 'Log action', 'New task', 'Edit', 'Move']) {
      expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
