/**
 * Care-plan status as database filters (query shapes of the customer repository, ./customers),
 * so that counts, exports and lists of customers by status come from the database without
 * loading every customer. The filters say the same as
 * the one pure computation (shared/domain/carePlan.ts) by turning each rule around:
 *
 *   overdue   ⇔ now > last + cadence            ⇔ last <  now − cadence
 *   due soon+ ⇔ now ≥ last + cadence − warning  ⇔ last ≤ now − (cadence − warning)
 *
 * where `last` is the newest of the rule's kinds in `lastActionAt`, or, with none, the
 * customer's creation against the first-contact window. Days are calendar days in the
 * configured zone (addCalendarDays); an instant within the hour a DST change skips or repeats
 * may land one hour differently than in the pure computation.
 *
 * Only query operators are used ($and, $or, $nor, $lt, $lte, equality with null), which
 * MongoDB and FerretDB 1.24 both answer; FerretDB has no $cond, $max expression or $expr.
 * Every branch of an `$or` over the plan's cells carries the equality on `segment` of its cell,
 * so that MongoDB can answer each branch from the `segment` index (and a selection's own
 * equalities, `$and`-ed beside it, from theirs) rather than scan the collection.
 */
import { CUSTOMER_GROUPS, SEGMENTS, type CarePlanStatus } from '../../../shared/domain/codes';
import type { CarePlanRule } from '../../../shared/domain/carePlan';
import { addCalendarDays } from '../../../shared/domain/zonedTime';

export type Filter = Record<string, unknown>;

export const MATCH_NOTHING: Filter = { _id: { $in: [] } };

/** `last < T` (strict) or `last ≤ T`, with creation against `F` when the customer has no matching action. */
function lastBefore(rule: CarePlanRule, now: Date, timeZone: string, cadenceMinus: number, strict: boolean): Filter {
  const op = strict ? '$lt' : '$lte';
  const t = addCalendarDays(now, -(rule.cadenceDays - cadenceMinus), timeZone);
  const f = addCalendarDays(now, -((rule.firstWithinDays ?? rule.cadenceDays) - cadenceMinus), timeZone);
  const fields = rule.actionKinds.map((k) => `lastActionAt.${k}`);
  return {
    $or: [
      { $and: [{ $or: fields.map((p) => ({ [p]: { $ne: null } })) }, ...fields.map((p) => ({ $or: [{ [p]: { [op]: t } }, { [p]: null }] }))] },
      { $and: [...fields.map((p) => ({ [p]: null })), { createdAt: { [op]: f } }] },
    ],
  };
}

export interface StatusFilters {
  /** Customers some rule applies to. */
  hasPlan: Filter;
  overdue: Filter;
  /** Overdue or due soon. */
  dueSoonOrWorse: Filter;
}

/** The (segment, customer group) cells of the plan, each with the rules that apply there (see applicableRules). */
function cells(rules: readonly CarePlanRule[]): { filter: Filter; rules: CarePlanRule[] }[] {
  const out: { filter: Filter; rules: CarePlanRule[] }[] = [];
  for (const segment of SEGMENTS) {
    const forSegment = rules.filter((r) => r.segment === segment);
    const groupsWithOwn = CUSTOMER_GROUPS.filter((g) => forSegment.some((r) => r.customerGroup === g));
    for (const g of groupsWithOwn) out.push({ filter: { segment, customerGroup: g }, rules: forSegment.filter((r) => r.customerGroup === g) });
    const general = forSegment.filter((r) => !r.customerGroup);
    if (general.length > 0) {
      out.push({ filter: groupsWithOwn.length ? { segment, customerGroup: { $nin: groupsWithOwn } } : { segment }, rules: general });
    }
  }
  return out;
}

const anyOf = (filters: Filter[]): Filter => (filters.length === 0 ? MATCH_NOTHING : filters.length === 1 ? filters[0]! : { $or: filters });

export function statusFilters(rules: readonly CarePlanRule[], now: Date, timeZone: string): StatusFilters {
  const c = cells(rules);
  return {
    hasPlan: anyOf(c.map((cell) => cell.filter)),
    overdue: anyOf(c.map((cell) => ({ $and: [cell.filter, anyOf(cell.rules.map((r) => lastBefore(r, now, timeZone, 0, true)))] }))),
    dueSoonOrWorse: anyOf(c.map((cell) => ({ $and: [cell.filter, anyOf(cell.rules.map((r) => lastBefore(r, now, timeZone, r.warningDays, false)))] }))),
  };
}

/** Customers whose overall status is `status`. */
export function statusFilter(filters: StatusFilters, status: CarePlanStatus): Filter {
  switch (status) {
    case 'overdue':
      return filters.overdue;
    case 'due_soon':
      return { $and: [filters.dueSoonOrWorse, { $nor: [filters.overdue] }] };
    case 'on_track':
      return { $and: [filters.hasPlan, { $nor: [filters.dueSoonOrWorse] }] };
  }
}
