/**
 * Sample requests for the sales-pipeline routes (server/http/routes/sales.ts), in the form
 * test/server/auth/permissions.test.ts iterates. `prepareSalesSamples` adds a product to read and change.
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = { product: '' };
let codes = 0;
const product = () => ({
  code: `PERM-${++codes}-${Date.now().toString(36)}`, name: { fi: 'Oikeustestin tuote' }, kind: 'other', unit: 'hour', unitPriceCents: 10_000, vatRateBp: 2550,
});

export async function prepareSalesSamples(t: TestApp, adminToken: string): Promise<void> {
  const res = await t.http.post('/api/v1/products').set('Authorization', `Bearer ${adminToken}`).send(product());
  if (res.status !== 201) throw new Error(`add a product: ${res.status} ${JSON.stringify(res.body)}`);
  made.product = res.body.id;
}

export const SALES_SAMPLES: Record<string, { ok: () => Req }> = {
  'GET /products': { ok: () => ({ path: '/products' }) },
  'GET /products/:id': { ok: () => ({ path: `/products/${made.product}` }) },
  'POST /products': { ok: () => ({ path: '/products', body: product() }) },
  'PATCH /products/:id': { ok: () => ({ path: `/products/${made.product}`, body: { unitPriceCents: 10_000 + codes++ } }) },
};
