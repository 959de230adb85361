/**
 * The orders page's lists: `GET /orders?state=` answers the orders in a state, newest first, from
 * the state's list; an order moves list when it is stepped and when the finance import marks it invoiced.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { inDays } from './days';
import { adminToken, createCustomer } from '../fixtures';

let t: TestApp;
let aino: string;
let admin: string;
let opportunityId: string;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  admin = await adminToken(t);
  const customer = await createCustomer(t, aino, { name: 'Tilaava Oy', domain: 'tilaava.fi' });
  opportunityId = (await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${aino}`).send({ organizationId: customer.orgId, title: 'Tilaukset' })).body.id;
});
afterAll(() => t.close());

const post = (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${aino}`).send(body);
const patch = (path: string, body: object) => t.http.patch(`/api/v1${path}`).set('Authorization', `Bearer ${aino}`).send(body);
const listed = async (state: string) => {
  const res = await t.http.get(`/api/v1/orders?state=${state}`).set('Authorization', `Bearer ${aino}`);
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; number: string; state: string }[]).map((o) => o.id);
};

async function newOrder() {
  const { body: offer } = await post(`/opportunities/${opportunityId}/offers`, {
    validUntil: inDays(30), lines: [{ description: 'Työpaikkaohjaajakoulutus', quantityHundredths: 100, unitPriceCents: 120_000, vatRateBp: 0 }],
  });
  await post(`/offers/${offer.id}/send`, { version: 0 }).expect(200);
  await post(`/offers/${offer.id}/accept`, { version: 1 }).expect(200);
  const { body: order } = await post(`/offers/${offer.id}/order`, {}).expect(201);
  return order as { id: string };
}

test('a new order is listed as confirmed, newest first, and moves list with each step and with the invoiced import', async () => {
  const older = await newOrder();
  const order = await newOrder();
  expect((await listed('confirmed')).slice(0, 2)).toEqual([order.id, older.id]);

  await patch(`/orders/${order.id}`, { version: 0, state: 'delivered' }).expect(200);
  expect(await listed('confirmed')).not.toContain(order.id);
  expect(await listed('delivered')).toContain(order.id);

  await patch(`/orders/${order.id}`, { version: 1, state: 'to_be_invoiced' }).expect(200);
  expect(await listed('delivered')).not.toContain(order.id);
  expect(await listed('to_be_invoiced')).toContain(order.id);

  const imported = await t.http.post('/api/v1/orders/invoiced').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'text/csv').send(Buffer.from(`tilaus_id\n${order.id}\n`));
  expect(imported.body).toMatchObject({ invoiced: 1 });
  expect(await listed('to_be_invoiced')).not.toContain(order.id);
  expect(await listed('invoiced')).toContain(order.id);
  expect(await listed('confirmed')).toContain(older.id);
});

test('an unknown state, or none, is a 400 naming state', async () => {
  for (const path of ['/api/v1/orders?state=shipped', '/api/v1/orders']) {
    const res = await t.http.get(path).set('Authorization', `Bearer ${aino}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('state');
  }
});
