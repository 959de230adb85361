/**
 * Feedback in the real browser over the demo data (issue 13): a contact opens the survey link on a
 * phone (375 px wide, no sign-in), answers with the keyboard and the pointer, and the account manager
 * then sees the score on the customer's page; once in English, once in Finnish. Management sees the
 * NPS per segment and customer group on the dashboard. Screenshots in test-artifacts/browser.
 */
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(120_000);

describeInBrowser('survey answers in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  async function surveyLink(contactName: RegExp, language: 'fi' | 'en') {
    const { models, http } = app.server.app;
    const survey = await models.Survey.findOne({ name: 'Asiakastyytyväisyys 2026' }).lean();
    const answered = new Set((await models.Invitation.find({ answeredAt: { $ne: null } }, { contactId: 1 }).lean()).map((i) => String(i.contactId)));
    const contacts = await models.Contact.find().lean();
    const contact = contacts.find((c) => contactName.test(c.name) && !answered.has(String(c._id))) ?? contacts.find((c) => !answered.has(String(c._id)))!;
    const organization = await models.Organization.findById(contact.organizationId).lean();
    const token = await app.server.app.tokenFor('aino.virtanen@omnia.fi');
    const res = await http.post(`/api/v1/surveys/${String(survey!._id)}/link`).set('Authorization', `Bearer ${token}`).send({ contactId: String(contact._id), language });
    expect(res.status).toBe(200);
    return { path: new URL(res.body.url).pathname, organizationId: String(organization!._id), firstName: contact.name.split(' ')[0]! };
  }

  async function phone(locale: string) {
    const context = await app.browser.newContext({ viewport: { width: 375, height: 740 }, locale, timezoneId: 'Europe/Helsinki', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // a blocked style or script would show here; a failed request other than the browser's own favicon too
    page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400 && r.status() !== 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
    return { page, errors, context };
  }

  it('in English: answered on a phone, the score shows on the customer page', async () => {
    const link = await surveyLink(/^[A-Z]/, 'en');
    const { page, errors, context } = await phone('en-GB');
    await page.goto(`${app.server.baseUrl}${link.path}`);
    // the survey's heading in the invitation's language (the demo survey has one per language)
    await page.getByRole('heading', { name: 'Customer satisfaction 2026', level: 1 }).waitFor();
    await page.getByText(`Hello ${link.firstName},`).waitFor();
    const scale = page.getByRole('group', { name: 'How likely are you to recommend us to a colleague or partner?' });
    // every option is a target of at least 44 × 44 px, and the scale fits the phone's width
    for (const box of await scale.locator('label').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.right).toBeLessThanOrEqual(375);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'feedback-form-phone-en');

    // the keyboard: onto the scale, arrow to 9
    await scale.getByRole('radio', { name: '8' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await scale.getByRole('radio', { name: '9' }).isChecked()).toBe(true);
    await page.getByLabel('Anything you would like to tell us? (optional)').fill('Great trainers.');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();
    await screenshot(page, 'feedback-thanks-phone-en');
    expect(errors).toEqual([]);
    await context.close();

    const aino = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/customers/${link.organizationId}` });
    const line = aino.page.getByTestId('latest-feedback');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^Feedback: NPS 9 · \d{2}\/\d{2}$/);
    await screenshot(aino.page, 'feedback-customer-en');
    expect(aino.errors).toEqual([]);
  });

  it('in Finnish: a wrong form is shown again, the answer then saves and shows on the customer page and the dashboard', async () => {
    const link = await surveyLink(/^[A-ZÄÖ]/, 'fi');
    const { page, errors, context } = await phone('fi-FI');
    await page.goto(`${app.server.baseUrl}${link.path}`);
    await page.getByText(`Hei ${link.firstName}!`).waitFor();
    // the browser insists on a choice; a browser that does not (here: the check taken off) gets the form back, marked, with a 400
    await page.evaluate(() => document.querySelectorAll('input[required]').forEach((i) => i.removeAttribute('required')));
    const [bad] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Lähetä vastaus' }).click()]);
    expect(bad.status()).toBe(400);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Valitse yksi vaihtoehto.').isVisible()).toBe(true);
    expect(await page.getByRole('alert').textContent()).toBe('Vastausta ei tallennettu. Tarkista merkityt kohdat ja lähetä uudelleen.');
    await screenshot(page, 'feedback-form-error-phone-fi');

    await page.goto(`${app.server.baseUrl}${link.path}`);
    const scale = page.getByRole('group', { name: /^Kuinka todennäköisesti suosittelisit/ });
    await scale.getByText('10', { exact: true }).click();
    await screenshot(page, 'feedback-form-phone-fi');
    await page.getByRole('button', { name: 'Lähetä vastaus' }).click();
    await page.getByRole('heading', { name: 'Kiitos palautteestasi!' }).waitFor();
    await screenshot(page, 'feedback-thanks-phone-fi');
    expect(errors).toEqual([]);
    await context.close();

    const fi = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/customers/${link.organizationId}`, locale: 'fi-FI' });
    const line = fi.page.getByTestId('latest-feedback');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^Palaute: NPS 10 · \d{1,2}\.\s?\S+$/);
    await screenshot(fi.page, 'feedback-customer-fi');
    expect(fi.errors).toEqual([]);

    const leena = await app.signIn('leena.hamalainen@omnia.fi', { path: '/app/dashboard', locale: 'fi-FI' });
    const section = leena.page.getByTestId('feedback-dashboard');
    await section.getByRole('heading', { name: 'Asiakaspalaute (NPS) viimeiset 6 kuukautta' }).waitFor();
    await section.getByTestId('nps-overall').waitFor();
    expect(await section.getByTestId('nps-overall').textContent()).toMatch(/^NPS -?\d+, 14 vastausta$/);
    await section.getByTestId('nps-by-segment').scrollIntoViewIfNeeded();
    await section.screenshot({ path: await screenshot(leena.page, 'feedback-dashboard-fi').then((f) => f.replace(/\.png$/, '-section.png')) });
    expect(leena.errors).toEqual([]);
  });
});
