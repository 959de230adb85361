/**
 * Sample requests for the sales-pipeline routes (server/http/routes/sales.ts), in the form
 * test/server/auth/permissions.test.ts iterates.
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = { product: '', mine: [] as string[], others: '', ownerId: '', otherCustomer: '' };
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
}

export const SALES_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /opportunities': { ok: () => ({ path: `/opportunities?ownerId=${made.ownerId}` }) },
  'GET /opportunities/:id': { ok: () => ({ path: `/opportunities/${made.others}` }) },
  'POST /opportunities': { ok: () => ({ path: '/opportunities', body: { organizationId: made.otherCustomer, title: 'Uusi mahdollisuus' } }) },
  'PATCH /opportunities/:id': {
    ok: () => ({ path: `/opportunities/${made.mine[patches++ % made.mine.length]}`, body: { version: 0, stage: 'needs_defined' } }),
    denied: () => ({ path: `/opportunities/${made.others}`, body: { version: 0, title: 'Kaapattu' } }),
  },
  'GET /products': { ok: () => ({ path: '/products' }) },
  'GET /products/:id': { ok: () => ({ path: `/products/${made.product}` }) },
  'POST /products': { ok: () => ({ path: '/products', body: product() }) },
  'PATCH /products/:id': { ok: () => ({ path: `/products/${made.product}`, body: { unitPriceCents: 10_000 + codes++ } }) },
};
