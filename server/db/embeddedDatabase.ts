/**
 * Which database the server (and the test run, test/support/globalSetup.ts) uses, chosen once
 * at start, with the reason kept for the log and GET /readyz:
 *
 *  1. `MONGODB_URI` → that server (`external`).
 *  2. `DB_ENGINE=mongodb-memory-server|ferretdb` → that embedded engine. If it cannot start, that
 *     is the error, naming why: a forced engine never falls back silently.
 *  3. Otherwise a real `mongod` through mongodb-memory-server, when a binary is cached
 *     (MONGOMS_SYSTEM_BINARY, MONGOMS_DOWNLOAD_DIR, ~/.cache/mongodb-binaries,
 *     node_modules/.cache) or the download answers within a few seconds (what a new user with
 *     a network gets). Offline the probe fails at once, or after PROBE_TIMEOUT_MS at worst.
 *  4. Else the embedded FerretDB (MongoDB wire protocol over SQLite), built into .tools/bin by
 *     the project's scripts wherever Go is installed.
 *
 * Both embedded engines run as child processes on a free loopback port and stop with the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { DryMongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
import { MongoBinaryDownloadUrl } from 'mongodb-memory-server-core/lib/util/MongoBinaryDownloadUrl';
import { envToBool, resolveConfig, ResolveConfigVariables } from 'mongodb-memory-server-core/lib/util/resolveConfig';
import type { Logger } from 'pino';

export const EMBEDDED_ENGINES = ['mongodb-memory-server', 'ferretdb'] as const;
export type EmbeddedEngine = (typeof EMBEDDED_ENGINES)[number];
export type DatabaseEngine = EmbeddedEngine | 'external';

/** What serves the data and why it was chosen; logged at start and shown by GET /readyz. */
export interface DatabaseInfo {
  engine: DatabaseEngine;
  reason: string;
}

export interface EmbeddedDatabase extends DatabaseInfo {
  uri: string;
  stop(): Promise<void>;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const DEFAULT_FERRETDB_BINARY = path.join(PROJECT_ROOT, '.tools', 'bin', 'ferretdb');
/** How long the mongod download may take to answer before the start goes on with FerretDB. */
export const PROBE_TIMEOUT_MS = 4_000;

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

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();

/** A MongoDB URI without its user, password and options (which can carry secrets), for logs and /readyz. */
export function describeServer(uri: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/?]*@)?([^/?]*)(\/[^?]*)?/.exec(uri);
  return m ? `${m[1]}${m[2]}${m[3] ?? ''}` : 'a server given by MONGODB_URI';
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
    reason: 'started directly',
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

/**
 * Starts a real mongod through mongodb-memory-server, downloading the binary when none is
 * cached. Given a port, exactly that port (so that a test can restart it where clients expect it).
 */
export async function startMongoMemoryServer(opts: { dataDir: string; port?: number; logger?: Logger }): Promise<EmbeddedDatabase & { port: number }> {
  mkdirSync(opts.dataDir, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath: opts.dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1', port: opts.port, portGeneration: opts.port === undefined },
  });
  const port = server.instanceInfo!.port;
  opts.logger?.info({ port, dataDir: opts.dataDir }, 'embedded mongod (mongodb-memory-server) started');
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    engine: 'mongodb-memory-server',
    reason: 'started directly',
    port,
    async stop() {
      await server.stop({ doCleanup: false });
    },
  };
}

/** The proxy mongodb-memory-server downloads through (the same variables it reads), if any. */
function downloadProxy(): string | undefined {
  const env = process.env;
  return env['yarn_https-proxy'] || env.yarn_proxy || env['npm_config_https-proxy'] || env.npm_config_proxy
    || env.https_proxy || env.http_proxy || env.HTTPS_PROXY || env.HTTP_PROXY || undefined;
}

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'the name does not resolve: no network?',
  EAI_AGAIN: 'the name does not resolve: no network?',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
};

/**
 * Whether `url` answers within `timeoutMs`: null when it does, else what went wrong. Through a
 * proxy, whether the proxy opens a tunnel to the download host.
 */
function probeDownload(url: string, timeoutMs: number): Promise<string | null> {
  const target = new URL(url);
  const proxy = downloadProxy();
  return new Promise((resolve) => {
    let settled = false;
    const settle = (problem: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(problem);
    };
    let req: http.ClientRequest;
    if (proxy) {
      const p = new URL(proxy);
      const auth = p.username ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(p.username)}:${decodeURIComponent(p.password)}`).toString('base64')}` } : undefined;
      req = http.request({ host: p.hostname, port: p.port || 80, method: 'CONNECT', path: `${target.hostname}:${target.port || 443}`, headers: auth });
      req.once('connect', (res, socket) => {
        socket.destroy();
        settle(res.statusCode === 200 ? null : `the proxy ${p.host} refused a tunnel to ${target.host} (${res.statusCode})`);
      });
    } else {
      req = (target.protocol === 'http:' ? http : https).request(target, { method: 'HEAD' });
      req.once('response', (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 400) settle(null);
        else if (status === 403 || status === 404) settle(`${url} answered ${status}: MongoDB publishes no such mongod for this system`);
        else settle(`${url} answered ${status}`);
      });
    }
    req.once('error', (err: NodeJS.ErrnoException) => {
      const meaning = err.code ? NETWORK_ERRORS[err.code] : undefined;
      settle(`${target.host}: ${err.code ?? err.message}${meaning ? ` (${meaning})` : ''}`);
    });
    const timer = setTimeout(() => settle(`${target.host} did not answer within ${timeoutMs / 1000} s`), timeoutMs);
    req.end();
  });
}

/**
 * Whether mongodb-memory-server can have a mongod without waiting long: a cached binary, or a
 * download that answers within `timeoutMs`. Nothing is downloaded here.
 */
export async function mongodAvailability(timeoutMs = PROBE_TIMEOUT_MS): Promise<{ ok: true; note: string } | { ok: false; why: string }> {
  try {
    const options = await DryMongoBinary.generateOptions();
    const cached = await DryMongoBinary.locateBinary(options);
    if (cached) return { ok: true, note: `a mongod ${options.version} binary is at ${cached}` };
    if (!envToBool(resolveConfig(ResolveConfigVariables.RUNTIME_DOWNLOAD))) {
      return { ok: false, why: 'no mongod binary cached and downloads are turned off (MONGOMS_RUNTIME_DOWNLOAD)' };
    }
    const url = await new MongoBinaryDownloadUrl(options).getDownloadUrl();
    if (url.startsWith('http:') && !envToBool(resolveConfig(ResolveConfigVariables.USE_HTTP))) {
      return { ok: false, why: `no mongod binary cached, and the download URL ${url} is plain HTTP without MONGOMS_USE_HTTP=true` };
    }
    const problem = await probeDownload(url, timeoutMs);
    if (problem) return { ok: false, why: `no mongod binary cached and the download failed: ${problem}` };
    return { ok: true, note: `no mongod binary was cached; downloaded mongod ${options.version} from ${new URL(url).host}` };
  } catch (err) {
    return { ok: false, why: `no usable mongod binary: ${messageOf(err)}` };
  }
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Forces one engine (DB_ENGINE): if it cannot start, that is the error. */
  engine?: EmbeddedEngine;
  ferretdbBinary?: string;
  logger?: Logger;
  /** How long the mongod download may take to answer before FerretDB is used (default PROBE_TIMEOUT_MS). */
  probeTimeoutMs?: number;
}

/** Starts the embedded engine: the forced one, else mongod when it can be had quickly, else FerretDB. */
export async function startEmbeddedDatabase(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const binary = opts.ferretdbBinary ?? process.env.FERRETDB_BIN ?? DEFAULT_FERRETDB_BINARY;
  const mongodDir = path.join(opts.dataDir, 'mongod');
  const ferretDir = path.join(opts.dataDir, 'ferretdb');
  const noFerret = `no FerretDB binary at ${binary} (install Go and run \`node scripts/ferretdb.mjs\`)`;

  if (opts.engine === 'mongodb-memory-server') {
    // Forced: the download gets mongodb-memory-server's own retries and timeouts, not the quick probe.
    try {
      return { ...(await startMongoMemoryServer({ dataDir: mongodDir, logger: opts.logger })), reason: 'DB_ENGINE=mongodb-memory-server' };
    } catch (err) {
      throw new Error(`DB_ENGINE=mongodb-memory-server, but mongod could not start: ${messageOf(err)}`);
    }
  }
  if (opts.engine === 'ferretdb') {
    if (!existsSync(binary)) throw new Error(`DB_ENGINE=ferretdb, but there is ${noFerret}`);
    try {
      return { ...(await startFerretDB({ binary, dataDir: ferretDir, logger: opts.logger })), reason: 'DB_ENGINE=ferretdb' };
    } catch (err) {
      throw new Error(`DB_ENGINE=ferretdb, but FerretDB could not start: ${messageOf(err)}`);
    }
  }

  let why: string;
  const mongod = await mongodAvailability(opts.probeTimeoutMs);
  if (mongod.ok) {
    try {
      return { ...(await startMongoMemoryServer({ dataDir: mongodDir, logger: opts.logger })), reason: mongod.note };
    } catch (err) {
      why = `mongod could not start: ${messageOf(err)}`;
    }
  } else {
    why = mongod.why;
  }
  if (existsSync(binary)) {
    try {
      return { ...(await startFerretDB({ binary, dataDir: ferretDir, logger: opts.logger })), reason: why };
    } catch (err) {
      why += ` | FerretDB could not start: ${messageOf(err)}`;
    }
  } else {
    why += ` | ${noFerret}`;
  }
  throw new Error(
    'No database could be started. Choose one of: ' +
      '(1) set MONGODB_URI to a MongoDB 7+ (or FerretDB) server; ' +
      '(2) allow mongodb-memory-server to download a mongod binary (needs network access once) or point MONGOMS_SYSTEM_BINARY at one; ' +
      '(3) install Go so that FerretDB is built into .tools/bin (`node scripts/ferretdb.mjs`). ' +
      `Details: mongodb-memory-server: ${why}`,
  );
}

/** The database for this process: MONGODB_URI's server, else an embedded one (see the module header). */
export async function startDatabase(opts: EmbeddedOptions & { uri?: string }): Promise<EmbeddedDatabase> {
  if (opts.uri) {
    if (opts.engine) throw new Error(`DB_ENGINE=${opts.engine} chooses an embedded database, but MONGODB_URI names a server: set only one`);
    return { uri: opts.uri, engine: 'external', reason: `MONGODB_URI is set (${describeServer(opts.uri)})`, stop: async () => undefined };
  }
  return startEmbeddedDatabase(opts);
}
