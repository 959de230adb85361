import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../../server/config';
import { createApp } from '../../server/http/app';
import { createDevTokenIssuer } from '../../server/auth/tokens';
import { startTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('authentication seam', () => {
  test('an API call without a token is a 401 with a WWW-Authenticate challenge', async () => {
    const res = await t.http.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('a forged token is a 401', async () => {
    const other = await createDevTokenIssuer();
    const forged = await other.sign({ email: 'mallory@evil.example', name: 'Mallory' });
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  test('a dev token names the user, who is created on first use with the asked role', async () => {
    const token = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
    const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(res.body).toMatchObject({ email: 'leena.hamalainen@omnia.fi', name: 'Leena Hämäläinen', role: 'management' });
  });

  test('/dev/token does not exist when the app is not in dev mode', async () => {
    const issuer = await createDevTokenIssuer();
    const app = createApp({
      repos: t.repos, verifier: issuer.verifier, settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
      logger: pino({ level: 'silent' }), checkDatabase: async () => true,
    });
    const res = await request(app).post('/dev/token').send({ email: 'x@omnia.fi' });
    expect(res.status).toBe(404);
  });

  test('the server refuses to start with AUTH_MODE=dev in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE=dev is refused when NODE_ENV=production/);
  });

  test('bad settings stop the start with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ MONGODB_URI: 'postgres://x' })).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).toThrow(/TIME_ZONE/);
  });

  test('health and readiness answer without a token', async () => {
    await t.http.get('/healthz').expect(200, { status: 'ok' });
    await t.http.get('/readyz').expect(200);
  });
});
