/**
 * Orders over the real database: only an accepted offer becomes an order, once (a second request
 * answers the same order), with its lines and totals copied; the order moves forward step by step.
 */
import { CustomerSalesSchema, OrderSchema } from '../../../shared/contract-sales';
import { startTestApp, type TestApp } from '../../support/testApp';
import { inDays } from './days';
import { createCustomer, fieldsOf, type Customer } from '../fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let kivijalka: Customer;
let opportunityId: string;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  opportunityId = (await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${aino}`).send({ organizationId: kivijalka.orgId, title: 'Tilaus' })).body.id;
});
afterAll(() => t.close());

const call = (token: string, method: 'post' | 'patch' | 'get', path: string, body?: object) => {
  const c = t.http[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  return body ? c.send(body) : c;
};

async function offerIn(state: 'draft' | 'sent' | 'accepted' | 'rejected') {
  const { body: offer } = await call(aino, 'post', `/opportunities/${opportunityId}/offers`, {
    validUntil: inDays(30), lines: [{ description: 'Esimiesvalmennus', quantityHundredths: 300, unitPriceCents: 89_000, vatRateBp: 0 }],
  });
  if (state === 'draft') return offer;
  await call(aino, 'post', `/offers/${offer.id}/send`, { version: 0 }).expect(200);
  if (state === 'sent') return offer;
  await call(aino, 'post', `/offers/${offer.id}/${state === 'accepted' ? 'accept' : 'reject'}`, { version: 1 }).expect(200);
  return offer;
}

describe('orders', () => {
  test('an accepted offer becomes an order once, its lines and totals copied; asking again answers the same order', async () => {
    const offer = await offerIn('accepted');
    const first = await call(aino, 'post', `/offers/${offer.id}/order`, { deliveryStart: inDays(10), deliveryEnd: inDays(12) });
    expect(first.status).toBe(201);
    const order = OrderSchema.parse(first.body);
    expect(order).toMatchObject({ number: offer.number, state: 'confirmed', organizationName: 'Rakennus Oy Kivijalka', totals: { net: 267_000, gross: 267_000 } });
    expect(order.lines).toEqual([expect.objectContaining({ description: 'Esimiesvalmennus', netCents: 267_000 })]);
    const again = await Promise.all([1, 2, 3].map(() => call(aino, 'post', `/offers/${offer.id}/order`, {})));
    expect(again.map((r) => [r.status, r.body.id])).toEqual([[200, order.id], [200, order.id], [200, order.id]]);
    expect(await t.models.Order.countDocuments({ offerId: offer.id })).toBe(1);
    expect((await call(aino, 'get', `/offers/${offer.id}/order`)).body.id).toBe(order.id);
  });

  test.each(['draft', 'sent', 'rejected'] as const)('a %s offer is no order: 409 naming state', async (state) => {
    const offer = await offerIn(state);
    const res = await call(aino, 'post', `/offers/${offer.id}/order`, {});
    expect(res.status).toBe(409);
    expect(fieldsOf(res.body)).toEqual(['state']);
    expect(await t.models.Order.countDocuments({ offerId: offer.id })).toBe(0);
  });

  test('an order moves confirmed → delivered → to be invoiced, one step at a time; never back, never to invoiced by hand', async () => {
    const offer = await offerIn('accepted');
    const { body: order } = await call(aino, 'post', `/offers/${offer.id}/order`, {});
    const skip = await call(aino, 'patch', `/orders/${order.id}`, { version: 0, state: 'to_be_invoiced' });
    expect(skip.status).toBe(409);
    expect(fieldsOf(skip.body)).toEqual(['state']);
    expect((await call(aino, 'patch', `/orders/${order.id}`, { version: 0, state: 'delivered' })).body).toMatchObject({ state: 'delivered', version: 1 });
    expect((await call(aino, 'patch', `/orders/${order.id}`, { version: 1, state: 'to_be_invoiced' })).body).toMatchObject({ state: 'to_be_invoiced', version: 2 });
    const byHand = await call(aino, 'patch', `/orders/${order.id}`, { version: 2, state: 'invoiced' });
    expect(byHand.status).toBe(400);
    expect(fieldsOf(byHand.body)).toEqual(['state']);
    const stale = await call(aino, 'patch', `/orders/${order.id}`, { version: 0, deliveryStart: inDays(3) });
    expect(stale.status).toBe(409);
    expect(fieldsOf(stale.body)).toEqual(['version']);
    expect((await call(mikko, 'patch', `/orders/${order.id}`, { version: 2, deliveryStart: inDays(3) })).status).toBe(403);
  });

  test('delivery that ends before it starts → 400 naming deliveryEnd', async () => {
    const offer = await offerIn('accepted');
    const res = await call(aino, 'post', `/offers/${offer.id}/order`, { deliveryStart: inDays(10), deliveryEnd: inDays(5) });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['deliveryEnd']);
  });
});

describe('a customer’s offers and orders (its page’s sales section)', () => {
  test('every offer of each of its opportunities, newest first, and the orders made of them; none of another customer’s; everyone reads them', async () => {
    const other = await createCustomer(t, mikko, { name: 'Kuljetus Oy Vauhti', domain: 'vauhti.fi', segment: 'B' });
    const second = (await call(aino, 'post', '/opportunities', { organizationId: kivijalka.orgId, title: 'Toinen mahdollisuus' })).body.id as string;
    const othersOpportunity = (await call(mikko, 'post', '/opportunities', { organizationId: other.orgId, title: 'Vauhdin mahdollisuus' })).body.id as string;
    await call(mikko, 'post', `/opportunities/${othersOpportunity}/offers`, { validUntil: inDays(30) }).expect(201);
    const accepted = await offerIn('accepted');
    const order = (await call(aino, 'post', `/offers/${accepted.id}/order`, {})).body;
    const draftOfSecond = (await call(aino, 'post', `/opportunities/${second}/offers`, { validUntil: inDays(30) })).body;

    const res = await call(mikko, 'get', `/organizations/${kivijalka.orgId}/sales`);
    expect(res.status).toBe(200);
    const sales = CustomerSalesSchema.parse(res.body);
    const numbers = sales.offers.map((o) => o.number);
    expect(numbers).toEqual([...numbers].sort().reverse());
    expect(numbers[0]).toBe(draftOfSecond.number);
    expect(sales.offers.map((o) => o.id)).toEqual(expect.arrayContaining([accepted.id, draftOfSecond.id]));
    expect(sales.offers.every((o) => o.organizationId === kivijalka.orgId)).toBe(true);
    expect(sales.orders.map((o) => [o.id, o.number, o.state])).toContainEqual([order.id, accepted.number, 'confirmed']);
    expect(sales.orders.every((o) => o.organizationId === kivijalka.orgId)).toBe(true);

    const none = CustomerSalesSchema.parse((await call(aino, 'get', `/organizations/${(await createCustomer(t, aino, { name: 'Tyhjä Oy', domain: 'tyhja.fi', segment: 'C' })).orgId}/sales`)).body);
    expect(none).toEqual({ offers: [], orders: [] });
    expect((await call(aino, 'get', '/organizations/0123456789abcdef01234567/sales')).status).toBe(404);
  });
});
