/**
 * The hand-off to invoicing: orders to be invoiced export as CSV keyed by the customer's business ID
 * and external IDs, and the file imported back marks exactly those orders invoiced, once.
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
  const customer = await createCustomer(t, aino, { name: 'Laskutettava Oy', domain: 'laskutettava.fi', businessId: '0112038-9' });
  await t.http.patch(`/api/v1/organizations/${customer.orgId}`).set('Authorization', `Bearer ${admin}`).send({ externalIds: { top: 'TOP-77' } }).expect(200);
  opportunityId = (await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${aino}`).send({ organizationId: customer.orgId, title: 'Laskutus' })).body.id;
});
afterAll(() => t.close());

const as = (token: string) => ({
  post: (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
});

/** An order of two lines, moved as far as `state`. */
async function order(state: 'confirmed' | 'delivered' | 'to_be_invoiced') {
  const a = as(aino);
  const { body: offer } = await a.post(`/opportunities/${opportunityId}/offers`, {
    validUntil: inDays(30), lines: [
      { description: 'Esimiesvalmennus; 3 päivää', quantityHundredths: 300, unitPriceCents: 89_000, vatRateBp: 0, discountBp: 1250 },
      { description: 'Materiaalit', quantityHundredths: 1250, unitPriceCents: 3_500, vatRateBp: 2550 },
    ],
  });
  await a.post(`/offers/${offer.id}/send`, { version: 0 }).expect(200);
  await a.post(`/offers/${offer.id}/accept`, { version: 1 }).expect(200);
  const { body: o } = await a.post(`/offers/${offer.id}/order`, { deliveryStart: inDays(5), deliveryEnd: inDays(7) });
  if (state !== 'confirmed') await a.patch(`/orders/${o.id}`, { version: 0, state: 'delivered' }).expect(200);
  if (state === 'to_be_invoiced') await a.patch(`/orders/${o.id}`, { version: 1, state: 'to_be_invoiced' }).expect(200);
  return o as { id: string; number: string };
}

const exportCsv = async () => {
  const res = await t.http.get('/api/v1/orders/invoicing.csv').set('Authorization', `Bearer ${admin}`).buffer(true);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return res.text;
};
const importCsv = (csv: string) => t.http.post('/api/v1/orders/invoiced').set('Authorization', `Bearer ${admin}`).set('Content-Type', 'text/csv').send(Buffer.from(csv));

test('the orders to be invoiced export one row per line; importing the file marks them invoiced, and importing it again changes nothing', async () => {
  const [a, b] = [await order('to_be_invoiced'), await order('to_be_invoiced')];
  const delivered = await order('delivered');
  const csv = await exportCsv();
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('tilaus_id;tilausnumero;y_tunnus;top_tunnus;profinder_tunnus;asiakas;rivi;kuvaus;maara;yksikkohinta;ale_pct;alv_pct;veroton;toimitus_alkaa;toimitus_paattyy');
  // 3 × 890,00 € − 12.5 % = 2 336,25 €; 12.5 × 35,00 € = 437,50 €; a description with the delimiter is quoted
  expect(lines.filter((l) => l.startsWith(a.id))).toEqual([
    `${a.id};${a.number};0112038-9;TOP-77;;Laskutettava Oy;1;"Esimiesvalmennus; 3 päivää";3;890.00;12.5;0;2336.25;${inDays(5)};${inDays(7)}`,
    `${a.id};${a.number};0112038-9;TOP-77;;Laskutettava Oy;2;Materiaalit;12.50;35.00;0;25.5;437.50;${inDays(5)};${inDays(7)}`,
  ]);
  expect(lines.some((l) => l.startsWith(delivered.id))).toBe(false);
  expect(lines.filter((l) => l.startsWith(b.id))).toHaveLength(2);

  const first = await importCsv(csv);
  expect(first.status).toBe(200);
  expect(first.body).toEqual({ invoiced: 2, unchanged: 0, problems: [] });
  expect((await t.http.get(`/api/v1/orders/${a.id}`).set('Authorization', `Bearer ${aino}`)).body.state).toBe('invoiced');
  expect(await importCsv(csv).then((r) => r.body)).toEqual({ invoiced: 0, unchanged: 2, problems: [] });
  expect((await exportCsv()).split('\r\n').filter((l) => l.startsWith(a.id))).toEqual([]);
  // invoiced is the finance system's word: it is not changed by hand
  expect((await as(aino).patch(`/orders/${a.id}`, { version: 3, deliveryEnd: inDays(9) })).status).toBe(409);
});

test('a file naming an order that is not to be invoiced, or no order, reports those rows and applies the rest', async () => {
  const ready = await order('to_be_invoiced');
  const confirmed = await order('confirmed');
  const res = await importCsv(`tilaus_id;muistiinpano\r\n${ready.id};ok\r\n${confirmed.id};liian aikaisin\r\n0123456789abcdef01234567;ei ole\r\nroskaa;x\r\n`);
  expect(res.status).toBe(200);
  expect(res.body.invoiced).toBe(1);
  expect(res.body.problems).toEqual([
    { line: 5, orderId: 'roskaa', reason: 'not an order id' },
    { line: 3, orderId: confirmed.id, reason: 'the order is confirmed, not to be invoiced' },
    { line: 4, orderId: '0123456789abcdef01234567', reason: 'no such order' },
  ]);
  expect((await t.http.get(`/api/v1/orders/${confirmed.id}`).set('Authorization', `Bearer ${aino}`)).body.state).toBe('confirmed');
});

test('a file without the tilaus_id column → 400 naming it, nothing marked; an account manager cannot export or import', async () => {
  const ready = await order('to_be_invoiced');
  const res = await importCsv(`tilausnumero\r\n${ready.number}\r\n`);
  expect(res.status).toBe(400);
  expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['tilaus_id']);
  expect((await t.http.get(`/api/v1/orders/${ready.id}`).set('Authorization', `Bearer ${aino}`)).body.state).toBe('to_be_invoiced');
  expect((await t.http.get('/api/v1/orders/invoicing.csv').set('Authorization', `Bearer ${aino}`)).status).toBe(403);
});
