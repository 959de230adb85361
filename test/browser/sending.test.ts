/**
 * Log when sent in a real browser (issue 11, "Logging what I send", scenario 5): the built pane in
 * Chromium at 340 px over the real server and database, office.js answered by the scripted Outlook
 * host, whose send runs the built on-send handler (commands.html → events/events.js) in a hidden
 * frame sharing the pane's mailbox, as Outlook's event runtime would. The account manager turns on
 * "Log when sent" while writing to a customer's contact and sends: exactly one `email_out` action
 * is on the customer. Opening the sent copy shows it logged, and logging that mail by hand gives the
 * same action. Where the client has no send event (Mailbox 1.11) the pane says so, and opening the
 * sent copy logs it; without Mailbox 1.8 the pane says the option is not available.
 */
import type { Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { DEFAULT_USER, seedCustomer, type OutlookItem, type SeededCustomer } from '../support/browser';
import { describeInBrowser, expectClean, failing, fill, looked, paneInBrowser } from '../support/paneInBrowser';

jest.setTimeout(120_000);

const user = DEFAULT_USER;

describeInBrowser('log when sent, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  async function asAino() {
    return { Authorization: `Bearer ${await harness.server.app.tokenFor(user.emailAddress, 'account_manager', user.displayName)}` };
  }

  const emailOut = async (customer: SeededCustomer) =>
    (await harness.api(`/organizations/${customer.organizationId}/actions?kind=email_out`)).items;

  const draftTo = (customer: SeededCustomer, subject: string): OutlookItem => ({
    mode: 'compose', subject, conversationId: `sending-${Date.now()}`,
    to: [{ displayName: customer.contact.name, emailAddress: customer.contact.email }], body: 'Hei, tässä syksyn koulutustarjous.',
  });

  /** The switch slides: wait for its transition before a screenshot. */
  const settled = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: compose with Log when sent, send → exactly one email_out action; the sent copy shows it logged, and a hand log gives the same action', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
    const subject = lang === 'fi' ? 'Tarjous: työturvallisuuskortti' : 'Offer: occupational safety card';
    const pane = await harness.open({ user, language: tag, mailboxVersion: '1.12', item: draftTo(customer, subject) });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1000 });
    await failing(pane, `sending-${lang}`, async () => {
      const toggle = page.getByRole('switch', { name: t['pane.send.toggle'], exact: true });
      await toggle.click();
      await page.getByText(fill(t['pane.send.willLog'], { customers: organizationName }), { exact: true }).waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect(await pane.outlook.calls()).toContain('internetHeaders.setAsync');
      await settled(page);
      await looked(page, `sending-${lang}-1-compose-log-when-sent-340px`);
      expect(await emailOut(customer)).toEqual([]);

      const { completed, sent } = await pane.outlook.send();
      expect(completed).toEqual({ allowEvent: true });
      expect(sent.headers?.['x-asiakkuus-log']).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const logged = await emailOut(customer);
      expect(logged).toEqual([expect.objectContaining({
        kind: 'email_out', subject, contactIds: [customer.contact.id], loggedBy: expect.objectContaining({ name: user.displayName }),
      })]);

      // the pinned pane moves to the sent copy: it is shown as logged, with no button to log it again
      await pane.outlook.selectItem(sent);
      const section = page.getByRole('region', { name: t['pane.log.heading'], exact: true });
      await section.getByText(new RegExp(`^${fill(t['pane.log.loggedBy'], { name: user.displayName, date: '' }).trim()}`)).waitFor();
      expect(await page.getByRole('button', { name: t['pane.log.button'], exact: true }).count()).toBe(0);
      await looked(page, `sending-${lang}-2-sent-copy-logged-340px`);

      // logging that mail by hand (a colleague's pane, say) gives the same action
      const byHand = await harness.server.app.http.post('/api/v1/actions/email').set(await asAino()).send({
        internetMessageId: sent.internetMessageId, subject, occurredAt: sent.dateTimeCreated, direction: 'out',
        from: user.emailAddress, to: [customer.contact.email], cc: [],
      });
      expect(byHand.status).toBe(200);
      expect(byHand.body).toMatchObject({ created: false, action: { id: logged[0]!.id } });
      const after = await emailOut(customer);
      expect(after).toHaveLength(1);
      expect(after[0]!.id).toBe(logged[0]!.id);
      // the action itself now names the sent mail (what a merge moves the mail's claim by)
      expect((await harness.server.app.models.Action.findById(logged[0]!.id).lean())?.internetMessageId).toBe(sent.internetMessageId);
      expectClean(pane);
    });
  });

  test('without a send event (Mailbox 1.11) the pane says the mail is logged from Sent Items, and opening the sent copy logs it once; without 1.8 the option is not offered', async () => {
    const customer = await seedCustomer(harness.server.app, { organizationName: 'Kaukolämpö Oy', domain: 'kaukolampo.fi', createdDaysAgo: 400 });
    const pane = await harness.open({ user, language: 'fi-FI', mailboxVersion: '1.11', item: draftTo(customer, 'Kurssitarjous') });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1000 });
    await failing(pane, 'sending-fi-fallback', async () => {
      await page.getByRole('switch', { name: fi['pane.send.toggle'], exact: true }).click();
      await page.getByText(fi['pane.send.fromSentItems'], { exact: true }).waitFor();
      await settled(page);
      await looked(page, 'sending-fi-3-no-send-event-340px');

      const { completed, sent } = await pane.outlook.send();
      expect(completed).toBeNull(); // no event runtime ran
      expect(await emailOut(customer)).toEqual([]);
      await pane.outlook.selectItem(sent);
      await page.getByRole('region', { name: fi['pane.log.heading'], exact: true })
        .getByText(new RegExp(`^${fill(fi['pane.log.loggedBy'], { name: user.displayName, date: '' }).trim()}`)).waitFor();
      const logged = await emailOut(customer);
      expect(logged).toEqual([expect.objectContaining({ subject: 'Kurssitarjous', internetMessageId: sent.internetMessageId })]);
      // opening it again changes nothing
      await pane.outlook.selectItem(null);
      await pane.outlook.selectItem(sent);
      await page.getByRole('region', { name: fi['pane.log.heading'], exact: true }).getByRole('status').waitFor();
      expect(await emailOut(customer)).toHaveLength(1);
      expect(pane.pageErrors).toEqual([]);
    });

    const old = await harness.open({ user, language: 'en-GB', mailboxVersion: '1.7', item: draftTo(customer, 'Old Outlook') });
    await old.page.setViewportSize({ width: 340, height: 800 });
    await failing(old, 'sending-en-unavailable', async () => {
      await old.page.getByText(en['pane.send.unavailable'], { exact: true }).waitFor();
      expect(await old.page.getByRole('switch').count()).toBe(0);
      await looked(old.page, 'sending-en-4-unavailable-340px');
    });
  });
});
