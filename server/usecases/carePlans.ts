import { evaluateCarePlan, type CarePlanRule } from '../../shared/domain/carePlan';
import type { CarePlanRuleView, CarePlanView } from '../../shared/contract';
import type { CustomerRecord } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { carePlanView } from './views';

export function carePlanOf(
  org: Pick<CustomerRecord, 'segment' | 'customerGroup' | 'createdAt'> & {
    lastActionAt?: CustomerRecord['lastActionAt'] | null;
    plannedActions?: CustomerRecord['plannedActions'] | null;
  },
  rules: readonly CarePlanRule[],
  ctx: Pick<UseCaseContext, 'now' | 'settings'>,
): CarePlanView | null {
  return carePlanView(
    evaluateCarePlan(
      rules,
      { segment: org.segment, customerGroup: org.customerGroup, createdAt: org.createdAt, lastActionAt: org.lastActionAt ?? {}, planned: org.plannedActions ?? [] },
      ctx.now,
      ctx.settings.timeZone,
    ),
  );
}

export async function listCarePlanRules(ctx: UseCaseContext): Promise<CarePlanRuleView[]> {
  const { rules } = await ctx.repos.reference.get();
  return rules
    .map((r) => ({ ...r, actionKinds: [...r.actionKinds], customerGroup: r.customerGroup ?? null, firstWithinDays: r.firstWithinDays ?? null }))
    .sort((a, b) => a.segment.localeCompare(b.segment) || (a.customerGroup ?? '').localeCompare(b.customerGroup ?? '') || a.id.localeCompare(b.id));
}
