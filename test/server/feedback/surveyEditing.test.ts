/**
 * Managing surveys over the real database, as the web app's survey editor does it: a heading and
 * question texts per language that the answer page shows; an NPS survey, and a custom one with
 * answers, keeps its questions' kinds; retiring and reactivating; bad input named by field. A
 * mailing with a survey must hold {{surveyLink}}. The reports page's feedback report over a period,
 * its tables downloaded exactly as shown; a survey answer in the audit log with the contact as the actor.
 */
import ExcelJS from 'exceljs';
import type { FeedbackScoresReport } from '../../../shared/contract-reports';
import { reportTable } from '../../../shared/report-tables';
import { startTestApp, type TestApp } from '../../support/testApp';
import { fieldsOf } from '../fixtures';

const NOW = new Date('2026-04-15T09:00:00Z');
let now = NOW.getTime();
let t: TestApp;
let aino: string;
let leena: string;
let admin: string;
const ids: Record<string, string> = {};

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);
const patch = (token: string, path: string, body: object) => t.http.patch(`/api/v1${path}`).set(as(token)).send(body);
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));
const pathOf = (url: string) => new URL(url).pathname;
const texts = (fi: string, sv: string, en: string) => ({ fi, sv, en });

async function linkFor(surveyId: string, contactId: string, language: 'fi' | 'sv' | 'en' = 'fi') {
  const res = await post(aino, `/surveys/${surveyId}/link`, { contactId, language });
  expect(res.status).toBe(200);
  return pathOf(res.body.url as string);
}
const answer = (path: string, form: Record<string, string>) => t.http.post(path).type('form').send(form);

beforeAll(async () => {
  t = await startTestApp({ clock: () => new Date(now) });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  admin = await t.tokenFor('admin@omnia.fi', 'admin', 'Pääkäyttäjä');
  const me = (await get(aino, '/me')).body.id as string;
  const org = async (name: string, segment: string, customerGroup: string) =>
    (await post(admin, '/organizations', { name, segment, customerGroup, responsibleId: me })).body.id as string;
  ids.a = await org('Avainasiakas Oy', 'A', 'company');
  ids.b = await org('Kaupunki', 'B', 'public');
  const contact = async (organizationId: string, name: string, email: string) => (await post(aino, '/contacts', { name, emails: [email], organizationId })).body.id as string;
  ids.anna = await contact(ids.a, 'Anna Mäkelä', 'anna@avain.fi');
  ids.pekka = await contact(ids.a, 'Pekka Virta', 'pekka@avain.fi');
  ids.sara = await contact(ids.b, 'Sara Lind', 'sara@kaupunki.fi');
});
afterAll(() => t.close());

test('a survey’s heading and question texts, changed in the editor, are what the answer page shows in each language', async () => {
  const made = await post(aino, '/surveys', { name: 'Kevään NPS', type: 'nps', title: texts('Kevään palaute', 'Vårens respons', 'Spring feedback') });
  expect(made.status).toBe(201);
  expect(made.body).toMatchObject({ title: texts('Kevään palaute', 'Vårens respons', 'Spring feedback'), status: 'open', version: 0 });
  ids.nps = made.body.id;
  const sv = await t.http.get(await linkFor(ids.nps!, ids.sara!, 'sv'));
  expect(sv.text).toContain('<h1>Vårens respons</h1>');
  expect(sv.text).toContain('<title>Vårens respons</title>');

  const questions = [
    { kind: 'nps', text: texts('Suosittelisitko meitä?', 'Skulle du rekommendera oss?', 'Would you recommend us?') },
    { kind: 'text', text: texts('Terveiset', 'Hälsningar', 'Greetings') },
  ];
  const changed = await patch(aino, `/surveys/${ids.nps}`, { version: 0, title: texts('Palaute', 'Respons', 'Feedback'), questions });
  expect(changed.status).toBe(200);
  expect(changed.body.questions.map((q: { id: string; kind: string }) => [q.id, q.kind])).toEqual([['score', 'nps'], ['comment', 'text']]);
  const en = await t.http.get(await linkFor(ids.nps!, ids.anna!, 'en'));
  expect(en.text).toContain('<h1>Feedback</h1>');
  expect(en.text).toContain('<legend>Would you recommend us?</legend>');
  expect(en.text).toContain('Greetings');
  // without a heading, respondents see the name
  expect((await patch(aino, `/surveys/${ids.nps}`, { version: 1, title: null })).body.title).toBeNull();
  expect((await t.http.get(await linkFor(ids.nps!, ids.anna!, 'en'))).text).toContain('<h1>Kevään NPS</h1>');
});

test('an NPS survey keeps its two questions; a custom one changes its questions until it is answered, then only their texts', async () => {
  const fixedNps = await patch(aino, `/surveys/${ids.nps}`, { version: 2, questions: [{ kind: 'scale', text: texts('a', 'a', 'a') }] });
  expect({ status: fixedNps.status, fields: fieldsOf(fixedNps.body) }).toEqual({ status: 409, fields: ['questions'] });

  const custom = (await post(aino, '/surveys', { name: 'Koulutus', type: 'custom', questions: [{ kind: 'scale', text: texts('Sisältö', 'Innehåll', 'Content') }] })).body;
  const three = await patch(aino, `/surveys/${custom.id}`, {
    version: 0,
    questions: [
      { kind: 'scale', text: texts('Sisältö', 'Innehåll', 'Content') },
      { kind: 'scale', text: texts('Kouluttaja', 'Utbildare', 'Trainer') },
      { kind: 'text', text: texts('Muuta', 'Övrigt', 'Other') },
    ],
  });
  expect(three.status).toBe(200);
  expect(three.body.questions.map((q: { id: string; kind: string }) => `${q.id}:${q.kind}`)).toEqual(['q1:scale', 'q2:scale', 'q3:text']);
  const npsInCustom = await patch(aino, `/surveys/${custom.id}`, { version: 1, questions: [{ kind: 'nps', text: texts('a', 'a', 'a') }] });
  expect({ status: npsInCustom.status, fields: fieldsOf(npsInCustom.body) }).toEqual({ status: 400, fields: ['questions.0.kind'] });

  expect((await answer(await linkFor(custom.id, ids.pekka!), { q_q1: '4', q_q2: '5', q_q3: 'Hyvä' })).status).toBe(200);
  const afterAnswer = await patch(aino, `/surveys/${custom.id}`, { version: 1, questions: [{ kind: 'scale', text: texts('a', 'a', 'a') }] });
  expect({ status: afterAnswer.status, fields: fieldsOf(afterAnswer.body) }).toEqual({ status: 409, fields: ['questions'] });
  const reworded = await patch(aino, `/surveys/${custom.id}`, {
    version: 1,
    questions: [
      { kind: 'scale', text: texts('Koulutuksen sisältö', 'Utbildningens innehåll', 'The training’s content') },
      { kind: 'scale', text: texts('Kouluttaja', 'Utbildare', 'Trainer') },
      { kind: 'text', text: texts('Muuta kerrottavaa', 'Något annat', 'Anything else') },
    ],
  });
  expect(reworded.status).toBe(200);
  // the earlier answer still reads against the same question ids
  const responses = await get(leena, `/surveys/${custom.id}/responses`);
  expect(responses.body.items[0]).toMatchObject({ contactName: 'Pekka Virta', score: 4.5, answers: { q1: 4, q2: 5, q3: 'Hyvä' } });
});

test('retiring a survey closes its links and the mailing editor’s choice of it; taking it back into use opens them again', async () => {
  const survey = (await post(aino, '/surveys', { name: 'Syksy', type: 'csat' })).body;
  const link = await linkFor(survey.id, ids.anna!);
  const retired = await patch(aino, `/surveys/${survey.id}`, { version: 0, status: 'closed' });
  expect(retired.body.status).toBe('closed');
  expect((await t.http.get(link)).text).toContain('Kysely on päättynyt');
  expect((await answer(link, { q_score: '4' })).status).toBe(409);

  const campaign = await post(aino, '/campaigns', { name: 'Syyskampanja', startsOn: '2026-04-01', endsOn: '2026-06-30' });
  expect(campaign.status).toBe(201);
  const withRetired = await post(aino, `/campaigns/${campaign.body.id}/mailings`, { surveyId: survey.id, subject: { fi: 'Palaute' }, body: { fi: 'Vastaa: {{surveyLink}}' } });
  expect({ status: withRetired.status, fields: fieldsOf(withRetired.body) }).toEqual({ status: 422, fields: ['surveyId'] });

  expect((await patch(aino, `/surveys/${survey.id}`, { version: 1, status: 'open' })).body.status).toBe('open');
  expect((await t.http.get(link)).text).toContain('<form method="post">');
  const withoutLink = await post(aino, `/campaigns/${campaign.body.id}/mailings`, { surveyId: survey.id, subject: { fi: 'Palaute' }, body: { fi: 'Hei!', en: 'Hi! {{surveyLink}}' } });
  expect({ status: withoutLink.status, fields: fieldsOf(withoutLink.body) }).toEqual({ status: 400, fields: ['body.fi'] });
  const ok = await post(aino, `/campaigns/${campaign.body.id}/mailings`, { surveyId: survey.id, subject: { fi: 'Palaute' }, body: { fi: 'Hei! {{surveyLink}}' } });
  expect(ok.status).toBe(201);
  expect(ok.body.surveyId).toBe(survey.id);
});

test('bad survey changes are refused naming the field; management reads surveys but changes none', async () => {
  const survey = (await post(aino, '/surveys', { name: 'Virheet', type: 'nps' })).body;
  const cases: [object, number, string | string[]][] = [
    [{ version: 0, title: { fi: 'Otsikko', sv: '', en: 'Title' } }, 400, 'title.sv'],
    [{ version: 0, title: { fi: 'Otsikko' } }, 400, ['title.sv', 'title.en']],
    [{ version: 0, questions: [] }, 400, 'questions'],
    [{ version: 0, questions: [{ kind: 'nps', text: texts('a', 'a', 'a') }, { kind: 'text', text: { fi: 'a', sv: 'a', en: 'x'.repeat(501) } }] }, 400, 'questions.1.text.en'],
    [{ version: 0, closesOn: '2020-01-01' }, 400, 'closesOn'],
    [{ version: 0, status: 'retired' }, 400, 'status'],
    [{ version: 0, name: '' }, 400, 'name'],
    [{ version: 7, name: 'Uusi' }, 409, 'version'],
  ];
  for (const [body, status, field] of cases) {
    const res = await patch(aino, `/surveys/${survey.id}`, body);
    expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({ body, status, fields: [field].flat() });
  }
  const badTitle = await post(aino, '/surveys', { name: 'X', type: 'csat', title: { fi: '', sv: 'a', en: 'a' } });
  expect({ status: badTitle.status, fields: fieldsOf(badTitle.body) }).toEqual({ status: 400, fields: ['title.fi'] });
  expect((await get(leena, `/surveys/${survey.id}`)).status).toBe(200);
  expect((await patch(leena, `/surveys/${survey.id}`, { version: 0, name: 'Johto' })).status).toBe(403);
  expect((await get(aino, `/surveys/${survey.id}`)).body).toMatchObject({ name: 'Virheet', version: 0 });
});

test('a survey answer through the public page is in the audit log with the contact as the actor, marked as public; a refused one is not', async () => {
  const link = await linkFor(ids.nps!, ids.pekka!);
  const auditOf = async () => (await get(admin, `/audit?resource=survey&recordId=${ids.nps}`)).body.items as
    { action: string; actor: { id: string; name: string; role: string | null; kind: string }; changedFields: string[]; route: string; status: number }[];
  const before = (await auditOf()).filter((e) => e.action === 'survey.answer').length;
  expect((await answer(link, { q_score: '11' })).status).toBe(400);
  expect((await auditOf()).filter((e) => e.action === 'survey.answer')).toHaveLength(before);
  expect((await answer(link, { q_score: '10', q_comment: 'Erinomaista' })).status).toBe(200);
  const [entry] = (await auditOf()).filter((e) => e.action === 'survey.answer');
  expect(entry).toEqual(expect.objectContaining({
    action: 'survey.answer', route: 'POST /p/feedback/:token', status: 200, changedFields: ['answers.comment', 'answers.score'],
    actor: { id: ids.pekka, name: 'Pekka Virta', role: null, kind: 'contact' },
  }));
  // what users did keeps its actor as it was
  const mine = (await get(admin, `/audit?resource=survey`)).body.items.find((e: { action: string }) => e.action === 'survey.update');
  expect(mine.actor).toMatchObject({ name: 'Aino Virtanen', role: 'account_manager', kind: 'user' });
});

test('the reports page’s feedback report: NPS per segment and group per month, answers per survey type, the files exactly the tables', async () => {
  // Sara (B, public) answers 3 in March; Anna (A, company) 9 and Pekka's 10 (above) in April
  const saved = now;
  now = new Date('2026-03-10T10:00:00Z').getTime();
  try {
    expect((await answer(await linkFor(ids.nps!, ids.sara!, 'sv'), { q_score: '3' })).status).toBe(200);
  } finally {
    now = saved;
  }
  expect((await answer(await linkFor(ids.nps!, ids.anna!), { q_score: '9' })).status).toBe(200);

  const res = await get(leena, '/reports/feedback?from=2026-02&to=2026-04');
  expect(res.status).toBe(200);
  const report = res.body as FeedbackScoresReport;
  expect(report.months).toEqual(['2026-02', '2026-03', '2026-04']);
  expect(report.overall).toEqual({ responses: 3, nps: 33 });
  expect(report.responses).toEqual([
    { type: 'nps', counts: [0, 1, 2] },
    { type: 'csat', counts: [0, 0, 0] },
    { type: 'custom', counts: [0, 0, 1] },
  ]);
  const bySegment = reportTable('feedback', report, 'bySegment', 'fi');
  expect(bySegment.columns).toEqual(['Segmentti', 'helmi 2026', 'maalis 2026', 'huhti 2026', 'Koko jakso']);
  expect(bySegment.rows).toEqual([
    ['A – avainasiakas', null, null, 100, 100],
    ['B-asiakas', null, -100, null, -100],
    ['Yhteensä', null, -100, 100, 33],
  ]);
  expect(reportTable('feedback', report, 'byGroup', 'en').rows).toEqual([
    ['Company', null, null, 100, 100],
    ['Public sector', null, -100, null, -100],
    ['Total', null, -100, 100, 33],
  ]);

  const csv = await get(leena, '/reports/feedback/download?from=2026-02&to=2026-04&table=responses&format=csv&lang=sv').buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
  });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-disposition']).toContain('feedback-responses-2026-02-2026-04.csv');
  const lines = (csv.body as string).slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
  const table = reportTable('feedback', report, 'responses', 'sv');
  expect(lines[0]).toEqual(table.columns);
  expect(lines.slice(1)).toEqual(table.rows.map((r) => r.map((c) => (c === null ? '' : String(c)))));
  expect(lines.at(-1)).toEqual(['Totalt', '0', '1', '3', '4']);

  const xlsx = await get(leena, '/reports/feedback/download?from=2026-02&to=2026-04&table=bySegment&format=xlsx&lang=fi').buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.body as never);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  // an empty month is an empty cell, numbers stay numbers
  expect(rows).toEqual([bySegment.columns, ...bySegment.rows.map((r) => r.map((c) => c ?? ''))]);

  // the dashboard reads the same figures; account managers see neither
  expect((await get(leena, '/reports/feedback?months=3')).body.overall).toEqual({ responses: 3, nps: 33 });
  expect((await get(aino, '/reports/feedback')).status).toBe(403);
  const tooLong = await get(leena, '/reports/feedback?months=30');
  expect({ status: tooLong.status, fields: fieldsOf(tooLong.body) }).toEqual({ status: 400, fields: ['months'] });
});
