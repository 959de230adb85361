/**
 * The reports page's API over the real database, against a hand-computed fixture (the same as
 * test/shared/reports.test.ts, with the clock at 2026-04-15): compliance per manager, segment and
 * group at each month's end; actions per kind and per person per month, logged through the API so
 * that the reports' copy of the actions is the one every new action writes; the pipeline from the
 * sales report; the period refused with the field named; the downloads read back (CSV and Excel)
 * equal to the table the page shows, and audited.
 */
import ExcelJS from 'exceljs';
import { reportTable } from '../../../shared/report-tables';
import type { ComplianceReport } from '../../../shared/contract-reports';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, fieldsOf } from '../fixtures';

const NOW = new Date('2026-04-15T09:00:00Z');
let t: TestApp;
let aino: string;
let mikko: string;
let leena: string;
const ids: Record<string, string> = {};
const PERIOD = 'from=2026-01&to=2026-03';

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));

async function userId(token: string): Promise<string> {
  return (await get(token, '/me').expect(200)).body.id;
}

async function act(token: string, organizationId: string, kind: string, occurredAt: string) {
  const res = await t.http.post('/api/v1/actions').set(as(token)).send({ kind, occurredAt, subject: kind, organizationId });
  if (res.status !== 201) throw new Error(`action: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  t = await startTestApp({ clock: () => NOW });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  const [ainoId, mikkoId] = [await userId(aino), await userId(mikko)];
  const customer = (name: string, segment: 'A' | 'B' | 'C' | 'P', customerGroup: 'company' | 'public', createdAt: string, responsibleId: string | null) => {
    ids[name] = t.repos.customers.newId();
    return {
      id: ids[name]!, name, segment, customerGroup, createdAt: new Date(createdAt), responsibleId, businessId: null, emailDomains: [],
      department: null, backupId: null, classificationIds: [], externalIds: {},
    };
  };
  await t.repos.customers.insertMany([
    customer('Ahola Oy', 'C', 'company', '2025-01-01T10:00:00Z', ainoId),
    customer('Berg Ab', 'B', 'company', '2025-01-01T10:00:00Z', ainoId),
    customer('Castrén Oy', 'P', 'company', '2026-02-20T10:00:00Z', null),
    customer('Dahl Oy', 'A', 'public', '2024-01-01T10:00:00Z', mikkoId),
  ]);
  await act(aino, ids['Ahola Oy']!, 'call', '2025-08-15T10:00:00Z');
  await act(aino, ids['Ahola Oy']!, 'meeting', '2026-05-01T10:00:00Z'); // planned
  await act(aino, ids['Ahola Oy']!, 'note', '2026-01-10T10:00:00Z');
  await act(aino, ids['Berg Ab']!, 'meeting', '2025-12-10T10:00:00Z');
  await act(mikko, ids['Berg Ab']!, 'call', '2026-03-05T10:00:00Z');
  await act(mikko, ids['Dahl Oy']!, 'note', '2026-01-31T22:30:00Z'); // 1 February in Helsinki
});
afterAll(() => t.close());

test('compliance at each month end per manager, segment and group, as computed by hand', async () => {
  const res = await get(leena, `/reports/compliance?${PERIOD}`);
  expect(res.status).toBe(200);
  expect(res.body.months).toEqual(['2026-01', '2026-02', '2026-03']);
  expect(res.body.byManager.map((r: { manager: { name: string } | null; kept: number[]; total: number[] }) => [r.manager?.name ?? null, r.kept, r.total])).toEqual([
    ['Aino Virtanen', [2, 0, 1], [2, 2, 2]],
    ['Mikko Korhonen', [0, 0, 0], [1, 1, 1]],
    [null, [0, 1, 0], [0, 1, 1]],
  ]);
  expect(res.body.bySegment).toEqual([
    { segment: 'A', kept: [0, 0, 0], total: [1, 1, 1] },
    { segment: 'B', kept: [1, 0, 1], total: [1, 1, 1] },
    { segment: 'C', kept: [1, 0, 0], total: [1, 1, 1] },
    { segment: 'P', kept: [0, 1, 0], total: [0, 1, 1] },
  ]);
  expect(res.body.byGroup).toEqual([
    { customerGroup: 'company', kept: [2, 1, 1], total: [2, 3, 3] },
    { customerGroup: 'public', kept: [0, 0, 0], total: [1, 1, 1] },
  ]);
  expect(res.body.total).toEqual({ kept: [2, 1, 1], total: [3, 4, 4] });
  // what the page's table shows (and a file holds)
  expect(reportTable('compliance', res.body as ComplianceReport, 'byManager', 'en').rows).toEqual([
    ['Aino Virtanen', 100, 0, 50, 50],
    ['Mikko Korhonen', 0, 0, 0, 0],
    ['No responsible', null, 100, 0, 50],
    ['Total', 67, 25, 25, 36],
  ]);
});

test('actions per kind and per person per month, in Helsinki months', async () => {
  const res = await get(leena, `/reports/actions?${PERIOD}`);
  expect(res.status).toBe(200);
  const byKind = Object.fromEntries(res.body.byKind.map((k: { kind: string; counts: number[] }) => [k.kind, k.counts]));
  expect(byKind).toEqual({ email_in: [0, 0, 0], email_out: [0, 0, 0], call: [0, 0, 1], meeting: [0, 0, 0], event: [0, 0, 0], review: [0, 0, 0], offer: [0, 0, 0], note: [1, 1, 0], mailing: [0, 0, 0], feedback: [0, 0, 0] });
  expect(res.body.byManager.map((m: { manager: { name: string }; counts: number[]; kinds: object }) => [m.manager.name, m.counts, m.kinds])).toEqual([
    ['Aino Virtanen', [1, 0, 0], { note: 1 }],
    ['Mikko Korhonen', [0, 1, 1], { call: 1, note: 1 }],
  ]);
  expect(reportTable('actions', res.body, 'managerByKind', 'fi').rows.at(-1)).toEqual(['Yhteensä', 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 3]);
});

test('the pipeline is the sales report of the period: the open stages and won and lost per month', async () => {
  const admin = await adminToken(t);
  const [pipeline, sales] = await Promise.all([get(admin, `/reports/pipeline?${PERIOD}`), get(admin, '/reports/sales?months=4')]);
  expect(pipeline.status).toBe(200);
  expect(pipeline.body.byStage).toEqual(sales.body.byStage);
  expect(pipeline.body.closedByMonth).toEqual(sales.body.closedByMonth.slice(0, 3));
  expect(pipeline.body.stageNames.lead).toEqual({ fi: expect.any(String), sv: expect.any(String), en: expect.any(String) });
});

test('a bad period is refused with the field named; the last months by default', async () => {
  const fields = async (q: string) => {
    const res = await get(leena, `/reports/compliance?${q}`);
    return { status: res.status, fields: fieldsOf(res.body) };
  };
  expect(await fields('from=2026-03&to=2026-01')).toEqual({ status: 400, fields: ['from'] });
  expect(await fields('from=2024-01&to=2026-01')).toEqual({ status: 400, fields: ['to'] });
  expect(await fields('from=2026-01&to=2026-05')).toEqual({ status: 400, fields: ['to'] }); // after the current month
  expect(await fields('months=0')).toEqual({ status: 400, fields: ['months'] });
  expect(await fields('from=tammikuu&to=2026-01')).toEqual({ status: 400, fields: ['from'] });
  const download = await get(leena, `/reports/compliance/download?${PERIOD}&table=byKind&format=csv`);
  expect({ status: download.status, fields: fieldsOf(download.body) }).toEqual({ status: 400, fields: ['table'] });
  const byDefault = await get(leena, '/reports/actions?months=2').expect(200);
  expect(byDefault.body.months).toEqual(['2026-03', '2026-04']);
});

test('an account manager may not read the reports', async () => {
  expect((await get(aino, `/reports/compliance?${PERIOD}`)).status).toBe(403);
  expect((await get(aino, `/reports/actions/download?${PERIOD}&table=byKind&format=csv`)).status).toBe(403);
});

test('the CSV holds exactly the rows of the table, in the language asked, with a BOM and semicolons; the download is audited', async () => {
  const report = (await get(leena, `/reports/compliance?${PERIOD}`).expect(200)).body as ComplianceReport;
  const res = await get(leena, `/reports/compliance/download?${PERIOD}&table=bySegment&format=csv&lang=sv`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.headers['content-disposition']).toContain('compliance-bySegment-2026-01-2026-03.csv');
  const text = res.body as string;
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
  const table = reportTable('compliance', report, 'bySegment', 'sv');
  expect(lines[0]).toEqual(['Segment', 'jan. 2026', 'feb. 2026', 'mars 2026', 'Hela perioden']);
  expect(lines.slice(1)).toEqual(table.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))));
  expect(lines[1]).toEqual(['A – nyckelkund', '0', '0', '0', '0']);

  const audit = await t.repos.audit.list({ resource: 'report' }, { page: 1, pageSize: 10 });
  expect(audit.items.map((e) => [e.action, e.route, e.actor.name])).toContainEqual(['report.export', 'GET /reports/:report/download', 'Leena Hämäläinen']);
});

test('the Excel file holds exactly the rows of the table, numbers as numbers', async () => {
  const report = (await get(leena, `/reports/actions?${PERIOD}`).expect(200)).body;
  const res = await get(leena, `/reports/actions/download?${PERIOD}&table=byManager&format=xlsx&lang=fi`).buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.body as never);
  const sheet = book.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const table = reportTable('actions', report, 'byManager', 'fi');
  expect(rows).toEqual([table.columns, ...table.rows]);
  expect(rows[0]).toEqual(['Asiakasvastaava', 'tammi 2026', 'helmi 2026', 'maalis 2026', 'Yhteensä']);
  expect(rows[2]).toEqual(['Mikko Korhonen', 0, 1, 1, 2]);
});

test("the reports' copy of the actions is rebuilt from the actions with the same figures", async () => {
  const before = (await get(leena, `/reports/compliance?${PERIOD}`).expect(200)).body;
  await t.models.ActivityMonth.deleteMany({});
  expect((await get(leena, `/reports/actions?${PERIOD}`).expect(200)).body.byManager).toEqual([]);
  expect(await t.repos.activity.rebuild(t.repos.actions.stream())).toBe(6);
  const after = (await get(leena, `/reports/compliance?${PERIOD}`).expect(200)).body;
  expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });
});

test("a moved action leaves its old month in the reports' copy and is counted once, in its new month", async () => {
  const [ainoId] = [await userId(aino)];
  const action = {
    id: t.repos.actions.newId(), kind: 'meeting' as const, occurredAt: new Date('2026-01-20T10:00:00Z'), subject: 'Palaveri', excerpt: null,
    organizationId: ids['Ahola Oy']!, contactIds: [], loggedBy: { id: ainoId, name: 'Aino Virtanen', email: 'aino.virtanen@omnia.fi' }, loggedAt: NOW,
    internetMessageId: null, conversationId: null, opportunityId: null,
  };
  await t.repos.activity.record([action]);
  await t.repos.activity.record([action]); // a retry changes nothing
  const moved = { ...action, occurredAt: new Date('2026-03-20T10:00:00Z') };
  await t.repos.activity.move(action, moved);
  const seen = (await t.repos.activity.inMonths(['2026-01', '2026-02', '2026-03'])).filter((a) => a.kind === 'meeting' && a.organizationId === ids['Ahola Oy']);
  expect(seen.map((a) => a.occurredAt.toISOString())).toEqual(['2026-03-20T10:00:00.000Z']);
});

test("a merged duplicate's actions count for the customer kept, and the duplicate is no longer counted", async () => {
  const admin = await adminToken(t);
  const merged = await t.http.post('/api/v1/merges/organizations').set(as(admin)).send({ keepId: ids['Berg Ab'], mergeIds: [ids['Dahl Oy']] });
  expect(merged.status).toBe(200);
  const entries = await t.repos.activity.inMonths(['2026-01', '2026-02']);
  expect(entries.filter((a) => a.kind === 'note').map((a) => a.organizationId).sort()).toEqual([ids['Ahola Oy'], ids['Berg Ab']].sort());
  const after = (await get(leena, `/reports/compliance?${PERIOD}`).expect(200)).body;
  expect(after.total.total).toEqual([2, 3, 3]); // Dahl Oy is gone
  expect(after.byManager.map((r: { manager: { name: string } | null }) => r.manager?.name ?? null)).toEqual(['Aino Virtanen', null]);
  // the actions themselves are counted as before: Mikko logged the note in February
  const actions = (await get(leena, `/reports/actions?${PERIOD}`).expect(200)).body;
  expect(actions.byManager.find((m: { manager: { name: string } }) => m.manager.name === 'Mikko Korhonen').counts).toEqual([0, 1, 1]);
});
