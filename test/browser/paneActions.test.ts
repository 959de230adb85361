/**
 * Acting on a customer from the task pane in a real browser (issue 11, "Act from the pane",
 * scenario 3): the built pane in Chromium at 340 px over the real server and database, office.js
 * answered by the scripted Outlook host. The account manager logs a call and adds a follow-up on
 * the card of an overdue A customer; both are on the customer's page in the web app (its API),
 * and the card's care plan shows the call at once. Once in Finnish, once in English, each with a
 * screenshot in test-artifacts/browser/ and an axe check.
 */
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { DEFAULT_USER, seedCustomer, type OutlookItem } from '../support/browser';
import { describeInBrowser, expectClean, failing, fill, looked, paneInBrowser } from '../support/paneInBrowser';

jest.setTimeout(90_000);

const user = DEFAULT_USER;

/** The words of the two-way contact rule (shared/domain/carePlan.ts) in each language. */
const TWO_WAY = { fi: 'Kaksisuuntainen yhteydenpito', en: 'Two-way contact' } as const;

describeInBrowser('acting on a customer from the task pane, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: logs a call and adds a follow-up from the card; both are on the customer page, and the care plan shows the call at once', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
    const matti = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const item: OutlookItem = {
      internetMessageId: `<paneact-${lang}-${Date.now()}@${domain}>`, conversationId: `paneact-${lang}`, subject: 'Syksyn koulutukset',
      dateTimeCreated: new Date(Date.now() - 3_600_000).toISOString(), from: matti, to: [{ displayName: user.displayName, emailAddress: user.emailAddress }],
      body: 'Hei, soitellaan ensi viikolla.',
    };
    const pane = await harness.open({ user, language: tag, item });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1200 });
    await failing(pane, `paneact-${lang}`, async () => {
      const card = page.getByRole('region', { name: organizationName, exact: true });
      const twoWay = card.getByRole('listitem').filter({ hasText: TWO_WAY[lang] });
      await twoWay.getByText(t['code.carePlanStatus.overdue'], { exact: true }).waitFor();
      await card.getByText(t['pane.tasks.none'], { exact: true }).waitFor();

      // log a call: now, with the mail's contact ticked
      await card.getByRole('button', { name: fill(t['pane.act.openFor'], { organization: organizationName }), exact: true }).click();
      const form = card.getByRole('form', { name: t['pane.act.heading'], exact: true });
      expect(await form.getByRole('checkbox', { name: customer.contact.name }).isChecked()).toBe(true);
      await form.getByRole('textbox', { name: t['pane.act.subject'] }).fill('Syksyn koulutustarve');
      await looked(page, `paneact-${lang}-1-log-call-form-340px`);
      await form.getByRole('button', { name: t['pane.form.save'], exact: true }).click();
      await card.getByText(fill(t['pane.act.saved'], { kind: t['code.actionKind.call'] }), { exact: true }).waitFor();
      await twoWay.getByText(t['code.carePlanStatus.on_track'], { exact: true }).waitFor();

      // add a follow-up: due in two weeks, assigned to me
      await card.getByRole('button', { name: fill(t['pane.tasks.addFor'], { organization: organizationName }), exact: true }).click();
      const taskForm = card.getByRole('form', { name: t['pane.tasks.formHeading'], exact: true });
      await taskForm.getByRole('textbox', { name: t['pane.tasks.title'] }).fill('Soita takaisin');
      await looked(page, `paneact-${lang}-2-follow-up-form-340px`);
      await taskForm.getByRole('button', { name: t['pane.form.save'], exact: true }).click();
      await card.getByText(fill(t['pane.tasks.added'], { title: 'Soita takaisin' }), { exact: true }).waitFor();
      await card.getByRole('button', { name: fill(t['pane.tasks.completeThis'], { title: 'Soita takaisin' }), exact: true }).waitFor();

      // the customer page of the web app sees both
      const actions = await harness.api(`/organizations/${customer.organizationId}/actions`);
      expect(actions.items).toEqual([
        expect.objectContaining({ kind: 'call', subject: 'Syksyn koulutustarve', contactIds: [customer.contact.id], loggedBy: expect.objectContaining({ name: user.displayName }) }),
      ]);
      const tasks = await harness.api(`/tasks?organizationId=${customer.organizationId}`);
      expect(tasks.items).toHaveLength(1);
      const dueOn = String(tasks.items[0]!.dueOn);
      const days = Math.round((Date.parse(`${dueOn}T12:00:00Z`) - Date.now()) / 86_400_000);
      expect(days).toBeGreaterThanOrEqual(13);
      expect(days).toBeLessThanOrEqual(15);
      expect(tasks.items[0]).toMatchObject({ title: 'Soita takaisin', status: 'open', assignee: expect.objectContaining({ email: user.emailAddress }) });

      expectClean(pane);
      await looked(page, `paneact-${lang}-3-after-call-and-follow-up-340px`);
    });
  });
});
