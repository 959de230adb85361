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
import type { Browser, Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import {
  DEFAULT_USER, chromiumMissing, launchChromium, openSession, removeBuiltPane, screenshot, seedCustomer, seriousA11yViolations, startPaneServer,
  type OpenPane, type OutlookItem, type PaneServer, type PaneSession, type SeededCustomer,
} from '../support/browser';

jest.setTimeout(120_000);

const missing = chromiumMissing();
if (missing) console.warn(`\n[browser tests] ${missing}\n`);
const describeInBrowser = missing ? describe.skip : describe;
if (missing && process.env.CI) {
  test('Chromium is available for the browser tests in CI', () => {
    throw new Error(missing);
  });
}

const user = DEFAULT_USER;
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

describeInBrowser('log when sent, in Chromium over the real server and database', () => {
  let server: PaneServer;
  let browser: Browser;
  const sessions: PaneSession[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPaneServer(), launchChromium()]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeBuiltPane();
  });

  async function asAino() {
    return { Authorization: `Bearer ${await server.app.tokenFor(user.emailAddress, 'account_manager', user.displayName)}` };
  }

  async function emailOut(customer: SeededCustomer) {
    const answer = await server.app.http.get(`/api/v1/organizations/${customer.organizationId}/actions?kind=email_out`).set(await asAino());
    expect(answer.status).toBe(200);
    return answer.body.items as Array<Record<string, unknown>>;
  }

  /** Every text node clipped by the 340 px viewport. */
  const cutOff = (page: Page) => page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const wide: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue?.trim() || !node.parentElement) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.right > width + 1) wide.push(node.nodeValue.trim());
    }
    return wide;
  });

  const draftTo = (customer: SeededCustomer, subject: string): OutlookItem => ({
    mode: 'compose', subject, conversationId: `sending-${Date.now()}`,
    to: [{ displayName: customer.contact.name, emailAddress: customer.contact.email }], body: 'Hei, tässä syksyn koulutustarjous.',
  });

  /** The switch slides: wait for its transition before a screenshot. */
  const settled = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

  async function run<T>(pane: OpenPane, name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      await screenshot(pane.page, `${name}.failed`).catch(() => undefined);
      if (error instanceof Error) error.message += `\n\nIn the page:\n${[...pane.pageErrors, ...pane.console.slice(-20)].join('\n')}`;
      throw error;
    }
  }

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: compose with Log when sent, send → exactly one email_out action; the sent copy shows it logged, and a hand log gives the same action', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(server.app, { organizationName, domain, createdDaysAgo: 400 });
    const session = await openSession(browser, server.baseUrl);
    sessions.push(session);
    const subject = lang === 'fi' ? 'Tarjous: työturvallisuuskortti' : 'Offer: occupational safety card';
    const pane = await session.open({ user, language: tag, mailboxVersion: '1.12', item: draftTo(customer, subject) });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1000 });
    await run(pane, `sending-${lang}`, async () => {
      const toggle = page.getByRole('switch', { name: t['pane.send.toggle'], exact: true });
      await toggle.click();
      await page.getByText(fill(t['pane.send.willLog'], { customers: organizationName }), { exact: true }).waitFor();
      expect(await toggle.isChecked()).toBe(true);
      expect(await pane.outlook.calls()).toContain('internetHeaders.setAsync');
      await settled(page);
      await screenshot(page, `sending-${lang}-1-compose-log-when-sent-340px`);
      expect(await cutOff(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
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
      await screenshot(page, `sending-${lang}-2-sent-copy-logged-340px`);
      expect(await cutOff(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // logging that mail by hand (a colleague's pane, say) gives the same action
      const byHand = await server.app.http.post('/api/v1/actions/email').set(await asAino()).send({
        internetMessageId: sent.internetMessageId, subject, occurredAt: sent.dateTimeCreated, direction: 'out',
        from: user.emailAddress, to: [customer.contact.email], cc: [],
      });
      expect(byHand.status).toBe(200);
      expect(byHand.body).toMatchObject({ created: false, action: { id: logged[0]!.id } });
      const after = await emailOut(customer);
      expect(after).toHaveLength(1);
      expect(after[0]!.id).toBe(logged[0]!.id);
      // the action itself now names the sent mail (what a merge moves the mail's claim by)
      expect((await server.app.models.Action.findById(logged[0]!.id).lean())?.internetMessageId).toBe(sent.internetMessageId);
      expect(pane.pageErrors).toEqual([]);
      expect(pane.foreignRequests).toEqual([]);
    });
  });

  test('without a send event (Mailbox 1.11) the pane says the mail is logged from Sent Items, and opening the sent copy logs it once; without 1.8 the option is not offered', async () => {
    const customer = await seedCustomer(server.app, { organizationName: 'Kaukolämpö Oy', domain: 'kaukolampo.fi', createdDaysAgo: 400 });
    const session = await openSession(browser, server.baseUrl);
    sessions.push(session);
    const pane = await session.open({ user, language: 'fi-FI', mailboxVersion: '1.11', item: draftTo(customer, 'Kurssitarjous') });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1000 });
    await run(pane, 'sending-fi-fallback', async () => {
      await page.getByRole('switch', { name: fi['pane.send.toggle'], exact: true }).click();
      await page.getByText(fi['pane.send.fromSentItems'], { exact: true }).waitFor();
      await settled(page);
      await screenshot(page, 'sending-fi-3-no-send-event-340px');
      expect(await cutOff(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);

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

    const old = await session.open({ user, language: 'en-GB', mailboxVersion: '1.7', item: draftTo(customer, 'Old Outlook') });
    await old.page.setViewportSize({ width: 340, height: 800 });
    await run(old, 'sending-en-unavailable', async () => {
      await old.page.getByText(en['pane.send.unavailable'], { exact: true }).waitFor();
      expect(await old.page.getByRole('switch').count()).toBe(0);
      await screenshot(old.page, 'sending-en-4-unavailable-340px');
      expect(await cutOff(old.page)).toEqual([]);
    });
  });
});
