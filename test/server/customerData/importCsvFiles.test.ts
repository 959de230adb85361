/**
 * What a user sees of the CSV reading when importing customers: files as older Excel versions
 * and hand edits leave them, over the real HTTP surface and a real database.
 */
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken } from '../fixtures';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
});
afterAll(() => t.close());

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8Bom = (text: string) => Buffer.concat([BOM, Buffer.from(text, 'utf8')]);

const post = (body: Buffer, dryRun: boolean) =>
  t.http
    .post(`/api/v1/imports?kind=organizations&dryRun=${dryRun}`)
    .set({ Authorization: `Bearer ${admin}` })
    .set('Content-Type', 'text/csv')
    .send(body);

async function importCsv(body: Buffer, dryRun: boolean) {
  const res = await post(body, dryRun);
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('reading CSV files for an import', () => {
  it('keeps €, dashes and curly quotes of a Windows-1252 file from an older Excel', async () => {
    const name = 'Kahvila “Äijä” – lounas 9,50 € Oy';
    const res = await importCsv(iconv.encode(`nimi;segmentti\r\n${name};C\r\n`, 'windows-1252'), false);
    expect(res.file).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(res.rows).toEqual([{ line: 2, status: 'created' }]);
    expect(await t.models.Organization.countDocuments({ name })).toBe(1);
  });

  it('reads a name with a line break inside quotes as one row, and names the rows after it by their own lines', async () => {
    const res = await importCsv(utf8Bom('nimi;segmentti\r\n"Rakennus Oy\r\nPohjoinen";B\r\nTuntematon Oy;X\r\n'), true);
    expect(res.rows).toEqual([
      { line: 2, status: 'created' },
      { line: 4, status: 'error', errors: [{ column: 'segmentti', message: 'unknown segment "X": use A, B, C or P' }] },
    ]);
  });

  it('keeps text typed after a closing quote, without the quotes', async () => {
    const res = await importCsv(utf8Bom('nimi;segmentti\r\n"Kahvila ""Pulla""" Oy;B\r\n'), false);
    expect(res.rows).toEqual([{ line: 2, status: 'created' }]);
    expect(await t.models.Organization.countDocuments({ name: 'Kahvila "Pulla" Oy' })).toBe(1);
  });

  it('reports a quote left open at the end of the file on the row where it starts; the rows before it still go in', async () => {
    const res = await importCsv(utf8Bom('nimi;segmentti\r\nAvoin Oy;A\r\n\r\n"Kesken Oy;B\r\n'), true);
    expect(res.rows).toEqual([
      { line: 2, status: 'created' },
      { line: 4, status: 'error', errors: [{ column: '', message: 'a quoted field is not closed before the end of the file' }] },
    ]);
  });

  it('refuses a file whose quote runs past the record limit, naming the line the record starts on, and writes nothing', async () => {
    const before = await t.models.Organization.countDocuments();
    const res = await post(utf8Bom(`nimi;segmentti\r\nEnsimmäinen Oy;A\r\n"${'x'.repeat(1_000_001)};B\r\nViimeinen Oy;A\r\n`), false);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Line 3: a record is longer than 1000000 characters; is a quote left open?');
    expect(await t.models.Organization.countDocuments()).toBe(before);
  });
});
