/** Manual actions (calls, meetings, notes…) and a customer's action history. */
import type { z } from 'zod';
import type { Action, ContactTimelineQuerySchema, CreateAction, CreateActionSchema, TimelinePage, TimelineQuerySchema } from '../../shared/contract';
import { FUTURE_SKEW_MS, PLANNABLE_KINDS } from '../../shared/domain/carePlan';
import type { ManualActionKind } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { TimelineFilter, TimelinePosition } from '../persistence/repositories';
import { recordAction } from './recordAction';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';
import { checkOpportunityOf, linkToOpportunity } from './opportunityLinks';
import { actionView, personRef } from './views';

const ARTICLE: Record<ManualActionKind, string> = {
  call: 'a call', meeting: 'a meeting', event: 'an event', review: 'a review', offer: 'an offer', note: 'a note',
};

/**
 * Logs a manual action. `opts.id` gives the action a derived id (a completed task's: one action
 * however often the completion is retried); an existing action with that id is returned as it is.
 */
export async function createAction(
  ctx: UseCaseContext,
  input: z.output<typeof CreateActionSchema> | CreateAction,
  opts: { id?: string } = {},
): Promise<Action> {
  const { repos } = ctx;
  const occurredAt = new Date(input.occurredAt);
  if (!PLANNABLE_KINDS.includes(input.kind) && occurredAt.getTime() > ctx.now.getTime() + FUTURE_SKEW_MS) {
    throw AppError.invalid('occurredAt', `must not be in the future for ${ARTICLE[input.kind]}`, 'future');
  }
  const contactIds = [...new Set(input.contactIds ?? [])];
  const [exists, contacts] = await Promise.all([
    repos.customers.exists(input.organizationId), repos.contacts.getMany(contactIds), checkOpportunityOf(ctx, input.opportunityId, input.organizationId),
  ]);
  if (!exists) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  if (contacts.filter((c) => c.organizationId === input.organizationId).length !== contactIds.length) {
    throw AppError.unprocessable('contactIds must name contacts of the customer', 'contactIds');
  }
  const { action } = await repos.actions.insert({
    id: opts.id ?? repos.actions.newId(),
    kind: input.kind,
    occurredAt,
    subject: input.subject,
    excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
    organizationId: input.organizationId,
    contactIds,
    loggedBy: personRef(ctx.user),
    loggedAt: ctx.now,
    internetMessageId: null,
    conversationId: null,
    opportunityId: input.opportunityId ?? null,
  });
  await recordAction(repos, action, ctx.now);
  return actionView(await linkToOpportunity(ctx, action, input.opportunityId), ctx.now);
}

/** A page's `nextCursor`: where its last item stands (opaque to clients: base64url of time and id). */
const cursorOf = (p: TimelinePosition): string => Buffer.from(`${p.occurredAt.getTime()}.${p.id}`).toString('base64url');

function positionOf(cursor: string | undefined): TimelinePosition | null {
  if (cursor === undefined) return null;
  const m = /^(-?\d{1,16})\.([a-f0-9]{24})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw AppError.invalid('before', 'must be a nextCursor of an earlier page');
  return { occurredAt: new Date(Number(m[1])), id: m[2]! };
}

type TimelineQuery = z.output<typeof TimelineQuerySchema>;

async function timelinePage(ctx: UseCaseContext, organizationId: string, q: TimelineQuery, missing: () => AppError): Promise<TimelinePage> {
  const filter: TimelineFilter = { kinds: q.kind, loggedBy: q.loggedBy, contactId: q.contactId };
  const page = await ctx.repos.timeline.page(organizationId, filter, positionOf(q.before), q.limit);
  if (!page) throw missing();
  const last = page.items.at(-1);
  return { items: page.items.map((a) => actionView(a, ctx.now)), nextCursor: page.more && last ? cursorOf(last) : null };
}

/** `GET /organizations/:id/actions`: the customer's timeline, newest first, a page at a time (timeline buckets, read by `_id`). */
export async function listOrganizationActions(ctx: UseCaseContext, organizationId: string, q: TimelineQuery): Promise<TimelinePage> {
  return timelinePage(ctx, organizationId, q, () => AppError.notFound('The customer'));
}

/** `GET /contacts/:id/actions`: the actions of the contact's customer's timeline that involve the contact. */
export async function listContactActions(ctx: UseCaseContext, contactId: string, q: z.output<typeof ContactTimelineQuerySchema>): Promise<TimelinePage> {
  const contact = await ctx.repos.contacts.get(contactId);
  if (!contact) throw AppError.notFound('The contact');
  return timelinePage(ctx, contact.organizationId, { ...q, contactId }, () => AppError.notFound('The contact'));
}
