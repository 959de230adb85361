/**
 * createApp(deps) builds the Express application; it connects nothing and listens nowhere
 * (server/main.ts does). The app keeps no state between requests, so any number of instances
 * can serve behind a load balancer.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { API_PREFIX } from '../../shared/contract';
import type { DevTokenIssuer, TokenVerifier } from '../auth/tokens';
import type { Models } from '../persistence/models';
import type { UseCaseSettings } from '../usecases/context';
import { authenticate } from './authenticate';
import { errorHandler, notFoundHandler, requireJsonBody } from './errorHandler';
import { apiRouter } from './routes/api';
import { devRouter } from './routes/dev';

export interface AppDeps {
  models: Models;
  verifier: TokenVerifier;
  /** Present only in AUTH_MODE=dev: enables POST /dev/token. */
  devIssuer?: DevTokenIssuer;
  settings: UseCaseSettings;
  logger: Logger;
  /** Resolves when the database answers; /readyz reports it. */
  checkDatabase(): Promise<boolean>;
  /** The built task pane (dist/addin), served on the API's origin. */
  staticDir?: string;
  bodyLimit?: string;
  clock?: () => Date;
  /** What the task pane needs to know to sign in; served as /config.json. */
  clientConfig?: Record<string, unknown>;
}

const REQUEST_ID = /^[A-Za-z0-9\-_.:]{1,128}$/;

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: {
        // Never log tokens or query strings (they carry addresses and message ids).
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", 'https://appsforoffice.microsoft.com'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'self'", 'https://*.office.com', 'https://*.office365.com', 'https://*.microsoft.com', 'https://*.outlook.com', 'https://*.live.com', 'https://*.cloud.microsoft'],
        },
      },
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.checkDatabase().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unavailable' });
  });
  app.get('/config.json', (_req, res) => {
    res.json(deps.clientConfig ?? { authMode: deps.devIssuer ? 'dev' : 'entra' });
  });

  const json = express.json({ limit: deps.bodyLimit ?? '256kb', strict: true });
  if (deps.devIssuer) app.use('/dev', requireJsonBody, json, devRouter(deps.devIssuer, deps.models));
  app.use(
    API_PREFIX,
    requireJsonBody,
    json,
    authenticate(deps.verifier, deps.models),
    apiRouter(deps.models, deps.settings, deps.clock),
  );

  if (deps.staticDir && existsSync(deps.staticDir)) {
    app.use(express.static(deps.staticDir, { index: 'taskpane.html', maxAge: '1h' }));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
