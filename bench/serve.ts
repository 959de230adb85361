/**
 * The server under test, in a process of its own: the production compose() and createApp,
 * plain HTTP on loopback. Started by run.ts as `node dist/bench/run.js --serve`; it reports
 * its port over IPC and stops on SIGTERM.
 *
 * Rate limits stay on (their counters cost a database write per request in production too),
 * with limits no benchmark reaches.
 */
import http from 'node:http';
import path from 'node:path';
import pino from 'pino';
import { compose } from '../server/compose';
import { PROJECT_ROOT } from '../server/db/embeddedDatabase';

export interface ServeSettings {
  uri: string;
  dbName: string;
  logLevel: string;
  /** false: no rate limiting at all (to measure what the limiter costs). */
  rateLimit?: boolean;
}

export async function serve(settings: ServeSettings): Promise<void> {
  const logger = pino({ level: settings.logLevel });
  const { app, conn } = await compose({
    uri: settings.uri,
    dbName: settings.dbName,
    authMode: 'dev',
    settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
    logger,
    // The built task pane, for the Office.onReady → status measurement.
    staticDir: path.join(PROJECT_ROOT, 'dist', 'addin'),
    rateLimit: settings.rateLimit === false ? { perUser: 0, perIp: 0, windowSeconds: 60 } : { perUser: 1_000_000, perIp: 10_000_000, windowSeconds: 60 },
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.send?.({ ready: true, port });

  const stop = () => {
    server.close(() => {
      void conn.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}
