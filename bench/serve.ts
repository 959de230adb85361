/**
 * The server under test, in a process of its own: the production compose() and createApp,
 * plain HTTP on loopback. Started by run.ts as `node dist/bench/run.js --serve`; it reports
 * its port over IPC and stops on SIGTERM.
 *
 * Rate limits stay on (their counters cost what they cost in production), with limits no
 * benchmark reaches.
 *
 * The connection is opened with the driver's command monitoring, and every command is counted
 * against the HTTP request that sent it (server/db/commandCounter's `track` around each
 * request). A request's commands join the totals when its answer has been sent in full
 * (`finish`), so a request the load generator gave up on at the end of a run, which may have
 * stopped half-way (a POST whose body was never read), counts in neither the requests nor the
 * commands. run.ts asks for the totals over IPC
 * (`{ type: 'counts' }`) before and after each scenario, once the server is quiet.
 */
import http from 'node:http';
import path from 'node:path';
import pino from 'pino';
import { compose } from '../server/compose';
import { commandCounter } from '../server/db/commandCounter';
import { PROJECT_ROOT } from '../server/db/embeddedDatabase';

export interface ServeSettings {
  uri: string;
  dbName: string;
  logLevel: string;
  /** false: no rate limiting at all (to measure what the limiter costs). */
  rateLimit?: boolean;
}

/** What the server process has done since it started. */
export interface ServerCounts {
  /** HTTP requests answered in full so far. */
  requests: number;
  /** Their database commands, by `commandName collection` (e.g. `find organizations`). */
  commands: Record<string, number>;
  /**
   * Summed over those requests: the longest chain of their commands each started after the one
   * before it had finished (the round trips a request waited through one after another).
   */
  sequential: number;
  /** HTTP requests being handled now (until their socket closes). */
  inFlight: number;
  /** Requests closed before their answer was sent, and the commands they sent. */
  abandoned: number;
  abandonedCommands: number;
  /** Commands sent outside any request (none expected: a non-zero figure means lost attribution). */
  unattributed: number;
  /** Every command started so far, whoever sent it (to tell when the server has gone quiet). */
  sent: number;
}

export type CountsRequest = { type: 'counts'; id: number };
export type CountsReply = { type: 'counts'; id: number; counts: ServerCounts };

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
    monitorCommands: true,
  });

  const counts: ServerCounts = { requests: 0, commands: {}, sequential: 0, inFlight: 0, abandoned: 0, abandonedCommands: 0, unattributed: 0, sent: 0 };
  const counter = commandCounter(conn);

  const server = http.createServer((req, res) => {
    counts.inFlight++;
    let answered = false;
    const { tally } = counter.track(() => app(req, res));
    res.once('finish', () => {
      answered = true;
      counts.requests++;
      const { commands, sequential } = tally();
      for (const name of commands) counts.commands[name] = (counts.commands[name] ?? 0) + 1;
      counts.sequential += sequential;
    });
    res.once('close', () => {
      counts.inFlight--;
      if (answered) return;
      counts.abandoned++;
      counts.abandonedCommands += tally().commands.length;
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  process.on('message', (m: CountsRequest) => {
    if (m?.type === 'counts') process.send?.({ type: 'counts', id: m.id, counts: { ...counts, ...counter.totals(), commands: { ...counts.commands } } } satisfies CountsReply);
  });
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
