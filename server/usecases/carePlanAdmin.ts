/**
 * Care-plan rules as administrators keep them. Status is computed from the stored rules on
 * every request (lookup, logging, dashboard, exports), so a change applies at once.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CarePlanRuleView } from '../../shared/contract';
import type { CreateCarePlanRuleSchema, UpdateCarePlanRuleSchema } from '../../shared/contract-admin';
import { AppError } from '../errors';
import type { CarePlanRuleDoc } from '../persistence/models';
import { isDuplicateKeyError } from '../persistence/store';
import { ruleFromDoc } from '../persistence/views';
import type { UseCaseContext } from './context';

type CreateInput = z.output<typeof CreateCarePlanRuleSchema>;
type UpdateInput = z.output<typeof UpdateCarePlanRuleSchema>;

function view(doc: CarePlanRuleDoc): CarePlanRuleView {
  const r = ruleFromDoc(doc);
  return { ...r, actionKinds: [...r.actionKinds], customerGroup: r.customerGroup ?? null, firstWithinDays: r.firstWithinDays ?? null };
}

export async function createCarePlanRule(ctx: UseCaseContext, input: CreateInput): Promise<CarePlanRuleView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const _id = `${input.segment}-${input.customerGroup ?? 'all'}-${randomBytes(3).toString('hex')}`;
    try {
      const doc = await ctx.models.CarePlanRule.create({ _id, ...input, actionKinds: [...input.actionKinds] });
      return view(doc.toObject() as CarePlanRuleDoc);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new Error('could not find a free care-plan rule id');
}

export async function updateCarePlanRule(ctx: UseCaseContext, id: string, patch: UpdateInput): Promise<CarePlanRuleView> {
  const current = await ctx.models.CarePlanRule.findById(id).lean();
  if (!current) throw AppError.notFound('The care-plan rule');
  const cadence = patch.cadenceDays ?? current.cadenceDays;
  const warning = patch.warningDays ?? current.warningDays;
  if (warning >= cadence) {
    const field = patch.warningDays !== undefined ? 'warningDays' : 'cadenceDays';
    throw AppError.invalid(field, field === 'warningDays' ? 'must be shorter than the cadence' : 'must be longer than the warning window');
  }
  const set: Record<string, unknown> = { ...patch };
  if (patch.actionKinds) set.actionKinds = [...patch.actionKinds];
  const updated = await ctx.models.CarePlanRule.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
  if (!updated) throw AppError.notFound('The care-plan rule');
  return view(updated);
}

export async function deleteCarePlanRule(ctx: UseCaseContext, id: string): Promise<void> {
  const res = await ctx.models.CarePlanRule.deleteOne({ _id: id });
  if (res.deletedCount === 0) throw AppError.notFound('The care-plan rule');
}
