/**
 * Feedback over the real database: a survey's link answered on the public page records one
 * `feedback` action with the score on the customer, however often it is answered; expired, forged
 * and other-purpose tokens get their pages; a bad form is a 400 that stores nothing; names with markup
 * stay text; inviting a selection twice makes each invitation once; the NPS report counts the answers.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { fieldsOf } from '../fixtures';

let t: TestApp;
let aino: string;
let leena: string;
let now = Date.now();
const DAY = 86_400_000;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp({ clock: () => new Date(now) });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  const admin = await t.tokenFor('admin@omnia.fi', 'admin', 'Pääkäyttäjä');
  const me = (await get(aino, '/me')).body.id as string;
  const org = async (name: string, segment: string) => (await post(admin, '/organizations', { name, segment, customerGroup: 'company', responsibleId: me })).body.id as string;
  ids.org = await org('Äänekosken Sähkö Oy', 'A');
  ids.hostile = await org('<script>alert(1)</script> Oy', 'B');
  const contact = async (organizationId: string, name: string, email: string) => (await post(aino, '/contacts', { name, emails: [email], organizationId })).body.id as string;
  ids.anna = await contact(ids.org, 'Anna Mäkelä', 'anna@sahko.fi');
  ids.pekka = await contact(ids.org, 'Pekka Virta', 'pekka@sahko.fi');
  ids.evil = await contact(ids.hostile, '<img src=x onerror=alert(1)>\nMalicious', 'evil@evil.fi');
  const survey = await post(aino, '/surveys', { name: 'Asiakastyytyväisyys 2026', type: 'nps' });
  expect(survey.status).toBe(201);
  ids.survey = survey.body.id;
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));
const pathOf = (url: string) => new URL(url).pathname;
async function linkFor(contactId: string, language?: string, survey = ids.survey!) {
  const res = await post(aino, `/surveys/${survey}/link`, { contactId, ...(language ? { language } : {}) });
  expect(res.status).toBe(200);
  return res.body as { url: string; invitationId: string; expiresAt: string };
}
const answer = (path: string, form: Record<string, string | string[]>) => t.http.post(path).type('form').send(form);
const feedbackActions = async (organizationId: string) =>
  (await get(aino, `/organizations/${organizationId}/actions?kind=feedback&limit=50`)).body.items as { kind: string; feedbackScore?: number; subject: string; excerpt: string | null }[];

test('a contact answers with a valid link: the customer gets a feedback action with the score and shows it as its newest', async () => {
  const link = await linkFor(ids.anna!);
  // the configured public address (PUBLIC_URL), not the address the request came to
  expect(link.url).toMatch(/^https:\/\/crm\.testiopisto\.fi\/p\/feedback\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
  // asked again (by anyone): the same invitation and link (supertest's port changes between requests)
  const again = await linkFor(ids.anna!);
  expect({ ...again, url: pathOf(again.url) }).toEqual({ ...link, url: pathOf(link.url) });

  const page = await t.http.get(pathOf(link.url));
  expect(page.status).toBe(200);
  expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(page.headers['content-security-policy']).toMatch(/form-action 'self'/);
  expect(page.headers['cache-control']).toBe('no-store');
  expect(page.text).toContain('<html lang="fi">');
  expect(page.text).toContain('Hei Anna!');
  expect(page.text).not.toContain('Mäkelä');
  expect(page.text).not.toContain('anna@sahko.fi');
  expect(page.text).toContain('<legend>Kuinka todennäköisesti suosittelisit');
  expect(page.text.match(/type="radio" name="q_score"/g)).toHaveLength(11);

  const sent = await answer(pathOf(link.url), { q_score: '9', q_comment: 'Hyvä koulutus!' });
  expect(sent.status).toBe(200);
  expect(sent.text).toContain('Kiitos palautteestasi!');

  const actions = await feedbackActions(ids.org!);
  expect(actions).toHaveLength(1);
  expect(actions[0]).toMatchObject({ kind: 'feedback', feedbackScore: 9, subject: 'Asiakastyytyväisyys 2026: NPS 9', excerpt: 'Hyvä koulutus!' });
  const latest = await get(aino, `/organizations/${ids.org}/feedback`);
  expect(latest.body.latest).toMatchObject({ type: 'nps', score: 9, surveyName: 'Asiakastyytyväisyys 2026' });
  const survey = await get(leena, `/surveys/${ids.survey}`);
  expect(survey.body).toMatchObject({ invitationCount: 1, responseCount: 1 });
});

test('a reused link updates the answer: still one action, with the new score, and one response', async () => {
  const link = await linkFor(ids.anna!);
  const again = await t.http.get(pathOf(link.url));
  expect(again.text).toContain('Olet jo vastannut');
  expect(again.text).toMatch(/value="9" required checked/);
  expect((await answer(pathOf(link.url), { q_score: '6', q_comment: '' })).status).toBe(200);

  const actions = await feedbackActions(ids.org!);
  expect(actions).toHaveLength(1);
  expect(actions[0]).toMatchObject({ feedbackScore: 6, subject: 'Asiakastyytyväisyys 2026: NPS 6', excerpt: null });
  expect((await get(aino, `/organizations/${ids.org}/feedback`)).body.latest.score).toBe(6);
  const responses = await get(leena, `/surveys/${ids.survey}/responses`);
  expect(responses.body.items.map((r: { contactName: string; score: number }) => [r.contactName, r.score])).toEqual([['Anna Mäkelä', 6]]);
  expect((await get(leena, `/surveys/${ids.survey}`)).body.responseCount).toBe(1);
  // the customer's newest actions (the page's header and the pane's card) hold it once, with the new score
  const customer = await get(aino, `/organizations/${ids.org}`);
  const recent = (customer.body.recentActions ?? []) as { kind: string; feedbackScore?: number }[];
  if (customer.body.recentActions) expect(recent.filter((a) => a.kind === 'feedback').map((a) => a.feedbackScore)).toEqual([6]);
});

test('bad form values are a 400 page naming nothing of the CRM, and nothing is stored', async () => {
  const link = await linkFor(ids.pekka!);
  const forms: Record<string, string | string[]>[] = [{ q_score: '11' }, { q_score: '-1' }, { q_score: 'abc' }, { q_score: '' }, {}, { q_score: '5', q_other: 'x' }, { q_score: ['5', '6'] }, { q_score: '5', q_comment: 'x'.repeat(2001) }, { q_score: '5.5' }];
  for (const form of forms) {
    const res = await answer(pathOf(link.url), form);
    expect({ form, status: res.status }).toEqual({ form, status: 400 });
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Vastausta ei tallennettu');
  }
  const json = await t.http.post(pathOf(link.url)).send({ q_score: '5' });
  expect(json.status).toBeGreaterThanOrEqual(400);
  expect(json.status).toBeLessThan(500);
  expect(await feedbackActions(ids.org!)).toHaveLength(1);
  expect((await get(leena, `/surveys/${ids.survey}`)).body.responseCount).toBe(1);
});

test('an expired link, a forged one and an unsubscribe token get their pages and store nothing', async () => {
  const link = await linkFor(ids.pekka!, 'en');
  const [, token] = pathOf(link.url).split('/p/feedback/');
  const [payload, mac] = token!.split('.') as [string, string];

  const forged = await t.http.get(`/p/feedback/${payload}.${mac.slice(0, -2)}AA`).set('Accept-Language', 'en');
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('This link is not valid');
  const otherPurpose = t.settings.publicTokens!.sign('unsubscribe', link.invitationId, new Date(now + DAY));
  for (const res of [await t.http.get(`/p/feedback/${otherPurpose}`), await answer(`/p/feedback/${otherPurpose}`, { q_score: '10' })]) {
    expect(res.status).toBe(403);
    expect(res.text).toContain('Linkki ei kelpaa');
  }
  const junk = await t.http.get('/p/feedback/%3Cscript%3E');
  expect(junk.status).toBe(403);

  const saved = now;
  now += 91 * DAY;
  try {
    for (const res of [await t.http.get(pathOf(link.url)).set('Accept-Language', 'sv'), await answer(pathOf(link.url), { q_score: '10' })]) {
      expect(res.status).toBe(410);
      expect(res.text).toMatch(/Länken har gått ut|Linkki on vanhentunut/);
    }
  } finally {
    now = saved;
  }
  expect(await feedbackActions(ids.org!)).toHaveLength(1);
});

test('the page is in the invitation’s language, and names with markup or a newline stay text', async () => {
  const link = await linkFor(ids.evil!, 'en');
  const page = await t.http.get(pathOf(link.url));
  expect(page.text).toContain('<html lang="en">');
  expect(page.text).toContain('Hello &lt;img');
  expect(page.text).not.toContain('<img');
  expect(page.text).not.toContain('<script>alert');
  expect(page.text).toContain('How likely are you to recommend us');
  expect((await answer(pathOf(link.url), { q_score: '10', q_comment: '<script>x</script>\nrivi' })).text).toContain('Thank you for your feedback!');
  const actions = await feedbackActions(ids.hostile!);
  expect(actions[0]).toMatchObject({ feedbackScore: 10, excerpt: '<script>x</script>\nrivi' });
});

test('a closed survey shows its closed page and takes no answer; no new link is made for it', async () => {
  const survey = (await post(aino, '/surveys', { name: 'Suljettava', type: 'csat' })).body;
  const link = await linkFor(ids.pekka!, 'sv', survey.id);
  const page = await t.http.get(pathOf(link.url));
  expect(page.text.match(/type="radio" name="q_score"/g)).toHaveLength(5);
  expect((await post(aino, `/surveys/${survey.id}/close`, {})).body.status).toBe('closed');
  const closed = await t.http.get(pathOf(link.url));
  expect(closed.status).toBe(200);
  expect(closed.text).toContain('Enkäten har avslutats');
  expect((await answer(pathOf(link.url), { q_score: '5' })).status).toBe(409);
  const refused = await post(aino, `/surveys/${survey.id}/link`, { contactId: ids.anna });
  expect({ status: refused.status, fields: fieldsOf(refused.body) }).toEqual({ status: 409, fields: ['surveyId'] });
});

test('inviting a selection makes one invitation per contact, and inviting again makes none', async () => {
  const selection = await post(aino, '/selections', { name: 'Sähkö', kind: 'static', memberIds: [ids.org] });
  const survey = (await post(aino, '/surveys', { name: 'Kevät', type: 'nps' })).body;
  const first = await post(aino, `/surveys/${survey.id}/invitations`, { selectionId: selection.body.id });
  expect(first.body).toEqual({ customers: 1, created: 2, existing: 0, withoutEmail: 0 });
  const again = await post(aino, `/surveys/${survey.id}/invitations`, { selectionId: selection.body.id });
  expect(again.body).toEqual({ customers: 1, created: 0, existing: 2, withoutEmail: 0 });
  // the pane's link for one of them is that same invitation
  expect((await linkFor(ids.anna!, undefined, survey.id)).invitationId).toBe(`${survey.id}:${ids.anna}`);
  expect((await get(aino, `/surveys/${survey.id}`)).body.invitationCount).toBe(2);
});

test('bad survey input is refused naming the field', async () => {
  const cases: [object, string][] = [
    [{ name: '', type: 'nps' }, 'name'],
    [{ name: 'X', type: 'stars' }, 'type'],
    [{ name: 'X', type: 'custom' }, 'questions'],
    [{ name: 'X', type: 'nps', questions: [{ kind: 'scale', text: { fi: 'a', sv: 'a', en: 'a' } }] }, 'questions'],
    [{ name: 'X', type: 'custom', questions: Array.from({ length: 6 }, () => ({ kind: 'text', text: { fi: 'a', sv: 'a', en: 'a' } })) }, 'questions'],
    [{ name: 'X', type: 'custom', questions: [{ kind: 'scale', text: { fi: 'a', sv: '', en: 'a' } }] }, 'questions.0.text.sv'],
    [{ name: 'X', type: 'nps', closesOn: '2026-02-30' }, 'closesOn'],
  ];
  for (const [body, field] of cases) {
    const res = await post(aino, '/surveys', body);
    expect({ body, status: res.status, fields: fieldsOf(res.body) }).toEqual({ body, status: 400, fields: [field] });
  }
  const past = await post(aino, '/surveys', { name: 'X', type: 'nps', closesOn: '2020-01-01' });
  expect({ status: past.status, fields: fieldsOf(past.body) }).toEqual({ status: 400, fields: ['closesOn'] });
  const unknown = await post(aino, `/surveys/${ids.survey}/link`, { contactId: '0123456789abcdef01234567' });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['contactId'] });
  const stale = await t.http.patch(`/api/v1/surveys/${ids.survey}`).set(as(aino)).send({ version: 99, name: 'Vanha' });
  expect({ status: stale.status, fields: fieldsOf(stale.body) }).toEqual({ status: 409, fields: ['version'] });
  expect((await post(leena, '/surveys', { name: 'Johdon', type: 'nps' })).status).toBe(403);
});

test('a custom survey’s score is the mean of its scales, and the NPS report counts answers per segment and group', async () => {
  const custom = await post(aino, '/surveys', {
    name: 'Koulutuksen arvio', type: 'custom',
    questions: [
      { kind: 'scale', text: { fi: 'Sisältö', sv: 'Innehåll', en: 'Content' } },
      { kind: 'scale', text: { fi: 'Kouluttaja', sv: 'Utbildare', en: 'Trainer' } },
      { kind: 'text', text: { fi: 'Muuta', sv: 'Övrigt', en: 'Other' } },
    ],
  });
  const link = await linkFor(ids.pekka!, 'fi', custom.body.id);
  expect((await answer(pathOf(link.url), { q_q1: '5', q_q2: '4', q_q3: '' })).status).toBe(200);
  expect((await get(aino, `/organizations/${ids.org}/feedback`)).body.latest).toMatchObject({ type: 'custom', score: 4.5 });

  const report = await get(leena, '/reports/feedback?months=3');
  expect(report.status).toBe(200);
  expect(report.body.months).toHaveLength(3);
  // Anna 6 (A, company) and the hostile customer's 10 (B, company): NPS 0 overall
  expect(report.body.overall).toEqual({ responses: 2, nps: 0 });
  const month = report.body.months[2];
  const row = (by: string, key: string) => report.body.rows.find((r: { month: string; by: string; key: string }) => r.month === month && r.by === by && r.key === key);
  expect(row('segment', 'A')).toMatchObject({ nps: -100, responses: 1 });
  expect(row('segment', 'B')).toMatchObject({ nps: 100, responses: 1 });
  expect(row('customerGroup', 'company')).toMatchObject({ nps: 0, responses: 2 });
  expect((await get(aino, '/reports/feedback')).status).toBe(403);
  expect((await get(leena, '/reports/feedback?months=30')).status).toBe(400);
});
