/**
 * Offers over the real database: numbered per year (unique under concurrent creation), lines from
 * the catalogue or free text with totals per VAT rate matching a hand-computed table, changed only
 * as drafts, sent (which logs an `offer` action on the customer), accepted or rejected until their
 * validity date, then expired; every refusal a precise 4xx naming the field.
 */
import { OfferSchema } from '../../../shared/contract-sales';
import { startTestApp, type TestApp } from '../../support/testApp';
import { inDays } from './days';
import { adminToken, createCustomer, fieldsOf, type Customer } from '../fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let kivijalka: Customer;
let opportunityId: string;
let productId: string;
const year = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date()).slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  const product = await t.http.post('/api/v1/products').set('Authorization', `Bearer ${await adminToken(t)}`).send({
    code: 'TT-KORTTI', name: { fi: 'Työturvallisuuskortti', sv: 'Arbetarskyddskort', en: 'Occupational safety card' }, kind: 'staff_training', unit: 'participant', unitPriceCents: 12_500, vatRateBp: 0,
  });
  productId = product.body.id;
  opportunityId = (await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${aino}`).send({ organizationId: kivijalka.orgId, title: 'Työturvallisuus 2027' })).body.id;
});
afterAll(() => t.close());

const send = (token: string, method: 'post' | 'patch' | 'get', path: string, body?: object) => {
  const call = t.http[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  return body ? call.send(body) : call;
};

/** 12 participants × 125,00 € − 10 % = 1 350,00 € at 0 %; 1.5 days × 350,00 € = 525,00 € at 25.5 % (VAT 133,875 → 133,88 €). */
const twoLines = [
  { productId: '__product__', quantityHundredths: 1200, discountBp: 1000 },
  { description: 'Koulutustilan vuokra', quantityHundredths: 150, unitPriceCents: 35_000, vatRateBp: 2550 },
];
const draft = (overrides: object = {}) => ({ language: 'sv', validUntil: inDays(30), terms: 'Maksuehto 14 päivää netto.', lines: JSON.parse(JSON.stringify(twoLines).replace('__product__', productId)), ...overrides });
const create = (token = aino, overrides: object = {}) => send(token, 'post', `/opportunities/${opportunityId}/offers`, draft(overrides));

describe('offers', () => {
  test('a new offer: numbered in the year, the product line named in the offer’s language, totals per VAT rate as computed by hand', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    const offer = OfferSchema.parse(res.body);
    expect(offer.number).toMatch(new RegExp(`^${year}-\\d{4}$`));
    expect(offer).toMatchObject({ state: 'draft', language: 'sv', organizationName: 'Rakennus Oy Kivijalka', owner: { name: 'Aino Virtanen' }, version: 0 });
    expect(offer.lines.map((l) => [l.description, l.unitPriceCents, l.vatRateBp, l.netCents])).toEqual([
      ['Arbetarskyddskort', 12_500, 0, 135_000],
      ['Koulutustilan vuokra', 35_000, 2550, 52_500],
    ]);
    expect(offer.totals).toEqual({
      net: 187_500, vat: 13_388, gross: 200_888,
      byRate: [{ rateBp: 0, net: 135_000, vat: 0, gross: 135_000 }, { rateBp: 2550, net: 52_500, vat: 13_388, gross: 65_888 }],
    });
    const listed = await send(aino, 'get', `/opportunities/${opportunityId}/offers`);
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(offer.id);
  });

  test('20 offers created at the same moment get 20 different numbers, one after another', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => create()));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => Number(r.body.number.split('-')[1])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });

  test('a draft is changed (totals follow), sent once (an offer action on the customer), then not changed; accepted, then not rejected', async () => {
    const { body: offer } = await create();
    const changed = await send(aino, 'patch', `/offers/${offer.id}`, { version: 0, lines: [{ productId, quantityHundredths: 100 }] });
    expect(changed.body).toMatchObject({ version: 1, totals: { net: 12_500, vat: 0, gross: 12_500 } });

    const sent = await send(aino, 'post', `/offers/${offer.id}/send`, { version: 1 });
    expect(sent.body).toMatchObject({ state: 'sent', version: 2 });
    const actions = await send(aino, 'get', `/organizations/${kivijalka.orgId}/actions?kind=offer`);
    expect(actions.body.items.filter((a: { subject: string }) => a.subject === `${offer.number}: Työturvallisuus 2027`)).toHaveLength(1);

    const edit = await send(aino, 'patch', `/offers/${offer.id}`, { version: 2, terms: 'Uudet ehdot' });
    expect(edit.status).toBe(409);
    expect(fieldsOf(edit.body)).toEqual(['state']);
    const again = await send(aino, 'post', `/offers/${offer.id}/send`, { version: 2 });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['state']);

    expect((await send(aino, 'post', `/offers/${offer.id}/accept`, { version: 2 })).body).toMatchObject({ state: 'accepted', version: 3 });
    const reject = await send(aino, 'post', `/offers/${offer.id}/reject`, { version: 3 });
    expect(reject.status).toBe(409);
    expect(fieldsOf(reject.body)).toEqual(['state']);
  });

  test('a sent offer past its validity date is expired and can no longer be accepted', async () => {
    const { body: offer } = await create(aino, { validUntil: inDays(0) });
    await send(aino, 'post', `/offers/${offer.id}/send`, { version: 0 }).expect(200);
    await t.models.Offer.updateOne({ _id: offer.id }, { $set: { validUntil: inDays(-1) } }); // the days pass
    expect((await send(aino, 'get', `/offers/${offer.id}`)).body.state).toBe('expired');
    const accept = await send(aino, 'post', `/offers/${offer.id}/accept`, { version: 1 });
    expect(accept.status).toBe(409);
    expect(accept.body.error.message).toMatch(/expired/);
  });

  test('a stale change is a 409 naming version; someone else’s offer on someone else’s customer is a 403', async () => {
    const { body: offer } = await create();
    await send(aino, 'patch', `/offers/${offer.id}`, { version: 0, terms: 'A' }).expect(200);
    const stale = await send(aino, 'patch', `/offers/${offer.id}`, { version: 0, terms: 'B' });
    expect(stale.status).toBe(409);
    expect(fieldsOf(stale.body)).toEqual(['version']);
    expect((await send(mikko, 'patch', `/offers/${offer.id}`, { version: 1, terms: 'C' })).status).toBe(403);
    expect((await send(mikko, 'post', `/opportunities/${opportunityId}/offers`, draft())).status).toBe(403);
  });
});

describe('a draft without lines', () => {
  test('is created (language fi by default, totals zero) for building on its page, but not sent until it has a line: 400 naming lines', async () => {
    const res = await send(aino, 'post', `/opportunities/${opportunityId}/offers`, { validUntil: inDays(30) });
    expect(res.status).toBe(201);
    const offer = OfferSchema.parse(res.body);
    expect(offer).toMatchObject({ state: 'draft', language: 'fi', lines: [], totals: { net: 0, vat: 0, gross: 0, byRate: [] } });
    const refused = await send(aino, 'post', `/offers/${offer.id}/send`, { version: 0 });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['lines']);
    expect((await send(aino, 'get', `/offers/${offer.id}`)).body.state).toBe('draft');
    const withLine = await send(aino, 'patch', `/offers/${offer.id}`, { version: 0, lines: [{ productId, quantityHundredths: 100 }] });
    expect(withLine.status).toBe(200);
    expect((await send(aino, 'post', `/offers/${offer.id}/send`, { version: 1 })).status).toBe(200);
  });
});

describe('bad input names the field, and nothing is written', () => {
  test.each([
    ['a discount over 100 %', { lines: [{ description: 'x', quantityHundredths: 100, unitPriceCents: 100, vatRateBp: 0, discountBp: 10_001 }] }, 'lines.0.discountBp'],
    ['a negative quantity', { lines: [{ description: 'x', quantityHundredths: -100, unitPriceCents: 100, vatRateBp: 0 }] }, 'lines.0.quantityHundredths'],
    ['a quantity with more than two decimals', { lines: [{ description: 'x', quantityHundredths: 1.5, unitPriceCents: 100, vatRateBp: 0 }] }, 'lines.0.quantityHundredths'],
    ['a free-text line without its price', { lines: [{ description: 'x', quantityHundredths: 100, vatRateBp: 0 }] }, 'lines.0.description'],
    ['a VAT rate Finland does not have', { lines: [{ description: 'x', quantityHundredths: 100, unitPriceCents: 100, vatRateBp: 2400 }] }, 'lines.0.vatRateBp'],
    ['a validity that is no day', { validUntil: '2027-13-01' }, 'validUntil'],
    ['an unknown language', { language: 'de' }, 'language'],
  ])('%s → 400 naming the field', async (_name, change, field) => {
    const before = await t.models.Offer.countDocuments();
    const res = await create(aino, change);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(await t.models.Offer.countDocuments()).toBe(before);
  });

  test('a product that does not exist → 422 naming the line’s productId; a contact of another customer → 422 contactId', async () => {
    const unknown = await create(aino, { lines: [{ productId: '0123456789abcdef01234567', quantityHundredths: 100 }] });
    expect(unknown.status).toBe(422);
    expect(fieldsOf(unknown.body)).toEqual(['lines.0.productId']);
    const other = await createCustomer(t, aino, { name: 'Toinen Oy', domain: 'toinen-oy.fi' });
    const contact = await create(aino, { contactId: other.contactId });
    expect(contact.status).toBe(422);
    expect(fieldsOf(contact.body)).toEqual(['contactId']);
  });

  test('sending an offer whose validity date has passed → 400 naming validUntil', async () => {
    const { body: offer } = await create(aino, { validUntil: inDays(-1) });
    const res = await send(aino, 'post', `/offers/${offer.id}/send`, { version: 0 });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['validUntil']);
  });
});
