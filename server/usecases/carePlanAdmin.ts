/**
 * Care-plan rules as administrators keep them. Status is computed from the stored rules on
 * every request (lookup, logging, dashboard, exports), so a change applies at once.
 *
 * A preview answers what a change would do before it is saved: every customer is evaluated
 * (shared/domain/carePlan.ts, the one computation) against the plan as it is and as it would be;
 * nothing is written.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { CarePlanRuleView } from '../../shared/contract';
import type { CarePlanPreviewResult, CarePlanPreviewSchema, CreateCarePlanRuleSchema, UpdateCarePlanRuleSchema } from '../../shared/contract-admin';
import { applicableRules, evaluateCarePlan, type CarePlanRule } from '../../shared/domain/carePlan';
import type { CarePlanStatus, CustomerGroup, Segment } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { CarePlanRulePatch } from '../persistence/repositories';
import type { UseCaseContext } from './context';

type CreateInput = z.output<typeof CreateCarePlanRuleSchema>;
type UpdateInput = z.output<typeof UpdateCarePlanRuleSchema>;
type PreviewInput = z.output<typeof CarePlanPreviewSchema>;

function view(r: CarePlanRule): CarePlanRuleView {
  return {
    ...r, labels: { ...r.labels }, actionKinds: [...r.actionKinds], customerGroup: r.customerGroup ?? null, firstWithinDays: r.firstWithinDays ?? null,
  };
}

const newRuleId = (input: Pick<CreateInput, 'segment' | 'customerGroup'>) => `${input.segment}-${input.customerGroup ?? 'all'}-${randomBytes(3).toString('hex')}`;

/** The rule a create makes (before it has its id). */
function ruleOf(id: string, { id: _chosen, ...input }: CreateInput): CarePlanRule {
  return { id, ...input, labels: { ...input.labels }, actionKinds: [...input.actionKinds] };
}

/** The warning window must stay shorter than the cadence, judged on the rule as it would be. */
function checkWindow(current: CarePlanRule, patch: UpdateInput): void {
  const cadence = patch.cadenceDays ?? current.cadenceDays;
  const warning = patch.warningDays ?? current.warningDays;
  if (warning >= cadence) {
    const field = patch.warningDays !== undefined ? 'warningDays' : 'cadenceDays';
    throw AppError.invalid(field, field === 'warningDays' ? 'must be shorter than the cadence' : 'must be longer than the warning window');
  }
}

const patchOf = (patch: UpdateInput): CarePlanRulePatch => ({
  ...patch,
  ...(patch.actionKinds ? { actionKinds: [...patch.actionKinds] } : {}),
  ...(patch.labels ? { labels: { ...patch.labels } } : {}),
});

/** The rule as a change would leave it. */
const patched = (current: CarePlanRule, patch: UpdateInput): CarePlanRule => ({
  ...current,
  ...patchOf(patch),
  labels: { ...current.labels, ...patch.labels },
});

const idTaken = () => AppError.conflict('id', 'is taken by another rule');

export async function createCarePlanRule(ctx: UseCaseContext, input: CreateInput): Promise<CarePlanRuleView> {
  if (input.id) {
    const rule = await ctx.repos.carePlanRules.insert(ruleOf(input.id, input));
    if (!rule) throw idTaken();
    return view(rule);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const rule = await ctx.repos.carePlanRules.insert(ruleOf(newRuleId(input), input));
    if (rule) return view(rule);
  }
  throw new Error('could not find a free care-plan rule id');
}

/**
 * The change is written only if the rule still has the cadence and window it was checked against,
 * else checked again on the rule as it is.
 */
export async function updateCarePlanRule(ctx: UseCaseContext, id: string, patch: UpdateInput): Promise<CarePlanRuleView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await ctx.repos.carePlanRules.get(id);
    if (!current) throw AppError.notFound('The care-plan rule');
    checkWindow(current, patch);
    const res = await ctx.repos.carePlanRules.update(id, patchOf(patch), { cadenceDays: current.cadenceDays, warningDays: current.warningDays });
    if (res.matched) return view(res.rule);
    if (!res.exists) throw AppError.notFound('The care-plan rule');
  }
  throw AppError.conflict('id', 'the rule kept changing while being saved: try again', 'invalid');
}

/** Deleting a segment's last rule is allowed: its customers then have no plan. */
export async function deleteCarePlanRule(ctx: UseCaseContext, id: string): Promise<void> {
  if (!(await ctx.repos.carePlanRules.delete(id))) throw AppError.notFound('The care-plan rule');
}

/** The plan as the change would leave it, and the segments whose plan it touches; refuses the change as the real write would. */
function planAfter(rules: readonly CarePlanRule[], change: PreviewInput['change']): { after: CarePlanRule[]; segments: Segment[] } {
  switch (change.op) {
    case 'create': {
      if (change.rule.id && rules.some((r) => r.id === change.rule.id)) throw idTaken();
      // A generated id is never one of the rules' (they are checked by the insert); any free one will do.
      let id = change.rule.id ?? newRuleId(change.rule);
      while (rules.some((r) => r.id === id)) id = newRuleId(change.rule);
      return { after: [...rules, ruleOf(id, change.rule)], segments: [change.rule.segment] };
    }
    case 'update': {
      const current = rules.find((r) => r.id === change.id);
      if (!current) throw AppError.notFound('The care-plan rule');
      checkWindow(current, change.rule);
      const next = patched(current, change.rule);
      return { after: rules.map((r) => (r === current ? next : r)), segments: [...new Set([current.segment, next.segment])] };
    }
    case 'delete': {
      const current = rules.find((r) => r.id === change.id);
      if (!current) throw AppError.notFound('The care-plan rule');
      return { after: rules.filter((r) => r !== current), segments: [current.segment] };
    }
  }
}

type PlanState = CarePlanStatus | null;

/** Do the same rules (the very same objects: planAfter keeps those it does not change) apply to the customer? */
function samePlan(before: readonly CarePlanRule[], after: readonly CarePlanRule[], c: { segment: Segment; customerGroup: CustomerGroup }): boolean {
  const was = applicableRules(before, c.segment, c.customerGroup);
  const will = applicableRules(after, c.segment, c.customerGroup);
  return was.length === will.length && was.every((r, i) => r === will[i]);
}

/**
 * What a change of the plan would do to the customers' overall status, counted over every customer
 * of the segments the change touches (the others keep their plan and status), streamed with only
 * what the plan reads, never all in memory. Writes nothing. On the embedded engine the segment
 * filter is a scan of the customers (~70 µs a document), acceptable for an administrator's preview.
 */
export async function previewCarePlanChange(ctx: UseCaseContext, { change }: PreviewInput): Promise<CarePlanPreviewResult> {
  const before = await ctx.repos.carePlanRules.all();
  const { after, segments } = planAfter(before, change);
  const tz = ctx.settings.timeZone;
  const tally = new Map<string, { from: PlanState; to: PlanState; count: number }>();
  let customers = 0;
  let changed = 0;
  for await (const subject of ctx.repos.customers.careSubjects(segments)) {
    const from = evaluateCarePlan(before, subject, ctx.now, tz)?.overall ?? null;
    // A customer whose plan the change leaves as it was keeps its status: not evaluated again.
    const to = samePlan(before, after, subject) ? from : (evaluateCarePlan(after, subject, ctx.now, tz)?.overall ?? null);
    customers++;
    if (from !== to) changed++;
    const key = `${from}>${to}`;
    const t = tally.get(key);
    if (t) t.count++;
    else tally.set(key, { from, to, count: 1 });
  }
  const order = (s: PlanState) => (s === null ? 3 : ['on_track', 'due_soon', 'overdue'].indexOf(s));
  const transitions = [...tally.values()].sort((a, b) => order(a.from) - order(b.from) || order(a.to) - order(b.to));
  return { customers, changed, transitions };
}
