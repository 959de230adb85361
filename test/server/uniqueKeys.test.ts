/**
 * Unique keys under concurrency: a key whose record is still being written is never taken from
 * its claimant; a key left behind by a write that died is taken over once it is old.
 */
import { CLAIM_GRACE_MS } from '../../server/persistence/repositories/uniqueKeys';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const create = async (name: string, domain: string) =>
  t.http.post('/api/v1/organizations').set('Authorization', `Bearer ${await adminToken(t)}`).send({ name, segment: 'B', customerGroup: 'company', emailDomains: [domain] });

test('a domain another create has just claimed (its customer not written yet) is a 409, not taken over', async () => {
  const claimant = t.repos.customers.newId();
  await t.repos.keys.claim(claimant, [{ kind: 'domain', value: 'kesken.fi', field: 'emailDomains.0' }]);
  const res = await create('Toinen Oy', 'kesken.fi');
  expect(res.status).toBe(409);
  expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'emailDomains.0' })]);
  expect((await t.repos.keys.ownersOf([{ kind: 'domain', value: 'kesken.fi' }])).get('domain:kesken.fi')?.ownerId).toBe(claimant);
});

test('a domain left behind by a create that died long ago is taken over', async () => {
  const dead = t.repos.customers.newId();
  await t.repos.keys.claim(dead, [{ kind: 'domain', value: 'orpo.fi', field: 'emailDomains.0' }], { now: new Date(Date.now() - CLAIM_GRACE_MS - 1_000) });
  const res = await create('Orpo Oy', 'orpo.fi');
  expect(res.status).toBe(201);
  expect((await t.repos.keys.ownersOf([{ kind: 'domain', value: 'orpo.fi' }])).get('domain:orpo.fi')?.ownerId).toBe(res.body.id);
});

test('of ten concurrent creates with one domain exactly one succeeds and owns it', async () => {
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`Kilpa ${i} Oy`, 'kilpa.fi')));
  const created = results.filter((r) => r.status === 201);
  expect(created).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  expect((await t.repos.keys.ownersOf([{ kind: 'domain', value: 'kilpa.fi' }])).get('domain:kilpa.fi')?.ownerId).toBe(created[0]!.body.id);
});
