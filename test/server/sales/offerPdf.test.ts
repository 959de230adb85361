/**
 * The offer PDF read back (Debian's pdftotext) and its first page rendered to PNG (pdftoppm, into
 * test-artifacts/browser/): letterhead, customer and contact with ä, ö and å intact, the lines, the
 * VAT breakdown and totals in euros of the offer's language, validity, terms and page numbers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer } from '../fixtures';

let t: TestApp;
let aino: string;
let opportunityId: string;
let contactId: string;
let productId: string;
const dir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-pdf-'));
const ARTIFACTS = path.join(__dirname, '..', '..', '..', 'test-artifacts', 'browser');

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  const customer = await createCustomer(t, aino, { name: 'Äänekosken Öljy ja Åbo Oy', domain: 'aanekoski-oljy.fi', businessId: '0112038-9' });
  contactId = customer.contactId;
  productId = (await t.http.post('/api/v1/products').set('Authorization', `Bearer ${await adminToken(t)}`).send({
    code: 'TT-KORTTI', name: { fi: 'Työturvallisuuskortti', sv: 'Arbetarskyddskort', en: 'Occupational safety card' }, kind: 'staff_training', unit: 'participant', unitPriceCents: 12_500, vatRateBp: 0,
  })).body.id;
  opportunityId = (await t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${aino}`).send({ organizationId: customer.orgId, title: 'Työturvallisuus' })).body.id;
});
afterAll(() => t.close());

async function pdfOf(body: object): Promise<{ text: string; file: string; headers: Record<string, string> }> {
  const offer = await t.http.post(`/api/v1/opportunities/${opportunityId}/offers`).set('Authorization', `Bearer ${aino}`).send(body);
  expect(offer.status).toBe(201);
  const res = await t.http.get(`/api/v1/offers/${offer.body.id}/pdf`).set('Authorization', `Bearer ${aino}`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  const file = path.join(dir, `${offer.body.number}.pdf`);
  writeFileSync(file, res.body as Buffer);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
  return { text, file, headers: res.headers as Record<string, string> };
}

const lines = () => [
  { productId, quantityHundredths: 1200, discountBp: 1000 },
  { description: 'Koulutustilan vuokra, Espoo', quantityHundredths: 150, unitPriceCents: 35_000, vatRateBp: 2550 },
];

describe('the offer PDF', () => {
  test('in Finnish: letterhead, customer with ä ö å, lines, VAT breakdown, totals in euros, validity, terms, page number; page 1 as PNG', async () => {
    const { text, file, headers } = await pdfOf({ language: 'fi', validUntil: '2099-01-31', contactId, terms: 'Maksuehto 14 päivää netto. Hinnat sisältävät materiaalit.', lines: lines() });
    expect(headers['content-type']).toMatch(/^application\/pdf/);
    expect(headers['content-disposition']).toMatch(/attachment; filename="?tarjous-\d{4}-\d{4}\.pdf"?/);
    for (const expected of [
      'Aikuisopisto', /Tarjous \d{4}-\d{4}/, 'Voimassa: 31.1.2099', 'Äänekosken Öljy ja Åbo Oy', 'Y-tunnus 0112038-9', 'Yhteyshenkilö: Contact of Äänekosken Öljy ja Åbo Oy',
      // (pdftotext may drop the narrow space of a tight column: `0 %` reads as `0%`)
      'Työturvallisuuskortti', /12 125,00 € 10 ?% 0 ?% 1 350,00 €/, 'Koulutustilan vuokra, Espoo', /1,5 350,00 € 0 ?% 25,5 ?% 525,00 €/,
      'ALV 0 %: veroton 1 350,00 €, vero 0,00 €', 'ALV 25,5 %: veroton 525,00 €, vero 133,88 €',
      'Veroton yhteensä: 1 875,00 €', 'Arvonlisävero: 133,88 €', 'Yhteensä: 2 008,88 €', 'Maksuehto 14 päivää netto.', 'Sivu 1/1',
    ]) {
      if (typeof expected === 'string') expect(text).toContain(expected);
      else expect(text).toMatch(expected);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(ARTIFACTS, 'offer-pdf-fi-page1')]);
  });

  test('in English and Swedish the labels and the euros follow the language', async () => {
    const en = (await pdfOf({ language: 'en', validUntil: '2099-01-31', lines: lines() })).text;
    expect(en).toContain('Occupational safety card');
    expect(en).toContain('Total: €2,008.88');
    expect(en).toContain('VAT 25.5%: net €525.00, VAT €133.88');
    expect(en).toContain('Valid until: 31/01/2099');
    const sv = (await pdfOf({ language: 'sv', validUntil: '2099-01-31', lines: lines() })).text;
    expect(sv).toContain('Arbetarskyddskort');
    expect(sv).toContain('Totalt: 2 008,88 €');
    expect(sv).toContain('Offert');
  });

  test('a long offer runs over pages, each numbered', async () => {
    const many = Array.from({ length: 70 }, (_, i) => ({ description: `Rivi ${i + 1}: räätälöity koulutuspäivä`, quantityHundredths: 100, unitPriceCents: 10_000, vatRateBp: 2550 }));
    const { text } = await pdfOf({ language: 'fi', validUntil: '2099-01-31', lines: many });
    const pages = Number(/Sivu 1\/(\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Sivu ${n}/${pages}`);
    expect(text).toContain('Rivi 70: räätälöity koulutuspäivä');
  });
});
