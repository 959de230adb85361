/**
 * The management dashboard over the demo data: every figure equals what the seeded data
 * implies, computed here the slow way (every customer through the pure care-plan function,
 * every action into its week).
 */
import { evaluateCarePlan } from '../../../shared/domain/carePlan';
import { DashboardSchema } from '../../../shared/contract-admin';
import { seedDemo } from '../../../server/seed/demo';
import { weekStarts } from '../../../server/usecases/dashboard';
import { startTestApp, type TestApp } from '../../support/testApp';

let t: TestApp;
const now = new Date();
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  await seedDemo(t.models, now);
});
afterAll(() => t.close());

it('compliance per manager and per segment, the overdue list and actions per week equal what the data implies', async () => {
  const management = await t.tokenFor('leena.hamalainen@omnia.fi', 'management');
  const res = await t.http.get('/api/v1/dashboard?weeks=12&overdueLimit=500').set(as(management));
  expect(res.status).toBe(200);
  const d = DashboardSchema.parse(res.body);

  const rules = await t.repos.carePlanRules.all();
  const orgs = await t.models.Organization.find().lean();
  const statusOf = (o: (typeof orgs)[number]) =>
    evaluateCarePlan(rules, { segment: o.segment, customerGroup: o.customerGroup, createdAt: o.createdAt, lastActionAt: (o.lastActionAt ?? {}) as never }, now, 'Europe/Helsinki')?.overall ?? 'none';
  const tally = (list: typeof orgs) => {
    const s = list.map(statusOf);
    const n = (x: string) => s.filter((v) => v === x).length;
    return { onTrack: n('on_track'), dueSoon: n('due_soon'), overdue: n('overdue'), noPlan: n('none'), total: list.length };
  };

  expect(d.compliance.total).toEqual(tally(orgs));
  expect(d.compliance.total.overdue).toBeGreaterThan(0);
  expect(d.compliance.total.dueSoon).toBeGreaterThan(0);
  for (const row of d.compliance.bySegment) expect(row).toEqual({ segment: row.segment, ...tally(orgs.filter((o) => o.segment === row.segment)) });
  expect(d.compliance.bySegment.map((r) => r.segment)).toEqual(['A', 'B', 'C', 'P']);
  for (const row of d.compliance.byManager) {
    expect(row).toEqual({ manager: row.manager, ...tally(orgs.filter((o) => String(o.responsibleId ?? '') === (row.manager?.id ?? ''))) });
  }
  expect(d.compliance.byManager.reduce((a, r) => a + r.total, 0)).toBe(orgs.length);

  const overdue = orgs.filter((o) => statusOf(o) === 'overdue');
  expect(d.overdue.total).toBe(overdue.length);
  expect(d.overdue.items.map((i) => i.organization.id).sort()).toEqual(overdue.map((o) => String(o._id)).sort());
  expect(d.overdue.items.every((i) => i.responsible !== null && i.rules.length > 0)).toBe(true);
  const dues = d.overdue.items.map((i) => i.dueAt);
  expect(dues).toEqual([...dues].sort());

  const starts = weekStarts(now, 12, 'Europe/Helsinki');
  expect(d.activity.weeks).toEqual(starts.map((s) => s.toISOString()));
  const actions = await t.models.Action.find().lean();
  const weekOf = (at: Date) => starts.findLastIndex((s) => at >= s);
  for (const row of d.activity.byManager) {
    const counts = new Array(12).fill(0);
    for (const a of actions) if (String(a.loggedBy.id) === row.manager.id && a.occurredAt < now && weekOf(a.occurredAt) >= 0) counts[weekOf(a.occurredAt)]++;
    expect(row.counts).toEqual(counts);
  }
  const inWindow = actions.filter((a) => a.occurredAt >= starts[0]! && a.occurredAt < now).length;
  expect(d.activity.byDepartment.reduce((a, r) => a + r.total, 0)).toBe(inWindow);
  expect(inWindow).toBeGreaterThan(0);
});

it('weeks start on Monday at midnight in Helsinki, also across the change to summer time', () => {
  const starts = weekStarts(new Date('2026-04-01T09:00:00Z'), 2, 'Europe/Helsinki');
  expect(starts.map((s) => s.toISOString())).toEqual(['2026-03-22T22:00:00.000Z', '2026-03-29T21:00:00.000Z']);
});

it('is for management and administrators only', async () => {
  const aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager');
  expect((await t.http.get('/api/v1/dashboard').set(as(aino))).status).toBe(403);
});
