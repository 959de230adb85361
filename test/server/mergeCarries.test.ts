/**
 * Merging customers carries what waits on the duplicates: their planned actions (the kept
 * customer's care plan shows them as planned and counts them once their time has come) and their
 * follow-up tasks, open and done (the kept customer's page lists them, the assignee's desk counts
 * the open ones under the kept customer), and their timelines.
 */
import { DeskSchema, type Desk } from '../../shared/contract-desk';
import { LookupResponseSchema } from '../../shared/contract';
import { MergeResultSchema } from '../../shared/contract-admin';
import { TaskPageSchema } from '../../shared/contract-tasks';
import { DEFAULT_CARE_PLAN_RULES } from '../../shared/domain/carePlan';
import { foldPassedPlannedActions } from '../../server/usecases/plannedActions';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken, createCustomer } from './fixtures';

const DAY = 86_400_000;
let t: TestApp;
let aino: string;
let admin: string;
/** The server's clock, 100 days ahead: a new A customer is then overdue on its meeting rule. */
let now = new Date(Date.now() + 100 * DAY);
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  admin = await adminToken(t);
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));
const post = (token: string, path: string, body: object = {}) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);

async function meetingRule(email: string) {
  const res = await get(aino, `/lookup?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return LookupResponseSchema.parse(res.body).people[0]!.carePlan!.rules.find((r) => r.id === 'A-meeting')!;
}
async function desk(): Promise<Desk> {
  const res = await get(aino, '/desk');
  expect(res.status).toBe(200);
  return DeskSchema.parse(res.body);
}
const onDesk = (d: Desk, id: string) => d.customers.find((c) => c.organization.id === id);
async function tasksOf(orgId: string, status: 'open' | 'done') {
  const res = await get(aino, `/tasks?organizationId=${orgId}&status=${status}`);
  expect(res.status).toBe(200);
  return TaskPageSchema.parse(res.body).items;
}
async function overdueIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of t.repos.customers.stream({ carePlan: { rules: DEFAULT_CARE_PLAN_RULES, now, timeZone: 'Europe/Helsinki', status: 'overdue' } })) ids.push(o.id);
  return ids;
}

test("the kept customer takes over the duplicate's planned meeting and its open and done tasks, on its care plan, its page and the assignee's desk", async () => {
  const keep = await createCustomer(t, aino, { name: 'Säilyvä Konepaja Oy', domain: 'sailyva.fi' });
  const dup = await createCustomer(t, aino, { name: 'Säilyvä Konepaja', domain: 'sailyva-konepaja.fi' });
  const meetingAt = at(2 * DAY);
  const planned = await post(aino, '/actions', { kind: 'meeting', occurredAt: meetingAt, subject: 'Vuosisuunnittelu', organizationId: dup.orgId });
  expect(planned.status).toBe(201);
  expect(planned.body.planned).toBe(true);
  const open = await post(aino, '/tasks', { title: 'Lähetä tarjous', organizationId: dup.orgId, contactIds: [dup.contactId], dueOn: '2027-05-02' });
  const done = await post(aino, '/tasks', { title: 'Kysy budjetista', organizationId: dup.orgId, dueOn: '2027-05-01' });
  expect((await post(aino, `/tasks/${done.body.id}/complete`)).status).toBe(200);
  // The desk is built before the merge: the merge must bring it up to date, not its first build.
  expect(onDesk(await desk(), dup.orgId)?.openTasks).toBe(1);
  expect(onDesk(await desk(), keep.orgId)?.openTasks).toBe(0);
  expect(await meetingRule(keep.contactEmail)).toMatchObject({ status: 'overdue', plannedAt: null });

  const res = await post(admin, '/merges/organizations', { keepId: keep.orgId, mergeIds: [dup.orgId] });
  expect(res.status).toBe(200);
  expect(MergeResultSchema.parse(res.body).moved).toEqual({ actions: 1, contacts: 1, keys: 1, tasks: 2, plannedActions: 1 });

  // The care plan of the kept customer (also through the duplicate's moved contact) shows when the meeting is planned for.
  expect(await meetingRule(keep.contactEmail)).toMatchObject({ status: 'overdue', lastAt: null, plannedAt: meetingAt });
  expect(await meetingRule(dup.contactEmail)).toMatchObject({ plannedAt: meetingAt });
  const deskAfter = await desk();
  expect(onDesk(deskAfter, dup.orgId)).toBeUndefined();
  const keptOnDesk = onDesk(deskAfter, keep.orgId)!;
  expect(keptOnDesk.openTasks).toBe(1);
  expect(keptOnDesk.carePlan!.rules.find((r) => r.id === 'A-meeting')).toMatchObject({ plannedAt: meetingAt });

  // The kept customer's page lists both tasks, named by the kept customer; the duplicate has none left.
  expect((await tasksOf(keep.orgId, 'open')).map((x) => [x.title, x.organization, x.contacts.map((c) => c.id)])).toEqual([
    ['Lähetä tarjous', { id: keep.orgId, name: 'Säilyvä Konepaja Oy' }, [dup.contactId]],
  ]);
  expect((await tasksOf(keep.orgId, 'done')).map((x) => [x.title, x.organization.id])).toEqual([['Kysy budjetista', keep.orgId]]);
  expect(await tasksOf(dup.orgId, 'open')).toEqual([]);
  expect(await tasksOf(dup.orgId, 'done')).toEqual([]);
  expect((await t.repos.tasks.openOfCustomer(keep.orgId)).map((e) => e.id)).toEqual([open.body.id]);
  expect(await t.repos.tasks.openOfCustomer(dup.orgId)).toEqual([]);
  const mine = TaskPageSchema.parse((await get(aino, '/tasks?assigneeId=me&status=open')).body).items;
  expect(mine.find((x) => x.id === open.body.id)?.organization.id).toBe(keep.orgId);

  // The meeting's time passes: it counts on the kept customer, and the fold takes it into the database-side filters.
  const timeline = (await get(aino, `/organizations/${keep.orgId}/actions`)).body.items as { id: string; planned: boolean }[];
  expect(timeline.map((a) => a.id)).toContain(planned.body.id);
  now = new Date(now.getTime() + 3 * DAY);
  expect(await meetingRule(keep.contactEmail)).toMatchObject({ status: 'on_track', lastAt: meetingAt, plannedAt: null });
  expect(await overdueIds()).toContain(keep.orgId);
  expect(await foldPassedPlannedActions({ repos: t.repos, now })).toBeGreaterThanOrEqual(1);
  expect(await t.repos.customers.get(keep.orgId)).toMatchObject({ lastActionAt: { meeting: new Date(meetingAt) }, plannedActions: [] });
  expect((await overdueIds())).not.toContain(keep.orgId);

  // What is left of the duplicate: nothing a reader reaches (its buckets and task list are gone), and the merge is audited.
  expect(await t.models.TimelineBucket.countDocuments({ organizationId: dup.orgId })).toBe(0);
  expect(await t.models.TaskList.findById(`customer:${dup.orgId}`).lean()).toBeNull();
  const merges = (await get(admin, '/merges')).body.items as { keptId: string; moved: object }[];
  expect(merges.find((m) => m.keptId === keep.orgId)?.moved).toEqual({ actions: 1, contacts: 1, keys: 1, tasks: 2, plannedActions: 1 });
  const audit = (await get(admin, '/audit?resource=organization')).body.items as { action: string; route: string }[];
  expect(audit.some((e) => e.action === 'organization.merge')).toBe(true);
});

test('merging a second time finds nothing left to move: a task never moves twice and a planned action is not repeated', async () => {
  const keep = await createCustomer(t, aino, { name: 'Kertaalleen Oy', domain: 'kertaalleen.fi' });
  const dup = await createCustomer(t, aino, { name: 'Kertaalleen Ab', domain: 'kertaalleen.ax' });
  const meetingAt = at(5 * DAY);
  await post(aino, '/actions', { kind: 'meeting', occurredAt: meetingAt, subject: 'Palaveri', organizationId: dup.orgId });
  await post(aino, '/tasks', { title: 'Soita', organizationId: dup.orgId, dueOn: '2027-06-01' });
  const customer = (await t.repos.customers.get(dup.orgId))!;
  // A repeat of the steps (a retried, interrupted merge): the copies are on the kept customer once.
  expect(await t.repos.customers.takePlanned(keep.orgId, customer.plannedActions)).toBe(1);
  expect(await t.repos.customers.takePlanned(keep.orgId, customer.plannedActions)).toBe(0);
  const res = await post(admin, '/merges/organizations', { keepId: keep.orgId, mergeIds: [dup.orgId] });
  expect(res.body.moved).toMatchObject({ tasks: 1, plannedActions: 0 });
  expect((await t.repos.customers.get(keep.orgId))!.plannedActions.map((p) => p.occurredAt.toISOString())).toEqual([meetingAt]);
  expect((await tasksOf(keep.orgId, 'open')).map((x) => x.title)).toEqual(['Soita']);
});
