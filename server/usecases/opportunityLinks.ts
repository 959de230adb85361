/**
 * Actions linked to a sales opportunity: a mail logged with one (usecases/logEmail), a manual action
 * (usecases/actions), an offer sent (usecases/offers). The action carries `opportunityId` (set once,
 * where it has none: of two colleagues linking the same mail, the first link stays) and the
 * opportunity keeps the ids of its actions (`$addToSet`), so its timeline is read by `_id`.
 */
import type { Action } from '../../shared/contract';
import { AppError } from '../errors';
import type { ActionRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { actionView } from './views';

/** Refuses (422 `opportunityId`) an opportunity that does not exist or belongs to another customer. */
export async function checkOpportunityOf(ctx: UseCaseContext, opportunityId: string | undefined, organizationId: string): Promise<void> {
  if (opportunityId === undefined) return;
  const opportunity = await ctx.repos.opportunities.get(opportunityId);
  if (!opportunity) throw AppError.unprocessable('opportunityId names no opportunity', 'opportunityId');
  if (opportunity.organizationId !== organizationId) throw AppError.unprocessable('opportunityId must name an opportunity of the same customer', 'opportunityId');
}

/** Links the action to the opportunity (checked before); the action as it is after. */
export async function linkToOpportunity(ctx: UseCaseContext, action: ActionRecord, opportunityId: string | undefined | null): Promise<ActionRecord> {
  if (!opportunityId) return action;
  const linked = action.opportunityId ? action : (await ctx.repos.actions.linkOpportunity(action.id, opportunityId)) ?? action;
  if (linked.opportunityId) await ctx.repos.opportunities.linkAction(linked.opportunityId, linked.id);
  return linked;
}

/** `GET /opportunities/:id/actions`: its linked actions, newest first. */
export async function listOpportunityActions(ctx: UseCaseContext, opportunityId: string): Promise<{ items: Action[] }> {
  const ids = await ctx.repos.opportunities.actionIdsOf(opportunityId);
  if (ids.length === 0 && !(await ctx.repos.opportunities.get(opportunityId))) throw AppError.notFound('The opportunity');
  const actions = await ctx.repos.actions.getMany(ids);
  actions.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
  return { items: actions.map((a) => actionView(a, ctx.now)) };
}
