import { evaluateCarePlan, type CarePlanRule } from '../../shared/domain/carePlan';
import type { CarePlanRuleView, CarePlanView } from '../../shared/contract';
import type { OrganizationDoc } from '../persistence/models';
import { loadCarePlanRules } from '../persistence/store';
import { carePlanView } from '../persistence/views';
import type { UseCaseContext } from './context';

export function carePlanOf(org: OrganizationDoc, rules: readonly CarePlanRule[], ctx: Pick<UseCaseContext, 'now' | 'settings'>): CarePlanView | null {
  return carePlanView(
    evaluateCarePlan(
      rules,
      {
        segment: org.segment,
        customerGroup: org.customerGroup,
        createdAt: org.createdAt,
        lastActionAt: (org.lastActionAt ?? {}) as Partial<Record<string, Date>>,
      },
      ctx.now,
      ctx.settings.timeZone,
    ),
  );
}

export async function listCarePlanRules(ctx: UseCaseContext): Promise<CarePlanRuleView[]> {
  const rules = await loadCarePlanRules(ctx.models);
  return rules
    .map((r) => ({ ...r, actionKinds: [...r.actionKinds], customerGroup: r.customerGroup ?? null, firstWithinDays: r.firstWithinDays ?? null }))
    .sort((a, b) => a.segment.localeCompare(b.segment) || (a.customerGroup ?? '').localeCompare(b.customerGroup ?? '') || a.id.localeCompare(b.id));
}
