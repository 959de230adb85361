/**
 * Meetings from the Outlook calendar in a real browser (issue 11, "Meetings from the calendar"):
 * the built pane in Chromium at 340 px over the real server and database, office.js answered by
 * the scripted Outlook host with appointments. (1) The organizer (her meeting form) and an attendee
 * (his calendar's copy, another item id) open the same meeting: both log it, it is one `meeting`
 * action, and the A customer's meeting rule turns on track. (2) A meeting still to come is logged
 * as planned: the rule says when, and its status does not change. In Finnish and in English, each
 * with screenshots in test-artifacts/browser/ and an axe check.
 */
import type { Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { DEFAULT_USER, seedCustomer, type OpenPane, type OutlookAppointment, type OutlookUser } from '../support/browser';
import { describeInBrowser, expectClean, failing, looked, paneInBrowser, textOf } from '../support/paneInBrowser';

jest.setTimeout(120_000);

const organizer = DEFAULT_USER; // Aino Virtanen
const attendee: OutlookUser = { displayName: 'Mikko Korhonen', emailAddress: 'mikko.korhonen@omnia.fi', timeZone: 'FLE Standard Time' };
const address = (u: OutlookUser) => ({ displayName: u.displayName, emailAddress: u.emailAddress });
/** The meeting rule's name (shared/domain/carePlan.ts) in each language. */
const MEETING = { fi: 'Tapaaminen', en: 'Meeting' } as const;
const minute = (offsetMs: number) => new Date(Math.floor((Date.now() + offsetMs) / 60_000) * 60_000).toISOString();

describeInBrowser('meetings from the calendar, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  const meetingActions = async (organizationId: string) =>
    (await harness.api(`/organizations/${organizationId}/actions?kind=meeting`, organizer)).items;

  async function openAs(user: OutlookUser, tag: string, item: OutlookAppointment): Promise<OpenPane> {
    const pane = await harness.open({ user, language: tag, item });
    await pane.page.setViewportSize({ width: 340, height: 1400 });
    return pane;
  }

  const meetingRuleOf = (page: Page, t: PaneCatalog, lang: 'fi' | 'en', organizationName: string) =>
    page.getByRole('region', { name: organizationName, exact: true })
      .getByRole('list', { name: t['pane.carePlan.heading'], exact: true })
      .getByRole('listitem').filter({ hasText: MEETING[lang] });

  async function checked(pane: OpenPane, name: string) {
    expectClean(pane);
    await looked(pane.page, name);
  }

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: the organizer and an attendee open the same meeting and both log it: one meeting action, the meeting rule on track', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
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
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
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
