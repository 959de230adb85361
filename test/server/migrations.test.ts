/**
 * Start-up migrations over the real database: a start on a database whose migrations are done does
 * no per-customer work; of instances starting together one runs each migration and the others wait
 * for it; a run whose instance crashed is run again once its lease has run out.
 */
import { runMigration, runStartupMigrations, STARTUP_MIGRATIONS, type Migration } from '../../server/usecases/migrations';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer } from './fixtures';

let t: TestApp;
let aino: string;
beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A customer with an action, then its read models taken away, as a database written before them has it. */
async function customerWithoutReadModels(name: string, domain: string): Promise<string> {
  const c = await createCustomer(t, aino, { name, domain });
  const res = await t.http.post('/api/v1/actions').set(as(aino)).send({ kind: 'call', occurredAt: '2026-10-01T09:00:00Z', subject: `Soitto ${name}`, organizationId: c.orgId });
  expect(res.status).toBe(201);
  await t.models.Organization.updateOne({ _id: c.orgId }, { $unset: { contactIds: 1, timelineMonths: 1, lastActionAny: 1 } });
  await t.models.TimelineBucket.deleteMany({ organizationId: c.orgId });
  return c.orgId;
}
const timelineSubjects = async (orgId: string) =>
  ((await t.http.get(`/api/v1/organizations/${orgId}/actions`).set(as(aino))).body.items as { subject: string }[]).map((a) => a.subject);
/** Another instance's start on the same database (its own connection); closed without dropping the database. */
async function startAnother() {
  const other = await startTestApp({ overrides: { dbName: t.dbName } });
  await other.conn.close();
}

test('the first start marks each start-up migration done; a later start walks no customer, even one lacking its read models', async () => {
  for (const m of STARTUP_MIGRATIONS) expect(await t.repos.migrations.get(m.id)).toMatchObject({ doneAt: expect.any(Date), attempts: 1 });
  const org = await customerWithoutReadModels('Vanha Tietokanta Oy', 'vanha-tk.fi');
  await startAnother();
  // Nothing was backfilled: the start did not look at the customers.
  expect(await timelineSubjects(org)).toEqual([]);
  expect((await t.models.Organization.findById(org).lean())!.timelineMonths).toBeUndefined();
  for (const m of STARTUP_MIGRATIONS) expect(await t.repos.migrations.get(m.id)).toMatchObject({ attempts: 1 });
});

test('on an upgraded database, instances starting together run the backfill once and every one of them serves it built', async () => {
  const org = await customerWithoutReadModels('Päivitys Oy', 'paivitys.fi');
  await t.models.Migration.deleteOne({ _id: 'read-models-v3' }); // a database from before the migration
  await Promise.all([startAnother(), startAnother(), startAnother()]);
  expect(await timelineSubjects(org)).toEqual(['Soitto Päivitys Oy']);
  expect((await t.http.get(`/api/v1/organizations/${org}/contacts`).set(as(aino))).body.items).toHaveLength(1);
  expect(await t.repos.migrations.get('read-models-v3')).toMatchObject({ doneAt: expect.any(Date), attempts: 1, result: { customers: expect.any(Number) } });
});

test('of runs side by side one runs the migration; the others return once it is done, without running it', async () => {
  let runs = 0;
  const slow: Migration = { id: 'test-slow-v1', run: async () => { runs++; await sleep(300); return { ok: true }; } };
  const ran = await Promise.all([1, 2, 3].map((i) => runStartupMigrations(t.repos, { owner: `instance-${i}`, pollMs: 20 }, [slow])));
  expect(runs).toBe(1);
  expect(ran.flat()).toEqual(['test-slow-v1']);
  expect(await t.repos.migrations.get('test-slow-v1')).toMatchObject({ doneAt: expect.any(Date), result: { ok: true } });
});

test('a run whose instance crashed is run again once its lease has run out; a failed run can be retried at once', async () => {
  const org = await customerWithoutReadModels('Kaatunut Ajo Oy', 'kaatunut.fi');
  const leaseEnds = new Date(Date.now() + 300);
  await t.models.Migration.replaceOne({ _id: 'read-models-v3' }, { owner: 'crashed-instance', leaseUntil: leaseEnds, startedAt: new Date(), attempts: 1 }, { upsert: true });
  const started = Date.now();
  expect(await runMigration(t.repos, STARTUP_MIGRATIONS[1]!, { pollMs: 20 })).toBe(true);
  expect(Date.now()).toBeGreaterThanOrEqual(leaseEnds.getTime());
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await timelineSubjects(org)).toEqual(['Soitto Kaatunut Ajo Oy']);
  expect(await t.repos.migrations.get('read-models-v3')).toMatchObject({ doneAt: expect.any(Date), attempts: 2 });

  const failing: Migration = { id: 'test-failing-v1', run: async () => { throw new Error('disk full'); } };
  await expect(runMigration(t.repos, failing, { leaseMs: 60_000 })).rejects.toThrow('disk full');
  const fixed: Migration = { id: 'test-failing-v1', run: async () => 'fixed' };
  const retriedAt = Date.now();
  expect(await runMigration(t.repos, fixed, { leaseMs: 60_000, pollMs: 20 })).toBe(true);
  expect(Date.now() - retriedAt).toBeLessThan(5_000);
});
