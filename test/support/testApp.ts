/**
 * A real server for tests: the production createApp over a fresh database of its own on the
 * run's embedded database (see globalSetup), reached over HTTP with supertest.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import type { Role } from '../../shared/domain/codes';
import { compose, type Composed, type ComposeOptions } from '../../server/compose';
import type { DatabaseInfo } from '../../server/db/embeddedDatabase';
import type { RateLimitPolicy } from '../../server/http/rateLimit';

export interface TestApp extends Composed {
  http: ReturnType<typeof request>;
  dbName: string;
  /** A bearer token for a (created on first use) user. */
  tokenFor(email: string, role?: Role, name?: string): Promise<string>;
  close(): Promise<void>;
}

export function testDatabaseUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: the Jest globalSetup did not start a database (SKIP_DB=1?)');
  return uri;
}

/** The run's database engine and why globalSetup chose it, as the server would report it. */
export function testDatabaseInfo(): DatabaseInfo | undefined {
  const engine = process.env.TEST_DB_ENGINE as DatabaseInfo['engine'] | undefined;
  return engine ? { engine, reason: process.env.TEST_DB_REASON ?? '' } : undefined;
}

export interface TestAppOptions {
  clock?: () => Date;
  excerptMaxLength?: number;
  /** Rate limits; by default high enough that no test meets them unless it means to. */
  rateLimit?: RateLimitPolicy;
  /** Any other composition setting (sign-in mode, origins…). */
  overrides?: Partial<ComposeOptions>;
}

export const TEST_RATE_LIMIT: RateLimitPolicy = { perUser: 1_000_000, perIp: 1_000_000, windowSeconds: 60 };

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const composed = await compose({
    uri: opts.overrides?.uri ?? testDatabaseUri(),
    dbName,
    authMode: 'dev',
    settings: { excerptMaxLength: opts.excerptMaxLength ?? 500, timeZone: 'Europe/Helsinki', publicUrl: 'https://crm.testiopisto.fi' },
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    clock: opts.clock,
    rateLimit: opts.rateLimit ?? TEST_RATE_LIMIT,
    database: testDatabaseInfo(),
    // Mailings can be started; nothing sends them unless a test runs the sender (with a mailer of its own).
    mail: { mailer: { send: async () => ({ ok: true, messageId: '<none@test>' }), close: () => undefined }, from: 'Testiopisto <crm@testiopisto.fi>', ratePerMinute: 100_000 },
    ...opts.overrides,
  });
  const http = request(composed.app);
  const tokens = new Map<string, string>();
  return {
    ...composed,
    http,
    dbName,
    async tokenFor(email, role, name) {
      const key = `${email}|${role ?? ''}`;
      const cached = tokens.get(key);
      if (cached) return cached;
      const res = await http.post('/dev/token').send({ email, ...(role ? { role } : {}), ...(name ? { name } : {}) });
      if (res.status !== 200) throw new Error(`dev token failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(key, res.body.token);
      return res.body.token as string;
    },
    async close() {
      await composed.conn.dropDatabase().catch(() => undefined);
      await composed.conn.close();
    },
  };
}
