/**
 * Surveys in the real browser: Aino makes an NPS survey with a heading in three languages (a language
 * left empty is refused at its field), rewords its question, retires it and takes it back into use;
 * in a campaign's new mailing she picks it, the editor says the text lacks `{{surveyLink}}` in which
 * languages, the server's refusal shows at the text's field, and the editor adds the link for her.
 * A contact answers through the link; the administrator's audit log says so in words. Every new
 * screen in English and Finnish, at a desktop's width and a phone's.
 */
import type { Page } from 'playwright-core';
import { seedCustomer, type SeededCustomer } from '../support/browser';
import { describeInBrowser, shots, webAppInBrowser } from '../support/webApp';

jest.setTimeout(180_000);

describeInBrowser('surveys in the browser', () => {
  let customer: SeededCustomer;
  let campaignId = '';
  const app = webAppInBrowser(async (server) => {
    const t = server.app;
    customer = await seedCustomer(t, { organizationName: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', contact: { name: 'Matti Lahtinen', email: 'matti.lahtinen@kivijalka.fi' } });
    const aino = { Authorization: `Bearer ${await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen')}` };
    await t.tokenFor('admin@omnia.fi', 'admin', 'Pääkäyttäjä');
    const campaign = await t.http.post('/api/v1/campaigns').set(aino).send({ name: 'Palautekampanja', startsOn: '2026-01-01', endsOn: '2027-12-31', status: 'active' });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: /^(Main|Päävalikko)$/ });

  it('makes, rewords and retires a survey, picks it for a mailing that gets its link, and the answer reads as words in the audit log', async () => {
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/' });
    await nav(page).getByRole('link', { name: 'Surveys' }).click();
    await page.getByRole('heading', { name: 'Feedback surveys', level: 1 }).waitFor();
    await page.getByText('No surveys yet.').waitFor();

    // a new NPS survey; the Swedish heading left empty is refused at its field
    await page.getByRole('button', { name: 'New survey' }).click();
    const form = page.getByTestId('survey-form');
    await form.getByLabel(/^Name/).fill('Kevätkysely 2027');
    const heading = page.getByRole('group', { name: 'Heading respondents see' });
    await heading.getByLabel(/^In Finnish/).fill('Kevään palaute');
    await heading.getByLabel(/^In English/).fill('Spring feedback');
    await page.getByRole('group', { name: /^Question 1 \(scale 0–10\)/ }).getByLabel(/^In English/).waitFor();
    expect(await page.getByRole('group', { name: /^Question 1/ }).getByLabel(/^In Finnish/).inputValue()).toMatch(/^Kuinka todennäköisesti suosittelisit/);
    await shots(page, 'survey-new-en', { a11y: true });
    await page.getByRole('button', { name: 'Create survey' }).click();
    await heading.getByText('Fill this in.').waitFor();
    await heading.getByLabel(/^In Swedish/).fill('Vårens respons');
    await page.getByRole('button', { name: 'Create survey' }).click();

    // its page: active, no answers; the question reworded, then retired and back in use
    await page.getByRole('heading', { name: 'Survey: Kevätkysely 2027', level: 1 }).waitFor();
    await page.getByText('Active', { exact: true }).waitFor();
    await page.getByText('0 answers of 0 invitations').waitFor();
    await page.getByText('An NPS or satisfaction survey keeps its two questions: only their texts can change.').waitFor();
    await page.getByRole('group', { name: /^Question 1/ }).getByLabel(/^In English/).fill('Would you recommend our training to a colleague?');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Survey saved.').waitFor();
    await page.getByRole('button', { name: 'Retire survey' }).click();
    await page.getByText('Retired', { exact: true }).waitFor();
    await shots(page, 'survey-retired-en', { a11y: true });
    await page.getByRole('button', { name: 'Take survey back into use' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
    const surveyId = page.url().split('/app/surveys/')[1]!;
    const stored = (await app.server.app.repos.surveys.get(surveyId))!;
    expect({ title: stored.title, question: stored.questions[0]!.text.en, status: stored.status, version: stored.version })
      .toEqual({ title: { fi: 'Kevään palaute', sv: 'Vårens respons', en: 'Spring feedback' }, question: 'Would you recommend our training to a colleague?', status: 'open', version: 3 });
    await page.getByRole('link', { name: 'All surveys' }).click();
    await page.getByRole('row', { name: /Kevätkysely 2027 NPS: likelihood to recommend .* Active 0 answers of 0 invitations/ }).waitFor();
    await shots(page, 'surveys-en', { a11y: true });

    // a mailing with the survey: the editor says what is missing, the server's refusal shows at the text, the editor adds the link
    await page.goto(`${app.server.baseUrl}/app/campaigns/${campaignId}`);
    await page.getByRole('button', { name: 'Write a mailing' }).click();
    await page.getByLabel(/^Subject \(Finnish\)/).fill('Kerro mielipiteesi');
    await page.getByLabel(/^Text \(Finnish\)/).fill('Hei {{firstName}},\n\nkerro, miten onnistuimme.');
    await page.getByLabel(/^Feedback survey/).selectOption({ label: 'Kevätkysely 2027' });
    const missing = page.getByTestId('survey-link-missing');
    await missing.getByText('The mailing invites to a survey, so its text must have {{surveyLink}}. Missing in: Finnish.').waitFor();
    await shots(page, 'mailing-survey-en', { a11y: true });
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByText('The text must have {{surveyLink}}: the mailing invites to a survey.').waitFor();
    await page.getByRole('tab', { name: /^Finnish.* – check/ }).waitFor();
    await missing.getByRole('button', { name: 'Add {{surveyLink}} to the text' }).click();
    await missing.waitFor({ state: 'detached' });
    expect(await page.getByLabel(/^Text \(Finnish\)/).inputValue()).toBe('Hei {{firstName}},\n\nkerro, miten onnistuimme.\n\n{{surveyLink}}');
    await page.getByTestId('mailing-preview').getByText(/\/p\/feedback\//).waitFor();
    await shots(page, 'mailing-survey-added-en', { a11y: true });
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { name: 'Kerro mielipiteesi', level: 1 }).waitFor();
    expect(await page.getByLabel(/^Feedback survey/).inputValue()).toBe(surveyId);
    expect(errors).toEqual([]);

    // Matti answers through his link; the administrator's audit log says so, marked as a contact's own
    const aino = { Authorization: `Bearer ${await app.server.app.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen')}` };
    const link = await app.server.app.http.post(`/api/v1/surveys/${surveyId}/link`).set(aino).send({ contactId: customer.contact.id, language: 'en' });
    await page.goto(link.body.url.replace(/^https?:\/\/[^/]+/, app.server.baseUrl));
    await page.getByRole('heading', { name: 'Spring feedback' }).waitFor();
    await page.getByText('9', { exact: true }).click();
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    const admin = await app.signIn('admin@omnia.fi', { path: '/app/admin/audit' });
    const audit = admin.page.getByTestId('audit');
    await audit.getByRole('row', { name: /Matti Lahtinen contact, on a public page Answered a feedback survey 1 field/ }).waitFor();
    await audit.getByRole('row', { name: /Aino Virtanen .* Feedback survey: changed/ }).first().waitFor();
    await shots(admin.page, 'audit-en', { a11y: true });
    expect(admin.errors).toEqual([]);

    // in Finnish: the list, the editor, the picker and the audit log speak Finnish
    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/surveys', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Palautekyselyt', level: 1 }).waitFor();
    await fi.page.getByRole('row', { name: /Kevätkysely 2027 NPS: suositteluhalukkuus .* Käytössä 1 vastaus \/ 1 kutsu/ }).waitFor();
    await shots(fi.page, 'surveys-fi', { a11y: true });
    await fi.page.getByRole('button', { name: 'Uusi kysely' }).click();
    await fi.page.getByLabel(/^Kyselyn tyyppi/).selectOption({ label: 'Omat kysymykset (enintään 5)' });
    await fi.page.getByRole('button', { name: 'Lisää kysymys' }).click();
    await fi.page.getByLabel('Vastaus kysymykseen 2').selectOption({ label: 'vapaa teksti' });
    await fi.page.getByRole('group', { name: 'Kysymys 2 (vapaa teksti)' }).getByLabel(/^Suomeksi/).fill('Mitä muuta haluat kertoa?');
    await shots(fi.page, 'survey-new-fi', { a11y: true });
    await fi.page.getByRole('link', { name: 'Kevätkysely 2027' }).click();
    await fi.page.getByText('NPS- ja tyytyväisyyskyselyssä on aina nämä kaksi kysymystä: vain niiden tekstejä voi muuttaa.').waitFor();
    await shots(fi.page, 'survey-fi', { a11y: true });
    await fi.page.goto(`${app.server.baseUrl}/app/campaigns/${campaignId}`);
    await fi.page.getByRole('button', { name: 'Kirjoita postitus' }).click();
    await fi.page.getByLabel(/^Aihe \(suomi\)/).fill('Palautetta, kiitos');
    await fi.page.getByLabel(/^Palautekysely/).selectOption({ label: 'Kevätkysely 2027' });
    await fi.page.getByTestId('survey-link-missing').getByText('Viesti kutsuu kyselyyn, joten sen tekstissä pitää olla {{surveyLink}}. Puuttuu: suomi.').waitFor();
    await shots(fi.page, 'mailing-survey-fi', { a11y: true });
    expect(fi.errors).toEqual([]);
    const adminFi = await app.signIn('admin@omnia.fi', { path: '/app/admin/audit', locale: 'fi-FI' });
    await adminFi.page.getByTestId('audit').getByRole('row', { name: /Matti Lahtinen yhteyshenkilö, julkinen sivu Vastasi palautekyselyyn 1 kenttä/ }).waitFor();
    await shots(adminFi.page, 'audit-fi', { a11y: true });
    expect(adminFi.errors).toEqual([]);
  });
});
