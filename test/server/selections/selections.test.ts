/**
 * Selections over the real database: a dynamic selection finds its members again each time
 * (the customer list's filters, the customer's activity, open opportunities); freezing keeps the
 * members of that moment, which then change only by hand; a private selection is its owner's
 * alone, a shared one everyone's to read and its owner's to change; stale versions, unknown
 * customers and bad criteria are refused with the field named.
 */
import { addCalendarDays, calendarDay } from '../../../shared/domain/zonedTime';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, fieldsOf } from '../fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let leena: string;
const ids: Record<string, string> = {};
const day = (n: number) => calendarDay(addCalendarDays(new Date(), n));

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  // A-segment: Ahola (a call 10 days ago), Berg (a meeting 100 days ago), Castrén (nothing, an open opportunity), Dahl (nothing, a won one); Eklund is a B customer
  for (const [key, name, segment] of [['ahola', 'Ahola Oy', 'A'], ['berg', 'Berg Ab', 'A'], ['castren', 'Castrén Oy', 'A'], ['dahl', 'Dahl Oy', 'A'], ['eklund', 'Eklund Oy', 'B']] as const) {
    ids[key] = (await createCustomer(t, aino, { name, domain: `${key}.fi`, segment })).orgId;
  }
  await act(ids.ahola!, 'call', -10);
  await act(ids.berg!, 'meeting', -100);
  await post(aino, '/opportunities', { organizationId: ids.castren, title: 'Avoin', stage: 'negotiation' }).expect(201);
  await post(aino, '/opportunities', { organizationId: ids.dahl, title: 'Voitettu', stage: 'won' }).expect(201);
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));
async function act(organizationId: string, kind: string, days: number) {
  await post(aino, '/actions', { kind, occurredAt: addCalendarDays(new Date(), days).toISOString(), subject: kind, organizationId }).expect(201);
}
async function memberNames(token: string, id: string): Promise<string[]> {
  const res = await get(token, `/selections/${id}/members?pageSize=200`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((o: { name: string }) => o.name);
}

test('a dynamic selection follows its criteria: the list filters, the activity, open opportunities', async () => {
  const quiet = await post(aino, '/selections', { name: 'Hiljaiset A-asiakkaat', criteria: { segment: 'A', noActionSince: day(-30) } });
  expect(quiet.status).toBe(201);
  expect(quiet.body).toMatchObject({ kind: 'dynamic', shared: false, memberCount: null, owner: { name: 'Aino Virtanen' }, version: 0 });
  expect(await memberNames(aino, quiet.body.id)).toEqual(['Berg Ab', 'Castrén Oy', 'Dahl Oy']);

  // found again when used: a call on Berg today takes it out
  await act(ids.berg!, 'call', 0);
  expect(await memberNames(aino, quiet.body.id)).toEqual(['Castrén Oy', 'Dahl Oy']);

  const withOpen = await post(aino, '/selections', { name: 'Avoimet kaupat', criteria: { hasOpenOpportunity: true } });
  expect(await memberNames(aino, withOpen.body.id)).toEqual(['Castrén Oy']);
  const noCall = await post(aino, '/selections', { name: 'Ei soittoa', criteria: { segment: 'A', kind: 'call', kindSince: day(-30), hasKind: false } });
  expect(await memberNames(aino, noCall.body.id)).toEqual(['Castrén Oy', 'Dahl Oy']);
  const byName = await post(aino, '/selections', { name: 'Haku', criteria: { q: 'Eklund' } });
  expect(await memberNames(aino, byName.body.id)).toEqual(['Eklund Oy']);

  // its criteria can change, on the version read
  const changed = await t.http.patch(`/api/v1/selections/${quiet.body.id}`).set(as(aino)).send({ version: 0, criteria: { segment: 'B' } });
  expect(changed.body).toMatchObject({ version: 1, criteria: { segment: 'B' } });
  expect(await memberNames(aino, quiet.body.id)).toEqual(['Eklund Oy']);
  const stale = await t.http.patch(`/api/v1/selections/${quiet.body.id}`).set(as(aino)).send({ version: 0, name: 'Vanha' });
  expect({ status: stale.status, fields: fieldsOf(stale.body) }).toEqual({ status: 409, fields: ['version'] });
});

test('freezing keeps the members of that moment; afterwards they change only by hand', async () => {
  const made = await post(aino, '/selections', { name: 'Jäädytettävä', criteria: { segment: 'A' } });
  const frozen = await post(aino, `/selections/${made.body.id}/freeze`, { version: 0 });
  expect(frozen.status).toBe(200);
  expect(frozen.body).toMatchObject({ kind: 'static', memberCount: 4, version: 1, criteria: { segment: 'A' } });
  expect(frozen.body.frozenAt).not.toBeNull();

  // a customer that becomes an A customer later is not a member
  await t.http.patch(`/api/v1/organizations/${ids.eklund}`).set(as(await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä'))).send({ segment: 'A' }).expect(200);
  expect(await memberNames(aino, made.body.id)).toEqual(['Ahola Oy', 'Berg Ab', 'Castrén Oy', 'Dahl Oy']);

  const changed = await post(aino, `/selections/${made.body.id}/members`, { version: 1, add: [ids.eklund], remove: [ids.berg, ids.dahl] });
  expect(changed.body).toMatchObject({ memberCount: 3, version: 2 });
  expect(await memberNames(aino, made.body.id)).toEqual(['Ahola Oy', 'Castrén Oy', 'Eklund Oy']);

  // a frozen selection keeps its criteria; it is not frozen twice; an unknown customer is not added; a stale change is refused
  const criteria = await t.http.patch(`/api/v1/selections/${made.body.id}`).set(as(aino)).send({ version: 2, criteria: { segment: 'B' } });
  expect({ status: criteria.status, fields: fieldsOf(criteria.body) }).toEqual({ status: 409, fields: ['criteria'] });
  const again = await post(aino, `/selections/${made.body.id}/freeze`, { version: 2 });
  expect({ status: again.status, fields: fieldsOf(again.body) }).toEqual({ status: 409, fields: ['kind'] });
  const unknown = await post(aino, `/selections/${made.body.id}/members`, { version: 2, add: [ids.ahola, '0123456789abcdef01234567'] });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['add.1'] });
  const stale = await post(aino, `/selections/${made.body.id}/members`, { version: 1, remove: [ids.ahola] });
  expect(stale.status).toBe(409);
  expect(await memberNames(aino, made.body.id)).toEqual(['Ahola Oy', 'Castrén Oy', 'Eklund Oy']);

  // a dynamic selection's members are not changed by hand
  const dynamic = await post(aino, '/selections', { name: 'Dynaaminen', criteria: {} });
  const byHand = await post(aino, `/selections/${dynamic.body.id}/members`, { version: 0, add: [ids.ahola] });
  expect({ status: byHand.status, fields: fieldsOf(byHand.body) }).toEqual({ status: 409, fields: ['kind'] });

  // a static selection made of members named by hand
  const listed = await post(aino, '/selections', { name: 'Käsin', kind: 'static', memberIds: [ids.dahl, ids.ahola, ids.dahl] });
  expect(listed.body).toMatchObject({ kind: 'static', memberCount: 2 });
  expect(await memberNames(aino, listed.body.id)).toEqual(['Ahola Oy', 'Dahl Oy']);
});

test('a private selection is its owner’s alone; a shared one everyone reads and only its owner changes', async () => {
  const mine = await post(aino, '/selections', { name: 'Ainon oma', criteria: { segment: 'A' } });
  const shared = await post(aino, '/selections', { name: 'Yhteinen', shared: true, criteria: { segment: 'B' } });

  const seen = (await get(mikko, '/selections')).body.items.map((s: { name: string }) => s.name);
  expect(seen).toContain('Yhteinen');
  expect(seen).not.toContain('Ainon oma');
  expect((await get(mikko, `/selections/${mine.body.id}`)).status).toBe(404);
  expect((await get(mikko, `/selections/${mine.body.id}/members`)).status).toBe(404);
  expect((await get(mikko, `/selections/${shared.body.id}/members`)).status).toBe(200);
  expect((await t.http.patch(`/api/v1/selections/${shared.body.id}`).set(as(mikko)).send({ version: 0, name: 'Kaapattu' })).status).toBe(403);
  expect((await t.http.delete(`/api/v1/selections/${shared.body.id}`).set(as(mikko))).status).toBe(403);
  expect((await get(leena, '/selections')).body.items.map((s: { name: string }) => s.name)).toContain('Yhteinen');
  expect((await post(leena, '/selections', { name: 'Johdon' })).status).toBe(403);

  expect((await t.http.delete(`/api/v1/selections/${mine.body.id}`).set(as(aino))).status).toBe(204);
  expect((await get(aino, `/selections/${mine.body.id}`)).status).toBe(404);
});

test('bad input names the field, and nothing is written', async () => {
  const before = await t.models.Selection.countDocuments();
  for (const [why, body, field] of [
    ['no name', { criteria: {} }, 'name'],
    ['a kind without the day since', { name: 'x', criteria: { kind: 'call' } }, 'criteria.kindSince'],
    ['a day that is not a day', { name: 'x', criteria: { noActionSince: '2026-02-30' } }, 'criteria.noActionSince'],
    ['an unknown criterion', { name: 'x', criteria: { colour: 'red' } }, 'criteria.colour'],
    ['members for a dynamic selection', { name: 'x', memberIds: [ids.ahola] }, 'memberIds'],
    ['a member that is not an id', { name: 'x', kind: 'static', memberIds: ['nope'] }, 'memberIds.0'],
  ] as const) {
    const res = await post(aino, '/selections', body);
    expect({ why, status: res.status, fields: fieldsOf(res.body) }).toEqual({ why, status: 400, fields: [field] });
  }
  const unknown = await post(aino, '/selections', { name: 'x', kind: 'static', memberIds: ['0123456789abcdef01234567'] });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['memberIds.0'] });
  expect(await t.models.Selection.countDocuments()).toBe(before);
});

describe('list operations', () => {
  let shared: { id: string };
  let admin: string;
  beforeAll(async () => {
    admin = await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
    shared = (await post(aino, '/selections', { name: 'Viennin poiminta: A/2027', shared: true, kind: 'static', memberIds: [ids.castren, ids.ahola] })).body;
  });

  test('the members export as the customer export’s CSV and as an Excel workbook with the same rows', async () => {
    const csv = await get(leena, `/selections/${shared.id}/export.csv?headers=fi`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?Viennin-poiminta-A-2027\.csv"?$/);
    const lines = (csv.body as Buffer).toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^tunniste;nimi;y-tunnus;segmentti;/);
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual(['Ahola Oy', 'Castrén Oy']);

    const xlsx = await get(leena, `/selections/${shared.id}/export.xlsx`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Viennin poiminta  A 2027');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['id', 'name']);
    expect([sheet.getRow(2).getCell(2).value, sheet.getRow(3).getCell(2).value]).toEqual(['Ahola Oy', 'Castrén Oy']);
    expect(sheet.rowCount).toBe(3);

    // as the customer export: management and administrators; each export is in the audit trail
    expect((await get(aino, `/selections/${shared.id}/export.csv`)).status).toBe(403);
    const audit = await t.models.AuditEntry.find({ action: 'selection.export' }).lean();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  test('handing the members over to another manager needs the count the user confirmed', async () => {
    const mikkoId = (await get(mikko, '/me')).body.id;
    const wrong = await post(admin, `/selections/${shared.id}/managers`, { expectedCount: 3, responsibleId: mikkoId });
    expect({ status: wrong.status, fields: fieldsOf(wrong.body) }).toEqual({ status: 409, fields: ['expectedCount'] });
    expect((await get(aino, `/organizations/${ids.ahola}`)).body.responsible.name).toBe('Aino Virtanen');

    const done = await post(admin, `/selections/${shared.id}/managers`, { expectedCount: 2, responsibleId: mikkoId });
    expect(done.body).toEqual({ matched: 2, changed: 2 });
    for (const id of [ids.ahola, ids.castren]) expect((await get(aino, `/organizations/${id}`)).body.responsible.name).toBe('Mikko Korhonen');
    expect((await get(aino, `/organizations/${ids.berg}`)).body.responsible.name).toBe('Aino Virtanen');
    expect((await post(aino, `/selections/${shared.id}/managers`, { expectedCount: 2, backupId: mikkoId })).status).toBe(403);
  });
});

test('a frozen selection of more than a thousand customers lists them all, in name order, and only them', async () => {
  const many = Array.from({ length: 1_050 }, (_, i) => ({
    id: t.repos.customers.newId(), name: `Massa ${String(1_050 - i).padStart(4, '0')} Oy`, businessId: null, segment: 'C' as const, customerGroup: 'company' as const,
    emailDomains: [], department: null, responsibleId: null, backupId: null, classificationIds: [], externalIds: {},
  }));
  for (let i = 0; i < many.length; i += 500) await t.repos.customers.insertMany(many.slice(i, i + 500));
  const members = many.slice(0, 1_020).map((c) => c.id);
  const made = await post(aino, '/selections', { name: 'Iso', kind: 'static', memberIds: members });
  expect(made.body.memberCount).toBe(1_020);
  const first = await get(aino, `/selections/${made.body.id}/members?pageSize=3`);
  expect(first.body.total).toBe(1_020);
  // the members are the 1,020 named first (Massa 1050 … Massa 0031), in name order
  expect(first.body.items.map((o: { name: string }) => o.name)).toEqual(['Massa 0031 Oy', 'Massa 0032 Oy', 'Massa 0033 Oy']);
  const last = await get(aino, `/selections/${made.body.id}/members?pageSize=200&page=6`);
  expect(last.body.items.at(-1).name).toBe('Massa 1050 Oy');
  expect(last.body.hasMore).toBe(false);
});

test('a follow-up task on every member, for each customer’s responsible manager; a retry of the same operation makes none twice', async () => {
  const admin = await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
  const mikkoId = (await get(mikko, '/me')).body.id;
  // Dahl goes to Mikko; Berg keeps Aino
  await t.http.patch(`/api/v1/organizations/${ids.dahl}`).set(as(admin)).send({ responsibleId: mikkoId }).expect(200);
  const made = (await post(aino, '/selections', { name: 'Soitettavat', kind: 'static', memberIds: [ids.berg, ids.dahl] })).body;
  const body = { operationId: 'soittokierros-2026-12-abc', expectedCount: 2, title: 'Soita ja kysy kevään koulutustarpeet', dueOn: day(7) };

  const wrong = await post(aino, `/selections/${made.id}/tasks`, { ...body, expectedCount: 5 });
  expect({ status: wrong.status, fields: fieldsOf(wrong.body) }).toEqual({ status: 409, fields: ['expectedCount'] });

  const first = await post(aino, `/selections/${made.id}/tasks`, body);
  expect(first.body).toEqual({ created: 2, existing: 0, failed: [] });
  const again = await post(aino, `/selections/${made.id}/tasks`, body);
  expect(again.body).toEqual({ created: 0, existing: 2, failed: [] });

  const tasksOf = async (organizationId: string) => (await get(aino, `/tasks?organizationId=${organizationId}&status=open`)).body.items
    .filter((x: { title: string }) => x.title === body.title).map((x: { assignee: { name: string } }) => x.assignee.name);
  expect(await tasksOf(ids.berg!)).toEqual(['Aino Virtanen']);
  expect(await tasksOf(ids.dahl!)).toEqual(['Mikko Korhonen']);
  // on Mikko's own task list too
  const mikkos = (await get(mikko, '/tasks?assigneeId=me&status=open')).body.items.map((x: { title: string; organization: { name: string } }) => `${x.title} / ${x.organization.name}`);
  expect(mikkos).toContain(`${body.title} / Dahl Oy`);

  const bad = await post(aino, `/selections/${made.id}/tasks`, { ...body, operationId: 'x', dueOn: '2026-13-01' });
  expect({ status: bad.status, fields: fieldsOf(bad.body)?.sort() }).toEqual({ status: 400, fields: ['dueOn', 'operationId'] });
  expect((await post(leena, `/selections/${made.id}/tasks`, body)).status).toBe(403);
});

test('list operations change every member’s segment and classifications, once the count is confirmed, and say what they did', async () => {
  const admin = await adminToken(t);
  const three = [ids.ahola!, ids.berg!, ids.eklund!];
  const sel = await post(aino, '/selections', { name: 'Segmentin muutos', kind: 'static', memberIds: three });
  const stale = await post(admin, `/selections/${sel.body.id}/segment`, { expectedCount: 2, segment: 'C' });
  expect({ status: stale.status, fields: fieldsOf(stale.body) }).toEqual({ status: 409, fields: ['expectedCount'] });
  expect((await post(aino, `/selections/${sel.body.id}/segment`, { expectedCount: 3, segment: 'C' })).status).toBe(403);

  const toC = await post(admin, `/selections/${sel.body.id}/segment`, { expectedCount: 3, segment: 'C' });
  expect(toC.body).toEqual({ changed: 3, unchanged: 0, failed: [] });
  for (const id of three) expect((await get(aino, `/organizations/${id}`)).body.segment).toBe('C');
  // the customer list (and its search) sees the new segment at once
  for (const [id, name] of [[ids.ahola, 'Ahola'], [ids.berg, 'Berg'], [ids.eklund, 'Eklund']]) {
    expect((await get(aino, `/organizations?segment=C&q=${name}`)).body.items.map((o: { id: string }) => o.id)).toEqual([id]);
  }
  expect((await post(admin, `/selections/${sel.body.id}/segment`, { expectedCount: 3, segment: 'C' })).body).toEqual({ changed: 0, unchanged: 3, failed: [] });

  const node = (await t.http.post('/api/v1/classifications').set(as(admin)).send({ name: 'Kevätkampanja 2027', appliesTo: 'organization' })).body;
  const added = await post(admin, `/selections/${sel.body.id}/classifications`, { expectedCount: 3, add: [node.id] });
  expect(added.body).toMatchObject({ changed: 3, failed: [] });
  for (const id of three) expect((await get(aino, `/organizations/${id}`)).body.classifications.map((c: { id: string }) => c.id)).toEqual([node.id]);
  const removed = await post(admin, `/selections/${sel.body.id}/classifications`, { expectedCount: 3, remove: [node.id] });
  expect(removed.body).toMatchObject({ changed: 3, failed: [] });
  for (const id of three) expect((await get(aino, `/organizations/${id}`)).body.classifications).toEqual([]);
  const unknown = await post(admin, `/selections/${sel.body.id}/classifications`, { expectedCount: 3, add: ['0123456789abcdef01234567'] });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['add'] });
  const both = await post(admin, `/selections/${sel.body.id}/classifications`, { expectedCount: 3, add: [node.id], remove: [node.id] });
  expect({ status: both.status, fields: fieldsOf(both.body) }).toEqual({ status: 400, fields: ['remove'] });
  // an audit entry per operation, naming the selection
  const audit = (await get(admin, `/audit?recordId=${sel.body.id}`)).body.items.map((e: { action: string }) => e.action);
  expect(audit).toEqual(expect.arrayContaining(['selection.segment', 'selection.classifications']));
});
