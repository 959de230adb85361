/**
 * The records of bulk changes (`desk_changes`) do not pile up: those every desk has applied are
 * pruned, and so are those older than the keep period, a desk last read before them being rebuilt
 * whole at its next read, so it still shows what the pruned change changed.
 */
import { DeskSchema, type Desk } from '../../shared/contract-desk';
import { DESK_CHANGES_KEEP_DAYS, pruneDeskChanges } from '../../server/usecases/desk';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken, createCustomer } from './fixtures';

const DAY = 86_400_000;
let t: TestApp;
let aino: string;
let mikko: string;
let mikkoId: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  mikkoId = (await t.http.get('/api/v1/me').set(as(mikko))).body.id;
});
afterAll(() => t.close());

async function desk(token: string): Promise<Desk> {
  const res = await t.http.get('/api/v1/desk').set(as(token));
  expect(res.status).toBe(200);
  return DeskSchema.parse(res.body);
}
const names = (d: Desk) => d.customers.map((c) => c.organization.name);
/** A bulk change: Mikko becomes the backup of the customer (a manager assignment). */
async function makeMikkoBackup(orgId: string) {
  const res = await t.http.post('/api/v1/manager-assignments').set(as(await adminToken(t))).send({ organizationIds: [orgId], backupId: mikkoId });
  expect(res.status).toBe(200);
}
const changeIds = async () => (await t.models.DeskChange.find({}, { _id: 1 }).lean()).map((d) => Number(d._id)).sort((a, b) => a - b);

test('keeps the change a desk behind still needs, prunes it once every desk has applied it, and a desk read before a pruned old change is rebuilt whole', async () => {
  const first = await createCustomer(t, aino, { name: 'Ensimmäinen Siirto Oy', domain: 'siirto1.fi' });
  const second = await createCustomer(t, aino, { name: 'Toinen Siirto Oy', domain: 'siirto2.fi' });
  expect(names(await desk(aino))).toEqual(expect.arrayContaining(['Ensimmäinen Siirto Oy', 'Toinen Siirto Oy']));
  expect(names(await desk(mikko))).toEqual([]);

  await makeMikkoBackup(first.orgId);
  const firstChange = await t.repos.desks.epoch();
  await desk(aino); // Aino's desk applies it; Mikko's has not been read since
  await pruneDeskChanges({ repos: t.repos, now: new Date() });
  expect(await changeIds()).toContain(firstChange);
  expect(names(await desk(mikko))).toEqual(['Ensimmäinen Siirto Oy']);

  // Every desk has applied it now: nobody needs its record.
  expect(await pruneDeskChanges({ repos: t.repos, now: new Date() })).toBeGreaterThanOrEqual(1);
  expect(await changeIds()).toEqual([]);

  // A change older than the keep period goes even though Mikko's desk has not applied it: that desk is rebuilt whole.
  await makeMikkoBackup(second.orgId);
  const secondChange = await t.repos.desks.epoch();
  await desk(aino);
  expect(await pruneDeskChanges({ repos: t.repos, now: new Date(Date.now() + (DESK_CHANGES_KEEP_DAYS + 1) * DAY) })).toBe(1);
  expect(await changeIds()).toEqual([]);
  expect((await t.repos.desks.epochs()).floor).toBe(secondChange);
  const mikkos = await desk(mikko);
  expect(names(mikkos).sort()).toEqual(['Ensimmäinen Siirto Oy', 'Toinen Siirto Oy']);
  expect(mikkos.customers.every((c) => c.role === 'backup')).toBe(true);
  // Pruning again changes nothing, and the desks stay right.
  expect(await pruneDeskChanges({ repos: t.repos, now: new Date() })).toBe(0);
  expect(names(await desk(mikko)).sort()).toEqual(['Ensimmäinen Siirto Oy', 'Toinen Siirto Oy']);
});

test('a desk that read the floor before a prune and then misses the pruned record reads the floor again and is rebuilt whole', async () => {
  const third = await createCustomer(t, aino, { name: 'Kolmas Siirto Oy', domain: 'siirto3.fi' });
  await desk(mikko);
  const floorBefore = (await t.repos.desks.epochs()).floor;
  await makeMikkoBackup(third.orgId);
  await desk(aino);
  // The prune lands between Mikko's read of the floor and of the change records.
  const epochs = t.repos.desks.epochs.bind(t.repos.desks);
  const spy = jest.spyOn(t.repos.desks, 'epochs').mockImplementationOnce(async () => {
    const read = await epochs();
    await pruneDeskChanges({ repos: t.repos, now: new Date(Date.now() + (DESK_CHANGES_KEEP_DAYS + 1) * DAY) });
    return read;
  });
  try {
    const mikkos = await desk(mikko);
    expect(spy).toHaveBeenCalled();
    expect((await t.repos.desks.epochs()).floor).toBeGreaterThan(floorBefore);
    expect(names(mikkos)).toContain('Kolmas Siirto Oy');
  } finally {
    spy.mockRestore();
  }
});
