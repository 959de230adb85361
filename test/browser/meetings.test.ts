/**
 * Meetings from the Outlook calendar in a real browser (issue 11, "Meetings from the calendar"):
 * the built pane in Chromium at 340 px over the real server and database, office.js answered by
 * the scripted Outlook host with appointments. (1) The organizer (her meeting form) and an attendee
 * (his calendar's copy, another item id) open the same meeting: both log it, it is one `meeting`
 * action, and the A customer's meeting rule turns on track. (2) A meeting still to come is logged
 * as planned: the rule says when, and its status does not change. In Finnish and in English, each
 * with screenshots in test-artifacts/browser/ and an axe check.
 */
import type { Browser, Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import {
  DEFAULT_USER, chromiumMissing, launchChromium, openSession, removeBuiltPane, screenshot, seedCustomer, seriousA11yViolations, startPaneServer,
  type OpenPane, type OutlookAppointment, type OutlookUser, type PaneServer, type PaneSession,
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

const organizer = DEFAULT_USER; // Aino Virtanen
const attendee: OutlookUser = { displayName: 'Mikko Korhonen', emailAddress: 'mikko.korhonen@omnia.fi', timeZone: 'FLE Standard Time' };
const address = (u: OutlookUser) => ({ displayName: u.displayName, emailAddress: u.emailAddress });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A catalog text as a pattern: the given values filled in, any other placeholder (a date) matching anything. */
const textOf = (text: string, values: Record<string, string> = {}) =>
  new RegExp(`^${text.split(/(\{\w+\})/).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    return m ? (m[1]! in values ? escape(values[m[1]!]!) : '.+') : escape(part);
  }).join('')}$`);
/** The meeting rule's name (shared/domain/carePlan.ts) in each language. */
const MEETING = { fi: 'Tapaaminen', en: 'Meeting' } as const;
const minute = (offsetMs: number) => new Date(Math.floor((Date.now() + offsetMs) / 60_000) * 60_000).toISOString();

describeInBrowser('meetings from the calendar, in Chromium over the real server and database', () => {
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

  async function meetingActions(organizationId: string) {
    const token = await server.app.tokenFor(organizer.emailAddress, 'account_manager', organizer.displayName);
    const answer = await server.app.http.get(`/api/v1/organizations/${organizationId}/actions?kind=meeting`).set('Authorization', `Bearer ${token}`);
    expect(answer.status).toBe(200);
    return (answer.body as { items: Array<Record<string, unknown>> }).items;
  }

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

  async function openAs(user: OutlookUser, tag: string, item: OutlookAppointment): Promise<OpenPane> {
    const session = await openSession(browser, server.baseUrl);
    sessions.push(session);
    const pane = await session.open({ user, language: tag, item });
    await pane.page.setViewportSize({ width: 340, height: 1400 });
    return pane;
  }

  const meetingRuleOf = (page: Page, t: PaneCatalog, lang: 'fi' | 'en', organizationName: string) =>
    page.getByRole('region', { name: organizationName, exact: true })
      .getByRole('list', { name: t['pane.carePlan.heading'], exact: true })
      .getByRole('listitem').filter({ hasText: MEETING[lang] });

  async function checked(pane: OpenPane, name: string) {
    expect(pane.pageErrors).toEqual([]);
    expect(pane.foreignRequests).toEqual([]);
    expect(await cutOff(pane.page)).toEqual([]);
    expect(await seriousA11yViolations(pane.page)).toEqual([]);
    await screenshot(pane.page, name);
  }

  async function failing<T>(panes: OpenPane[], name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      for (const [i, p] of panes.entries()) await screenshot(p.page, `${name}-${i}.failed`).catch(() => undefined);
      if (error instanceof Error) error.message += `\n\nIn the pages:\n${panes.flatMap((p) => [...p.pageErrors, ...p.console.slice(-15)]).join('\n')}`;
      throw error;
    }
  }

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: the organizer and an attendee open the same meeting and both log it: one meeting action, the meeting rule on track', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(server.app, { organizationName, domain, createdDaysAgo: 400 });
    const matti = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const subject = `Koulutussuunnitelma 2027 (${lang})`; // each run its own meeting
    const meeting: Omit<OutlookAppointment, 'mode'> = {
      kind: 'appointment', subject, start: minute(-2 * 3_600_000), end: minute(-3_600_000),
      organizer: address(organizer), requiredAttendees: [matti, address(attendee)], optionalAttendees: [], body: 'Asialista: syksyn koulutukset.',
    };
    // each mailbox has its own item id for the meeting
    const mikko = await openAs(attendee, tag, { ...meeting, mode: 'read', itemId: `AAMk-mikko-${lang}` });
    const aino = await openAs(organizer, tag, { ...meeting, mode: 'compose', itemId: `AAMk-aino-${lang}` });
    await failing([aino, mikko], `meetings-${lang}-1`, async () => {
      for (const pane of [mikko, aino]) {
        await meetingRuleOf(pane.page, t, lang, organizationName).getByText(t['code.carePlanStatus.overdue'], { exact: true }).waitFor();
        await pane.page.getByRole('button', { name: t['pane.meeting.button'], exact: true }).waitFor();
      }
      await checked(aino, `meetings-${lang}-1-organizer-before-340px`);

      await aino.page.getByRole('button', { name: t['pane.meeting.button'], exact: true }).click();
      await aino.page.getByRole('status').getByText(textOf(t['pane.log.loggedBy'], { name: organizer.displayName })).waitFor();
      await meetingRuleOf(aino.page, t, lang, organizationName).getByText(t['code.carePlanStatus.on_track'], { exact: true }).waitFor();
      await checked(aino, `meetings-${lang}-2-organizer-logged-340px`);

      // the attendee's pane still offers the button (it opened first): his log lands on the organizer's action
      await mikko.page.getByRole('button', { name: t['pane.meeting.button'], exact: true }).click();
      await mikko.page.getByRole('status').getByText(textOf(t['pane.log.loggedBy'], { name: organizer.displayName })).waitFor();
      await meetingRuleOf(mikko.page, t, lang, organizationName).getByText(t['code.carePlanStatus.on_track'], { exact: true }).waitFor();
      await checked(mikko, `meetings-${lang}-3-attendee-logged-340px`);

      const actions = await meetingActions(customer.organizationId);
      expect(actions).toEqual([expect.objectContaining({
        kind: 'meeting', subject, occurredAt: meeting.start, planned: false,
        contactIds: [customer.contact.id], loggedBy: expect.objectContaining({ name: organizer.displayName }),
      })]);

      // opened again later, by anyone, the pane knows the meeting is logged
      const again = await openAs(attendee, tag, { ...meeting, mode: 'read', itemId: `AAMk-mikko-${lang}` });
      await again.page.getByRole('status').getByText(textOf(t['pane.log.loggedBy'], { name: organizer.displayName })).waitFor();
      expect(await again.page.getByRole('button', { name: t['pane.meeting.button'], exact: true }).count()).toBe(0);
    });
  });

  test.each([
    ['fi', 'fi-FI', fi, 'Espoon Sähkö Oy', 'esa.fi'],
    ['en', 'en-GB', en, 'Vantaan Valimo Oy', 'valimo.fi'],
  ] as const)('in %s: a meeting still to come is logged as planned and does not change the status', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(server.app, { organizationName, domain, createdDaysAgo: 400 });
    const matti = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const start = minute(3 * 86_400_000);
    const aino = await openAs(organizer, tag, {
      kind: 'appointment', mode: 'compose', itemId: `AAMk-future-${lang}`, subject: `Vuosisuunnittelu (${lang})`, start,
      organizer: address(organizer), requiredAttendees: [matti],
    });
    await failing([aino], `meetings-${lang}-future`, async () => {
      const rule = meetingRuleOf(aino.page, t, lang, organizationName);
      await rule.getByText(t['code.carePlanStatus.overdue'], { exact: true }).waitFor();
      await aino.page.getByText(t['pane.meeting.willBePlanned'], { exact: true }).waitFor();
      await checked(aino, `meetings-${lang}-4-future-before-340px`);

      await aino.page.getByRole('button', { name: t['pane.meeting.button'], exact: true }).click();
      await aino.page.getByRole('status').getByText(textOf(t['pane.meeting.planned'])).waitFor();
      await rule.getByText(textOf(t['pane.carePlan.plannedFor'])).waitFor();
      // still overdue: a planned meeting counts once it has taken place
      expect(await rule.getByText(t['code.carePlanStatus.overdue'], { exact: true }).count()).toBe(1);
      expect(await rule.getByText(t['code.carePlanStatus.on_track'], { exact: true }).count()).toBe(0);
      await checked(aino, `meetings-${lang}-5-future-logged-as-planned-340px`);

      expect(await meetingActions(customer.organizationId)).toEqual([expect.objectContaining({ kind: 'meeting', occurredAt: start, planned: true })]);
    });
  });
});
