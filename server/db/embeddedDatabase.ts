/**
 * The embedded database used when no MONGODB_URI is given: FerretDB (MongoDB wire protocol
 * over SQLite) as a child process on a free loopback port, else mongodb-memory-server's
 * real mongod. Both stop with the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  uri: string;
  engine: 'ferretdb' | 'mongodb-memory-server';
  stop(): Promise<void>;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_FERRETDB_BINARY = path.join(PROJECT_ROOT, '.tools', 'bin', 'ferretdb');

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface FerretOptions {
  binary?: string;
  dataDir: string;
  port?: number;
  logger?: Logger;
}

/** Starts FerretDB on SQLite with telemetry off; resolves once it accepts connections. */
export async function startFerretDB(opts: FerretOptions): Promise<EmbeddedDatabase & { port: number; child: ChildProcess }> {
  const binary = opts.binary ?? DEFAULT_FERRETDB_BINARY;
  if (!existsSync(binary)) throw new Error(`FerretDB binary not found at ${binary}`);
  mkdirSync(opts.dataDir, { recursive: true });
  const port = opts.port ?? (await freeLoopbackPort());
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${opts.dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${opts.dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    { env: { ...process.env, DO_NOT_TRACK: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const deadline = Date.now() + 20_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`FerretDB did not accept connections within 20 s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  opts.logger?.info({ port, dataDir: opts.dataDir }, 'embedded FerretDB started');
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    engine: 'ferretdb',
    port,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

async function startMongoMemoryServer(dataDir: string): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  mkdirSync(dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({ instance: { dbPath: dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1' } });
  return {
    uri: server.getUri(),
    engine: 'mongodb-memory-server',
    async stop() {
      await server.stop({ doCleanup: false });
    },
  };
}

/**
 * Starts whichever embedded engine this machine can run: FerretDB when its binary exists
 * (the project's scripts build it wherever Go is installed), else mongodb-memory-server.
 */
export async function startEmbeddedDatabase(opts: { dataDir: string; ferretdbBinary?: string; logger?: Logger }): Promise<EmbeddedDatabase> {
  const binary = opts.ferretdbBinary ?? process.env.FERRETDB_BIN ?? DEFAULT_FERRETDB_BINARY;
  const problems: string[] = [];
  if (existsSync(binary)) {
    try {
      return await startFerretDB({ binary, dataDir: path.join(opts.dataDir, 'ferretdb'), logger: opts.logger });
    } catch (err) {
      problems.push(`FerretDB: ${(err as Error).message}`);
    }
  } else {
    problems.push(`FerretDB: no binary at ${binary} (install Go and run \`node scripts/ferretdb.mjs\`)`);
  }
  try {
    return await startMongoMemoryServer(path.join(opts.dataDir, 'mongod'));
  } catch (err) {
    problems.push(`mongodb-memory-server: ${(err as Error).message}`);
  }
  throw new Error(
    'No database could be started. Choose one of: ' +
      '(1) set MONGODB_URI to a MongoDB 7+ (or FerretDB) server; ' +
      '(2) install Go so that FerretDB is built into .tools/bin (`node scripts/ferretdb.mjs`); ' +
      '(3) allow mongodb-memory-server to download a mongod binary (needs network access). ' +
      `Details: ${problems.join(' | ')}`,
  );
}
