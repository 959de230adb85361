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
import type { DatabaseInfo } from '../db/embeddedDatabase';
import type { Repositories } from '../usecases/context';
import { errorSerializer } from '../logger';
import type { UseCaseSettings } from '../usecases/context';
import { authenticate } from './authenticate';
import { crossOriginGuard } from './crossOrigin';
import { errorHandler, notFoundHandler, requireJsonBody } from './errorHandler';
import { createRateLimiters, type RateLimitPolicy, type RateLimitStore } from './rateLimit';
import { apiRouter } from './routes';
import { devRouter } from './routes/dev';
import { PUBLIC_PAGES, PUBLIC_PREFIX, publicPagesRouter } from './public';
import type { Provisioning } from '../usecases/signIn';

export interface AppDeps {
  repos: Repositories;
  verifier: TokenVerifier;
  /** Present only in AUTH_MODE=dev: enables POST /dev/token. */
  devIssuer?: DevTokenIssuer;
  settings: UseCaseSettings;
  logger: Logger;
  /** Resolves when the database answers; /readyz reports it. */
  checkDatabase(): Promise<boolean>;
  /** Which database engine serves the app and why it was chosen; /readyz shows it. */
  database?: DatabaseInfo;
  /** The built task pane (dist/addin), served on the API's origin. */
  staticDir?: string;
  bodyLimit?: string;
  clock?: () => Date;
  /** What the task pane needs to know to sign in; served as /config.json. */
  clientConfig?: Record<string, unknown>;
  /** Requests per window per user and per client address. */
  rateLimit?: RateLimitPolicy;
  /** Where the rate-limit counters live (./rateLimit); in this process by default. */
  rateLimitStore?: RateLimitStore;
  /** Origins other than our own that may call the API from a browser (none by default). */
  allowedOrigins?: readonly string[];
  /** `provisioned`: only users an administrator added may sign in. */
  provisioning?: Provisioning;
  /** Express `trust proxy`: which proxies' X-Forwarded-* headers name the client (default loopback). */
  trustProxy?: string | number | boolean;
  /** Origins that may frame the task pane, in addition to the Office hosts. */
  extraFrameAncestors?: readonly string[];
  /** Requests per minute per client address on the public pages. */
  publicPerIpPerMinute?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { perUser: 300, perIp: 3000, windowSeconds: 60 };

/** Where Outlook frames the task pane: Outlook on the web and the new Outlook for Windows and Mac. */
export const OFFICE_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.officeapps.live.com',
] as const;

/** Where MSAL talks to Entra ID outside nested app authentication (the dialog fallback). */
const ENTRA_ORIGIN = 'https://login.microsoftonline.com';

const REQUEST_ID = /^[A-Za-z0-9\-_.:]{1,128}$/;

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
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
        // Error messages quote the values they choke on: addresses and tokens are scrubbed out.
        err: errorSerializer,
      },
    }),
  );
  const entra = deps.clientConfig?.authMode === 'entra';
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", 'https://appsforoffice.microsoft.com'],
          'script-src-attr': ["'none'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'", ...(entra ? [ENTRA_ORIGIN] : [])],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'form-action': ["'self'", ...(entra ? [ENTRA_ORIGIN] : [])],
          // MSAL renews tokens silently in a hidden frame on Entra ID's origin (admin pages in a normal browser).
          'frame-src': ["'self'", ...(entra ? [ENTRA_ORIGIN] : [])],
          // Outlook frames the pane; nobody else may ('self' for MSAL's own frames on our origin).
          'frame-ancestors': ["'self'", ...OFFICE_FRAME_ANCESTORS, ...(deps.extraFrameAncestors ?? [])],
          'upgrade-insecure-requests': [],
        },
      },
      // X-Frame-Options cannot name several framing origins; frame-ancestors above replaces it.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
      // The sign-in dialog must keep its link to the Outlook window that opened it (Office dialog API, MSAL).
      crossOriginOpenerPolicy: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = await deps.checkDatabase().catch(() => false);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'database unavailable', ...(deps.database ? { database: deps.database } : {}) });
  });
  app.get('/config.json', (_req, res) => {
    res.json(deps.clientConfig ?? { authMode: deps.devIssuer ? 'dev' : 'entra' });
  });

  const json = express.json({ limit: deps.bodyLimit ?? '256kb', strict: true });
  const limits = createRateLimiters(deps.rateLimitStore ?? { kind: 'memory' }, deps.rateLimit ?? DEFAULT_RATE_LIMIT);
  const sameOrigin = crossOriginGuard(deps.allowedOrigins);
  if (deps.devIssuer) app.use('/dev', sameOrigin, limits.perIp, requireJsonBody, json, devRouter(deps.devIssuer, deps.repos));
  // The gate every /api/v1 request passes: same origin, address limit, sign-in, user limit,
  // JSON bodies. Then the declared routes (./routes): body type, role, input, conditions, audit.
  app.use(
    API_PREFIX,
    sameOrigin,
    limits.perIp,
    authenticate(deps.verifier, deps.repos, { provisioning: deps.provisioning }),
    limits.perUser,
    json,
  );
  app.use(API_PREFIX, apiRouter({ repos: deps.repos, settings: deps.settings, clock: deps.clock }));
  if (deps.settings.publicTokens) {
    // The pages for people who do not sign in (an unsubscribe, a survey answer): ./public.
    const store = deps.rateLimitStore ?? { kind: 'memory' };
    const publicDeps = { repos: deps.repos, settings: deps.settings, tokens: deps.settings.publicTokens, clock: deps.clock, logger: deps.logger, rateLimitStore: store, perIpPerMinute: deps.publicPerIpPerMinute };
    app.use(PUBLIC_PREFIX, publicPagesRouter(publicDeps, PUBLIC_PAGES));
  }

  if (deps.staticDir && existsSync(deps.staticDir)) {
    // Outlook shows the manifest's icons from its own origin; everything else stays same-origin only.
    app.use('/assets', (_req, res, next) => {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      next();
    });
    // The web app: every /app/* address is a deep link its router resolves, so each gets app.html
    // (never cached: a new build must reach the next load). The old admin pages live in it now.
    const staticDir = deps.staticDir;
    app.get('/admin.html', (_req, res) => res.redirect(301, '/app/admin'));
    app.get(['/app', '/app/{*rest}'], (req, res) => {
      // Express matches /app and /app/ alike: only the bare one is sent to the canonical address.
      if (!req.originalUrl.startsWith('/app/')) return res.redirect(301, `/app/${req.originalUrl.slice(4)}`);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile('app.html', { root: staticDir });
    });
    app.use(express.static(staticDir, { index: 'taskpane.html', maxAge: '1h' }));
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
