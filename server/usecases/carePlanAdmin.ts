/**
 * Care-plan rules as administrators keep them. Status is computed from the stored rules on
 * every request (lookup, logging, dashboard, exports), so a change applies at once.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CarePlanRuleView } from '../../shared/contract';
import type { CreateCarePlanRuleSchema, UpdateCarePlanRuleSchema } from '../../shared/contract-admin';
import type { CarePlanRule } from '../../shared/domain/carePlan';
import { AppError } from '../errors';
import type { CarePlanRuleFields } from '../persistence/repositories';
import type { UseCaseContext } from './context';

type CreateInput = z.output<typeof CreateCarePlanRuleSchema>;
type UpdateInput = z.output<typeof UpdateCarePlanRuleSchema>;

function view(r: CarePlanRule): CarePlanRuleView {
  return { ...r, actionKinds: [...r.actionKinds], customerGroup: r.customerGroup ?? null, firstWithinDays: r.firstWithinDays ?? null };
}

export async function createCarePlanRule(ctx: UseCaseContext, input: CreateInput): Promise<CarePlanRuleView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = `${input.segment}-${input.customerGroup ?? 'all'}-${randomBytes(3).toString('hex')}`;
    const rule = await ctx.repos.carePlanRules.insert({ id, ...input, actionKinds: [...input.actionKinds] });
    if (rule) return view(rule);
  }
  throw new Error('could not find a free care-plan rule id');
}

/**
 * The warning window must stay shorter than the cadence: the change is written only if the rule
 * still has the cadence and window it was checked against, else checked again on the rule as it is.
 */
export async function updateCarePlanRule(ctx: UseCaseContext, id: string, patch: UpdateInput): Promise<CarePlanRuleView> {
  const fields: Partial<CarePlanRuleFields> = { ...patch, ...(patch.actionKinds ? { actionKinds: [...patch.actionKinds] } : {}) };
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ctx.repos.carePlanRules.get(id);
    if (!current) throw AppError.notFound('The care-plan rule');
    const cadence = patch.cadenceDays ?? current.cadenceDays;
    const warning = patch.warningDays ?? current.warningDays;
    if (warning >= cadence) {
      const field = patch.warningDays !== undefined ? 'warningDays' : 'cadenceDays';
      throw AppError.invalid(field, field === 'warningDays' ? 'must be shorter than the cadence' : 'must be longer than the warning window');
    }
    const res = await ctx.repos.carePlanRules.update(id, fields, { cadenceDays: current.cadenceDays, warningDays: current.warningDays });
    if (res.matched) return view(res.rule);
    if (!res.exists) throw AppError.notFound('The care-plan rule');
  }
  throw AppError.conflict('id', 'the rule kept changing while being saved: try again');
}

export async function deleteCarePlanRule(ctx: UseCaseContext, id: string): Promise<void> {
  if (!(await ctx.repos.carePlanRules.delete(id))) throw AppError.notFound('The care-plan rule');
}
