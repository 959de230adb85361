/**
 * The training-product catalogue: administrators add, change and retire products; everyone reads
 * them; a code is unique (also when two administrators add it at once); bad input names its field.
 */
import { ProductListSchema, ProductSchema } from '../../../shared/contract-sales';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, fieldsOf } from '../fixtures';

let t: TestApp;
let admin: string;
let aino: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());

const post = (token: string, body: object) => t.http.post('/api/v1/products').set('Authorization', `Bearer ${token}`).send(body);
const patch = (token: string, id: string, body: object) => t.http.patch(`/api/v1/products/${id}`).set('Authorization', `Bearer ${token}`).send(body);
const list = async (token: string, query = '') => {
  const res = await t.http.get(`/api/v1/products${query}`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return ProductListSchema.parse(res.body).items;
};

const safety = {
  code: 'tyo-turva-1', name: { fi: 'Työturvallisuuskortti', sv: 'Arbetarskyddskort', en: 'Occupational safety card' },
  kind: 'staff_training', unit: 'participant', unitPriceCents: 12_500, vatRateBp: 0,
};

describe('the product catalogue', () => {
  test('an administrator adds a product: the code is kept in capitals, the price in cents, active by default; everyone reads it', async () => {
    const res = await post(admin, safety);
    expect(res.status).toBe(201);
    const product = ProductSchema.parse(res.body);
    expect(product).toMatchObject({ code: 'TYO-TURVA-1', name: safety.name, unitPriceCents: 12_500, vatRateBp: 0, active: true });
    expect((await list(aino)).map((p) => p.code)).toContain('TYO-TURVA-1');
    const one = await t.http.get(`/api/v1/products/${product.id}`).set('Authorization', `Bearer ${aino}`);
    expect(one.body).toMatchObject({ id: product.id, name: { fi: 'Työturvallisuuskortti' } });
  });

  test('a name in Finnish only is enough; the other languages are null', async () => {
    const res = await post(admin, { ...safety, code: 'KONS-1', name: { fi: 'Johtamisen konsultointi' }, kind: 'consulting', unit: 'hour', unitPriceCents: 15_000, vatRateBp: 2550 });
    expect(res.status).toBe(201);
    expect(res.body.name).toEqual({ fi: 'Johtamisen konsultointi', sv: null, en: null });
  });

  test('changing a product: price, a name in one language, retiring it; the list filters by active and kind', async () => {
    const { body: created } = await post(admin, { ...safety, code: 'ESIMIES-1', name: { fi: 'Esimiesvalmennus' }, unit: 'day', unitPriceCents: 89_000 });
    const res = await patch(admin, created.id, { unitPriceCents: 92_000, name: { en: 'Leadership coaching' }, active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unitPriceCents: 92_000, name: { fi: 'Esimiesvalmennus', sv: null, en: 'Leadership coaching' }, active: false });
    expect((await list(aino, '?active=true')).map((p) => p.code)).not.toContain('ESIMIES-1');
    expect((await list(aino, '?active=false')).map((p) => p.code)).toContain('ESIMIES-1');
    expect((await list(aino, '?kind=consulting')).every((p) => p.kind === 'consulting')).toBe(true);
  });

  test('a code is unique: a second product with it is a 409 naming code, also when two administrators add it at once', async () => {
    const again = await post(admin, { ...safety, code: 'TYO-TURVA-1' });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['code']);
    const racing = await Promise.all(Array.from({ length: 6 }, () => post(admin, { ...safety, code: 'RACE-1' })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await t.models.Product.countDocuments({ code: 'RACE-1' })).toBe(1);
  });

  test('renaming a code frees the old one and claims the new one', async () => {
    const { body: created } = await post(admin, { ...safety, code: 'VANHA-1' });
    expect((await patch(admin, created.id, { code: 'TYO-TURVA-1' })).status).toBe(409);
    expect((await patch(admin, created.id, { code: 'UUSI-1' })).body.code).toBe('UUSI-1');
    expect((await post(admin, { ...safety, code: 'VANHA-1' })).status).toBe(201);
  });

  test('an account manager and management read the catalogue but cannot change it', async () => {
    const leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
    expect((await list(leena)).length).toBeGreaterThan(0);
    expect((await post(aino, { ...safety, code: 'EI-SALLITTU' })).status).toBe(403);
    expect(await t.models.Product.countDocuments({ code: 'EI-SALLITTU' })).toBe(0);
  });

  test('an unknown product is a 404', async () => {
    const res = await patch(admin, '0123456789abcdef01234567', { active: false });
    expect(res.status).toBe(404);
  });
});

describe('bad input names the field, and nothing is written', () => {
  test.each([
    ['a price in euros with decimals (not whole cents)', { unitPriceCents: 125.5 }, 'unitPriceCents'],
    ['a negative price', { unitPriceCents: -1 }, 'unitPriceCents'],
    ['a price as text', { unitPriceCents: '125' }, 'unitPriceCents'],
    ['a VAT rate that Finland does not have', { vatRateBp: 2400 }, 'vatRateBp'],
    ['a VAT rate in percent', { vatRateBp: 25.5 }, 'vatRateBp'],
    ['an unknown kind', { kind: 'webinar' }, 'kind'],
    ['an unknown unit', { unit: 'month' }, 'unit'],
    ['a code with spaces', { code: 'TYÖ TURVA' }, 'code'],
    ['no Finnish name', { name: { en: 'Safety card' } }, 'name.fi'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('%s → 400 naming %s', async (_name, change, field) => {
    const before = await t.models.Product.countDocuments();
    const res = await post(admin, { ...safety, code: `BAD-${Math.random().toString(36).slice(2, 8)}`, ...change });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(await t.models.Product.countDocuments()).toBe(before);
  });

  test('an empty change → 400', async () => {
    const { body: created } = await post(admin, { ...safety, code: 'TYHJA-1' });
    expect((await patch(admin, created.id, {})).status).toBe(400);
  });
});
