/** Wires the parts together: database connection, models, sign-in and the Express app. */
import type { Connection } from 'mongoose';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createEntraVerifier, entraScope, type EntraSettings } from './auth/entra';
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
import { ensureReadModels, ensureSearchIndex } from './usecases/customerReadModels';

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
}

export interface Composed {
  app: Express;
  conn: Connection;
  models: Models;
  repos: Repositories;
  engine: Engine;
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
  const search = await ensureSearchIndex(repos);
  if (search.searchEntries > 0) opts.logger.info(search, 'rebuilt the search index (its layout changed)');
  const built = await ensureReadModels(repos);
  if (built.customers > 0) opts.logger.info(built, 'built the contact lists and timelines that were missing');
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
  const app = createApp({
    repos,
    verifier,
    devIssuer,
    provisioning: opts.entra?.requireProvisioned ? 'provisioned' : 'open',
    rateLimit: opts.rateLimit,
    rateLimitStore: rateLimitStore === 'mongo' ? { kind: 'mongo', connection: conn } : { kind: 'memory' },
    database: opts.database,
    allowedOrigins: opts.allowedOrigins,
    extraFrameAncestors: opts.extraFrameAncestors,
    trustProxy: opts.trustProxy,
    settings: opts.settings,
    logger: opts.logger,
    checkDatabase: () => pingDatabase(conn),
    staticDir: opts.staticDir,
    bodyLimit: opts.bodyLimit,
    clock: opts.clock,
    clientConfig,
  });
  return { app, conn, models, repos, engine, devIssuer };
}
