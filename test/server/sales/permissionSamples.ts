/**
 * Sample requests for the sales-pipeline routes (server/http/routes/sales.ts), in the form
 * test/server/auth/permissions.test.ts iterates.
 */
import { DEFAULT_PIPELINE_STAGES } from '../../../shared/contract-sales';
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object | Buffer;
}

const made = { product: '', mine: [] as string[], others: '', ownerId: '', otherCustomer: '', offers: {} as Record<string, string[]>, othersOffer: '', othersAccepted: '', orders: [] as string[], othersOrder: '' };
let orderPatches = 0;
const uses: Record<string, number> = {};
/** The next of the offers prepared for a route: each allowed call (account manager, admin) uses its own, at version 0 or 1. */
const nextOffer = (route: string) => {
  const list = made.offers[route]!;
  uses[route] = (uses[route] ?? 0) + 1;
  return list[(uses[route] - 1) % list.length]!;
};
const offerBody = { validUntil: '2099-12-31', lines: [{ description: 'Oikeustesti', quantityHundredths: 100, unitPriceCents: 10_000, vatRateBp: 0 }] };
let patches = 0;
let codes = 0;
const product = () => ({
  code: `PERM-${++codes}-${Date.now().toString(36)}`, name: { fi: 'Oikeustestin tuote' }, kind: 'other', unit: 'hour', unitPriceCents: 10_000, vatRateBp: 2550,
});

/** A product; two opportunities of Aino's on her customer (one per allowed change) and one of Mikko's on his (refused to Aino). */
export async function prepareSalesSamples(t: TestApp, tokens: { admin: string; aino: string; mikko: string }, customers: { own: string; other: string }): Promise<void> {
  const res = await t.http.post('/api/v1/products').set('Authorization', `Bearer ${tokens.admin}`).send(product());
  if (res.status !== 201) throw new Error(`add a product: ${res.status} ${JSON.stringify(res.body)}`);
  made.product = res.body.id;
  const create = async (token: string, organizationId: string) => {
    const o = await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${token}`).send({ organizationId, title: 'Oikeustestin myyntimahdollisuus' });
    if (o.status !== 201) throw new Error(`create an opportunity: ${o.status} ${JSON.stringify(o.body)}`);
    return o.body as { id: string; owner: { id: string } };
  };
  const first = await create(tokens.aino, customers.own);
  made.ownerId = first.owner.id;
  made.mine = [first.id, (await create(tokens.aino, customers.own)).id];
  made.others = (await create(tokens.mikko, customers.other)).id;
  made.otherCustomer = customers.other;
  const offer = async (token: string, opportunityId: string, sent: boolean) => {
    const o = await t.http.post(`/api/v1/opportunities/${opportunityId}/offers`).set('Authorization', `Bearer ${token}`).send(offerBody);
    if (o.status !== 201) throw new Error(`create an offer: ${o.status} ${JSON.stringify(o.body)}`);
    if (sent) await t.http.post(`/api/v1/offers/${o.body.id}/send`).set('Authorization', `Bearer ${token}`).send({ version: 0 });
    return o.body.id as string;
  };
  for (const [route, sent] of [['patch', false], ['send', false], ['accept', true], ['reject', true]] as const) {
    made.offers[route] = [await offer(tokens.aino, first.id, sent), await offer(tokens.aino, first.id, sent)];
  }
  made.othersOffer = await offer(tokens.mikko, made.others, false);
  // accepted offers to order, and an order of each role's own to change
  const accepted = async (token: string, opportunityId: string) => {
    const id = await offer(token, opportunityId, true);
    await t.http.post(`/api/v1/offers/${id}/accept`).set('Authorization', `Bearer ${token}`).send({ version: 1 });
    return id;
  };
  made.offers.order = [await accepted(tokens.aino, first.id), await accepted(tokens.aino, first.id)];
  made.othersAccepted = await accepted(tokens.mikko, made.others);
  const ordered = async (token: string, offerId: string) =>
    (await t.http.post(`/api/v1/offers/${offerId}/order`).set('Authorization', `Bearer ${token}`).send({})).body.id as string;
  made.orders = [await ordered(tokens.aino, await accepted(tokens.aino, first.id)), await ordered(tokens.aino, await accepted(tokens.aino, first.id))];
  made.othersOrder = await ordered(tokens.mikko, made.othersAccepted);
}

export const SALES_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /opportunities': { ok: () => ({ path: `/opportunities?ownerId=${made.ownerId}` }) },
  'GET /opportunities/:id': { ok: () => ({ path: `/opportunities/${made.others}` }) },
  'POST /opportunities': { ok: () => ({ path: '/opportunities', body: { organizationId: made.otherCustomer, title: 'Uusi mahdollisuus' } }) },
  'GET /opportunities/:id/offers': { ok: () => ({ path: `/opportunities/${made.others}/offers` }) },
  'GET /opportunities/:id/actions': { ok: () => ({ path: `/opportunities/${made.others}/actions` }) },
  'POST /opportunities/:id/offers': {
    ok: () => ({ path: `/opportunities/${made.mine[0]}/offers`, body: offerBody }),
    denied: () => ({ path: `/opportunities/${made.others}/offers`, body: offerBody }),
  },
  'GET /organizations/:id/sales': { ok: () => ({ path: `/organizations/${made.otherCustomer}/sales` }) },
  'GET /offers/:id': { ok: () => ({ path: `/offers/${made.othersOffer}` }) },
  'GET /offers/:id/pdf': { ok: () => ({ path: `/offers/${made.othersOffer}/pdf` }) },
  'PATCH /offers/:id': {
    ok: () => ({ path: `/offers/${nextOffer('patch')}`, body: { version: 0, terms: 'Muutettu' } }),
    denied: () => ({ path: `/offers/${made.othersOffer}`, body: { version: 0, terms: 'Kaapattu' } }),
  },
  'POST /offers/:id/send': {
    ok: () => ({ path: `/offers/${nextOffer('send')}/send`, body: { version: 0 } }),
    denied: () => ({ path: `/offers/${made.othersOffer}/send`, body: { version: 0 } }),
  },
  'POST /offers/:id/accept': {
    ok: () => ({ path: `/offers/${nextOffer('accept')}/accept`, body: { version: 1 } }),
    denied: () => ({ path: `/offers/${made.othersOffer}/accept`, body: { version: 0 } }),
  },
  'POST /offers/:id/reject': {
    ok: () => ({ path: `/offers/${nextOffer('reject')}/reject`, body: { version: 1 } }),
    denied: () => ({ path: `/offers/${made.othersOffer}/reject`, body: { version: 0 } }),
  },
  'GET /offers/:id/order': { ok: () => ({ path: `/offers/${made.othersAccepted}/order` }) },
  'POST /offers/:id/order': {
    ok: () => ({ path: `/offers/${nextOffer('order')}/order`, body: {} }),
    denied: () => ({ path: `/offers/${made.othersAccepted}/order`, body: {} }),
  },
  'GET /reports/sales': { ok: () => ({ path: '/reports/sales?months=3' }) },
  'GET /sales/attention': { ok: () => ({ path: '/sales/attention' }) },
  'GET /orders': { ok: () => ({ path: '/orders?state=confirmed' }) },
  'GET /orders/invoicing.csv': { ok: () => ({ path: '/orders/invoicing.csv' }) },
  'POST /orders/invoiced': { ok: () => ({ path: '/orders/invoiced', body: Buffer.from(`tilaus_id\n${made.othersOrder}\n`) }) },
  'GET /orders/:id': { ok: () => ({ path: `/orders/${made.othersOrder}` }) },
  'PATCH /orders/:id': {
    ok: () => ({ path: `/orders/${made.orders[orderPatches++ % made.orders.length]}`, body: { version: 0, deliveryStart: '2099-01-01' } }),
    denied: () => ({ path: `/orders/${made.othersOrder}`, body: { version: 0, deliveryStart: '2099-01-01' } }),
  },
  'PATCH /opportunities/:id': {
    ok: () => ({ path: `/opportunities/${made.mine[patches++ % made.mine.length]}`, body: { version: 0, stage: 'needs_defined' } }),
    denied: () => ({ path: `/opportunities/${made.others}`, body: { version: 0, title: 'Kaapattu' } }),
  },
  'GET /pipeline/stages': { ok: () => ({ path: '/pipeline/stages' }) },
  // only an administrator's call gets past the role check, once: the first change, on version 0
  'PUT /pipeline/stages': { ok: () => ({ method: 'PUT', path: '/pipeline/stages', body: { version: 0, stages: [...DEFAULT_PIPELINE_STAGES] } }) },
  'GET /products': { ok: () => ({ path: '/products' }) },
  'GET /exports/products.csv': { ok: () => ({ path: '/exports/products.csv?headers=fi' }) },
  'GET /products/:id': { ok: () => ({ path: `/products/${made.product}` }) },
  'POST /products': { ok: () => ({ path: '/products', body: product() }) },
  'PATCH /products/:id': { ok: () => ({ path: `/products/${made.product}`, body: { unitPriceCents: 10_000 + codes++ } }) },
};
