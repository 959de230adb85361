/** Wires the parts together: database connection, models, sign-in and the Express app. */
import type { Connection } from 'mongoose';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createEntraVerifier, entraScope, type EntraSettings } from './auth/entra';
import { createDevTokenIssuer, type DevTokenIssuer, type TokenVerifier } from './auth/tokens';
import { connectDatabase, pingDatabase } from './db/connect';
import { createApp } from './http/app';
import type { RateLimitPolicy } from './http/rateLimit';
import { registerModels, type Models } from './persistence/models';
import { detectEngine, type Engine } from './persistence/engine';
import { createRepositories, type Repositories } from './persistence/repositories';
import { ensureIndexes, seedDefaultCarePlan } from './persistence/setup';
import type { UseCaseSettings } from './usecases/context';
import { ensureAdmins } from './usecases/userAdmin';

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
  allowedOrigins?: readonly string[];
  extraFrameAncestors?: readonly string[];
  trustProxy?: string | number | boolean;
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
  const conn = await connectDatabase(opts.uri, opts.dbName);
  const models = registerModels(conn);
  await ensureIndexes(models);
  await seedDefaultCarePlan(models);
  const engine = await detectEngine(conn);
  const repos = createRepositories(models, engine);
  const admins = await ensureAdmins(repos, opts.bootstrapAdmins ?? []);
  if (admins.length > 0) opts.logger.info({ count: admins.length }, 'provisioned the first administrators (BOOTSTRAP_ADMINS)');
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
  const app = createApp({
    models,
    repos,
    verifier,
    devIssuer,
    provisioning: opts.entra?.requireProvisioned ? 'provisioned' : 'open',
    rateLimit: opts.rateLimit,
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
