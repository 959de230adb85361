/**
 * Entra ID sign-in, with the production verifier fetching its keys over HTTP from a local
 * stand-in for Entra (test/support/fakeEntra). Every attack must end in a 401 with a
 * WWW-Authenticate challenge, never a 200 and never a 500.
 */
import { base64url, exportSPKI, importJWK, SignJWT } from 'jose';
import { createEntraVerifier } from '../../../server/auth/entra';
import type { ComposeOptions } from '../../../server/compose';
import { pendingSubject } from '../../../server/usecases/signIn';
import { AUDIENCE, CLIENT_ID, issuerOf, makeKey, OTHER_TENANT, startFakeEntra, TENANT, type FakeEntra } from '../../support/fakeEntra';
import { startTestApp, type TestApp } from '../../support/testApp';

let entra: FakeEntra;
const apps: TestApp[] = [];

function entraSettings(overrides: Partial<NonNullable<ComposeOptions['entra']>> = {}): Partial<ComposeOptions> {
  return {
    authMode: 'entra',
    entra: { tenantIds: [TENANT], clientId: CLIENT_ID, audience: AUDIENCE, jwksUri: entra.jwksUri, clockToleranceSeconds: 60, jwksCooldownMs: 0, ...overrides },
  };
}

async function startEntraApp(overrides: Partial<NonNullable<ComposeOptions['entra']>> = {}): Promise<TestApp> {
  const app = await startTestApp({ overrides: entraSettings(overrides) });
  apps.push(app);
  return app;
}

let t: TestApp;
beforeAll(async () => {
  entra = await startFakeEntra();
  t = await startEntraApp();
});
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await entra.close();
});

const me = (app: TestApp, token: string) => app.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
const now = () => Math.floor(Date.now() / 1000);

function unsigned(claims: object): string {
  const enc = (o: object) => base64url.encode(JSON.stringify(o));
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
}

describe('a valid Entra ID access token', () => {
  test('signs the user in (200) as an account manager keyed by tenant and object id', async () => {
    const res = await me(t, await entra.sign());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'aino.virtanen@omnia.fi', name: 'Aino Virtanen', role: 'account_manager' });
    const stored = await t.models.User.findById(res.body.id).lean();
    expect(stored?.authSubject).toBe(`entra:${TENANT}:0f0f0f0f-1111-4222-8333-444444444444`);
  });

  test('the first sign-in is written to the audit log', async () => {
    const res = await me(t, await entra.sign({ oid: '1a1a1a1a-1111-4222-8333-444444444444', preferred_username: 'uusi.kayttaja@omnia.fi' }));
    const entries = await t.models.AuditEntry.find({ recordId: res.body.id }).lean();
    expect(entries).toMatchObject([{ action: 'user.create', resource: 'user', actor: { name: 'Aino Virtanen' } }]);
  });

  test('the same person with a new address is still the same user; the address does not identify them', async () => {
    const first = await me(t, await entra.sign());
    const renamed = await me(t, await entra.sign({ preferred_username: 'aino.virtanen-uusi@omnia.fi' }));
    expect(renamed.body.id).toBe(first.body.id);
  });

  test('ten concurrent first sign-ins make one user', async () => {
    const token = await entra.sign({ oid: '2b2b2b2b-1111-4222-8333-444444444444', preferred_username: 'rinnakkain@omnia.fi' });
    const results = await Promise.all(Array.from({ length: 10 }, () => me(t, token)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await t.models.User.countDocuments({ email: 'rinnakkain@omnia.fi' })).toBe(1);
  });

  test('a token just past its expiry is still accepted within the small clock skew', async () => {
    const res = await me(t, await entra.sign({ exp: now() - 30 }));
    expect(res.status).toBe(200);
  });

  test('the App ID URI is accepted as the audience as well as the client id', async () => {
    expect((await me(t, await entra.sign({ aud: AUDIENCE }))).status).toBe(200);
  });

  test('another identity with an address already in use gets 403, not a merged account', async () => {
    const res = await me(t, await entra.sign({ oid: '3c3c3c3c-1111-4222-8333-444444444444' }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('attacks on the token: each is a 401 with a WWW-Authenticate challenge', () => {
  // [attack, token, why the verifier refuses it]
  const cases: Array<[string, () => Promise<string>, RegExp | null]> = [
    ['no token at all', async () => '', null],
    ['a token for another API (wrong audience)', () => entra.sign({ aud: 'api://other-api/0000' }), /"aud" claim/],
    ['a token for Microsoft Graph (audience of another resource)', () => entra.sign({ aud: '00000003-0000-0000-c000-000000000000' }), /"aud" claim/],
    ['a wrong issuer (the v1 endpoint)', () => entra.sign({ iss: `https://sts.windows.net/${TENANT}/` }), /"iss" claim/],
    ['a wrong issuer (another identity provider)', () => entra.sign({ iss: 'https://evil.example/v2.0' }), /"iss" claim/],
    ['a token from another tenant', () => entra.sign({ iss: issuerOf(OTHER_TENANT), tid: OTHER_TENANT }), /"iss" claim/],
    ['an allowed issuer with another tenant in tid', () => entra.sign({ tid: OTHER_TENANT }), /tenant that is not allowed/],
    ['an expired token (beyond the clock skew)', () => entra.sign({ exp: now() - 600, nbf: now() - 4000, iat: now() - 4000 }), /"exp" claim/],
    ['a token not yet valid (nbf in the future)', () => entra.sign({ nbf: now() + 600 }), /"nbf" claim/],
    ['a token without nbf', () => entra.sign({ nbf: undefined }), /"nbf" claim/],
    ['a bad signature (another key, the published kid)', async () => entra.sign({}, { key: await makeKey(), kid: entra.key.kid }), /signature verification failed/],
    ['a tampered payload (another user, original signature)', async () => {
      const [h, , s] = (await entra.sign()).split('.');
      const forged = base64url.encode(JSON.stringify(entra.claims({ oid: '4d4d4d4d-1111-4222-8333-444444444444' })));
      return `${h}.${forged}.${s}`;
    }, /signature verification failed/],
    ['alg: none (unsigned)', async () => unsigned(entra.claims()), /"alg" \(Algorithm\) Header Parameter value not allowed/],
    ['HS256 signed with the public key as the secret', async () => {
      const pem = await exportSPKI((await importJWK(entra.key.publicJwk, 'RS256', { extractable: true })) as CryptoKey);
      return new SignJWT(entra.claims()).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: entra.key.kid }).sign(new TextEncoder().encode(pem));
    }, /"alg" \(Algorithm\) Header Parameter value not allowed/],
    ['a missing scope (an ID token or a Graph scope only)', () => entra.sign({ scp: 'User.Read openid profile' }), /access_as_user scope/],
    ['no scp claim (an app-only token with roles)', () => entra.sign({ scp: undefined, roles: ['access_as_user'], idtyp: 'app' }), /"scp" claim/],
    ['a token issued to another client application (azp)', () => entra.sign({ azp: '12345678-1234-4234-8234-123456789012' }), /another application/],
    ['a token without an object id', () => entra.sign({ oid: undefined }), /"oid" claim/],
    ['a garbage string', async () => 'not.a.jwt', /./],
    ['a token signed by a key the key set does not have (unknown kid)', async () => entra.sign({}, { key: await makeKey('never-published') }), /no applicable key/],
  ];

  test.each(cases)('%s → 401', async (_what, makeToken, reason) => {
    const token = await makeToken();
    const req = t.http.get('/api/v1/me');
    const res = token ? await req.set('Authorization', `Bearer ${token}`) : await req;
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="asiakkuus"/);
    if (token) expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    // …and for its own reason, not by accident (the production verifier, called directly).
    if (reason) await expect(createEntraVerifier(entraSettings().entra!).verify(token)).rejects.toThrow(reason);
  });

  test('an attacker-chosen identity in a forged token creates no user', async () => {
    const before = await t.models.User.countDocuments();
    await me(t, unsigned(entra.claims({ oid: '5e5e5e5e-1111-4222-8333-444444444444', preferred_username: 'mallory@evil.example' })));
    expect(await t.models.User.countDocuments()).toBe(before);
  });
});

describe('the signing keys', () => {
  test('a new key (unknown kid) makes the verifier fetch the key set again, so rotation needs no restart', async () => {
    await me(t, await entra.sign()); // the current set is cached
    const rotated = await makeKey();
    entra.published = [entra.key, rotated];
    const before = entra.fetches;
    const res = await me(t, await entra.sign({}, { key: rotated }));
    expect(res.status).toBe(200);
    expect(entra.fetches).toBe(before + 1);
    // Known keys are served from the cache.
    await me(t, await entra.sign({}, { key: rotated }));
    expect(entra.fetches).toBe(before + 1);
    entra.published = [entra.key];
  });

  test('when the key set cannot be fetched, sign-in is a 503 with Retry-After, not a 401 or 500', async () => {
    const fresh = await startEntraApp();
    entra.failWith = 503;
    try {
      const res = await me(fresh, await entra.sign());
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      entra.failWith = 0;
    }
  });
});

describe('allowed tenants and provisioning', () => {
  test('with two allowed tenants, the same object id in each is two different users', async () => {
    const both = await startEntraApp({ tenantIds: [TENANT, OTHER_TENANT] });
    const a = await me(both, await entra.sign({ preferred_username: 'a@omnia.fi' }));
    const b = await me(both, await entra.sign({ iss: issuerOf(OTHER_TENANT), tid: OTHER_TENANT, preferred_username: 'b@kumppani.fi' }));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  test('when users must be provisioned, an unknown person is a 403 and no user is created', async () => {
    const closed = await startEntraApp({ requireProvisioned: true });
    const res = await me(closed, await entra.sign());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/administrator/);
    expect(await closed.models.User.countDocuments()).toBe(0);
  });

  test('an unverified email claim naming a provisioned administrator does not claim that account', async () => {
    const closed = await startEntraApp({ requireProvisioned: true });
    await closed.models.User.create({ email: 'rehtori@omnia.fi', name: 'Rehtori', role: 'admin', authSubject: pendingSubject('rehtori@omnia.fi') });
    const res = await me(closed, await entra.sign({ oid: 'abababab-1111-4222-8333-444444444444', preferred_username: 'mallory@omnia.fi', email: 'rehtori@omnia.fi' }));
    expect(res.status).toBe(403);
    expect((await closed.models.User.findOne({ email: 'rehtori@omnia.fi' }).lean())?.authSubject).toBe(pendingSubject('rehtori@omnia.fi'));
  });

  test('a person an administrator provisioned by address signs in with the role given to them', async () => {
    const closed = await startEntraApp({ requireProvisioned: true });
    await closed.models.User.create({ email: 'leena.hamalainen@omnia.fi', name: 'Leena Hämäläinen', role: 'management', authSubject: pendingSubject('leena.hamalainen@omnia.fi') });
    const token = await entra.sign({ oid: '6f6f6f6f-1111-4222-8333-444444444444', preferred_username: 'Leena.Hamalainen@omnia.fi', name: 'Leena Hämäläinen' });
    const res = await me(closed, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'management', name: 'Leena Hämäläinen' });
    const stored = await closed.models.User.findById(res.body.id).lean();
    expect(stored?.authSubject).toBe(`entra:${TENANT}:6f6f6f6f-1111-4222-8333-444444444444`);
  });
});

test('end to end: an administrator provisions a person through the API, who then signs in with that role', async () => {
  const closed = await startEntraApp({ requireProvisioned: true });
  const adminOid = '7a7a7a7a-1111-4222-8333-444444444444';
  await closed.models.User.create({ email: 'paakayttaja@omnia.fi', name: 'Pääkäyttäjä', role: 'admin', authSubject: `entra:${TENANT}:${adminOid}` });
  const adminToken = await entra.sign({ oid: adminOid, preferred_username: 'paakayttaja@omnia.fi', name: 'Pääkäyttäjä' });
  const provisioned = await closed.http.post('/api/v1/users').set('Authorization', `Bearer ${adminToken}`)
    .send({ email: 'mikko.korhonen@omnia.fi', name: 'Mikko Korhonen', role: 'account_manager', department: 'Yrityspalvelut' });
  expect(provisioned.status).toBe(201);
  const res = await me(closed, await entra.sign({ oid: '8b8b8b8b-1111-4222-8333-444444444444', preferred_username: 'mikko.korhonen@omnia.fi' }));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: provisioned.body.id, role: 'account_manager', department: 'Yrityspalvelut' });
});

test('the first administrator named in BOOTSTRAP_ADMINS signs in as an administrator; a restart adds no second one', async () => {
  const first = await startTestApp({ overrides: { ...entraSettings({ requireProvisioned: true }), bootstrapAdmins: ['Rehtori@Omnia.fi'] } });
  apps.push(first);
  const res = await me(first, await entra.sign({ oid: '9c9c9c9c-1111-4222-8333-444444444444', preferred_username: 'rehtori@omnia.fi' }));
  expect(res.status).toBe(200);
  expect(res.body.role).toBe('admin');
  const again = await startTestApp({ overrides: { ...entraSettings({ requireProvisioned: true }), bootstrapAdmins: ['rehtori@omnia.fi'], dbName: first.dbName } });
  await again.conn.close();
  expect(await first.models.User.countDocuments({ email: 'rehtori@omnia.fi' })).toBe(1);
});

describe('what the task pane is told', () => {
  test('/config.json names the Entra client, tenant and the API scope; /dev/token does not exist', async () => {
    const config = await t.http.get('/config.json');
    expect(config.body).toEqual({ authMode: 'entra', entra: { clientId: CLIENT_ID, tenantId: TENANT, scope: `${AUDIENCE}/access_as_user` } });
    expect((await t.http.post('/dev/token').send({ email: 'x@omnia.fi' })).status).toBe(404);
  });

  test('the content security policy lets the pane reach Entra ID in entra mode', async () => {
    const res = await t.http.get('/healthz');
    expect(res.headers['content-security-policy']).toMatch(/connect-src 'self' https:\/\/login\.microsoftonline\.com/);
  });
});
