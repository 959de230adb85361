/**
 * The public pages are the product's only surfaces without sign-in. Hostile requests at volume, to
 * the unsubscribe page and to the survey answer page (one generator for both): 2,000 tokens, bodies
 * and headers made to break each (altered, cut, lengthened, another purpose's, another key's,
 * expired, junk, markup, CR/LF, traversal, oversized or mistyped forms…), none answered with a 5xx
 * or anything but an HTML page, none changing the database. And the rate limit per address, the headers, and
 * nothing else of the CRM reachable under /p.
 */
import { newTokenSecret, publicTokens } from '../../../server/auth/publicTokens';
import { startTestApp, type TestApp } from '../../support/testApp';
import { seeded } from '../reliability/hostilePayloads';
import { fingerprint, listen, type Listening } from '../reliability/support';
import { seedAudience } from '../campaigns/audience';

let t: TestApp;
let server: Listening;
let validToken = '';
let audience: Awaited<ReturnType<typeof seedAudience>>;

beforeAll(async () => {
  t = await startTestApp({ overrides: { publicPerIpPerMinute: 1_000_000 } });
  server = await listen(t.app);
  audience = await seedAudience(t, 1, { prefix: 'julkinen' });
  // a recipient of a mailing, so that a valid token names someone real
  const m = await t.repos.mailings.insert(t.repos.mailings.newId(), {
    campaignId: t.repos.campaigns.newId(), subject: { fi: 'x' }, body: { fi: 'x' }, createdBy: { id: '0123456789abcdef01234567', name: 'Aino', email: 'aino@omnia.fi' },
  });
  await t.repos.mailings.prepare(m.id, [{
    mailingId: m.id, contactId: audience.contactIds[0]!, contactName: 'Etunimi0 Sukunimi', organizationId: audience.customerIds[0]!, organizationName: 'Julkinen 0000 Oy',
    email: audience.emails[0]!, language: 'fi', state: 'sent', reason: null,
  }], 0);
  validToken = t.settings.publicTokens!.sign('unsubscribe', `${m.id}:${audience.contactIds[0]}`, new Date(Date.now() + 86_400_000));
}, 60_000);
afterAll(async () => {
  await server.close();
  await t.close();
});

interface HostileRequest { label: string; method: 'GET' | 'POST'; path: string; body?: string; contentType?: string; headers?: Record<string, string> }

/** A public page as the fuzz sees it: where it lives, its token's purpose, a valid token, and forms that its valid token must refuse. */
interface FuzzedPage {
  prefix: string;
  purpose: 'unsubscribe' | 'feedback';
  validToken: string;
  /** A subject of the page's purpose that names nobody (well formed, signed, not expired). */
  nobody: string;
  /** A body the valid token's POST must refuse (none: the page takes any form it can parse). */
  badForm?: (r: () => number) => string;
}

/** Headers a visitor can send that a page must neither trust nor echo: oversized, injected, odd. */
const HOSTILE_HEADERS: readonly Record<string, string>[] = [
  { 'accept-language': 'x'.repeat(4_000) },
  { 'accept-language': 'fi;q=abc, <script>, ../../' },
  { 'x-forwarded-for': '1.2.3.4, <script>, 999.999.999.999' },
  { 'x-forwarded-host': 'evil.example' },
  { referer: 'javascript:alert(1)' },
  { cookie: 'session=../../etc/passwd; $ne=1' },
  { 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' },
];

/**
 * `count` requests a page must refuse, drawn reproducibly: a token that is not valid (altered, cut,
 * lengthened, another purpose's, another key's, expired, naming nobody, junk, markup, CR/LF to split
 * the answer's headers) with any method and body, or the valid token with a form it cannot take
 * (`badForm`, oversized, too many fields); hostile headers on some of them.
 */
function hostileRequests(page: FuzzedPage, count: number, seed: number): HostileRequest[] {
  const r = seeded(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const signer = t.settings.publicTokens!;
  const other = publicTokens(newTokenSecret());
  const otherPurpose = page.purpose === 'unsubscribe' ? 'feedback' : 'unsubscribe';
  const [payload, mac] = page.validToken.split('.') as [string, string];
  const day = () => new Date(Date.now() + 86_400_000);
  const flip = (x: string) => {
    const i = Math.floor(r() * x.length);
    const c = x[i] === 'A' ? 'B' : 'A';
    return x.slice(0, i) + c + x.slice(i + 1);
  };
  const tokens: (() => [string, string])[] = [
    () => ['flipped payload', `${flip(payload)}.${mac}`],
    () => ['flipped mac', `${payload}.${flip(mac)}`],
    () => ['cut', page.validToken.slice(0, Math.floor(r() * (page.validToken.length - 1)))],
    () => ['lengthened', `${page.validToken}${pick(['A', '.x', '==', '%00', '/..'])}`],
    () => ['other purpose', signer.sign(otherPurpose, payload, day())],
    () => ['other purpose, same subject', signer.sign(otherPurpose, page.nobody, day())],
    () => ['other key', other.sign(page.purpose, page.nobody, day())],
    () => ['expired', signer.sign(page.purpose, page.nobody, new Date(Date.now() - 1000))],
    () => ['names nobody', signer.sign(page.purpose, page.nobody, day())],
    () => ['subject not ids', signer.sign(page.purpose, pick(['', ':', '<script>', '$ne', '../../etc/passwd', 'x'.repeat(300), '\r\nSet-Cookie: a=b']), day())],
    () => ['header injection', `${page.validToken}${pick(['%0d%0aSet-Cookie:%20a=b', '%0aLocation:%20https://evil.example', '%E5%98%8A%E5%98%8DSet-Cookie:a=b'])}`],
    () => ['junk', encodeURIComponent(pick(['<script>alert(1)</script>', "' OR 1=1 --", '{"$ne":null}', '\u202e\u0000', '🦄'.repeat(30), '..%2F..%2F', 'x'.repeat(5_000)]))],
    () => ['base64 junk', Buffer.from(String(r())).toString('base64url') + '.' + Buffer.from(String(r())).toString('base64url')],
  ];
  const anyBody = () => pick(['', 'List-Unsubscribe=One-Click', 'consent=granted&contactId[$ne]=x', '%%%', '{"a":1}', 'q_score=10&q_comment=hyvä', '<html><script>alert(1)</script>']);
  const out: HostileRequest[] = [];
  for (let i = 0; i < count; i++) {
    const headers = r() < 0.2 ? pick(HOSTILE_HEADERS) : undefined;
    const roll = r();
    if (roll < 0.12) {
      // the valid token, but a form that cannot be taken at all: too large, too many fields
      const body = r() < 0.5 ? `a=${'x'.repeat(20_000)}` : Array.from({ length: 60 }, (_, k) => `f${k}=1`).join('&');
      out.push({ label: 'oversized form', method: 'POST', path: `${page.prefix}${page.validToken}`, body, contentType: 'application/x-www-form-urlencoded', headers });
      continue;
    }
    if (roll < 0.3 && page.badForm) {
      out.push({ label: 'bad form', method: 'POST', path: `${page.prefix}${page.validToken}`, body: page.badForm(r), contentType: pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data']), headers });
      continue;
    }
    const [label, token] = pick(tokens)();
    const method = r() < 0.5 ? 'GET' : 'POST';
    out.push({ label, method, path: `${page.prefix}${token}`, headers, ...(method === 'POST' ? { body: anyBody(), contentType: pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']) } : {}) });
  }
  return out;
}

/** Sends the requests 16 at a time; what each answered. */
async function sendAll(requests: readonly HostileRequest[]) {
  const answers: { label: string; status: number; type: string; csp: string; injected: boolean }[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < requests.length) {
      const q = requests[next++]!;
      const headers = { ...(q.contentType ? { 'content-type': q.contentType } : {}), ...q.headers };
      const res = await fetch(`${server.url}${q.path}`, { method: q.method, body: q.body, headers, redirect: 'manual' });
      await res.text();
      answers.push({
        label: q.label, status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '',
        injected: res.headers.has('set-cookie') || res.headers.has('location'),
      });
    }
  }));
  return answers;
}

/** Every answer a refusal (4xx, never 5xx), an HTML page with the pages' CSP, no header the request put there. */
function expectAllRefused(answers: Awaited<ReturnType<typeof sendAll>>, count: number) {
  expect(answers).toHaveLength(count);
  expect(answers.filter((a) => a.status < 400 || a.status >= 500).map((a) => `${a.label} → ${a.status}`)).toEqual([]);
  expect(answers.filter((a) => !a.type.startsWith('text/html')).map((a) => `${a.label} → ${a.type}`)).toEqual([]);
  expect(answers.filter((a) => !a.csp.includes("default-src 'none'")).map((a) => a.label)).toEqual([]);
  expect(answers.filter((a) => a.injected).map((a) => a.label)).toEqual([]);
}

// the unsubscribe page's POST takes any form it can parse: only the parser's refusals (oversized) are bad forms there
const unsubscribePage = (): FuzzedPage => ({ prefix: '/p/unsubscribe/', purpose: 'unsubscribe', validToken, nobody: '0123456789abcdef01234567:0123456789abcdef01234567' });

test('2,000 hostile requests to the unsubscribe page: no 5xx, always an HTML page, nothing changed', async () => {
  const requests = hostileRequests(unsubscribePage(), 2_000, 4242);
  const before = await fingerprint(t.conn);
  expectAllRefused(await sendAll(requests), 2_000);
  expect(await fingerprint(t.conn)).toEqual(before);
}, 180_000);

/** Forms an NPS survey's answer page must refuse: off the scale, not a number, unknown or repeated fields, wrong types, too long, markup. */
function badFeedbackForm(r: () => number): string {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const comment = pick(['', 'hyvä', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '\r\nSet-Cookie: a=b', 'ä'.repeat(40)]);
  const score = pick(['11', '-1', '100', 'abc', '', ' ', '5.5', '1e1', '0x5', '<b>9</b>', '９', 'NaN', 'null', '%00']);
  const e = encodeURIComponent;
  return pick([
    () => `q_score=${e(score)}&q_comment=${e(comment)}`,
    () => `q_comment=${e(comment)}`,
    () => `q_score=9&q_score=10`,
    () => `q_score[]=9`,
    () => `q_score[$ne]=x&q_comment=x`,
    () => `q_score=9&q_other=${e(comment)}`,
    () => `q_score=9&q_comment=${'x'.repeat(2_001)}`,
    () => `q_score=9&answers.score=10`,
    () => `__proto__[score]=9&q_score=${e(score)}`,
    () => `{"q_score":"9"}`,
    () => `<form><input name="q_score" value="9"></form>`,
    () => pick(['%%%', '&&&=', '=9', 'q_score']),
  ])();
}

test('2,000 hostile requests to the survey answer page: no 5xx, always an HTML page, no answer, action or audit entry stored', async () => {
  const admin = await t.tokenFor('admin@omnia.fi', 'admin', 'Pääkäyttäjä');
  const survey = await t.http.post('/api/v1/surveys').set({ Authorization: `Bearer ${admin}` }).send({ name: 'Sumutettava kysely', type: 'nps' });
  const link = await t.http.post(`/api/v1/surveys/${survey.body.id}/link`).set({ Authorization: `Bearer ${admin}` }).send({ contactId: audience.contactIds[0] });
  expect(link.status).toBe(200);
  const token = new URL(link.body.url).pathname.split('/p/feedback/')[1]!;
  const page: FuzzedPage = { prefix: '/p/feedback/', purpose: 'feedback', validToken: token, nobody: `0123456789abcdef01234567:${audience.contactIds[0]}`, badForm: badFeedbackForm };
  const requests = hostileRequests(page, 2_000, 777);
  expect(requests.filter((q) => q.label === 'bad form').length).toBeGreaterThan(300);

  const before = await fingerprint(t.conn);
  const actionsBefore = await t.models.Action.countDocuments({ kind: 'feedback' });
  expectAllRefused(await sendAll(requests), 2_000);
  expect(await fingerprint(t.conn)).toEqual(before);
  expect(await t.models.Action.countDocuments({ kind: 'feedback' })).toBe(actionsBefore);
  const after = await t.http.get(`/api/v1/surveys/${survey.body.id}`).set({ Authorization: `Bearer ${admin}` });
  expect(after.body).toMatchObject({ invitationCount: 1, responseCount: 0 });

  // and the same link still takes a real answer afterwards
  const answered = await fetch(`${server.url}/p/feedback/${token}`, { method: 'POST', body: 'q_score=9&q_comment=Kiitos', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(answered.status).toBe(200);
  expect(await t.models.Action.countDocuments({ kind: 'feedback' })).toBe(actionsBefore + 1);
}, 240_000);

test('a forged link and an expired one get their own clear page, in the visitor’s language', async () => {
  const forged = await t.http.get(`/p/unsubscribe/${validToken.slice(0, -2)}xx`).set('Accept-Language', 'sv-FI,sv;q=0.9');
  expect(forged.status).toBe(400);
  expect(forged.text).toContain('<html lang="sv">');
  expect(forged.text).toContain('Länken är ogiltig');
  const expired = await t.http.get(`/p/unsubscribe/${t.settings.publicTokens!.sign('unsubscribe', 'a:b', new Date(Date.now() - 1000))}`).set('Accept-Language', 'en');
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('This link has expired');
});

test('nothing else is reachable under /p, and the pages are never framed, cached, indexed or given a referrer', async () => {
  for (const path of ['/p/', '/p/api/v1/organizations', '/p/../api/v1/organizations', '/p/unsubscribe', '/p/feedbackx/abc']) {
    const res = await t.http.get(path);
    expect({ path, status: res.status, html: /text\/html/.test(res.headers['content-type'] ?? '') }).toEqual({ path, status: 404, html: true });
  }
  const page = await t.http.get(`/p/unsubscribe/${validToken}`);
  expect(page.status).toBe(200);
  expect(page.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', 'x-robots-tag': 'noindex, nofollow', 'x-frame-options': 'DENY' });
  expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(page.text).not.toMatch(/<script/i);
});

test('the public pages have a rate limit of their own per address: past it, a 429 page that says when to try again', async () => {
  const limited = await startTestApp({ overrides: { publicPerIpPerMinute: 5 } });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await limited.http.get('/p/unsubscribe/x.y')).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    const refused = await limited.http.get('/p/unsubscribe/x.y').set('Accept-Language', 'fi');
    expect(refused.text).toContain('Liian monta pyyntöä');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // the API's own limit is not spent by the public pages
    expect((await limited.http.get('/healthz')).status).toBe(200);
  } finally {
    await limited.close();
  }
});

test('an unsubscribe through the page is in the audit log with the contact as the actor, marked as public; unsubscribing again adds nothing', async () => {
  const admin = await t.tokenFor('admin@omnia.fi', 'admin', 'Pääkäyttäjä');
  const audit = async () => (await t.http.get('/api/v1/audit?resource=contact').set({ Authorization: `Bearer ${admin}` })).body.items as
    { action: string; actor: { id: string; name: string; role: string | null; kind: string }; recordId: string; changedFields: string[]; route: string }[];
  const before = (await audit()).length;
  const done = await t.http.post(`/p/unsubscribe/${validToken}`).type('form').send({ 'List-Unsubscribe': 'One-Click' });
  expect(done.status).toBe(200);
  const entries = await audit();
  expect(entries).toHaveLength(before + 1);
  expect(entries[0]).toMatchObject({
    action: 'contact.unsubscribe', recordId: audience.contactIds[0], changedFields: ['marketingConsent'], route: 'POST /p/unsubscribe/:token',
    actor: { id: audience.contactIds[0], name: 'Etunimi0 Sukunimi', role: null, kind: 'contact' },
  });
  expect((await t.http.post(`/p/unsubscribe/${validToken}`).type('form').send({})).status).toBe(200);
  expect(await audit()).toHaveLength(before + 1);
});
