/**
 * Rate limits per user and per client address: 429 with Retry-After over an approximated
 * sliding window; counters in memory on the embedded database, in MongoDB (rate-limiter-flexible's
 * Mongo store) when instances share one, so that the limit holds across them.
 */
import { compose } from '../../../server/compose';
import { RATE_LIMIT_COLLECTION } from '../../../server/http/rateLimit';
import pino from 'pino';
import request from 'supertest';
import { startTestApp, testDatabaseUri, type TestApp } from '../../support/testApp';
import { realMongoDBMissing, testUnless } from '../../support/skips';

const apps: TestApp[] = [];
async function app(
  rateLimit: { perUser: number; perIp: number; windowSeconds?: number; now?: () => number },
  store?: 'memory' | 'mongo',
): Promise<TestApp> {
  const started = await startTestApp({ rateLimit: { windowSeconds: 60, ...rateLimit }, overrides: store ? { rateLimitStore: store } : {} });
  apps.push(started);
  return started;
}
afterAll(() => Promise.all(apps.map((a) => a.close())));

const me = (t: TestApp, token: string) => t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
/** The Mongo store needs atomic updates of one document (FerretDB 1.24 loses concurrent ones). */
const noMongoDB = realMongoDBMissing();
const mongoOnly = { needsMongoDB: true };

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

  testUnless(noMongoDB, 'with the Mongo store the counters are in the database, one document per user and window', async () => {
    const t = await app({ perUser: 3, perIp: 10_000 }, 'mongo');
    const token = await t.tokenFor('laskuri@omnia.fi');
    const id = (await me(t, token)).body.id;
    await me(t, token);
    const counters = await t.conn.collection(RATE_LIMIT_COLLECTION).find({ key: { $regex: `^user:${id}:` } }).toArray();
    expect(counters).toHaveLength(1);
    expect(counters[0]!.points).toBe(2);
  }, undefined, mongoOnly);

  test('with the memory store (the embedded database) no request writes a counter to the database', async () => {
    const t = await app({ perUser: 3, perIp: 10_000 }, 'memory');
    const token = await t.tokenFor('muistissa@omnia.fi');
    for (let i = 0; i < 5; i++) await me(t, token);
    expect(await t.conn.db!.listCollections({ name: RATE_LIMIT_COLLECTION }).toArray()).toEqual([]);
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

  test('a burst on each side of a window boundary gets the limit once, not twice; the rest comes back as the burst ages', async () => {
    const windowStart = Math.ceil(Date.now() / 60_000) * 60_000 + 120_000;
    let now = windowStart;
    const t = await app({ perUser: 10, perIp: 10_000, now: () => now });
    const token = await t.tokenFor('purske@omnia.fi');
    const served: number[] = [];
    const burst = async (at: number) => {
      now = at;
      for (let i = 0; i < 20; i++) if ((await me(t, token)).status === 200) served.push(at);
    };
    await burst(windowStart - 2_000);
    await burst(windowStart + 1_000);
    expect(served.filter((at) => at === windowStart - 2_000)).toHaveLength(10);
    expect(served.filter((at) => at === windowStart + 1_000).length).toBeLessThanOrEqual(1);
    // Once the first burst is a window old, the whole limit is there again.
    await burst(windowStart - 2_000 + 60_500);
    expect(served).toHaveLength(20);
    const inAnyWindowLength = Math.max(...served.map((from) => served.filter((at) => at >= from && at < from + 60_000).length));
    expect(inAnyWindowLength).toBeLessThanOrEqual(10 + 1);
  });

  test('Retry-After says when the next request is served while the previous window still weighs', async () => {
    const windowStart = Math.ceil(Date.now() / 60_000) * 60_000 + 120_000;
    let now = windowStart - 30_000;
    const t = await app({ perUser: 10, perIp: 10_000, now: () => now });
    const token = await t.tokenFor('jalkeen@omnia.fi');
    for (let i = 0; i < 6; i++) expect((await me(t, token)).status).toBe(200);
    now = windowStart + 10_000;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await me(t, token)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await me(t, token);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(1);
    expect(retryAfter).toBeLessThan(50);
    now += (retryAfter - 1) * 1000;
    expect((await me(t, token)).status).toBe(429);
    now += 1000;
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

  test('the memory store needs no database: with the connection closed the address limit still answers at once', async () => {
    const t = await startTestApp({ rateLimit: { perUser: 10_000, perIp: 2, windowSeconds: 60 }, overrides: { rateLimitStore: 'memory' } });
    await t.conn.dropDatabase();
    await t.conn.close();
    const started = performance.now();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.http.get('/api/v1/me').set('Authorization', 'Bearer forged.token.value')).status);
    expect(statuses).toEqual([401, 401, 429]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  testUnless(noMongoDB, 'the limit holds across two server instances sharing the database', async () => {
    const a = await app({ perUser: 10_000, perIp: 4 }, 'mongo');
    const b = await compose({
      uri: testDatabaseUri(), dbName: a.dbName, authMode: 'dev', logger: pino({ level: 'silent' }),
      settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' }, rateLimit: { perUser: 10_000, perIp: 4, windowSeconds: 60 },
      rateLimitStore: 'mongo',
    });
    try {
      const statuses = [];
      for (const instance of [a.app, b.app, a.app, b.app, a.app]) statuses.push((await request(instance).get('/api/v1/me')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await b.conn.close();
    }
  }, undefined, mongoOnly);
});

describe('two limiter instances over one Mongo store', () => {
  testUnless(noMongoDB, 'share one limit under concurrent requests: 30 at once over both against a limit of 12 let 12 through', async () => {
    const a = await app({ perUser: 12, perIp: 10_000 }, 'mongo');
    const b = await compose({
      uri: testDatabaseUri(), dbName: a.dbName, authMode: 'dev', logger: pino({ level: 'silent' }),
      settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' }, rateLimit: { perUser: 12, perIp: 10_000, windowSeconds: 60 },
      rateLimitStore: 'mongo',
    });
    try {
      const token = await a.tokenFor('jaettu@omnia.fi');
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => request(i % 2 ? a.app : b.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`)),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(12);
      expect(results.filter((r) => r.status === 429)).toHaveLength(18);
    } finally {
      await b.conn.close();
    }
  }, undefined, mongoOnly);
});
