/**
 * Campaigns and mailings in the real browser, over the real SMTP sink and the running sender:
 * Aino makes a campaign aimed at a static selection (a period backwards is refused at its field),
 * writes a mailing in Finnish and English with `{{firstName}}`, previews it, sends it now after
 * confirming the count (a count that changed meanwhile asks again), and the page follows it until
 * it is sent; the recipients table says who got it and why one did not; the sink got each mail in
 * its recipient's language; the development outbox shows the mail, whose unsubscribe link leads to
 * the public page, and after its button the contact's consent reads "refused" on the customer page.
 * Every new screen in English and Finnish, at a desktop's width and a phone's.
 */
import type { Page } from 'playwright-core';
import { seedCustomer, type SeededCustomer } from '../support/browser';
import { describeInBrowser, shots, webAppInBrowser } from '../support/webApp';

jest.setTimeout(180_000);

describeInBrowser('campaigns in the browser', () => {
  let kivijalka: SeededCustomer;
  let lumo: SeededCustomer;
  let kielto: SeededCustomer;
  let selectionId = '';
  const app = webAppInBrowser(async (server) => {
    const t = server.app;
    kivijalka = await seedCustomer(t, { organizationName: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', contact: { name: 'Matti Lahtinen', email: 'matti.lahtinen@kivijalka.fi' } });
    lumo = await seedCustomer(t, { organizationName: 'Lumo Design Ab', domain: 'lumo.fi', contact: { name: 'Anna Berg', email: 'anna.berg@lumo.fi' } });
    kielto = await seedCustomer(t, { organizationName: 'Kieltäjä Oy', domain: 'kieltaja.fi', contact: { name: 'Kalle Kieltäjä', email: 'kalle@kieltaja.fi' } });
    const aino = { Authorization: `Bearer ${await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen')}` };
    // Anna reads English; Kalle has refused marketing mail
    expect((await t.http.patch(`/api/v1/contacts/${lumo.contact.id}`).set(aino).send({ language: 'en' })).status).toBe(200);
    expect((await t.http.put(`/api/v1/contacts/${kielto.contact.id}/marketing`).set(aino).send({ consent: 'opted_out' })).status).toBe(200);
    const sel = await t.http.post('/api/v1/selections').set(aino).send({ name: 'Kevään kohderyhmä', kind: 'static', memberIds: [kivijalka.organizationId, lumo.organizationId] });
    expect(sel.status).toBe(201);
    selectionId = sel.body.id;
  });

  const addToSelection = async (organizationId: string) => {
    const t = app.server.app;
    const aino = { Authorization: `Bearer ${await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen')}` };
    const now = await t.http.get(`/api/v1/selections/${selectionId}`).set(aino);
    const changed = await t.http.post(`/api/v1/selections/${selectionId}/members`).set(aino).send({ version: now.body.version, add: [organizationId] });
    expect(changed.status).toBe(200);
  };

  const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main|Päävalikko)$/ });

  it('makes a campaign, writes and sends a mailing, follows it, and an unsubscribe from the outbox shows on the customer page', async () => {
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/campaigns' });
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await nav(page).getByRole('link', { name: 'Outbox' }).waitFor();
    await page.getByText('No campaigns yet.').waitFor();

    // a new campaign; a period backwards is refused at its field
    await page.getByRole('button', { name: 'New campaign' }).click();
    await page.getByLabel(/^Name of the campaign/).fill('Kevään koulutukset 2027');
    await page.getByLabel('Purpose').fill('Kevään avoimet koulutukset yritysasiakkaille');
    await page.getByLabel(/^Starts on/).fill('2027-02-01');
    await page.getByLabel(/^Ends on/).fill('2027-01-01');
    await page.getByTestId('target-selections').getByLabel('Kevään kohderyhmä').check();
    await page.getByLabel('Status').selectOption({ label: 'Active' });
    await shots(page, 'campaign-new-en', { a11y: true });
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('The end must not be before the start.').waitFor();
    await page.getByLabel(/^Ends on/).fill('2027-04-30');
    await page.getByRole('button', { name: 'Create campaign' }).click();

    // the campaign's page: its selections as links, whom it reaches now
    await page.getByRole('heading', { name: 'Kevään koulutukset 2027', level: 1 }).waitFor();
    await page.getByTestId('audience').getByText('2 customers (0 excluded)').waitFor();
    expect(await page.getByRole('link', { name: 'Kevään kohderyhmä' }).getAttribute('href')).toBe(`/app/selections/${selectionId}`);
    await page.getByText('No mailings yet.').waitFor();
    await shots(page, 'campaign-en', { a11y: true });

    // a mailing in Finnish and English, previewed for a sample contact
    await page.getByRole('button', { name: 'Write a mailing' }).click();
    await page.getByLabel(/^Subject \(Finnish\)/).fill('Kevään koulutukset, ');
    await page.getByRole('button', { name: 'Insert {{firstName}} into the text' }).waitFor();
    await page.getByLabel(/^Text \(Finnish\)/).fill('Hei {{firstName}},\n\n{{customerName}} on tervetullut kevään koulutuksiin.\n\nTerveisin {{senderName}}');
    const preview = page.getByTestId('mailing-preview');
    await preview.getByText('Hei Matti,').waitFor();
    await preview.getByText('Terveisin Aino Virtanen', { exact: false }).waitFor();
    await page.getByRole('tab', { name: 'English' }).click();
    await page.getByText('Optional. Recipients whose language is English get the Finnish text if this is empty.').waitFor();
    await preview.getByText('Nothing written in this language: these recipients get the Finnish text.').waitFor();
    await page.getByLabel(/^Subject \(English\)/).fill('Spring courses, {{firstName}}');
    await page.getByLabel(/^Text \(English\)/).fill('Hello {{firstName}},\n\nwelcome to our spring courses.\n\nUnsubscribe: {{unsubscribeLink}}');
    await preview.getByText('Spring courses, Matti').waitFor();
    await page.getByRole('tab', { name: /^Finnish/ }).click();
    await page.getByLabel(/^Subject \(Finnish\)/).fill('Kevään koulutukset, {{firstName}}');
    await shots(page, 'mailing-new-en', { a11y: true });
    await page.getByRole('button', { name: 'Save as draft' }).click();

    // the mailing's page: send now, after confirming the count; the count changed meanwhile → asked again
    await page.getByRole('heading', { name: 'Kevään koulutukset, {{firstName}}', level: 1 }).waitFor();
    await page.getByText('Draft', { exact: true }).waitFor();
    const mailingUrl = page.url();
    await page.getByRole('button', { name: 'Send…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This goes to the contacts of 2 customers (0 customers excluded).').waitFor();
    await shots(page, 'mailing-send-en', { a11y: true });
    await addToSelection(kielto.organizationId);
    await dialog.getByRole('button', { name: 'Send to 2 customers' }).click();
    await dialog.getByText('The campaign reaches 3 customers now. Check the count and confirm again.').waitFor();
    await dialog.getByText('This goes to the contacts of 3 customers (0 customers excluded).').waitFor();
    await dialog.getByRole('button', { name: 'Send to 3 customers' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Sent: 2 sent, 0 failed, 1 skipped.').waitFor({ timeout: 30_000 });

    // the recipients: who got it and why one did not
    const recipients = page.getByTestId('recipients');
    await recipients.getByRole('row', { name: /Matti Lahtinen Rakennus Oy Kivijalka matti\.lahtinen@kivijalka\.fi Finnish Sent/ }).waitFor();
    await recipients.getByRole('row', { name: /Anna Berg Lumo Design Ab anna\.berg@lumo\.fi English Sent/ }).waitFor();
    await recipients.getByRole('row', { name: /Kalle Kieltäjä .* Skipped The contact has refused marketing mail\./ }).waitFor();
    await page.getByLabel('State').selectOption({ label: 'Skipped' });
    await page.getByText('1 recipient', { exact: true }).waitFor();
    await page.getByLabel('State').selectOption({ label: 'All' });
    await page.getByText('3 recipients', { exact: true }).waitFor();
    await shots(page, 'mailing-sent-en', { a11y: true });

    // what the relay got: each mail in its recipient's language
    const mails = app.server.sink.messages();
    expect(mails.map((m) => [m.to[0], m.subject]).sort()).toEqual([
      ['anna.berg@lumo.fi', 'Spring courses, Anna'],
      ['matti.lahtinen@kivijalka.fi', 'Kevään koulutukset, Matti'],
    ]);
    expect(mails.find((m) => m.to[0] === 'matti.lahtinen@kivijalka.fi')!.text).toContain('Rakennus Oy Kivijalka on tervetullut kevään koulutuksiin.');

    // the campaign's results
    await page.getByRole('link', { name: 'Kevään koulutukset 2027' }).click();
    await page.getByTestId('campaign-mailings').getByRole('row', { name: /Kevään koulutukset, \{\{firstName\}\} Sent 3 2 0 1 0/ }).waitFor();
    expect(await page.getByTestId('campaign-totals').textContent()).toBe('Sent2Failed0Skipped1Unsubscribed0');
    await nav(page).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('row', { name: /Kevään koulutukset 2027 .* Active Aino Virtanen 1 of 1/ }).waitFor();
    await shots(page, 'campaigns-en', { a11y: true });

    // the outbox: Anna's mail, its List-Unsubscribe header, its link to the public page
    await nav(page).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('heading', { name: 'Development outbox', level: 1 }).waitFor();
    const outbox = page.getByTestId('outbox');
    await outbox.locator('summary', { hasText: 'Spring courses, Anna' }).click();
    const entry = outbox.locator('details[open]');
    await entry.getByText(/^<http:\/\/127\.0\.0\.1:\d+\/p\/unsubscribe\//).waitFor();
    await entry.getByRole('cell', { name: 'list-unsubscribe', exact: true }).waitFor();
    await shots(page, 'outbox-en', { a11y: true });
    const link = entry.getByRole('link', { name: /\/p\/unsubscribe\// });
    expect(await link.getAttribute('href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/unsubscribe\/[A-Za-z0-9_.-]+$/);
    await link.click();
    await page.getByRole('heading', { name: 'Unsubscribe from marketing mail' }).waitFor();
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You have unsubscribed' }).waitFor();
    expect((await app.server.app.repos.contacts.get(lumo.contact.id))!.marketingConsent).toBe('opted_out');

    // the customer page shows the contact's consent in words
    await page.goto(`${app.server.baseUrl}/app/customers/${lumo.organizationId}`);
    await page.getByTestId('contacts').getByText('Language: English · Marketing mail: refused').waitFor();
    await page.goto(mailingUrl.replace(/\/app\/mailings\/.*$/, `/app/campaigns`));
    await page.getByRole('row', { name: /Kevään koulutukset 2027/ }).waitFor();
    expect(errors).toEqual([]);

    // Aino sets Matti's consent by hand on his customer's page
    await page.goto(`${app.server.baseUrl}/app/customers/${kivijalka.organizationId}`);
    await page.getByRole('button', { name: 'Marketing consent of Matti Lahtinen' }).click();
    const marketing = page.getByRole('dialog');
    await marketing.getByLabel('allowed').check();
    await marketing.getByLabel('Language').selectOption({ label: 'Swedish' });
    await shots(page, 'contact-marketing-en', { a11y: true });
    await marketing.getByRole('button', { name: 'Save' }).click();
    await marketing.waitFor({ state: 'detached' });
    await page.getByTestId('contacts').getByText('Language: Swedish · Marketing mail: allowed').waitFor();
    const matti = (await app.server.app.repos.contacts.get(kivijalka.contact.id))!;
    expect({ language: matti.language, consent: matti.marketingConsent }).toEqual({ language: 'sv', consent: 'granted' });
    expect(errors).toEqual([]);

    // in Finnish: every new screen speaks Finnish
    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/campaigns', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Kampanjat', level: 1 }).waitFor();
    await fi.page.getByRole('row', { name: /Kevään koulutukset 2027 .* Käynnissä Aino Virtanen 1 \/ 1/ }).waitFor();
    await shots(fi.page, 'campaigns-fi', { a11y: true });
    await fi.page.getByRole('button', { name: 'Uusi kampanja' }).click();
    await fi.page.getByLabel(/^Kampanjan nimi/).waitFor();
    await shots(fi.page, 'campaign-new-fi');
    await fi.page.getByRole('link', { name: 'Kevään koulutukset 2027' }).click();
    await fi.page.getByTestId('audience').getByText('3 asiakasta (0 rajattu pois)').waitFor();
    await fi.page.getByRole('button', { name: 'Kirjoita postitus' }).click();
    await fi.page.getByLabel(/^Aihe \(suomi\)/).fill('Syksyn koulutukset, {{firstName}}');
    await fi.page.getByTestId('mailing-preview').getByText('Syksyn koulutukset, Matti').waitFor();
    await shots(fi.page, 'campaign-fi', { a11y: true });
    await fi.page.goto(mailingUrl);
    await fi.page.getByText('Lähetetty: 2 lähetetty, 0 epäonnistui, 1 ohitettu.').waitFor();
    await fi.page.getByTestId('recipients').getByText('Yhteyshenkilö on kieltänyt markkinointiviestit.').waitFor();
    await shots(fi.page, 'mailing-sent-fi', { a11y: true });
    await nav(fi.page).getByRole('link', { name: 'Lähtevät' }).click();
    await fi.page.getByRole('heading', { name: 'Kehitysympäristön lähtevät viestit', level: 1 }).waitFor();
    await fi.page.getByTestId('outbox').locator('summary', { hasText: 'Kevään koulutukset, Matti' }).click();
    await shots(fi.page, 'outbox-fi', { a11y: true });
    await fi.page.goto(`${app.server.baseUrl}/app/customers/${lumo.organizationId}`);
    await fi.page.getByTestId('contacts').getByText('Kieli: englanti · Markkinointiviestit: kielletty').waitFor();
    await fi.page.getByRole('button', { name: 'Henkilön Anna Berg markkinointilupa' }).click();
    await fi.page.getByRole('dialog').getByLabel('kielletty').waitFor();
    await shots(fi.page, 'contact-marketing-fi', { a11y: true });
    await fi.page.getByRole('dialog').getByRole('button', { name: 'Peruuta' }).click();
    await fi.page.goto(`${app.server.baseUrl}/app/contacts/${lumo.contact.id}`);
    await fi.page.getByTestId('contact-consent').getByText('kielletty').waitFor();
    expect(fi.errors).toEqual([]);
  });

  it('adds a selection to a campaign from the selection page, as an exclusion, after confirming its count (a campaign changed meanwhile asks again)', async () => {
    const t = app.server.app;
    const aino = { Authorization: `Bearer ${await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen')}` };
    const sel = await t.http.post('/api/v1/selections').set(aino).send({ name: 'Markkinointikiellot', kind: 'static', memberIds: [kielto.organizationId] });
    expect(sel.status).toBe(201);
    const campaign = (await t.http.get('/api/v1/campaigns').set(aino)).body.items.find((c: { name: string }) => c.name === 'Kevään koulutukset 2027');

    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/selections/${sel.body.id}` });
    await page.getByRole('heading', { name: 'Markkinointikiellot', level: 1 }).waitFor();
    const section = page.getByRole('region', { name: 'Add to a campaign' });
    await section.getByLabel('Campaign').selectOption({ label: 'Kevään koulutukset 2027 (Active)' });
    await section.getByLabel('As').selectOption({ label: 'Exclusion: gets none' });
    await section.getByRole('button', { name: 'Add…' }).click();
    await section.getByText('The campaign Kevään koulutukset 2027 leaves out this customer.').waitFor();
    await shots(page, 'selection-to-campaign-en', { a11y: true });
    // someone changes the campaign before the confirmation: asked again, nothing lost
    const now = (await t.http.get(`/api/v1/campaigns/${campaign.id}`).set(aino)).body.campaign;
    expect((await t.http.patch(`/api/v1/campaigns/${campaign.id}`).set(aino).send({ version: now.version, purpose: 'Kevään avoimet koulutukset' })).status).toBe(200);
    await section.getByRole('button', { name: 'Add to the campaign' }).click();
    await section.getByText('The campaign was changed meanwhile. Its latest version is loaded: confirm again.').waitFor();
    await section.getByRole('button', { name: 'Add…' }).click();
    await section.getByRole('button', { name: 'Add to the campaign' }).click();
    await section.getByText('The selection is now part of the campaign Kevään koulutukset 2027.').waitFor();
    const after = (await t.http.get(`/api/v1/campaigns/${campaign.id}`).set(aino)).body.campaign;
    expect({ purpose: after.purpose, exclusions: after.exclusionSelectionIds, targets: after.targetSelectionIds })
      .toEqual({ purpose: 'Kevään avoimet koulutukset', exclusions: [sel.body.id], targets: [selectionId] });
    await section.getByRole('link', { name: 'Open the campaign' }).click();
    await page.getByTestId('audience').getByText('2 customers (1 excluded)').waitFor();
    expect(errors).toEqual([]);

    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/selections/${sel.body.id}`, locale: 'fi-FI' });
    const fiSection = fi.page.getByRole('region', { name: 'Lisää kampanjaan' });
    await fiSection.getByLabel('Kampanja').selectOption({ label: 'Kevään koulutukset 2027 (Käynnissä)' });
    await fiSection.getByText('Poiminta kuuluu jo kampanjaan Kevään koulutukset 2027.').waitFor();
    expect(await fiSection.getByRole('button', { name: 'Lisää…' }).isDisabled()).toBe(true);
    await shots(fi.page, 'selection-to-campaign-fi', { a11y: true });
    expect(fi.errors).toEqual([]);
  });
});
