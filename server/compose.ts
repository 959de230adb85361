/** Wires the parts together: database connection, models, sign-in and the Express app. */
import type { Connection } from 'mongoose';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createEntraVerifier, entraScope, type EntraSettings } from './auth/entra';
import { newTokenSecret, PUBLIC_TOKEN_SECRET, publicTokens } from './auth/publicTokens';
import { createDevTokenIssuer, type DevTokenIssuer, type TokenVerifier } from './auth/tokens';
import { connectDatabase, pingDatabase } from './db/connect';
import type { DatabaseInfo } from './db/embeddedDatabase';
import { createApp } from './http/app';
import type { RateLimitPolicy } from './http/rateLimit';
import { registerModels, type Models } from './persistence/models';
import { detectEngine, type Engine } from './persistence/engine';
import { createRepositories, type Repositories } from './persistence/repositories';
import { ensureIndexes, fillDefaultRuleLabels, seedDefaultCarePlan } from './persistence/setup';
import type { UseCaseSettings } from './usecases/context';
import { ensureAdmins } from './usecases/userAdmin';
import { mailingSender, type MailingSender } from './usecases/mailingSender';
import type { Mailer } from './mail/mailer';
import type { OutboxMessage } from '../shared/contract-campaigns';
import { runStartupMigrations } from './usecases/migrations';

export interface ComposeOptions {
  uri: string;
  dbName?: string;
  authMode: 'dev' | 'entra';
  settings: UseCaseSettings;
  logger: Logger;
  staticDir?: string;
  bodyLimit?: string;
  clock?: () => Date;
  /** Required when authMode is `entra`. */
  entra?: EntraSettings & { requireProvisioned?: boolean };
  rateLimit?: RateLimitPolicy;
  /** Requests per minute per client address on the public pages (default 60). */
  publicPerIpPerMinute?: number;
  /** Which engine serves `uri` and why (GET /readyz shows it). */
  database?: DatabaseInfo;
  /**
   * Where the rate-limit counters live: `memory` for a server alone on its embedded database,
   * `mongo` (the connection's database) so that instances sharing a MongoDB share the limit.
   * By default `mongo` for an external MongoDB (MONGODB_URI), else `memory`.
   */
  rateLimitStore?: 'memory' | 'mongo';
  allowedOrigins?: readonly string[];
  extraFrameAncestors?: readonly string[];
  trustProxy?: string | number | boolean;
  /** Emit the driver's command events (round-trip counts in tests and the benchmark). */
  monitorCommands?: boolean;
  /** Addresses provisioned as administrators at start when they have no user yet. */
  bootstrapAdmins?: readonly string[];
  /** How mailings go out (a relay, or the development sink); without it mailings are refused. */
  mail?: ComposeMail;
}

export interface ComposeMail {
  mailer: Mailer;
  from: string;
  ratePerMinute: number;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  /** The development outbox (what the local sink received). */
  outbox?: () => OutboxMessage[];
}

export interface Composed {
  app: Express;
  conn: Connection;
  models: Models;
  repos: Repositories;
  engine: Engine;
  /** The use cases' settings as the app got them (with the public pages' token signer). */
  settings: UseCaseSettings;
  /** Sends due mailings (present with `mail`); main.ts starts and stops it. */
  sender?: MailingSender;
  devIssuer?: DevTokenIssuer;
}

export async function compose(opts: ComposeOptions): Promise<Composed> {
  const conn = await connectDatabase(opts.uri, opts.dbName, { monitorCommands: opts.monitorCommands });
  const models = registerModels(conn);
  await ensureIndexes(models);
  await seedDefaultCarePlan(models);
  const engine = await detectEngine(conn);
  await fillDefaultRuleLabels(models, engine);
  const repos = createRepositories(models, engine);
  const admins = await ensureAdmins(repos, opts.bootstrapAdmins ?? []);
  if (admins.length > 0) opts.logger.info({ count: admins.length }, 'provisioned the first administrators (BOOTSTRAP_ADMINS)');
  // One marker read per migration once they are done; the first start on a database (or after an upgrade) runs them.
  await runStartupMigrations(repos, {
    onEvent: (e) => opts.logger.info(e, e.event === 'ran' ? `ran the start-up migration ${e.id}` : `waited for another instance's start-up migration ${e.id}`),
  });
  let verifier: TokenVerifier;
  let devIssuer: DevTokenIssuer | undefined;
  let clientConfig: Record<string, unknown>;
  if (opts.authMode === 'entra') {
    if (!opts.entra) throw new Error('AUTH_MODE=entra needs the Entra ID settings');
    verifier = createEntraVerifier(opts.entra);
    clientConfig = {
      authMode: 'entra',
      entra: {
        clientId: opts.entra.clientId,
        // One tenant signs in at its own authority; several share the `organizations` one (the server still checks the tenant).
        tenantId: opts.entra.tenantIds.length === 1 ? opts.entra.tenantIds[0] : 'organizations',
        scope: entraScope(opts.entra.audience),
      },
    };
  } else {
    devIssuer = await createDevTokenIssuer();
    verifier = devIssuer.verifier;
    clientConfig = { authMode: 'dev' };
  }
  let rateLimitStore = opts.rateLimitStore ?? (opts.database?.engine === 'external' ? 'mongo' : 'memory');
  if (!opts.rateLimitStore && rateLimitStore === 'mongo' && engine.kind === 'ferretdb') {
    // Its updates of one document are not atomic and it has no TTL index: the Mongo store would not hold.
    rateLimitStore = 'memory';
    opts.logger.warn('MONGODB_URI names a FerretDB server: rate limits are counted in each instance\'s memory, not across instances');
  }
  // One signing key for every instance: made by the first start on the database (./persistence/repositories/secrets).
  const tokenSecret = await repos.secrets.getOrCreate(PUBLIC_TOKEN_SECRET, newTokenSecret, new Date());
  const settings: UseCaseSettings = { ...opts.settings, publicTokens: publicTokens(tokenSecret) };
  let sender: MailingSender | undefined;
  if (opts.mail) {
    const mail = opts.mail;
    settings.mail = { from: mail.from, outbox: mail.outbox, wake: () => sender?.wake() };
    sender = mailingSender({
      repos, settings, mailer: mail.mailer, logger: opts.logger, ratePerMinute: mail.ratePerMinute, concurrency: mail.concurrency,
      leaseMs: mail.leaseMs, pollMs: mail.pollMs, clock: opts.clock,
    });
  }
  const app = createApp({
    repos,
    verifier,
    devIssuer,
    provisioning: opts.entra?.requireProvisioned ? 'provisioned' : 'open',
    rateLimit: opts.rateLimit,
    publicPerIpPerMinute: opts.publicPerIpPerMinute,
    rateLimitStore: rateLimitStore === 'mongo' ? { kind: 'mongo', connection: conn } : { kind: 'memory' },
    database: opts.database,
    allowedOrigins: opts.allowedOrigins,
    extraFrameAncestors: opts.extraFrameAncestors,
    trustProxy: opts.trustProxy,
    settings,
    logger: opts.logger,
    checkDatabase: () => pingDatabase(conn),
    staticDir: opts.staticDir,
    bodyLimit: opts.bodyLimit,
    clock: opts.clock,
    clientConfig,
  });
  return { app, conn, models, repos, engine, settings, sender, devIssuer };
}
