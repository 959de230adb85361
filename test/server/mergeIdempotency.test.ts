/** A mail logged on a customer that is then merged into another stays one action on the survivor. */
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken, createCustomer, mail } from './fixtures';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());
const as = (tok: string) => ({ Authorization: `Bearer ${tok}` });

test('logging again on the survivor a mail logged on the merged customer answers created: false with the same action', async () => {
  const keep = await createCustomer(t, token, { name: 'Terästö Oy', domain: 'terasto.fi' });
  const dup = await createCustomer(t, token, { name: 'Terästö Konepaja', domain: 'terasto-konepaja.fi' });
  const body = mail({ internetMessageId: '<tarjous-42@terasto-konepaja.fi>', from: dup.contactEmail, organizationId: dup.orgId });
  const logged = await t.http.post('/api/v1/actions/email').set(as(token)).send(body);
  expect(logged.status).toBe(201);

  const merged = await t.http.post('/api/v1/merges/organizations').set(as(await adminToken(t))).send({ keepId: keep.orgId, mergeIds: [dup.orgId] });
  expect(merged.status).toBe(200);

  const again = await t.http.post('/api/v1/actions/email').set(as(token)).send({ ...body, organizationId: keep.orgId });
  expect(again.status).toBe(200);
  expect(again.body.created).toBe(false);
  expect(again.body.action.id).toBe(logged.body.action.id);
  expect(again.body.action.organizationId).toBe(keep.orgId);

  const history = await t.http.get(`/api/v1/organizations/${keep.orgId}/actions`).set(as(token));
  expect(history.body.items.filter((a: { internetMessageId: string }) => a.internetMessageId === body.internetMessageId)).toHaveLength(1);
  // The pane sees it as logged on the survivor.
  const seen = await t.http.get('/api/v1/lookup').query({ email: dup.contactEmail, messageId: body.internetMessageId }).set(as(token));
  expect(seen.body.logged).toEqual([expect.objectContaining({ organizationId: keep.orgId, organizationName: 'Terästö Oy', actionId: logged.body.action.id })]);
  // The moved contact is recognised as the survivor's.
  expect(seen.body.people[0]).toMatchObject({ match: 'contact', organization: { id: keep.orgId } });
});
