/**
 * The public pages are the product's only surfaces without sign-in. Hostile requests at volume:
 * 2,000 tokens and bodies made to break them (altered, cut, lengthened, another purpose's, another
 * key's, expired, junk, markup, traversal, oversized forms…), none answered with a 5xx or anything
 * but an HTML page, none changing the database. And the rate limit per address, the headers, and
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

beforeAll(async () => {
  t = await startTestApp({ overrides: { publicPerIpPerMinute: 1_000_000 } });
  server = await listen(t.app);
  const audience = await seedAudience(t, 1, { prefix: 'julkinen' });
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

/** 2,000 requests the pages must refuse: each either a token that is not valid, or a valid token with a body that cannot be taken. */
function hostileRequests(count: number): { label: string; method: 'GET' | 'POST'; path: string; body?: string; contentType?: string }[] {
  const r = seeded(4242);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const other = publicTokens(newTokenSecret());
  const [payload, mac] = validToken.split('.') as [string, string];
  const flip = (s: string) => {
    const i = Math.floor(r() * s.length);
    const c = s[i] === 'A' ? 'B' : 'A';
    return s.slice(0, i) + c + s.slice(i + 1);
  };
  const tokens: (() => [string, string])[] = [
    () => ['flipped payload', `${flip(payload)}.${mac}`],
    () => ['flipped mac', `${payload}.${flip(mac)}`],
    () => ['cut', validToken.slice(0, Math.floor(r() * (validToken.length - 1)))],
    () => ['lengthened', `${validToken}${pick(['A', '.x', '==', '%00', '/..'])}`],
    () => ['other purpose', t.settings.publicTokens!.sign('feedback', payload, new Date(Date.now() + 86_400_000))],
    () => ['other key', other.sign('unsubscribe', 'x:y', new Date(Date.now() + 86_400_000))],
    () => ['expired', t.settings.publicTokens!.sign('unsubscribe', `0123456789abcdef01234567:0123456789abcdef01234567`, new Date(Date.now() - 1000))],
    () => ['unknown recipient', t.settings.publicTokens!.sign('unsubscribe', `0123456789abcdef01234567:0123456789abcdef01234567`, new Date(Date.now() + 86_400_000))],
    () => ['subject not ids', t.settings.publicTokens!.sign('unsubscribe', pick(['', ':', '<script>', '$ne', '../../etc/passwd', 'x'.repeat(300)]), new Date(Date.now() + 86_400_000))],
    () => ['junk', encodeURIComponent(pick(['<script>alert(1)</script>', "' OR 1=1 --", '{"$ne":null}', '\u202e\u0000', '🦄'.repeat(30), '..%2F..%2F', 'x'.repeat(5_000)]))],
    () => ['base64 junk', Buffer.from(String(r())).toString('base64url') + '.' + Buffer.from(String(r())).toString('base64url')],
  ];
  const out: ReturnType<typeof hostileRequests> = [];
  for (let i = 0; i < count; i++) {
    if (r() < 0.15) {
      // a valid token, but a form that cannot be taken: too large, too many fields
      const body = r() < 0.5 ? `a=${'x'.repeat(20_000)}` : Array.from({ length: 60 }, (_, k) => `f${k}=1`).join('&');
      out.push({ label: 'oversized form', method: 'POST', path: `/p/unsubscribe/${validToken}`, body, contentType: 'application/x-www-form-urlencoded' });
      continue;
    }
    const [label, token] = pick(tokens)();
    const method = r() < 0.5 ? 'GET' : 'POST';
    out.push({ label, method, path: `/p/unsubscribe/${token}`, ...(method === 'POST' ? { body: pick(['', 'List-Unsubscribe=One-Click', 'consent=granted&contactId[$ne]=x', '%%%', '{"a":1}']), contentType: pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']) } : {}) });
  }
  return out;
}

test('2,000 hostile requests to the unsubscribe page: no 5xx, always an HTML page, nothing changed', async () => {
  const requests = hostileRequests(2_000);
  const before = await fingerprint(t.conn);
  const answers: { label: string; status: number; type: string; csp: string }[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < requests.length) {
      const q = requests[next++]!;
      const res = await fetch(`${server.url}${q.path}`, { method: q.method, body: q.body, headers: q.contentType ? { 'content-type': q.contentType } : {} });
      await res.text();
      answers.push({ label: q.label, status: res.status, type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '' });
    }
  }));
  expect(answers).toHaveLength(2_000);
  expect(answers.filter((a) => a.status < 400 || a.status >= 500).map((a) => `${a.label} → ${a.status}`)).toEqual([]);
  expect(answers.filter((a) => !a.type.startsWith('text/html')).map((a) => `${a.label} → ${a.type}`)).toEqual([]);
  expect(answers.filter((a) => !a.csp.includes("default-src 'none'")).map((a) => a.label)).toEqual([]);
  expect(await fingerprint(t.conn)).toEqual(before);
}, 180_000);

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
