/**
 * The product catalogue as CSV, like the customer register: the export is what Excel opens in
 * Finland (BOM, `;`, decimal comma), importing it back changes nothing, a file adds and changes
 * products by code (a dry run first), and a bad row is refused with the column it is wrong in.
 */
import { ProductListSchema } from '../../../shared/contract-sales';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken } from '../fixtures';

let t: TestApp;
let admin: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  for (const p of [
    { code: 'TYO-TURVA', name: { fi: 'Työturvallisuuskortti', sv: 'Arbetarskyddskort', en: 'Occupational safety card' }, kind: 'staff_training', unit: 'participant', unitPriceCents: 12_550, vatRateBp: 0 },
    { code: 'KONS-1', name: { fi: 'Johtamisen konsultointi; räätälöity' }, kind: 'consulting', unit: 'hour', unitPriceCents: 1_234_50, vatRateBp: 2550 },
    { code: 'VANHA', name: { fi: 'Vanha kurssi' }, kind: 'other', unit: 'day', unitPriceCents: 50_000, vatRateBp: 1400, active: false },
  ]) {
    const res = await t.http.post('/api/v1/products').set(as(admin)).send(p);
    expect(res.status).toBe(201);
  }
});
afterAll(() => t.close());

async function exportCsv(query = '') {
  const res = await t.http.get(`/api/v1/exports/products.csv${query}`).set(as(admin)).buffer(true).parse((r, cb) => {
    const parts: Buffer[] = [];
    r.on('data', (d: Buffer) => parts.push(d));
    r.on('end', () => cb(null, Buffer.concat(parts)));
  });
  expect(res.status).toBe(200);
  return res;
}

async function importCsv(body: Buffer | string, dryRun: boolean) {
  const res = await t.http.post(`/api/v1/imports?kind=products&dryRun=${dryRun}`).set(as(admin)).set('Content-Type', 'text/csv').send(Buffer.from(body));
  return res;
}

const products = async () => ProductListSchema.parse((await t.http.get('/api/v1/products').set(as(admin))).body).items;
const byCode = async (code: string) => (await products()).find((p) => p.code === code);
const lines = (body: Buffer) => body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('the product catalogue as CSV', () => {
  test('the export is UTF-8 with a BOM and ;, prices with a decimal comma (quoted, as a comma is), VAT in percent, retired products too', async () => {
    const res = await exportCsv();
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename="tuotteet-\d{4}-\d\d-\d\d\.csv"/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = lines(body);
    expect(header).toBe('code;name_fi;name_sv;name_en;kind;unit;unit_price;vat_rate;active');
    expect(rows).toContain('TYO-TURVA;Työturvallisuuskortti;Arbetarskyddskort;Occupational safety card;staff_training;participant;"125,50";0;yes');
    expect(rows).toContain('KONS-1;"Johtamisen konsultointi; räätälöity";;;consulting;hour;"1234,50";"25,5";yes');
    expect(rows).toContain('VANHA;Vanha kurssi;;;other;day;"500,00";14;no');
  });

  test('Finnish headers on request', async () => {
    const [header, ...rows] = lines((await exportCsv('?headers=fi')).body as Buffer);
    expect(header).toBe('koodi;nimi_fi;nimi_sv;nimi_en;laji;yksikkö;yksikköhinta;alv;aktiivinen');
    expect(rows.find((r) => r.startsWith('VANHA;'))).toMatch(/;ei$/);
  });

  test('round trip: importing the export (English or Finnish headers) changes nothing', async () => {
    const before = await products();
    for (const query of ['', '?headers=fi']) {
      const file = (await exportCsv(query)).body as Buffer;
      const res = await importCsv(file, false);
      expect(res.status).toBe(201);
      expect(res.body.summary).toEqual({ created: 0, updated: 0, unchanged: 3, errors: 0 });
    }
    expect(await products()).toEqual(before);
  });

  test('a dry run reports created and updated rows and changes nothing; the real run applies exactly that', async () => {
    const file = [
      'koodi;nimi_fi;nimi_en;laji;yksikkö;yksikköhinta;alv;aktiivinen',
      'oppis-1;Oppisopimuskoulutus;Apprenticeship training;apprenticeship_training;participant;2 400,00;0;kyllä',
      'TYO-TURVA;;;;;130;;',
      'VANHA;;;;;;;kyllä',
    ].join('\n');
    const dry = await importCsv(file, true);
    expect(dry.status).toBe(201);
    expect(dry.body).toMatchObject({ kind: 'products', dryRun: true, summary: { created: 1, updated: 2, unchanged: 0, errors: 0 } });
    expect(dry.body.rows.map((r: { status: string; key: string }) => [r.status, r.key])).toEqual([
      ['created', 'productCode:OPPIS-1'], ['updated', 'productCode:TYO-TURVA'], ['updated', 'productCode:VANHA'],
    ]);
    expect(await byCode('OPPIS-1')).toBeUndefined();
    expect((await byCode('TYO-TURVA'))?.unitPriceCents).toBe(12_550);

    const real = await importCsv(file, false);
    expect(real.body.summary).toEqual(dry.body.summary);
    expect(await byCode('OPPIS-1')).toMatchObject({ name: { fi: 'Oppisopimuskoulutus', sv: null, en: 'Apprenticeship training' }, unitPriceCents: 240_000, vatRateBp: 0, active: true });
    // an empty cell leaves the field as it was
    expect(await byCode('TYO-TURVA')).toMatchObject({ unitPriceCents: 13_000, name: { fi: 'Työturvallisuuskortti', sv: 'Arbetarskyddskort' }, vatRateBp: 0 });
    expect((await byCode('VANHA'))?.active).toBe(true);
  });

  test('bad rows are refused with the column named, and the good ones of the file still apply', async () => {
    const file = [
      'code;name_fi;kind;unit;unit_price;vat_rate;active',
      'UUSI-1;Uusi tuote;other;hour;10,00;24;yes',
      'UUSI-2;Toinen;seminar;hour;10,00;0;yes',
      'UUSI-3;Kolmas;other;hour;10,005;0;yes',
      'UUSI-4;;other;hour;10;0;yes',
      'UUSI-5;Viides;other;week;10;0;maybe',
      'ÄÖ KOODI;Kuudes;other;hour;10;0;yes',
      ';Ei koodia;other;hour;10;0;yes',
      'UUSI-8;Kahdeksas;other;hour;-5;10;yes',
      'UUSI-9;Yhdeksäs;other;hour;99,90;10;no',
      'uusi-9;Yhdeksäs toiseen kertaan;other;hour;99,90;10;no',
    ].join('\r\n');
    const res = await importCsv(file, false);
    expect(res.status).toBe(201);
    const errors = (line: number) => (res.body.rows as { line: number; errors?: { column: string; message: string }[] }[]).find((r) => r.line === line)?.errors;
    expect(errors(2)).toEqual([{ column: 'vat_rate', message: expect.stringContaining('is not a Finnish VAT rate') }]);
    expect(errors(3)).toEqual([{ column: 'kind', message: expect.stringContaining('unknown value "seminar"') }]);
    expect(errors(4)).toEqual([{ column: 'unit_price', message: expect.stringContaining('is not a price in euros') }]);
    expect(errors(5)).toEqual([{ column: 'name_fi', message: 'is needed for a new product' }]);
    expect(errors(6)?.map((e) => e.column)).toEqual(['unit', 'active']);
    expect(errors(7)?.map((e) => e.column)).toEqual(['code']);
    expect(errors(8)).toEqual([{ column: 'code', message: 'is needed: products are matched by their code' }]);
    expect(errors(9)?.map((e) => e.column)).toEqual(['unit_price']);
    expect(errors(10)).toBeUndefined();
    expect(errors(11)).toEqual([{ column: 'code', message: 'line 10 of this file already has the code UUSI-9; the first row wins' }]);
    expect(res.body.summary).toEqual({ created: 1, updated: 0, unchanged: 0, errors: 9 });
    expect(await byCode('UUSI-9')).toMatchObject({ unitPriceCents: 9_990, vatRateBp: 1000, active: false });
    expect(await byCode('UUSI-1')).toBeUndefined();
  });

  test('a file without a code column is refused whole, naming the column it needs', async () => {
    const res = await importCsv('nimi_fi;yksikköhinta\nJotain;10\n', true);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('code (koodi)');
  });

  test('only administrators export or import the catalogue', async () => {
    const aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
    expect((await t.http.get('/api/v1/exports/products.csv').set(as(aino))).status).toBe(403);
    expect((await t.http.post('/api/v1/imports?kind=products').set(as(aino)).set('Content-Type', 'text/csv').send(Buffer.from('code\nX\n'))).status).toBe(403);
  });
});
