/**
 * The management dashboard: care-plan compliance per account manager and per segment, the
 * overdue list, and CRM use over time (actions logged per week per manager and department).
 *
 * Every figure is a database aggregation that MongoDB and FerretDB 1.24 both run: `$match`
 * with the care-plan status filters of ./carePlanQuery, then `$group` with `$sum` (FerretDB
 * has no `$max` accumulator, no `$cond`, no date operators, no `$facet`). Weeks are counted
 * with one `$match` per week on `occurredAt`, their bounds computed here in the configured zone.
 */
import type { Types } from 'mongoose';
import type { Dashboard } from '../../shared/contract-admin';
import { SEGMENTS } from '../../shared/domain/codes';
import { zoneOffsetMs } from '../../shared/domain/zonedTime';
import type { Models, OrganizationDoc } from '../persistence/models';
import { loadCarePlanRules } from '../persistence/store';
import { idOf, personRef } from '../persistence/views';
import { carePlanOf } from './carePlans';
import { statusFilters, type Filter } from './carePlanQuery';
import type { UseCaseContext } from './context';

type Counts = Dashboard['compliance']['total'];

async function countBy(models: Models, filter: Filter, field: string): Promise<Map<string, number>> {
  const rows = await models.Organization.aggregate<{ _id: unknown; n: number }>([
    { $match: filter },
    { $group: { _id: `$${field}`, n: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [r._id === null || r._id === undefined ? '' : String(r._id), r.n]));
}

function countsOf(key: string, all: Map<string, number>, plan: Map<string, number>, soon: Map<string, number>, over: Map<string, number>): Counts {
  const total = all.get(key) ?? 0;
  const hasPlan = plan.get(key) ?? 0;
  const dueSoonOrWorse = soon.get(key) ?? 0;
  const overdue = over.get(key) ?? 0;
  return { onTrack: hasPlan - dueSoonOrWorse, dueSoon: dueSoonOrWorse - overdue, overdue, noPlan: total - hasPlan, total };
}

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
  const { models, now } = ctx;
  const tz = ctx.settings.timeZone;
  const [rules, users] = await Promise.all([loadCarePlanRules(models), models.User.find().lean()]);
  const userById = new Map(users.map((u) => [idOf(u._id), u]));
  const f = statusFilters(rules, now, tz);

  const byField = async (field: string) => {
    const [all, plan, soon, over] = await Promise.all([
      countBy(models, {}, field), countBy(models, f.hasPlan, field), countBy(models, f.dueSoonOrWorse, field), countBy(models, f.overdue, field),
    ]);
    return { all, plan, soon, over };
  };
  const byManager = await byField('responsibleId');
  const bySegment = await byField('segment');
  const totalOf = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const summed = (m: Map<string, number>) => new Map([['*', totalOf(m)]]);
  const total = countsOf('*', summed(bySegment.all), summed(bySegment.plan), summed(bySegment.soon), summed(bySegment.over));

  const managerKeys = [...byManager.all.keys()].sort((a, b) => {
    const ua = userById.get(a)?.name ?? '\uffff';
    const ub = userById.get(b)?.name ?? '\uffff';
    return ua.localeCompare(ub, 'fi');
  });

  // The overdue list: only overdue customers are read, most overdue first.
  const overdueDocs = await models.Organization.find(f.overdue, { name: 1, segment: 1, customerGroup: 1, responsibleId: 1, createdAt: 1, lastActionAt: 1 }).lean();
  const overdueItems = overdueDocs
    .map((o) => {
      const plan = carePlanOf(o as OrganizationDoc, rules, ctx);
      const late = (plan?.rules ?? []).filter((r) => r.status === 'overdue');
      const responsible = o.responsibleId ? userById.get(idOf(o.responsibleId)) : undefined;
      return {
        organization: { id: idOf(o._id), name: o.name, segment: o.segment, customerGroup: o.customerGroup },
        responsible: responsible ? personRef(responsible) : null,
        dueAt: late.map((r) => r.dueAt).sort()[0] ?? now.toISOString(),
        rules: late.map((r) => r.label),
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.organization.name.localeCompare(b.organization.name, 'fi'));

  // CRM use: actions logged per week, by who logged them.
  const starts = weekStarts(now, q.weeks, tz);
  const ends = [...starts.slice(1), now];
  const perWeek = await Promise.all(
    starts.map((start, i) =>
      models.Action.aggregate<{ _id: Types.ObjectId; n: number }>([
        { $match: { occurredAt: { $gte: start, $lt: ends[i]! } } },
        { $group: { _id: '$loggedBy.id', n: { $sum: 1 } } },
      ]),
    ),
  );
  const managerCounts = new Map<string, number[]>();
  perWeek.forEach((rows, w) => {
    for (const r of rows) {
      const key = idOf(r._id);
      const counts = managerCounts.get(key) ?? new Array<number>(q.weeks).fill(0);
      counts[w] = (counts[w] ?? 0) + r.n;
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
        return { manager: u ? personRef(u) : null, ...countsOf(key, byManager.all, byManager.plan, byManager.soon, byManager.over) };
      }),
      bySegment: SEGMENTS.filter((s) => bySegment.all.has(s)).map((s) => ({ segment: s, ...countsOf(s, bySegment.all, bySegment.plan, bySegment.soon, bySegment.over) })),
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
