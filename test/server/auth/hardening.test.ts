/** Hardening: security headers, closed CORS, logs without secrets or personal data, and refused unsafe settings. */
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../../server/config';
import { createLogger, scrub } from '../../../server/logger';
import { OFFICE_FRAME_ANCESTORS } from '../../../server/http/app';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, mail } from '../fixtures';

const apps: TestApp[] = [];
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  apps.push(t);
  token = await t.tokenFor('aino.virtanen@omnia.fi');
});
afterAll(() => Promise.all(apps.map((a) => a.close())));

describe('security headers', () => {
  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

  test('only Outlook (and our own origin) may frame the task pane', async () => {
    const res = await t.http.get('/taskpane.html');
    const csp = directives(res.headers['content-security-policy']!);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...OFFICE_FRAME_ANCESTORS]);
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  test('scripts from our origin and the Office CDN only; no plugins; nothing else to connect to in dev mode', async () => {
    const csp = directives((await t.http.get('/healthz')).headers['content-security-policy']!);
    expect(csp.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  test('Outlook may show the icons from its own origin; nothing else is shared cross-origin', async () => {
    const served = await startTestApp({ overrides: { staticDir: path.join(__dirname, '../../../addin') } });
    apps.push(served);
    const icon = await served.http.get('/assets/icon-32.png');
    expect(icon.status).toBe(200);
    expect(icon.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const pane = await served.http.get('/taskpane.html');
    expect(pane.status).toBe(200);
    expect(pane.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await served.http.get('/config.json')).headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  test('the usual headers are set and the server does not name itself', async () => {
    const res = await t.http.get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS is closed to other origins', () => {
  test('an API call from another origin is refused and gets no CORS header', async () => {
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).set('Origin', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('a preflight from another origin is refused', async () => {
    const res = await t.http.options('/api/v1/actions/email').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-methods']).toBeUndefined();
  });

  test('the dev sign-in cannot be called from another origin either', async () => {
    const res = await t.http.post('/dev/token').set('Origin', 'https://evil.example').send({ email: 'x@omnia.fi', role: 'admin' });
    expect(res.status).toBe(403);
  });

  test('the task pane’s own origin is served', async () => {
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).set('Host', 'addin.omnia.fi').set('Origin', 'https://addin.omnia.fi');
    expect(res.status).toBe(200);
  });

  test('an origin named in ALLOWED_ORIGINS, and only that one, gets CORS answers', async () => {
    const open = await startTestApp({ overrides: { allowedOrigins: ['https://pane.omnia.fi'] } });
    apps.push(open);
    const preflight = await open.http.options('/api/v1/me').set('Origin', 'https://pane.omnia.fi').set('Access-Control-Request-Method', 'GET');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://pane.omnia.fi');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await open.http.get('/api/v1/me').set('Origin', 'https://evil.example')).status).toBe(403);
  });
});

describe('request bodies are limited', () => {
  test('a body over the limit is a 413 and is not read further', async () => {
    const res = await t.http.post('/api/v1/actions').set('Authorization', `Bearer ${token}`).send({ subject: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
  });
});

describe('logs hold no tokens, addresses or mail contents', () => {
  test('a day of requests, good and bad, leaves none of them in the log', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logged = await startTestApp({ overrides: { logger: createLogger('trace', sink) } });
    apps.push(logged);
    const bearer = await logged.tokenFor('salainen.henkilo@omnia.fi');
    const customer = await createCustomer(logged, bearer, { name: 'Lokiton Oy', domain: 'lokiton.fi' });
    await logged.http.get(`/api/v1/lookup?email=${customer.contactEmail}&email=tuntematon@lokiton.fi`).set('Authorization', `Bearer ${bearer}`);
    await logged.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${bearer}`)
      .send(mail({ from: customer.contactEmail, excerpt: 'Luottamuksellinen sisältö 4711' }));
    await logged.http.get('/api/v1/me').set('Authorization', `Bearer ${bearer}x`);
    await logged.http.get('/api/v1/me').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    await logged.http.post('/api/v1/contacts').set('Authorization', `Bearer ${bearer}`).send({ name: 'Kaksoiskappale', emails: [customer.contactEmail], organizationId: customer.orgId });
    const log = lines.join('');
    expect(log).toContain('"statusCode":401'); // the requests were logged…
    expect(log).toContain('"statusCode":409');
    for (const secret of [bearer.split('.')[1]!, 'eyJhbGciOiJub25lIn0', customer.contactEmail, 'tuntematon@lokiton.fi', 'salainen.henkilo@omnia.fi', 'Luottamuksellinen', 'email=']) {
      expect(log).not.toContain(secret); // …without what they carried
    }
  });

  test('error messages and stacks are scrubbed of addresses and tokens', () => {
    expect(scrub('E11000 duplicate key: { _id: "email:aino.virtanen@omnia.fi" } while Bearer abc.def.ghi')).toBe('E11000 duplicate key: { _id: "email:[email]" } while Bearer [redacted]');
    expect(scrub('bad token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here')).toBe('bad token [token] here');
  });

  test('the request logger scrubs errors of a failed request', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    const failing = await startTestApp({ overrides: { logger } });
    apps.push(failing);
    const bearer = await failing.tokenFor('kaatuva@omnia.fi');
    const orig = failing.models.Organization.find.bind(failing.models.Organization);
    failing.models.Organization.find = (() => { throw new Error('boom for kaatuva@omnia.fi'); }) as unknown as typeof orig;
    try {
      const res = await failing.http.get('/api/v1/organizations').set('Authorization', `Bearer ${bearer}`);
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain('boom');
    } finally {
      failing.models.Organization.find = orig;
    }
    const log = lines.join('');
    expect(log).toContain('boom for [email]');
    expect(log).not.toContain('kaatuva@omnia.fi');
  });
});

describe('unsafe settings stop the start', () => {
  const entra = {
    AUTH_MODE: 'entra', ENTRA_TENANT_IDS: '11111111-2222-4333-8444-555555555555',
    ENTRA_CLIENT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', ENTRA_AUDIENCE: 'api://addin.omnia.fi/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  };

  test('Entra ID mode with all its settings is accepted', () => {
    const config = loadConfig({ NODE_ENV: 'production', ...entra });
    expect(config).toMatchObject({ AUTH_MODE: 'entra', ENTRA_TENANT_IDS: [entra.ENTRA_TENANT_IDS], RATE_LIMIT_PER_USER: 300, ENTRA_REQUIRE_PROVISIONED: false, BOOTSTRAP_ADMINS: [] });
    expect(loadConfig({ BOOTSTRAP_ADMINS: 'rehtori@omnia.fi, it@omnia.fi' }).BOOTSTRAP_ADMINS).toEqual(['rehtori@omnia.fi', 'it@omnia.fi']);
  });

  test.each([
    ['entra without a tenant', { ...entra, ENTRA_TENANT_IDS: '' }, /ENTRA_TENANT_IDS/],
    ['entra for any tenant ("common")', { ...entra, ENTRA_TENANT_IDS: 'common' }, /ENTRA_TENANT_IDS.*common/],
    ['entra without a client id', { ...entra, ENTRA_CLIENT_ID: '' }, /ENTRA_CLIENT_ID/],
    ['entra without an audience', { ...entra, ENTRA_AUDIENCE: undefined }, /ENTRA_AUDIENCE/],
    ['a test key source in production', { ...entra, NODE_ENV: 'production', ENTRA_JWKS_URI: 'http://127.0.0.1:9/keys' }, /ENTRA_JWKS_URI/],
    ['rate limits off in production', { ...entra, NODE_ENV: 'production', RATE_LIMIT_PER_USER: '0' }, /RATE_LIMIT_PER_USER/],
    ['trusting every proxy in production', { ...entra, NODE_ENV: 'production', TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    ['demo data in production', { ...entra, NODE_ENV: 'production', SEED_DEMO: '1' }, /SEED_DEMO/],
    ['CORS open to every site', { ALLOWED_ORIGINS: '*' }, /ALLOWED_ORIGINS/],
    ['a plain-http allowed origin', { ALLOWED_ORIGINS: 'http://pane.omnia.fi' }, /ALLOWED_ORIGINS/],
    ['a body limit of a gigabyte', { BODY_LIMIT: '1024mb' }, /BODY_LIMIT/],
    ['Entra settings without entra mode', { AUTH_MODE: 'dev', ENTRA_REQUIRE_PROVISIONED: '1' }, /AUTH_MODE/],
    ['a first administrator that is not an address', { BOOTSTRAP_ADMINS: 'rehtori' }, /BOOTSTRAP_ADMINS/],
  ])('%s is refused, naming the setting', (_what, env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });
});
