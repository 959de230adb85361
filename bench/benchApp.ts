/**
 * The composed app of a bench scenario over loopback HTTP: on MONGODB_URI when given, else on a
 * fresh embedded FerretDB in a temporary folder; `close` takes all of it down again.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { compose, type ComposeOptions, type Composed } from '../server/compose';
import { startFerretDB } from '../server/db/embeddedDatabase';

export interface BenchApp {
  composed: Composed;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Which engine serves it, for the printed figures. */
  engine: string;
  close(): Promise<void>;
}

export async function startBenchApp(name: string, extra: Partial<ComposeOptions> = {}): Promise<BenchApp> {
  let dataDir: string | undefined;
  let uri = process.env.MONGODB_URI;
  let ferret: Awaited<ReturnType<typeof startFerretDB>> | undefined;
  if (!uri) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), `asiakkuus-bench-${name}-`));
    ferret = await startFerretDB({ dataDir });
    uri = ferret.uri;
  }
  const composed = await compose({
    uri, dbName: `asiakkuus_bench_${name}_${Date.now()}`, authMode: 'dev', logger: pino({ level: 'silent' }),
    settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
    rateLimit: { perUser: 1_000_000, perIp: 1_000_000, windowSeconds: 60 },
    ...extra,
  });
  const server = http.createServer(composed.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    composed,
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    engine: ferret ? 'the embedded FerretDB' : 'MONGODB_URI',
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await composed.conn.close();
      await ferret?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
