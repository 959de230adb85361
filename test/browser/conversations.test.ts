/**
 * Whole conversations in a real browser (issue 11, "Whole conversations", scenario 4): the built
 * pane in Chromium at 340 px over the real server and database, office.js answered by the scripted
 * Outlook host. Aino logs a customer's mail with "Also track this conversation"; Mikko opens the
 * customer's reply in his own mailbox (his own conversation id; the reply's In-Reply-To names the
 * first mail): the pane logs it by itself, once, and says "logged automatically: tracked
 * conversation". Aino opening the same reply gets the same action, no second one. After "Stop
 * tracking" the next mail of the conversation waits for a hand log again.
 */
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { DEFAULT_USER, seedCustomer, type OutlookAddress, type OutlookItem, type OutlookUser, type SeededCustomer } from '../support/browser';
import { describeInBrowser, expectClean, failing, fill, looked, paneInBrowser, textOf } from '../support/paneInBrowser';

jest.setTimeout(150_000);

const aino = DEFAULT_USER;
const mikko: OutlookUser = { displayName: 'Mikko Korhonen', emailAddress: 'mikko.korhonen@omnia.fi', timeZone: 'FLE Standard Time' };
const address = (u: OutlookUser): OutlookAddress => ({ displayName: u.displayName, emailAddress: u.emailAddress });

describeInBrowser('tracked conversations, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  const mailsOf = async (customer: SeededCustomer) => (await harness.api(`/organizations/${customer.organizationId}/actions?kind=email_in`)).items;

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: track a conversation, a colleague opens a later mail of it → logged automatically once; after Stop tracking the next one waits', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
    const from: OutlookAddress = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const stamp = Date.now();
    const mailOf = (n: number, extra: Partial<OutlookItem>): OutlookItem => ({
      internetMessageId: `<conversation-${n}-${stamp}@${domain}>`, subject: `${lang === 'fi' ? 'Tarjouspyyntö' : 'Request for an offer'} ${stamp}`,
      dateTimeCreated: new Date(Date.now() - (5 - n) * 60 * 60_000).toISOString(), from, to: [address(aino), address(mikko)],
      body: 'Hei, pyytäisimme tarjousta työturvallisuuskoulutuksesta.', ...extra,
    });
    const first = mailOf(1, { conversationId: `aino-${stamp}` });
    const reply = (n: number, mailbox: string, previous: OutlookItem) =>
      mailOf(n, { conversationId: `${mailbox}-${stamp}`, headers: { 'In-Reply-To': previous.internetMessageId!, References: `${first.internetMessageId} ${previous.internetMessageId}` } });
    const second = reply(2, 'mikko', first);

    // Aino logs the first mail and tracks its conversation
    const ainoPane = await harness.open({ user: aino, language: tag, mailboxVersion: '1.12', item: first });
    await ainoPane.page.setViewportSize({ width: 340, height: 1100 });
    await failing(ainoPane, `conversations-${lang}-aino`, async () => {
      const { page } = ainoPane;
      const option = page.getByRole('checkbox', { name: new RegExp(t['pane.track.option']) });
      await option.waitFor();
      await looked(page, `conversations-${lang}-0-option-340px`);
      await option.check();
      await page.getByRole('button', { name: t['pane.log.button'], exact: true }).click();
      await page.getByText(textOf(t['pane.track.trackedFor'], { organization: organizationName, name: aino.displayName })).waitFor();
      await looked(page, `conversations-${lang}-1-tracked-340px`);
    });
    expect((await mailsOf(customer)).map((a) => a.internetMessageId)).toEqual([first.internetMessageId]);

    // Mikko opens the customer's reply in his own mailbox: logged by itself, once
    const mikkoPane = await harness.open({ user: mikko, language: tag, mailboxVersion: '1.12', item: second });
    await mikkoPane.page.setViewportSize({ width: 340, height: 1100 });
    await failing(mikkoPane, `conversations-${lang}-mikko`, async () => {
      const { page } = mikkoPane;
      await page.getByText(fill(t['pane.log.auto'], { organization: organizationName }), { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: t['pane.log.button'], exact: true }).count()).toBe(0);
      await looked(page, `conversations-${lang}-2-logged-automatically-340px`);
    });
    const afterSecond = await mailsOf(customer);
    expect(afterSecond.filter((a) => a.internetMessageId === second.internetMessageId)).toEqual([
      expect.objectContaining({ kind: 'email_in', conversationId: first.conversationId, loggedBy: expect.objectContaining({ name: mikko.displayName }) }),
    ]);

    // Aino opens the same reply (her copy has her conversation id): it is logged, by Mikko; no second action
    await ainoPane.outlook.selectItem({ ...second, conversationId: first.conversationId });
    await failing(ainoPane, `conversations-${lang}-aino-reply`, async () => {
      await ainoPane.page.getByText(textOf(t['pane.log.loggedBy'], { name: mikko.displayName })).waitFor();
    });
    expect((await mailsOf(customer)).filter((a) => a.internetMessageId === second.internetMessageId)).toHaveLength(1);

    // Mikko stops the tracking; the next mail of the conversation is not logged by itself
    await failing(mikkoPane, `conversations-${lang}-stop`, async () => {
      const { page } = mikkoPane;
      await page.getByRole('button', { name: fill(t['pane.track.stopLabel'], { organization: organizationName }), exact: true }).click();
      await page.getByText(t['pane.track.stopped'], { exact: true }).waitFor();
      await looked(page, `conversations-${lang}-3-stopped-340px`);
      const third = reply(3, 'mikko', second);
      await mikkoPane.outlook.selectItem(third);
      await page.getByRole('button', { name: t['pane.log.button'], exact: true }).waitFor();
      await new Promise((r) => setTimeout(r, 500));
      expect((await mailsOf(customer)).filter((a) => a.internetMessageId === third.internetMessageId)).toEqual([]);
    });
    expectClean(ainoPane);
    expectClean(mikkoPane);
  });
});
