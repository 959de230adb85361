/**
 * POST /actions/meeting: records a meeting from the Outlook calendar as a `meeting` action on a
 * customer, once for the whole team.
 *
 * The meeting's key (shared/domain/meetingKey: organizer, start to the minute, subject) is what the
 * organizer's and every attendee's copy of the meeting say alike, so it is claimed as a mail's
 * Message-ID is (persistence/repositories/mailLogs: one conditional upsert of `customers.<id>`) and
 * the action's `_id` is derived from it and the customer: the organizer and a colleague who attends
 * land on the same action, and each occurrence of a series (its own start) on its own.
 *
 * A moved meeting has a new key. The mailbox's item id (`itemId`, which does not change when the
 * meeting moves, but differs per mailbox) is kept as an alias claim naming the action; a log whose
 * key is new but whose alias names an action of the customer claims the new key for that action and,
 * while the meeting is still planned, moves it (recordAction `rescheduleAction`: a compare-and-set on
 * the action, then its read models). A meeting already held keeps its time: its new key only links to
 * it. Limits (docs/outlook-integration.md "Meetings"): only a mailbox that logged (or opened after a
 * log) the meeting has the alias, so a moved meeting first logged again from another mailbox before
 * any alias holder opens it becomes a second action.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { LogMeetingResponse, LogMeetingSchema } from '../../shared/contract';
import { isPlanned } from '../../shared/domain/carePlan';
import { meetingKey, meetingStartMinute } from '../../shared/domain/meetingKey';
import { AppError } from '../errors';
import { meetingClaimKey, meetingItemClaimKey, type ActionRecord } from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';
import { recordAction, rescheduleAction } from './recordAction';
import { actionView, personRef } from './views';

export type LogMeetingInput = z.output<typeof LogMeetingSchema>;

export function meetingActionId(key: string, organizationId: string): string {
  return createHash('sha256').update(`meeting\u0000${key}\u0000${organizationId}`).digest('hex').slice(0, 24);
}

async function contactsOf(ctx: UseCaseContext, organizationId: string, contactIds: readonly string[]): Promise<boolean> {
  if (contactIds.length === 0) return true;
  const found = await ctx.repos.contacts.getMany(contactIds);
  return found.length === contactIds.length && found.every((c) => c.organizationId === organizationId);
}

export async function logMeeting(ctx: UseCaseContext, input: LogMeetingInput): Promise<LogMeetingResponse> {
  const { repos } = ctx;
  const key = meetingKey(input);
  const start = meetingStartMinute(input.start);
  if (!key || !start) throw AppError.invalid('start', 'must be an ISO-8601 date-time');
  const occurredAt = new Date(start);
  const subject = input.subject.trim();
  const { organizationId } = input;
  const contactIds = [...new Set(input.contactIds)];
  const claimKey = meetingClaimKey(key);
  const aliasKey = input.itemId ? meetingItemClaimKey(input.itemId) : null;

  const [exists, contactsOk, aliases, ref] = await Promise.all([
    repos.customers.exists(organizationId),
    contactsOf(ctx, organizationId, contactIds),
    aliasKey ? repos.mailLogs.entries(aliasKey) : Promise.resolve([]),
    repos.reference.get(),
  ]);
  if (!exists) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  if (!contactsOk) throw AppError.unprocessable('contactIds must name contacts of the chosen customer', 'contactIds');

  // This mailbox logged the meeting on the customer before, maybe at another time or subject: the same action.
  const earlier = aliases.find((e) => e.organizationId === organizationId);
  const entry = { organizationId, actionId: earlier?.actionId ?? meetingActionId(key, organizationId), loggedBy: personRef(ctx.user), loggedAt: ctx.now };
  const claim = await repos.mailLogs.claim(claimKey, entry);
  const actionId = claim.claimed ? entry.actionId : claim.entry.actionId;
  if (aliasKey) await repos.mailLogs.claim(aliasKey, { ...entry, actionId });

  const existing = await repos.actions.get(actionId);
  if (existing) {
    const movedMeeting = meetingKey({ organizer: input.organizer, start: existing.occurredAt, subject: existing.subject }) !== key;
    let action = existing;
    let rescheduled = false;
    if (movedMeeting && isPlanned(existing, ctx.now)) {
      const done = await rescheduleAction(repos, existing, { occurredAt, subject, meetingKey: key });
      if (done) {
        action = done.action;
        rescheduled = true;
      } else {
        action = (await repos.actions.get(actionId)) ?? existing;
      }
    }
    const customer = await repos.customers.get(organizationId);
    return { action: actionView(action, ctx.now), created: false, rescheduled, carePlan: customer ? carePlanOf(customer, ref.rules, ctx) : null };
  }

  const fresh: ActionRecord = {
    id: actionId,
    kind: 'meeting',
    occurredAt,
    subject,
    excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
    organizationId,
    contactIds,
    loggedBy: personRef(ctx.user),
    loggedAt: ctx.now,
    internetMessageId: null,
    conversationId: null,
  };
  // Claimed, or claimed by a log interrupted before its action: the action is written here.
  const { created, action } = await repos.actions.insert(fresh, undefined, { meetingKey: key });
  const customer = await recordAction(repos, action, ctx.now);
  if (!customer) {
    if (created) {
      await repos.actions.delete(action.id);
      await repos.mailLogs.unclaim(claimKey, organizationId, action.id);
      if (aliasKey) await repos.mailLogs.unclaim(aliasKey, organizationId, action.id);
    }
    throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  }
  return { action: actionView(action, ctx.now), created, rescheduled: false, carePlan: carePlanOf(customer, ref.rules, ctx) };
}
