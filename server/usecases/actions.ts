/** Manual actions (calls, meetings, notes…) and a customer's action history. */
import type { z } from 'zod';
import type { Action, ActionPageQuerySchema, CreateAction, CreateActionSchema } from '../../shared/contract';
import { AppError } from '../errors';
import type { Page } from '../persistence/repositories';
import { recordAction } from './recordAction';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';
import { actionView, personRef } from './views';

export async function createAction(ctx: UseCaseContext, input: z.output<typeof CreateActionSchema> | CreateAction): Promise<Action> {
  const { repos } = ctx;
  const contactIds = [...new Set(input.contactIds ?? [])];
  const [exists, contacts] = await Promise.all([repos.customers.exists(input.organizationId), repos.contacts.getMany(contactIds)]);
  if (!exists) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  if (contacts.filter((c) => c.organizationId === input.organizationId).length !== contactIds.length) {
    throw AppError.unprocessable('contactIds must name contacts of the customer', 'contactIds');
  }
  const { action } = await repos.actions.insert({
    id: repos.actions.newId(),
    kind: input.kind,
    occurredAt: new Date(input.occurredAt),
    subject: input.subject,
    excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
    organizationId: input.organizationId,
    contactIds,
    loggedBy: personRef(ctx.user),
    loggedAt: ctx.now,
    internetMessageId: null,
    conversationId: null,
  });
  await recordAction(repos, action);
  return actionView(action);
}

export async function listOrganizationActions(ctx: UseCaseContext, organizationId: string, q: z.output<typeof ActionPageQuerySchema>): Promise<Page<Action>> {
  if (!(await ctx.repos.customers.exists(organizationId))) throw AppError.notFound('The customer');
  const page = await ctx.repos.actions.pageOfCustomer(organizationId, q);
  return { ...page, items: page.items.map(actionView) };
}
