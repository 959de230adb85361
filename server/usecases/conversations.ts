/**
 * Tracked conversations: logging a mail with `trackConversation` tracks its conversation on the
 * customer; the pane asks whether a mail it shows belongs to a tracked conversation
 * (`matchConversation`) and, if so, logs it there once (POST /actions/email, idempotent per mail
 * and customer, so every mailbox that opens it lands on the same action). Anyone who logs mail can
 * stop a tracking from the pane; administrators list and stop them all.
 *
 * A mail belongs to a tracked conversation by its Outlook `conversationId`, or through the mails it
 * refers to (`In-Reply-To`, `References`): each logged mail remembers the conversation it was
 * logged in (mail_logs), and a mail auto-logged through a tracking is logged with the tracked
 * conversation's id, so the chain holds in mailboxes whose conversation ids differ. Two exact
 * `_id` reads, whatever the size of the data.
 */
import type { z } from 'zod';
import type {
  ConversationMatchResponse, ConversationMatchSchema, StopTrackingSchema, TrackedConversation, TrackedConversationList,
} from '../../shared/contract-conversations';
import { AppError } from '../errors';
import type { ActionRecord, CustomerRecord, TrackingRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { personRef } from './views';

/** How many trackings the administrator's list shows. */
export const TRACKING_LIST_LIMIT = 1_000;

export function trackingView(t: TrackingRecord): TrackedConversation {
  return { ...t, trackedAt: t.trackedAt.toISOString() };
}

/** After a mail was logged with `trackConversation`: its conversation is tracked on the customer (the first tracking stays). */
export async function trackConversation(ctx: UseCaseContext, action: ActionRecord, customer: CustomerRecord): Promise<void> {
  if (!action.conversationId) return;
  await ctx.repos.trackedConversations.track({
    conversationId: action.conversationId,
    organizationId: customer.id,
    organizationName: customer.name,
    subject: action.subject,
    trackedBy: personRef(ctx.user),
    trackedAt: ctx.now,
  });
}

export async function matchConversation(ctx: UseCaseContext, input: z.output<typeof ConversationMatchSchema>): Promise<ConversationMatchResponse> {
  const { repos } = ctx;
  const referred = await repos.mailLogs.conversationsOf(input.references);
  const conversationIds = [...new Set([...(input.conversationId ? [input.conversationId] : []), ...referred])];
  const trackings = await repos.trackedConversations.of(conversationIds);
  if (trackings.length === 0) return { tracked: [] };
  // A customer merged away or deleted since is tracked no more.
  const live = new Set((await repos.customers.getMany([...new Set(trackings.map((t) => t.organizationId))])).map((c) => c.id));
  const seen = new Set<string>();
  const tracked = trackings
    .filter((t) => live.has(t.organizationId))
    // the mailbox's own conversation first, then the oldest: one tracking per customer
    .sort((a, b) => Number(b.conversationId === input.conversationId) - Number(a.conversationId === input.conversationId) || a.trackedAt.getTime() - b.trackedAt.getTime())
    .filter((t) => !seen.has(t.organizationId) && seen.add(t.organizationId));
  return { tracked: tracked.map(trackingView) };
}

export async function stopTracking(ctx: UseCaseContext, input: z.output<typeof StopTrackingSchema>): Promise<void> {
  const stopped = await ctx.repos.trackedConversations.stop(input.conversationId, input.organizationId);
  if (!stopped) throw AppError.notFound('tracked conversation');
}

export async function listTrackedConversations(ctx: UseCaseContext): Promise<TrackedConversationList> {
  const { items, truncated } = await ctx.repos.trackedConversations.list(TRACKING_LIST_LIMIT);
  return { items: items.map(trackingView), truncated };
}
