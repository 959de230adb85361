/**
 * Bad input at volume: 2,000 generated malformed or hostile bodies for every write endpoint.
 * None may cause a 5xx, and none may change anything in the database. The endpoints are split
 * over several test files (hostileInput.*.test.ts) so that each stays well inside a minute.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, mail, type Customer } from '../fixtures';
import { hostilePayloads, type HostilePayload } from './hostilePayloads';
import { fingerprint, listen, send, type Listening, type Sent } from './support';

const PER_ENDPOINT = 2_000;
const CONCURRENCY = 16;

let t: TestApp;
let server: Listening;
let aino: string;
let admin: string;
let kivijalka: Customer;

async function sendAll(method: string, path: string, token: string | undefined, payloads: HostilePayload[]) {
  const answers: Array<Sent & { label: string }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < payloads.length) {
        const p = payloads[next++]!;
        const r = await send(`${server.url}${path}`, {
          method,
          token,
          ...(p.raw !== undefined ? { rawBody: p.raw } : { body: p.json }),
          headers: { 'content-type': p.contentType ?? 'application/json' },
          timeoutMs: 20_000,
        });
        answers.push({ ...r, label: p.label });
      }
    }),
  );
  return answers;
}

interface Case {
  name: string;
  method: 'POST' | 'PATCH';
  path: () => string;
  token: () => string | undefined;
  valid: () => Record<string, unknown>;
  spec: { required: string[]; dates?: string[]; emails?: string[]; ids?: string[]; bounded?: string[] };
}

export const ENDPOINTS = [
  'POST /api/v1/actions/email', 'POST /api/v1/actions', 'POST /api/v1/organizations', 'POST /api/v1/contacts',
  'PATCH /api/v1/organizations/:id', 'PATCH /api/v1/contacts/:id', 'POST /dev/token',
] as const;

const cases: Case[] = [
  {
    name: 'POST /api/v1/actions/email',
    method: 'POST',
    path: () => '/api/v1/actions/email',
    token: () => aino,
    valid: () => ({ ...mail({ from: kivijalka.contactEmail, conversationId: 'conv-1' }), organizationId: kivijalka.orgId, contactIds: [kivijalka.contactId] }),
    spec: { required: ['internetMessageId', 'subject', 'occurredAt', 'direction', 'from', 'to'], dates: ['occurredAt'], emails: ['from', 'to', 'cc'], ids: ['organizationId', 'contactIds'], bounded: ['subject', 'internetMessageId', 'conversationId'] },
  },
  {
    name: 'POST /api/v1/actions',
    method: 'POST',
    path: () => '/api/v1/actions',
    token: () => aino,
    valid: () => ({ kind: 'call', occurredAt: '2026-11-20T08:30:00Z', subject: 'Puhelu koulutuksesta', excerpt: 'Sovittiin tapaaminen.', organizationId: kivijalka.orgId, contactIds: [kivijalka.contactId] }),
    spec: { required: ['kind', 'occurredAt', 'subject', 'organizationId'], dates: ['occurredAt'], ids: ['organizationId', 'contactIds'], bounded: ['subject'] },
  },
  {
    name: 'POST /api/v1/organizations',
    method: 'POST',
    path: () => '/api/v1/organizations',
    token: () => admin,
    valid: () => ({ name: 'Uusi Yritys Oy', segment: 'B', customerGroup: 'company', emailDomains: ['uusi-yritys.fi'], businessId: '0737546-2', department: 'Yrityspalvelut', externalIds: { top: 'TOP-9' } }),
    spec: { required: ['name'], bounded: ['name', 'department'] },
  },
  {
    name: 'POST /api/v1/contacts',
    method: 'POST',
    path: () => '/api/v1/contacts',
    token: () => aino,
    valid: () => ({ name: 'Päivi Järvinen', emails: ['paivi.jarvinen@kivijalka.fi'], phone: '+358 40 123 4567', title: 'HR-asiantuntija', organizationId: kivijalka.orgId }),
    spec: { required: ['name', 'emails'], emails: ['emails'], ids: ['organizationId'], bounded: ['name', 'title', 'phone'] },
  },
  {
    name: 'PATCH /api/v1/organizations/:id',
    method: 'PATCH',
    path: () => `/api/v1/organizations/${kivijalka.orgId}`,
    token: () => admin,
    valid: () => ({ name: 'Rakennus Oyj Kivijalka', segment: 'B', department: 'Rakentaminen' }),
    spec: { required: [], bounded: ['name', 'department'] },
  },
  {
    name: 'PATCH /api/v1/contacts/:id',
    method: 'PATCH',
    path: () => `/api/v1/contacts/${kivijalka.contactId}`,
    token: () => aino,
    valid: () => ({ name: 'Matti Lahtinen', title: 'Toimitusjohtaja', phone: '+358 50 765 4321' }),
    spec: { required: [], bounded: ['name', 'title', 'phone'] },
  },
  {
    name: 'POST /dev/token',
    method: 'POST',
    path: () => '/dev/token',
    token: () => undefined,
    valid: () => ({ email: 'uusi.kayttaja@omnia.fi', name: 'Uusi Käyttäjä' }),
    spec: { required: ['email'], emails: ['email'], bounded: ['name'] },
  },
];

/** Declares the suite for some of the endpoints (and, with `pathIds`, the hostile path ids). */
export function hostileInputSuite(endpoints: readonly (typeof ENDPOINTS)[number][], opts: { pathIds?: boolean } = {}): void {
  beforeAll(async () => {
    t = await startTestApp();
    server = await listen(t.app);
    aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
    admin = await adminToken(t);
    kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  });
  afterAll(async () => {
    await server.close();
    await t.close();
  });

  const chosen = cases.map((c, i) => [c.name, c, i] as const).filter(([name]) => (endpoints as readonly string[]).includes(name));
  test.each(chosen)('%s: 2,000 malformed or hostile bodies, no 5xx, no accepted write, the database unchanged', async (_name, c, i) => {
    const payloads = hostilePayloads(c.valid(), { count: PER_ENDPOINT, seed: 1_000 + i, ...c.spec });
    const before = await fingerprint(t.conn);
    const answers = await sendAll(c.method, c.path(), c.token(), payloads);

    expect(answers).toHaveLength(PER_ENDPOINT);
    const wrong = answers.filter((a) => a.status >= 500 || a.status < 400 || a.error !== undefined);
    expect(wrong.map((a) => `${a.label} → ${a.status} ${a.error ?? JSON.stringify(a.body).slice(0, 160)}`)).toEqual([]);
    // Every refusal is the contract's error shape (a 413/415 too), never a stack or an HTML page.
    const shapeless = answers.filter((a) => typeof (a.body as { error?: { code?: unknown } } | undefined)?.error?.code !== 'string');
    expect(shapeless.map((a) => `${a.label} → ${a.status} ${String(a.body).slice(0, 80)}`)).toEqual([]);
    expect(await fingerprint(t.conn)).toEqual(before);

    // And the server still does its job.
    const ok = await send(`${server.url}/api/v1/lookup?email=${encodeURIComponent(kivijalka.contactEmail)}`, { token: aino });
    expect(ok.status).toBe(200);
  });

  if (!opts.pathIds) return;
  test('hostile ids in the path are refused, not run as queries', async () => {
    const before = await fingerprint(t.conn);
    const ids = ['$ne', '{"$gt":""}', '%7B%22%24ne%22%3Anull%7D', 'null', 'undefined', '..%2F..%2Fetc', 'a'.repeat(5_000), '5f3c1b2a9d8e7f6a5b4c3d2e%00', '%C3%28'];
    for (const id of ids) {
      for (const path of [`/api/v1/organizations/${id}`, `/api/v1/contacts/${id}`]) {
        const r = await send(`${server.url}${path}`, { method: 'PATCH', token: admin, body: { name: 'X' } });
        expect({ path, status: r.status }).toEqual({ path, status: expect.any(Number) });
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
      }
    }
    expect(await fingerprint(t.conn)).toEqual(before);
  });
}
