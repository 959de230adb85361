/**
 * Rate limits per user and per client address: 429 with Retry-After, counters in the
 * database so that the limit holds across server instances.
 */
import { compose } from '../../../server/compose';
import pino from 'pino';
import request from 'supertest';
import { startTestApp, testDatabaseUri, type TestApp } from '../../support/testApp';

const apps: TestApp[] = [];
async function app(rateLimit: { perUser: number; perIp: number; windowSeconds?: number; now?: () => number }): Promise<TestApp> {
  const started = await startTestApp({ rateLimit: { windowSeconds: 60, ...rateLimit } });
  apps.push(started);
  return started;
}
afterAll(() => Promise.all(apps.map((a) => a.close())));

const me = (t: TestApp, token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);

describe('per user', () => {
  test('the request after the limit is a 429 with Retry-After; other users are not affected', async () => {
    const t = await app({ perUser: 5, perIp: 10_000 });
    const aino = await t.tokenFor('aino.virtanen@omnia.fi');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await me(t, aino)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await me(t, aino);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect((await me(t, await t.tokenFor('mikko.korhonen@omnia.fi'))).status).toBe(200);
  });

  test('the counters are in the database, one document per user and window', async () => {
    const t = await app({ perUser: 3, perIp: 10_000 });
    const token = await t.tokenFor('laskuri@omnia.fi');
    const id = (await me(t, token)).body.id;
    await me(t, token);
    const counters = await t.models.RateLimit.find({ _id: { $regex: `^user:${id}:` } }).lean();
    expect(counters).toHaveLength(1);
    expect(counters[0]!.count).toBe(2);
  });

  test('concurrent requests are counted exactly: 25 at once against a limit of 10 let 10 through', async () => {
    const t = await app({ perUser: 10, perIp: 10_000 });
    const token = await t.tokenFor('rinnakkain@omnia.fi');
    const results = await Promise.all(Array.from({ length: 25 }, () => me(t, token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 429)).toHaveLength(15);
  });

  test('the window ends when Retry-After said, and requests are served again', async () => {
    const windowStart = Math.ceil(Date.now() / 60_000) * 60_000 + 120_000;
    let now = windowStart + 45_000;
    const t = await app({ perUser: 2, perIp: 10_000, now: () => now });
    const token = await t.tokenFor('ikkuna@omnia.fi');
    await me(t, token);
    await me(t, token);
    const refused = await me(t, token);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('15');
    now = windowStart + 60_000;
    expect((await me(t, token)).status).toBe(200);
  });
});

describe('per client address', () => {
  test('requests without a valid token are limited too, before sign-in is even tried', async () => {
    const t = await app({ perUser: 10_000, perIp: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http.get('/api/v1/me').set('Authorization', 'Bearer forged.token.value')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  test('the limit holds across two server instances sharing the database', async () => {
    const a = await app({ perUser: 10_000, perIp: 4 });
    const b = await compose({
      uri: testDatabaseUri(), dbName: a.dbName, authMode: 'dev', logger: pino({ level: 'silent' }),
      settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' }, rateLimit: { perUser: 10_000, perIp: 4, windowSeconds: 60 },
    });
    try {
      const statuses = [];
      for (const instance of [a.app, b.app, a.app, b.app, a.app]) statuses.push((await request(instance).get('/api/v1/me')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await b.conn.close();
    }
  });
});
