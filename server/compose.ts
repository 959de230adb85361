/** Wires the parts together: database connection, models, sign-in and the Express app. */
import type { Connection } from 'mongoose';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createDevTokenIssuer, type DevTokenIssuer } from './auth/tokens';
import { connectDatabase, pingDatabase } from './db/connect';
import { createApp } from './http/app';
import { registerModels, type Models } from './persistence/models';
import { ensureIndexes, seedDefaultCarePlan } from './persistence/store';
import type { UseCaseSettings } from './usecases/context';

export interface ComposeOptions {
  uri: string;
  dbName?: string;
  authMode: 'dev' | 'entra';
  settings: UseCaseSettings;
  logger: Logger;
  staticDir?: string;
  bodyLimit?: string;
  clock?: () => Date;
}

export interface Composed {
  app: Express;
  conn: Connection;
  models: Models;
  devIssuer?: DevTokenIssuer;
}

export async function compose(opts: ComposeOptions): Promise<Composed> {
  const conn = await connectDatabase(opts.uri, opts.dbName);
  const models = registerModels(conn);
  await ensureIndexes(models);
  await seedDefaultCarePlan(models);
  if (opts.authMode !== 'dev') throw new Error('Only AUTH_MODE=dev is available in this version');
  const devIssuer = await createDevTokenIssuer();
  const app = createApp({
    models,
    verifier: devIssuer.verifier,
    devIssuer,
    settings: opts.settings,
    logger: opts.logger,
    checkDatabase: () => pingDatabase(conn),
    staticDir: opts.staticDir,
    bodyLimit: opts.bodyLimit,
    clock: opts.clock,
    clientConfig: { authMode: opts.authMode },
  });
  return { app, conn, models, devIssuer };
}
