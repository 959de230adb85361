/**
 * Selections over contacts, over the real database: a contact's title (regardless of case and
 * accents) and contact classification pick the customers that have such a contact and, as the
 * selection's contacts, exactly those contacts; a frozen selection keeps the contact filter; the
 * contacts come page by page and export as CSV and Excel (audited); bad criteria name the field.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, fieldsOf } from '../fixtures';

let t: TestApp;
let aino: string;
let leena: string;
let admin: string;
const org: Record<string, string> = {};
const contact: Record<string, string> = {};
let deciders: string;
let board: string;

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));
const binary = (token: string, path: string) => get(token, path).buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  admin = await adminToken(t);
  const me = (await get(aino, '/me')).body.id as string;
  deciders = (await post(admin, '/classifications', { name: 'Päättäjät', appliesTo: 'contact' })).body.id;
  board = (await post(admin, '/classifications', { name: 'Hallitus', appliesTo: 'contact', parentId: deciders })).body.id;
  for (const [key, name, segment] of [['aalto', 'Aalto Oy', 'A'], ['berg', 'Bergin koulu', 'A'], ['corren', 'Corren Oy', 'B'], ['dahl', 'Dahl Oy', 'A']] as const) {
    const res = await post(admin, '/organizations', { name, segment, customerGroup: 'company', emailDomains: [`${key}.fi`], responsibleId: me });
    expect(res.status).toBe(201);
    org[key] = res.body.id;
  }
  for (const [key, organization, name, title, extra] of [
    ['anna', 'aalto', 'Anna Aalto', 'HR-päällikkö', { language: 'sv' }],
    ['pekka', 'aalto', 'Pekka Aalto', 'Toimitusjohtaja', {}],
    ['riitta', 'berg', 'Riitta Berg', 'Rehtori', { classificationIds: [deciders] }],
    ['olli', 'berg', 'Olli Berg', 'Apulaisrehtori', {}],
    ['hanna', 'corren', 'Hanna Corren', 'hr-PAALLIKKO', { classificationIds: [board] }],
    ['cecilia', 'corren', 'Cecilia Corren', 'Kouluttaja', {}],
    ['dan', 'dahl', 'Dan Dahl', null, {}],
  ] as const) {
    const res = await post(aino, '/contacts', { organizationId: org[organization], name, emails: [`${key}@${organization}.fi`], ...(title ? { title } : {}), ...extra });
    expect(res.status).toBe(201);
    contact[key] = res.body.id;
  }
  await t.http.put(`/api/v1/contacts/${contact.anna}/marketing`).set(as(aino)).send({ consent: 'granted' }).expect(200);
}, 120_000);
afterAll(() => t.close());

async function names(token: string, id: string): Promise<{ customers: string[]; contacts: string[]; overContacts: boolean }> {
  const members = await get(token, `/selections/${id}/members?pageSize=200`);
  const contacts = await get(token, `/selections/${id}/contacts?pageSize=200`);
  expect([members.status, contacts.status]).toEqual([200, 200]);
  expect(contacts.body.total).toBe(contacts.body.items.length);
  return {
    customers: members.body.items.map((o: { name: string }) => o.name),
    contacts: contacts.body.items.map((c: { name: string }) => c.name),
    overContacts: contacts.body.overContacts,
  };
}
const dynamic = async (name: string, criteria: object) => {
  const res = await post(aino, '/selections', { name, criteria });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

test('a title criterion finds its contacts whatever the case and accents, and their customers only', async () => {
  const managers = await dynamic('HR-päälliköt', { contactTitle: 'Päällikkö' });
  expect(await names(aino, managers)).toEqual({ customers: ['Aalto Oy', 'Corren Oy'], contacts: ['Anna Aalto', 'Hanna Corren'], overContacts: true });
  // written without accents, in capitals, within a customer criterion
  const inA = await dynamic('A-asiakkaiden päälliköt', { contactTitle: 'PAALLIKKO', segment: 'A' });
  expect(await names(aino, inA)).toEqual({ customers: ['Aalto Oy'], contacts: ['Anna Aalto'], overContacts: true });
  // a substring: "rehtori" is also the deputy's title
  const rectors = await dynamic('Rehtorit', { contactTitle: 'rehtori' });
  expect(await names(aino, rectors)).toEqual({ customers: ['Bergin koulu'], contacts: ['Olli Berg', 'Riitta Berg'], overContacts: true });

  // the contacts tab shows what a mailing needs: title, customer, address, language, consent
  const page = await get(aino, `/selections/${managers}/contacts`);
  expect(page.body.items[0]).toEqual({
    id: contact.anna, name: 'Anna Aalto', title: 'HR-päällikkö', organizationId: org.aalto, organizationName: 'Aalto Oy',
    email: 'anna@aalto.fi', language: 'sv', marketingConsent: 'granted',
  });
  const first = await get(aino, `/selections/${managers}/contacts?pageSize=1`);
  expect(first.body).toMatchObject({ total: 2, hasMore: true, items: [{ name: 'Anna Aalto' }] });

  // found again when used: a title changed today changes the selection
  await t.http.patch(`/api/v1/contacts/${contact.pekka}`).set(as(aino)).send({ title: 'Talouspäällikkö' }).expect(200);
  expect((await names(aino, managers)).contacts).toEqual(['Anna Aalto', 'Hanna Corren', 'Pekka Aalto']);
  await t.http.patch(`/api/v1/contacts/${contact.pekka}`).set(as(aino)).send({ title: 'Toimitusjohtaja' }).expect(200);
});

test('a contact classification finds the contacts with it or one under it; without contact criteria every contact of the customers is the selection’s', async () => {
  const decide = await dynamic('Päättäjät', { contactClassification: deciders });
  expect(await names(aino, decide)).toEqual({ customers: ['Bergin koulu', 'Corren Oy'], contacts: ['Hanna Corren', 'Riitta Berg'], overContacts: true });
  const both = await dynamic('Päättävät päälliköt', { contactClassification: deciders, contactTitle: 'päällikkö' });
  expect(await names(aino, both)).toEqual({ customers: ['Corren Oy'], contacts: ['Hanna Corren'], overContacts: true });

  const allOfB = await dynamic('B-asiakkaat', { segment: 'B' });
  expect(await names(aino, allOfB)).toEqual({ customers: ['Corren Oy'], contacts: ['Cecilia Corren', 'Hanna Corren'], overContacts: false });
});

test('a frozen selection keeps its contact filter: its customers stay, its contacts are still the matching ones', async () => {
  const made = await dynamic('Jäädytetyt päälliköt', { contactTitle: 'päällikkö' });
  const frozen = await post(aino, `/selections/${made}/freeze`, { version: 0 });
  expect(frozen.body).toMatchObject({ kind: 'static', memberCount: 2, criteria: { contactTitle: 'päällikkö' } });

  // Anna is no longer a manager: Aalto stays a member (frozen) but gives no contact; a new manager at Dahl is not taken in
  await t.http.patch(`/api/v1/contacts/${contact.anna}`).set(as(aino)).send({ title: 'Asiantuntija' }).expect(200);
  await t.http.patch(`/api/v1/contacts/${contact.dan}`).set(as(aino)).send({ title: 'Henkilöstöpäällikkö' }).expect(200);
  try {
    expect(await names(aino, made)).toEqual({ customers: ['Aalto Oy', 'Corren Oy'], contacts: ['Hanna Corren'], overContacts: true });
    // the dynamic one follows
    expect((await names(aino, await dynamic('Päälliköt nyt', { contactTitle: 'päällikkö' }))).contacts).toEqual(['Dan Dahl', 'Hanna Corren']);
  } finally {
    await t.http.patch(`/api/v1/contacts/${contact.anna}`).set(as(aino)).send({ title: 'HR-päällikkö' }).expect(200);
    await t.http.patch(`/api/v1/contacts/${contact.dan}`).set(as(aino)).send({ title: null }).expect(200);
  }

  // a static selection named by hand with a contact criterion
  const byHand = await post(aino, '/selections', { name: 'Käsin: rehtorit', kind: 'static', memberIds: [org.aalto, org.berg], criteria: { contactTitle: 'rehtori' } });
  expect(await names(aino, byHand.body.id)).toEqual({ customers: ['Aalto Oy', 'Bergin koulu'], contacts: ['Olli Berg', 'Riitta Berg'], overContacts: true });
});

test('the contacts export as CSV and Excel with the contact export’s columns, language and consent; each export is audited', async () => {
  const id = (await post(aino, '/selections', { name: 'Päälliköt / vienti', shared: true, criteria: { contactTitle: 'päällikkö' } })).body.id;
  const csv = await binary(leena, `/selections/${id}/contacts.csv?headers=fi`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?Paallikot-vienti-contacts\.csv"?$/);
  const text = (csv.body as Buffer).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
  expect(lines[0]).toEqual(['tunniste', 'nimi', 'sähköposti', 'puhelin', 'titteli', 'luokitukset', 'asiakkaan_tunniste', 'y-tunnus', 'top-tunnus', 'profinder-tunnus', 'asiakas', 'kieli', 'markkinointilupa']);
  expect(lines.slice(1)).toEqual([
    [contact.anna, 'Anna Aalto', 'anna@aalto.fi', '', 'HR-päällikkö', '', org.aalto, '', '', '', 'Aalto Oy', 'ruotsi', 'sallittu'],
    [contact.hanna, 'Hanna Corren', 'hanna@corren.fi', '', 'hr-PAALLIKKO', 'Päättäjät > Hallitus', org.corren, '', '', '', 'Corren Oy', '', 'ei kysytty'],
  ]);

  const xlsx = await binary(leena, `/selections/${id}/contacts.xlsx`);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.rowCount).toBe(3);
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['id', 'name', 'email', 'phone', 'title', 'classifications', 'organization_id', 'business_id', 'top_id', 'profinder_id', 'organization_name', 'language', 'marketing_consent']);
  expect([2, 3].map((r) => [sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(12).value, sheet.getRow(r).getCell(13).value]))
    .toEqual([['Anna Aalto', 'sv', 'granted'], ['Hanna Corren', '', 'unknown']]);

  // as the customer export: management and administrators, each one in the audit trail under the selection
  expect((await get(aino, `/selections/${id}/contacts.csv`)).status).toBe(403);
  const audit = (await get(admin, `/audit?recordId=${id}`)).body.items.map((e: { action: string }) => e.action);
  expect(audit.filter((a: string) => a === 'selection.export_contacts')).toHaveLength(2);
});

test('bad contact criteria name the field, and nothing is written', async () => {
  const before = await t.models.Selection.countDocuments();
  for (const [why, criteria] of [
    ['an empty title', { contactTitle: '   ' }],
    ['a title that is not text', { contactTitle: 42 }],
    ['a title too long', { contactTitle: 'x'.repeat(101) }],
  ] as const) {
    const res = await post(aino, '/selections', { name: 'x', criteria });
    expect({ why, status: res.status, fields: fieldsOf(res.body) }).toEqual({ why, status: 400, fields: ['criteria.contactTitle'] });
  }
  const notAnId = await post(aino, '/selections', { name: 'x', criteria: { contactClassification: 'päättäjät' } });
  expect({ status: notAnId.status, fields: fieldsOf(notAnId.body) }).toEqual({ status: 400, fields: ['criteria.contactClassification'] });
  const customerClass = (await post(admin, '/classifications', { name: 'Asiakasluokka', appliesTo: 'organization' })).body.id;
  for (const id of [customerClass, '0123456789abcdef01234567']) {
    const res = await post(aino, '/selections', { name: 'x', criteria: { contactClassification: id } });
    expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status: 422, fields: ['criteria.contactClassification'] });
  }
  expect(await t.models.Selection.countDocuments()).toBe(before);

  const made = await dynamic('Muutettava', {});
  const patch = await t.http.patch(`/api/v1/selections/${made}`).set(as(aino)).send({ version: 0, criteria: { contactTitle: '' } });
  expect({ status: patch.status, fields: fieldsOf(patch.body) }).toEqual({ status: 400, fields: ['criteria.contactTitle'] });
  const paged = await get(aino, `/selections/${made}/contacts?pageSize=500`);
  expect({ status: paged.status, fields: fieldsOf(paged.body) }).toEqual({ status: 400, fields: ['pageSize'] });
});
