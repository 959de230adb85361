/**
 * CSV imports over the real HTTP surface and the real database: messy files as Excel and the
 * college's other systems write them, dry runs, real runs, re-imports.
 */
import { businessIdCheckDigit } from '../../../shared/domain/businessId';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, customerDataSnapshot } from '../fixtures';

let t: TestApp;
let admin: string;
let ainoId: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A valid business ID (Y-tunnus) from seven digits. */
function yTunnus(seven: string): string {
  for (let n = Number(seven); ; n++) {
    const digits = String(n).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check !== null) return `${digits}-${check}`;
  }
}
const Y1 = yTunnus('2345678');
const Y2 = yTunnus('3456789');
const Y3 = yTunnus('4567890');
const Y_UNKNOWN = yTunnus('5678901');
const wrongCheckDigit = (y: string) => `${y.slice(0, 8)}${(Number(y[8]) + 1) % 10}`;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8Bom = (lines: string[]) => Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
/** Windows-1252 (ä ö å Å are the same bytes as in Latin-1). */
const cp1252 = (lines: string[]) => Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');

async function importCsv(kind: 'organizations' | 'contacts', body: Buffer, dryRun: boolean) {
  const res = await t.http
    .post(`/api/v1/imports?kind=${kind}&dryRun=${dryRun}`)
    .set(as(admin))
    .set('Content-Type', 'text/csv')
    .send(body);
  if (res.status !== 201) throw new Error(`import: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const snapshot = () => customerDataSnapshot(t);

let kivijalkaId: string;
let rakentaminenId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  const aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  ainoId = (await t.http.get('/api/v1/me').set(as(aino))).body.id;
  const root = await t.models.ClassificationNode.create({ name: 'Toimiala', appliesTo: 'organization' });
  rakentaminenId = String((await t.models.ClassificationNode.create({ name: 'Rakentaminen', parentId: root._id, appliesTo: 'organization' }))._id);

  const k = await t.http.post('/api/v1/organizations').set(as(admin))
    .send({ name: 'Rakennus Oy Kivijalka', segment: 'A', emailDomains: ['kivijalka.fi'], externalIds: { top: 'TOP-1' } });
  kivijalkaId = k.body.id;
  await t.http.post('/api/v1/contacts').set(as(admin)).send({ name: 'Yhteys Kivijalka', emails: ['yhteys@kivijalka.fi'], organizationId: kivijalkaId });
  await t.http.post('/api/v1/organizations').set(as(admin))
    .send({ name: 'Toinen Oy', segment: 'C', customerGroup: 'public', externalIds: { top: 'TOP-2' } });
});
afterAll(() => t.close());

const ORGANIZATIONS_FILE = utf8Bom([
  'Nimi;Y-tunnus;Segmentti;Asiakasryhmä;Verkkotunnukset;TOP-tunnus;ProFinder-tunnus;Vastuuhenkilö;Luokitukset;Muistiinpano',
  `Päivänsäde Oy;${Y1};A;yritys;paivansade.fi, päivänsäde.fi;TOP-100;;Aino.Virtanen@omnia.fi;Toimiala > Rakentaminen;"ensimmäinen rivi\r\ntoinen rivi"`,
  `Kahvila Pulla;${wrongCheckDigit(Y2)};B;company;pulla.fi;TOP-101;;;;`,
  'Rakennus Oy Kivijalka;;B;;;TOP-1;;;;',
  `Kaksoiskappale Oy;${Y2};C;julkinen;;TOP-100;;;;`,
  'Tuntematon Oy;;X;;;;;;;',
  `"Ravintola ""Särö"" Oy";${Y3};c;kumppani;saro.fi;;PF-9;;;`,
  'Ei Ketään Oy;;P;;;;;nobody@omnia.fi;;',
  'Toinen Oy;;C;julkinen;;TOP-2;;;;',
  'Verkkotunnusvaras Oy;;;;kivijalka.fi;;;;;',
]);

const EXPECTED_ORGANIZATION_ROWS = [
  { line: 2, status: 'created', key: 'top:TOP-100' },
  {
    line: 4, status: 'error', key: 'top:TOP-101',
    errors: [{ column: 'Y-tunnus', message: `"${wrongCheckDigit(Y2)}" has a wrong check digit (Y-tunnus)` }],
  },
  { line: 5, status: 'updated', key: 'top:TOP-1' },
  {
    line: 6, status: 'error', key: 'top:TOP-100',
    errors: [{ column: 'TOP-tunnus', message: 'line 2 of this file already has TOP ID TOP-100; the first row wins' }],
  },
  { line: 7, status: 'error', errors: [{ column: 'Segmentti', message: 'unknown segment "X": use A, B, C or P' }] },
  { line: 8, status: 'created', key: 'profinder:PF-9' },
  { line: 9, status: 'error', errors: [{ column: 'Vastuuhenkilö', message: 'no Asiakkuus user has the address "nobody@omnia.fi"' }] },
  { line: 10, status: 'unchanged', key: 'top:TOP-2' },
  { line: 11, status: 'error', errors: [{ column: 'Verkkotunnukset', message: 'the domain kivijalka.fi belongs to another customer' }] },
];

describe('importing customers from CSV', () => {
  let dryRun: { id: string; rows: unknown[]; summary: unknown };

  it('a dry run of a messy file (BOM, ;, quoted line breaks, bad check digits, duplicate keys) reports every row and changes nothing', async () => {
    const before = await snapshot();
    dryRun = await importCsv('organizations', ORGANIZATIONS_FILE, true);
    expect(dryRun.rows).toEqual(EXPECTED_ORGANIZATION_ROWS);
    expect(dryRun.summary).toEqual({ created: 2, updated: 1, unchanged: 1, errors: 5 });
    expect(dryRun).toMatchObject({
      kind: 'organizations', dryRun: true, status: 'done', totalRows: 9, rowsRead: 9,
      file: { encoding: 'utf-8', delimiter: ';' },
      ignoredColumns: ['Muistiinpano'],
    });
    expect(await snapshot()).toBe(before);
  });

  it('the report is kept and can be fetched again', async () => {
    const res = await t.http.get(`/api/v1/imports/${dryRun.id}`).set(as(admin));
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual(EXPECTED_ORGANIZATION_ROWS);
    expect(res.body.summary).toEqual(dryRun.summary);
    const list = await t.http.get('/api/v1/imports').set(as(admin));
    expect(list.body.items[0]).toMatchObject({ id: dryRun.id, status: 'done', rowsRead: 9 });
  });

  it('the real run applies exactly what the dry run reported, and the database holds exactly the good rows', async () => {
    const real = await importCsv('organizations', ORGANIZATIONS_FILE, false);
    expect(real.rows).toEqual(dryRun.rows);
    expect(real.summary).toEqual(dryRun.summary);

    const orgs = await t.models.Organization.find().sort({ nameLower: 1 }).lean();
    expect(orgs.map((o) => o.name)).toEqual(['Päivänsäde Oy', 'Rakennus Oy Kivijalka', 'Ravintola "Särö" Oy', 'Toinen Oy']);
    const paivansade = orgs[0]!;
    expect(paivansade).toMatchObject({
      businessId: Y1, segment: 'A', customerGroup: 'company', emailDomains: ['paivansade.fi', 'xn--pivnsde-5wacc.fi'],
      externalIds: { top: 'TOP-100' },
    });
    expect(String(paivansade.responsibleId)).toBe(ainoId);
    expect(paivansade.classificationIds.map(String)).toEqual([rakentaminenId]);
    expect(orgs[1]).toMatchObject({ segment: 'B', emailDomains: ['kivijalka.fi'] });
    expect(orgs[2]).toMatchObject({ segment: 'C', customerGroup: 'partner', businessId: Y3, externalIds: { profinder: 'PF-9' } });
    const keys = (await t.models.UniqueKey.find().lean()).map((k) => k._id).sort();
    expect(keys).toEqual([
      `businessId:${Y1}`, `businessId:${Y3}`, 'domain:kivijalka.fi', 'domain:paivansade.fi', 'domain:saro.fi', 'domain:xn--pivnsde-5wacc.fi',
      'email:yhteys@kivijalka.fi', 'profinder:PF-9', 'top:TOP-1', 'top:TOP-100', 'top:TOP-2',
    ]);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await snapshot();
    const again = await importCsv('organizations', ORGANIZATIONS_FILE, false);
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 4, errors: 5 });
    expect(await snapshot()).toBe(before);
  });

  it('a file without a usable column is refused before anything is read', async () => {
    const res = await t.http.post('/api/v1/imports?kind=organizations&dryRun=false').set(as(admin)).set('Content-Type', 'text/csv')
      .send(Buffer.from('foo;bar\n1;2\n'));
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('header');
  });

  it('a body that is not CSV is a 415, and the import needs an administrator', async () => {
    const json = await t.http.post('/api/v1/imports?kind=organizations').set(as(admin)).send({ a: 1 });
    expect(json.status).toBe(415);
    const manager = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager');
    const denied = await t.http.post('/api/v1/imports?kind=organizations').set(as(manager)).set('Content-Type', 'text/csv').send(Buffer.from('nimi\nX\n'));
    expect(denied.status).toBe(403);
  });
});

describe('importing contacts from CSV', () => {
  const CONTACTS_FILE = cp1252([
    'name,email,phone,title,business_id,top_id',
    `Matti Hölttä,matti.holtta@paivansade.fi,+358 40 123 4567,Toimitusjohtaja,${Y1},`,
    `Åsa Björklund,"asa@paivansade.fi, ASA.B@Paivansade.fi",,HR-päällikkö,,TOP-100`,
    `Toinen Matti,Matti.Holtta@paivansade.fi,,,${Y1},`,
    `Huono Osoite,ei-osoite,,,${Y1},`,
    `Väärä Asiakas,yhteys@kivijalka.fi,,,${Y3},`,
    `Orpo,orpo@example.fi,,,${Y_UNKNOWN},`,
    'Yhteys Kivijalka,yhteys@kivijalka.fi,09 123 456,Hankintapäällikkö,,TOP-1',
    `Ristiriita,risti@example.fi,,,${Y1},TOP-1`,
  ]);

  it('reads Windows-1252 and , and reports address problems per row; the real run matches the dry run', async () => {
    const before = await snapshot();
    const dry = await importCsv('contacts', CONTACTS_FILE, true);
    expect(await snapshot()).toBe(before);
    expect(dry.file).toMatchObject({ encoding: 'windows-1252', delimiter: ',' });
    expect(dry.rows).toEqual([
      { line: 2, status: 'created', key: 'email:matti.holtta@paivansade.fi' },
      { line: 3, status: 'created', key: 'email:asa@paivansade.fi' },
      { line: 4, status: 'error', key: 'email:matti.holtta@paivansade.fi', errors: [{ column: 'email', message: 'line 2 of this file already has the address matti.holtta@paivansade.fi; the first row wins' }] },
      { line: 5, status: 'error', errors: [{ column: 'email', message: '"ei-osoite" is not a valid email address' }, { column: 'email', message: 'a new contact needs at least one address' }] },
      { line: 6, status: 'error', key: 'email:yhteys@kivijalka.fi', errors: [{ column: 'email', message: 'yhteys@kivijalka.fi belongs to a contact of another customer' }] },
      { line: 7, status: 'error', key: 'email:orpo@example.fi', errors: [{ column: 'business_id', message: `no customer has the business ID ${Y_UNKNOWN}` }] },
      { line: 8, status: 'error', key: 'email:yhteys@kivijalka.fi', errors: [{ column: 'email', message: 'line 6 of this file already has the address yhteys@kivijalka.fi; the first row wins' }] },
      { line: 9, status: 'error', key: 'email:risti@example.fi', errors: [{ column: 'business_id', message: 'names another customer than top_id' }] },
    ]);

    const real = await importCsv('contacts', CONTACTS_FILE, false);
    expect(real.rows).toEqual(dry.rows);
    const contacts = await t.models.Contact.find().sort({ nameLower: 1 }).lean();
    expect(contacts.map((c) => [c.name, c.emails, c.phone, c.title])).toEqual([
      ['Matti Hölttä', ['matti.holtta@paivansade.fi'], '+358 40 123 4567', 'Toimitusjohtaja'],
      ['Yhteys Kivijalka', ['yhteys@kivijalka.fi'], null, null],
      ['Åsa Björklund', ['asa@paivansade.fi', 'asa.b@paivansade.fi'], null, 'HR-päällikkö'],
    ]);
  });

  it('updates an existing contact found by address', async () => {
    const file = utf8Bom(['nimi;sähköposti;puhelin;titteli;top-tunnus', 'Yhteys Kivijalka;YHTEYS@kivijalka.fi;09 123 456;Hankintapäällikkö;TOP-1']);
    const res = await importCsv('contacts', file, false);
    expect(res.rows).toEqual([{ line: 2, status: 'updated', key: 'email:yhteys@kivijalka.fi' }]);
    const c = await t.models.Contact.findOne({ emails: 'yhteys@kivijalka.fi' }).lean();
    expect(c).toMatchObject({ phone: '09 123 456', title: 'Hankintapäällikkö' });
  });

  it("the keys of imported addresses name the contact's customer (what a lookup reads first), and every key says when it was claimed", async () => {
    const file = utf8Bom(['nimi;sähköposti', 'Yhteys Kivijalka;yhteys@kivijalka.fi lisa@kivijalka.fi']);
    expect((await importCsv('contacts', file, false)).rows).toEqual([{ line: 2, status: 'updated', key: 'email:yhteys@kivijalka.fi' }]);
    const paivansade = await t.models.Organization.findOne({ businessId: Y1 }).lean();
    const key = (id: string) => t.models.UniqueKey.findById(id).lean();
    const [created, added, domain] = await Promise.all([key('email:matti.holtta@paivansade.fi'), key('email:lisa@kivijalka.fi'), key('domain:paivansade.fi')]);
    expect(String(created!.organizationId)).toBe(String(paivansade!._id));
    expect(String(added!.organizationId)).toBe(kivijalkaId);
    for (const k of [created, added, domain]) expect(k!.claimedAt).toBeInstanceOf(Date);
  });
});
