/**
 * Feedback in the pane (issue 13), in Chromium at 340 px over the real server and database, office.js
 * answered by the scripted Outlook host: after the contact answered a survey, the customer's card
 * shows the score ("NPS 9 · 3 Dec"); the contact's card copies a survey link (or shows it where the
 * clipboard is not allowed), which is that contact's one invitation and opens the answer page.
 */
import { feedbackEn, feedbackFi } from '../../addin/src/core/i18n/messages/pane/feedback';
import { DEFAULT_USER, seedCustomer } from '../support/browser';
import { describeInBrowser, expectClean, failing, looked, paneInBrowser } from '../support/paneInBrowser';

jest.setTimeout(120_000);

const user = DEFAULT_USER;

describeInBrowser('feedback in the pane, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  test.each([
    ['fi', 'fi-FI', feedbackFi, 'Palautepaja Oy', 'palautepaja.fi', /^NPS 9 · \d{1,2}\.\s?\S+$/],
    ['en', 'en-GB', feedbackEn, 'Feedback Works Ab', 'feedback-works.fi', /^NPS 9 · \d{1,2} [A-Z][a-z]{2}$/],
  ] as const)('in %s: the card shows the newest score and the contact’s card copies a survey link', async (lang, tag, t, organizationName, domain, scoreLine) => {
    const { app } = harness.server;
    const customer = await seedCustomer(app, { organizationName, domain, createdDaysAgo: 400 });
    const token = await app.tokenFor(user.emailAddress, 'account_manager', user.displayName);
    const survey = await app.http.post('/api/v1/surveys').set('Authorization', `Bearer ${token}`).send({ name: `Kysely ${lang}`, type: 'nps' });
    expect(survey.status).toBe(201);
    const link = await app.http.post(`/api/v1/surveys/${survey.body.id}/link`).set('Authorization', `Bearer ${token}`).send({ contactId: customer.contact.id });
    const path = new URL(link.body.url).pathname;
    expect((await app.http.post(path).type('form').send({ q_score: '9' })).status).toBe(200);

    const pane = await harness.open({
      user, language: tag,
      item: {
        mode: 'read', internetMessageId: `<palaute-${lang}@${domain}>`, conversationId: `AAQk-feedback-${lang}`, subject: 'Kiitos koulutuksesta',
        from: { displayName: customer.contact.name, emailAddress: customer.contact.email }, to: [{ displayName: user.displayName, emailAddress: user.emailAddress }],
        body: 'Hei, kiitos koulutuksesta.',
      },
    });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1100 });
    await failing(pane, `pane-feedback-${lang}`, async () => {
      const card = page.getByRole('region', { name: organizationName });
      const score = card.getByTestId('pane-feedback');
      await score.waitFor();
      expect(await score.textContent()).toMatch(scoreLine);

      await page.getByRole('button', { name: t['pane.feedback.copyLink'], exact: true }).click();
      await page.getByRole('combobox', { name: t['pane.feedback.survey'] }).selectOption({ label: `Kysely ${lang}` });
      await page.getByRole('button', { name: t['pane.feedback.copyLink'], exact: true }).click();
      const shown = page.getByTestId('survey-link');
      await shown.waitFor();
      // the same invitation as the link made before: one per survey × contact
      expect(new URL(await shown.inputValue()).pathname).toBe(path);
      await looked(page, `pane-feedback-${lang}-340px`);
      expectClean(pane);
    });
  });
});
