/**
 * The management dashboard: care-plan compliance per account manager and per segment, the
 * overdue list, and CRM use over time (actions logged per week per manager and department).
 *
 * Every figure is a count the repositories take from the database (customers per care-plan
 * state, grouped by a field; actions per logger in a span of time), never every customer read
 * here. Weeks are counted one span per week, their bounds computed here in the configured zone.
 */
import type { Dashboard } from '../../shared/contract-admin';
import { SEGMENTS } from '../../shared/domain/codes';
import { zoneOffsetMs } from '../../shared/domain/zonedTime';
import type { CarePlanCounts } from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { personRef } from './views';

type Counts = Dashboard['compliance']['total'];

const NONE: Counts = { onTrack: 0, dueSoon: 0, overdue: 0, noPlan: 0, total: 0 };

const sumCounts = (all: Iterable<CarePlanCounts>): Counts => {
  const total = { ...NONE };
  for (const c of all) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  return total;
};

/** Instant of a wall-clock time in the zone (two fixed-point steps, as addCalendarDays does). */
function wallToInstant(wallMs: number, timeZone: string): Date {
  let guess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
  guess = wallMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** Monday 00:00 of the week `now` is in, and the `count - 1` weeks before it, in the zone, oldest first. */
export function weekStarts(now: Date, count: number, timeZone: string): Date[] {
  const wall = new Date(now.getTime() + zoneOffsetMs(now, timeZone));
  const sinceMonday = (wall.getUTCDay() + 6) % 7;
  const mondayWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() - sinceMonday);
  return Array.from({ length: count }, (_, i) => wallToInstant(mondayWall - (count - 1 - i) * 7 * 86_400_000, timeZone));
}

export async function dashboard(ctx: UseCaseContext, q: { weeks: number; overdueLimit: number }): Promise<Dashboard> {
  const { repos, now } = ctx;
  const tz = ctx.settings.timeZone;
  const [rules, reference] = await Promise.all([repos.carePlanRules.all(), repos.reference.get()]);
  const userById = reference.users;
  const plan = { rules, now, timeZone: tz };

  const byManager = await repos.customers.countByStatus('responsibleId', plan);
  const bySegment = await repos.customers.countByStatus('segment', plan);
  const total = sumCounts(bySegment.values());

  const managerKeys = [...byManager.keys()].sort((a, b) => {
    const ua = userById.get(a)?.name ?? '\uffff';
    const ub = userById.get(b)?.name ?? '\uffff';
    return ua.localeCompare(ub, 'fi');
  });

  // The overdue list: only overdue customers are read, most overdue first.
  const overdueItems: Dashboard['overdue']['items'] = [];
  for await (const o of repos.customers.stream({ carePlan: { ...plan, status: 'overdue' } })) {
    const late = (carePlanOf(o, rules, ctx)?.rules ?? []).filter((r) => r.status === 'overdue');
    const responsible = o.responsibleId ? userById.get(o.responsibleId) : undefined;
    overdueItems.push({
      organization: { id: o.id, name: o.name, segment: o.segment, customerGroup: o.customerGroup },
      responsible: responsible ? personRef(responsible) : null,
      dueAt: late.map((r) => r.dueAt).sort()[0] ?? now.toISOString(),
      rules: late.map((r) => r.label),
    });
  }
  overdueItems.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.organization.name.localeCompare(b.organization.name, 'fi'));

  // CRM use: actions logged per week, by who logged them.
  const starts = weekStarts(now, q.weeks, tz);
  const ends = [...starts.slice(1), now];
  const perWeek = await Promise.all(starts.map((start, i) => repos.actions.countByLogger(start, ends[i]!)));
  const managerCounts = new Map<string, number[]>();
  perWeek.forEach((byLogger, w) => {
    for (const [key, n] of byLogger) {
      const counts = managerCounts.get(key) ?? new Array<number>(q.weeks).fill(0);
      counts[w] = (counts[w] ?? 0) + n;
      managerCounts.set(key, counts);
    }
  });
  const departmentCounts = new Map<string, number[]>();
  for (const [userId, counts] of managerCounts) {
    const dept = userById.get(userId)?.department ?? '';
    const sum = departmentCounts.get(dept) ?? new Array<number>(q.weeks).fill(0);
    counts.forEach((n, i) => (sum[i] = (sum[i] ?? 0) + n));
    departmentCounts.set(dept, sum);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  return {
    generatedAt: now.toISOString(),
    timeZone: tz,
    compliance: {
      total,
      byManager: managerKeys.map((key) => {
        const u = key ? userById.get(key) : undefined;
        return { manager: u ? personRef(u) : null, ...byManager.get(key)! };
      }),
      bySegment: SEGMENTS.filter((s) => bySegment.has(s)).map((s) => ({ segment: s, ...bySegment.get(s)! })),
    },
    overdue: { total: overdueItems.length, items: overdueItems.slice(0, q.overdueLimit) },
    activity: {
      weeks: starts.map((d) => d.toISOString()),
      byManager: [...managerCounts.entries()]
        .flatMap(([id, counts]) => {
          const u = userById.get(id);
          return u ? [{ manager: personRef(u), counts, total: sum(counts) }] : [];
        })
        .sort((a, b) => a.manager.name.localeCompare(b.manager.name, 'fi')),
      byDepartment: [...departmentCounts.entries()]
        .map(([department, counts]) => ({ department: department || null, counts, total: sum(counts) }))
        .sort((a, b) => (a.department ?? '\uffff').localeCompare(b.department ?? '\uffff', 'fi')),
    },
  };
}
