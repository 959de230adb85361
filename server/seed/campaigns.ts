/**
 * The demo's campaign: the first manager's spring campaign aimed at their call list, with a
 * mailing sent a week ago (one recipient who had opted out skipped, one address refused by the
 * relay, the rest sent and on their customers' timelines) and a draft for the summer to send from
 * the web app (to the development outbox).
 */
import { addCalendarDays, calendarDay } from '../../shared/domain/zonedTime';
import type { ActionRecord, NewContact, NewCustomer, Repositories, UserRecord } from '../persistence/repositories';
import { mailingActionId, renderMailing } from '../usecases/mailingSender';
import { recordHistory } from '../usecases/recordAction';

export async function seedCampaign(repos: Repositories, owner: UserRecord, targetSelectionId: string, customers: readonly NewCustomer[], contacts: readonly NewContact[], now: Date): Promise<void> {
  const ref = { id: owner.id, name: owner.name, email: owner.email };
  const campaign = await repos.campaigns.insert(repos.campaigns.newId(), {
    name: 'Kevään koulutukset 2027', purpose: 'Kevään avoimet koulutukset ja oppisopimuskoulutukset avainasiakkaille ja kumppaneille.',
    startsOn: calendarDay(addCalendarDays(now, -14)), endsOn: calendarDay(addCalendarDays(now, 90)), owner: ref, status: 'active',
    targetSelectionIds: [targetSelectionId], exclusionSelectionIds: [],
  });
  const sentAt = addCalendarDays(now, -7);
  const mailing = await repos.mailings.insert(repos.mailings.newId(), {
    campaignId: campaign.id, createdBy: ref,
    subject: { fi: 'Kevään koulutukset, {{firstName}}', sv: 'Vårens utbildningar, {{firstName}}', en: 'Spring training, {{firstName}}' },
    body: {
      fi: 'Hei {{firstName}},\n\nkevään koulutuskalenteri on valmis. {{customerName}} on tervetullut mukaan: kerromme mielellämme lisää.\n\nTerveisin\n{{senderName}}',
      sv: 'Hej {{firstName}},\n\nvårens utbildningskalender är klar. {{customerName}} är välkommen med: vi berättar gärna mer.\n\nHälsningar\n{{senderName}}',
      en: 'Hello {{firstName}},\n\nthe spring training calendar is ready. {{customerName}} is welcome to join: we are happy to tell you more.\n\nBest regards\n{{senderName}}',
    },
  });
  await repos.campaigns.addMailing(campaign.id, mailing.id);
  const theirs = new Map(customers.filter((c) => c.responsibleId === owner.id).map((c) => [c.id, c]));
  const reached = contacts.filter((c) => theirs.has(c.organizationId) && c.emails.length > 0);
  const optedOut = reached[1];
  if (optedOut) await repos.contacts.setMarketing(optedOut.id, { consent: 'opted_out' }, addCalendarDays(now, -30));
  await repos.mailings.prepare(mailing.id, reached.map((c) => ({
    mailingId: mailing.id, contactId: c.id, contactName: c.name, organizationId: c.organizationId, organizationName: theirs.get(c.organizationId)!.name,
    email: c.emails[0]!, language: c.language ?? 'fi', state: c === optedOut ? ('skipped' as const) : ('queued' as const), reason: c === optedOut ? 'opted_out' : null,
  })), 0);
  await repos.mailings.change(mailing.id, { from: ['draft'] }, { state: 'sending', startedAt: sentAt });
  const actions: ActionRecord[] = [];
  for (const [n, c] of reached.entries()) {
    if (c === optedOut) continue;
    const id = `${mailing.id}:${c.id}`;
    await repos.mailings.claim(id, sentAt);
    if (n === 3) {
      await repos.mailings.finish(id, { state: 'failed', error: '550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table' });
      continue;
    }
    const [recipient] = await repos.mailings.recipients(mailing.id, [c.id]);
    const subject = renderMailing(mailing, recipient!, { unsubscribe: '' }).subject;
    const messageId = `<${mailing.id}.${c.id}@aikuisopisto.example>`;
    await repos.mailings.finish(id, { state: 'sent', at: sentAt, messageId });
    actions.push({
      id: mailingActionId(mailing.id, c.id), kind: 'mailing', occurredAt: sentAt, subject, excerpt: null,
      organizationId: c.organizationId, contactIds: [c.id], loggedBy: ref, loggedAt: sentAt, internetMessageId: messageId, conversationId: null,
    });
  }
  await repos.actions.insertMany(actions);
  for (const organizationId of new Set(actions.map((a) => a.organizationId))) await recordHistory(repos, organizationId, actions.filter((a) => a.organizationId === organizationId));
  await repos.mailings.recount(mailing.id);
  await repos.mailings.change(mailing.id, { from: ['sending'] }, { state: 'sent', finishedAt: sentAt });

  const draft = await repos.mailings.insert(repos.mailings.newId(), {
    campaignId: campaign.id, createdBy: ref,
    subject: { fi: 'Kesän lyhytkurssit, {{firstName}}', en: 'Short summer courses, {{firstName}}' },
    body: { fi: 'Hei {{firstName}},\n\nkesän lyhytkurssien ilmoittautuminen on alkanut.\n\nTerveisin\n{{senderName}}', en: 'Hello {{firstName}},\n\nenrolment for the short summer courses has opened.\n\nBest regards\n{{senderName}}' },
  });
  await repos.campaigns.addMailing(campaign.id, draft.id);
}
