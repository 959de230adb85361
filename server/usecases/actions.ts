/** Manual actions (calls, meetings, notes…) and a customer's action history. */
import type { z } from 'zod';
import type { Action, ActionPageQuerySchema, CreateAction, CreateActionSchema } from '../../shared/contract';
import { FUTURE_SKEW_MS, PLANNABLE_KINDS } from '../../shared/domain/carePlan';
import type { ManualActionKind } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { Page } from '../persistence/repositories';
import { recordAction } from './recordAction';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';
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
    throw AppError.invalid('occurredAt', `must not be in the future for ${ARTICLE[input.kind]}`);
  }
  const contactIds = [...new Set(input.contactIds ?? [])];
  const [exists, contacts] = await Promise.all([repos.customers.exists(input.organizationId), repos.contacts.getMany(contactIds)]);
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
  });
  await recordAction(repos, action, ctx.now);
  return actionView(action, ctx.now);
}

export async function listOrganizationActions(ctx: UseCaseContext, organizationId: string, q: z.output<typeof ActionPageQuerySchema>): Promise<Page<Action>> {
  if (!(await ctx.repos.customers.exists(organizationId))) throw AppError.notFound('The customer');
  const page = await ctx.repos.actions.pageOfCustomer(organizationId, q);
  return { ...page, items: page.items.map((a) => actionView(a, ctx.now)) };
}
