/**
 * The entry point: reads configuration, chooses and starts the database (MONGODB_URI, else an
 * embedded engine: see server/db/embeddedDatabase.ts), seeds a demo on an empty database, serves
 * HTTPS (or HTTP) and shuts down cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { compose, type Composed, type ComposeMail } from './compose';
import { smtpMailer } from './mail/mailer';
import { startSmtpSink } from './mail/smtpSink';
import { loadConfig, trustProxySetting, type Config } from './config';
import { PROJECT_ROOT, startDatabase } from './db/embeddedDatabase';
import { createLogger } from './logger';
import { seedDeskShowcase } from './seed/deskShowcase';
import { seedDemo } from './seed/demo';
import { FOLD_INTERVAL_MS, foldPassedPlannedActions } from './usecases/plannedActions';
import { DESK_PRUNE_INTERVAL_MS, pruneDeskChanges } from './usecases/desk';
import type { Logger } from 'pino';

function devCertificate(logger: Logger): { key: Buffer; cert: Buffer; ca: Buffer } | null {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  if (!Object.values(files).every((f) => existsSync(path.join(dir, f)))) {
    logger.warn('No development certificate: serving plain HTTP. Run `npm run certs` once to serve HTTPS for Outlook.');
    return null;
  }
  return {
    key: readFileSync(path.join(dir, files.key)),
    cert: readFileSync(path.join(dir, files.cert)),
    ca: readFileSync(path.join(dir, files.ca)),
  };
}

/**
 * How mailings go out: through the relay SMTP_URL names; in development without it, through a local
 * SMTP sink whose messages the web app's development outbox shows; in production without it, not at all.
 */
async function startMail(config: Config, logger: Logger): Promise<{ compose: ComposeMail; close(): Promise<void> } | null> {
  const ratePerMinute = config.MAILING_RATE_PER_MINUTE;
  if (config.SMTP_URL) {
    logger.info('mailings go out through SMTP_URL');
    return { compose: { mailer: smtpMailer(config.SMTP_URL), from: config.MAIL_FROM!, ratePerMinute }, close: async () => undefined };
  }
  if (config.NODE_ENV === 'production') {
    logger.warn('SMTP_URL is not set: mailings are refused until it is');
    return null;
  }
  const sink = await startSmtpSink({ keep: 1_000 });
  logger.info({ smtp: sink.url }, 'no SMTP_URL: mailings go to the local development sink (the web app shows its outbox)');
  const outbox = () => [...sink.messages()].reverse().map((m) => ({
    id: m.id, receivedAt: m.receivedAt.toISOString(), from: m.from, to: m.to, subject: m.subject, text: m.text,
    headers: Object.fromEntries(Object.entries(m.headers).filter(([k]) => ['from', 'to', 'subject', 'date', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post'].includes(k))),
  }));
  return {
    compose: { mailer: smtpMailer(sink.url), from: config.MAIL_FROM ?? 'Aikuisopisto <asiakkuus@aikuisopisto.example>', ratePerMinute, outbox },
    close: () => sink.close(),
  };
}

async function main(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = await startDatabase({ uri: config.MONGODB_URI, engine: config.DB_ENGINE, dataDir: config.DATA_DIR, logger });
  const database = { engine: db.engine, reason: db.reason };
  logger.info({ database, ...(db.engine === 'external' ? {} : { dataDir: config.DATA_DIR }) }, `database: ${db.engine}`);
  const mail = await startMail(config, logger);
  let composed: Composed;
  try {
    composed = await compose({
      uri: db.uri,
      database,
      authMode: config.AUTH_MODE,
      settings: {
        ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL.replace(/\/+$/, '') } : {}),
        excerptMaxLength: config.EXCERPT_MAX_LENGTH,
        timeZone: config.TIME_ZONE,
        ...(config.COLLEGE_NAME
          ? { letterhead: { name: config.COLLEGE_NAME, address: config.COLLEGE_ADDRESS, businessId: config.COLLEGE_BUSINESS_ID, contact: config.COLLEGE_CONTACT } }
          : {}),
      },
      logger,
      staticDir: path.join(PROJECT_ROOT, 'dist', 'addin'),
      bodyLimit: config.BODY_LIMIT,
      entra:
        config.AUTH_MODE === 'entra'
          ? {
              tenantIds: config.ENTRA_TENANT_IDS,
              clientId: config.ENTRA_CLIENT_ID!,
              audience: config.ENTRA_AUDIENCE!,
              jwksUri: config.ENTRA_JWKS_URI,
              clockToleranceSeconds: config.ENTRA_CLOCK_SKEW_SECONDS,
              requireProvisioned: config.ENTRA_REQUIRE_PROVISIONED,
            }
          : undefined,
      rateLimit: { perUser: config.RATE_LIMIT_PER_USER, perIp: config.RATE_LIMIT_PER_IP, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      allowedOrigins: config.ALLOWED_ORIGINS,
      extraFrameAncestors: config.FRAME_ANCESTORS,
      trustProxy: trustProxySetting(config.TRUST_PROXY),
      bootstrapAdmins: config.BOOTSTRAP_ADMINS,
      mail: mail?.compose,
    });
    if (config.SEED_DEMO) {
      const seeded = await seedDemo(composed.models, new Date());
      if (seeded) {
        // The desktop's story for a first look: an overdue customer of Aino Virtanen's with a follow-up due yesterday.
        await seedDeskShowcase(composed.models, new Date());
        logger.info(seeded, 'seeded demo data');
      }
    }
  } catch (err) {
    await db.stop(); // never leave the database process behind
    throw err;
  }
  const { app, conn, repos } = composed;

  // Planned meetings and events whose time has passed, into the customers' care-plan input (at start, then every 10 minutes).
  const fold = async () => {
    try {
      const changed = await foldPassedPlannedActions({ repos, now: new Date() });
      if (changed > 0) logger.info({ customers: changed }, 'folded passed planned actions into the care plan');
    } catch (err) {
      logger.warn({ err }, 'folding passed planned actions failed; the next round tries again');
    }
  };
  await fold();
  const foldTimer = setInterval(() => void fold(), FOLD_INTERVAL_MS);
  foldTimer.unref();

  // The desks' records of bulk changes that no desk needs any more (a minute after start, then every few hours: not part of the start).
  const prune = async () => {
    try {
      const deleted = await pruneDeskChanges({ repos, now: new Date() });
      if (deleted > 0) logger.info({ records: deleted }, 'pruned the desk change records no desk needs');
    } catch (err) {
      logger.warn({ err }, 'pruning the desk change records failed; the next round tries again');
    }
  };
  const firstPrune = setTimeout(() => void prune(), 60_000);
  firstPrune.unref();
  const pruneTimer = setInterval(() => void prune(), DESK_PRUNE_INTERVAL_MS);
  pruneTimer.unref();

  const tls = config.HTTPS ? devCertificate(logger) : null;
  const server = tls ? https.createServer(tls, app) : http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `${tls ? 'https' : 'http'}://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url }, 'listening');
  // Without PUBLIC_URL (development), the links in mailings point at this server.
  composed.settings.publicUrl ??= url;
  composed.sender?.start();
  console.log(`\nAsiakkuus is running at ${url}  (task pane: ${url}/taskpane.html, API: ${url}/api/v1)\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(foldTimer);
    clearTimeout(firstPrune);
    clearInterval(pruneTimer);
    // The mails in hand are finished (and marked sent) before the database goes.
    await composed.sender?.stop();
    await mail?.close();
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
    force.unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(force);
    await conn.close();
    await db.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(78);
}
main(config).catch((err: Error) => {
  console.error(`Asiakkuus could not start: ${err.message}`);
  process.exit(1);
});
