/**
 * The reports' pure computations (the reports page, issue 13): the period's months, care-plan
 * compliance at each month's end, and actions counted per month. The server feeds them from
 * its read models; nothing here knows the database.
 *
 * **Care-plan compliance** of a group of customers in a month is the share of its customers that
 * were *not overdue* on any of their care-plan rules at the end of that month (the first instant
 * of the next month in the configured zone; for the current month, now): a customer is counted in
 * a month when it existed then and some rule applies to it, and is *kept* when, for every
 * applicable rule, a matching action lies within the rule's cadence before that moment (or, with
 * no matching action yet, the customer is younger than the rule's first-contact window). It is the
 * care-plan status of DOMAIN.md evaluated at the month's end with the actions known by then, so
 * "due soon" counts as kept. The period's compliance is the kept customer-months over all counted
 * customer-months. The customer's segment, group and responsible are today's (their history is
 * not kept), and so are the rules.
 *
 * Each rule is turned around once per month end (overdue ⇔ last < end − cadence, as
 * server/persistence/repositories/carePlanFilters.ts does), so a customer costs a comparison per
 * rule and month: 10,000 customers over 24 months are a few hundred thousand comparisons.
 */
import { applicableRules, type CarePlanRule } from './carePlan';
import type { ActionKind, CustomerGroup, Segment } from './codes';
import { addCalendarDays, startOfDay, zoneOffsetMs } from './zonedTime';

/** The longest period a report covers, in months. */
export const MAX_REPORT_MONTHS = 24;

/** `YYYY-MM` of `month` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The months from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The month (`YYYY-MM`) an instant falls in, in the zone (from the zone's offset, cached per day: cheap for 100,000 actions). */
export const monthIn = (at: Date, timeZone: string): string => new Date(at.getTime() + zoneOffsetMs(at, timeZone)).toISOString().slice(0, 7);

/** The first instant of a month in the zone. */
export const monthStart = (month: string, timeZone: string): Date => startOfDay(`${month}-01`, timeZone);

/** The moment each month is evaluated at: the start of the next month in the zone, or `now` for a month not yet over. */
export function evaluationMoments(months: readonly string[], now: Date, timeZone: string): Date[] {
  return months.map((m) => {
    const end = monthStart(addMonths(m, 1), timeZone);
    return end.getTime() > now.getTime() ? now : end;
  });
}

export interface ComplianceCustomer {
  id: string;
  segment: Segment;
  customerGroup: CustomerGroup;
  createdAt: Date;
  responsibleId: string | null;
}

/** An action as the reports read it. */
export interface ReportAction {
  organizationId: string;
  kind: ActionKind;
  occurredAt: Date;
  loggedBy: string;
}

/** Counted customers (`total`) and the kept ones, per month. */
export interface ComplianceSeries {
  kept: number[];
  total: number[];
}

/** How far before a month's end an action can still keep a rule: the longest window of the rules. */
export function lookbackDays(rules: readonly CarePlanRule[]): number {
  return Math.max(0, ...rules.map((r) => Math.max(r.cadenceDays, r.firstWithinDays ?? 0)));
}

/**
 * Per customer, whether it was kept at each moment (`true`/`false`), or not counted (`null`: not
 * yet created, or no rule applies). `actions` must hold every action of the customers from
 * `lookbackDays(rules)` before the first moment up to the last (others may be there too).
 */
export function keptAtMoments(
  rules: readonly CarePlanRule[],
  customers: readonly ComplianceCustomer[],
  actions: readonly ReportAction[],
  moments: readonly Date[],
  timeZone: string,
): Map<string, (boolean | null)[]> {
  // the rules turned around, per moment: overdue ⇔ last < before[r][m], or with no action creation < firstBefore[r][m]
  const before = new Map<CarePlanRule, number[]>();
  const firstBefore = new Map<CarePlanRule, number[]>();
  for (const r of rules) {
    before.set(r, moments.map((m) => addCalendarDays(m, -r.cadenceDays, timeZone).getTime()));
    firstBefore.set(r, moments.map((m) => addCalendarDays(m, -(r.firstWithinDays ?? r.cadenceDays), timeZone).getTime()));
  }
  const byCustomer = new Map<string, ReportAction[]>();
  for (const a of actions) {
    const list = byCustomer.get(a.organizationId);
    if (list) list.push(a);
    else byCustomer.set(a.organizationId, [a]);
  }
  const rulesOfCell = new Map<string, CarePlanRule[]>();
  const out = new Map<string, (boolean | null)[]>();
  for (const c of customers) {
    const cell = `${c.segment}:${c.customerGroup}`;
    let applicable = rulesOfCell.get(cell);
    if (!applicable) rulesOfCell.set(cell, (applicable = applicableRules(rules, c.segment, c.customerGroup)));
    if (applicable.length === 0) {
      out.set(c.id, moments.map(() => null));
      continue;
    }
    const mine = (byCustomer.get(c.id) ?? []).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const last: Partial<Record<ActionKind, number>> = {};
    let next = 0;
    const created = c.createdAt.getTime();
    out.set(
      c.id,
      moments.map((moment, m) => {
        const at = moment.getTime();
        while (next < mine.length && mine[next]!.occurredAt.getTime() <= at) {
          const a = mine[next++]!;
          last[a.kind] = a.occurredAt.getTime();
        }
        if (created > at) return null;
        return applicable.every((r) => {
          let newest: number | undefined;
          for (const k of r.actionKinds) if (last[k] !== undefined && (newest === undefined || last[k]! > newest)) newest = last[k];
          return newest !== undefined ? newest >= before.get(r)![m]! : created >= firstBefore.get(r)![m]!;
        });
      }),
    );
  }
  return out;
}

/** The kept and counted customers per month, per key of `keyOf` (customers in no group left out). */
export function complianceBy<K>(
  customers: readonly ComplianceCustomer[],
  kept: ReadonlyMap<string, readonly (boolean | null)[]>,
  months: number,
  keyOf: (c: ComplianceCustomer) => K,
): Map<K, ComplianceSeries> {
  const out = new Map<K, ComplianceSeries>();
  for (const c of customers) {
    const flags = kept.get(c.id);
    if (!flags || flags.every((f) => f === null)) continue;
    const key = keyOf(c);
    let series = out.get(key);
    if (!series) out.set(key, (series = { kept: new Array<number>(months).fill(0), total: new Array<number>(months).fill(0) }));
    flags.forEach((f, i) => {
      if (f === null) return;
      series.total[i]! += 1;
      if (f) series.kept[i]! += 1;
    });
  }
  return out;
}

/** A share as a whole percentage (half up), or null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 100));

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The period's compliance of a series: kept customer-months over counted ones, in percent. */
export const periodShare = (s: ComplianceSeries): number | null => percent(sum(s.kept), sum(s.total));

/** Actions per month (of `months`, in the zone) per key of `keyOf`; actions outside the months are left out. */
export function countPerMonth<K>(actions: readonly ReportAction[], months: readonly string[], timeZone: string, keyOf: (a: ReportAction) => K): Map<K, number[]> {
  const index = new Map(months.map((m, i) => [m, i]));
  const out = new Map<K, number[]>();
  for (const a of actions) {
    const i = index.get(monthIn(a.occurredAt, timeZone));
    if (i === undefined) continue;
    const key = keyOf(a);
    let counts = out.get(key);
    if (!counts) out.set(key, (counts = new Array<number>(months.length).fill(0)));
    counts[i]! += 1;
  }
  return out;
}
