/**
 * Shutdown: the built server (server/main.ts bundled as `npm start` bundles it), under load,
 * gets SIGTERM. A request in flight finishes, new connections are refused, the embedded
 * database it started (of the run's engine: FerretDB or mongod) stops with it (no orphan), and a
 * restart on the same DATA_DIR shows every action that was acknowledged. With MONGODB_URI the
 * server uses a database of its own on that server, and there is no embedded process to check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import mongoose from 'mongoose';
import { DEFAULT_FERRETDB_BINARY, freeLoopbackPort } from '../../../server/db/embeddedDatabase';
import { describeUnless } from '../../support/skips';
import { mail } from '../fixtures';
import { eventually, loadLoop, send, type Sent } from './support';

jest.setTimeout(90_000);

const root = path.resolve(__dirname, '../../..');
const ferretdb = process.env.FERRETDB_BIN ?? DEFAULT_FERRETDB_BINARY;
const engine = process.env.TEST_DB_ENGINE;
/** The process the server starts for its embedded database, by its executable's name; none for MONGODB_URI. */
const embeddedProcess = engine === 'ferretdb' ? 'ferretdb' : engine === 'mongodb-memory-server' ? 'mongod' : null;
const cannotRun = engine === 'ferretdb' && !existsSync(ferretdb) ? `needs the FerretDB binary at ${ferretdb}` : !engine ? 'no database was started for the run' : null;

/** The run's MONGODB_URI server, with a database of the test's own (the URI's path names it). */
function ownDatabaseOn(uri: string, name: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error('MONGODB_URI is not a mongodb:// URI');
  return `${m[1]}/${name}${m[2] ?? ''}`;
}
const externalUri = engine === 'external' ? ownDatabaseOn(process.env.TEST_MONGODB_URI!, `test_shutdown_${process.pid}`) : undefined;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** The project's server bundle, built from the current source into a folder of this run. */
async function buildServer(outdir: string): Promise<string> {
  await esbuild.build({
    entryPoints: { 'server/main': path.join(root, 'server/main.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent',
  });
  return path.join(outdir, 'server', 'main.js');
}

async function startServer(main: string, dataDir: string): Promise<Running> {
  const port = await freeLoopbackPort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HTTPS: '0', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: '0', LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_IP: '0', SHUTDOWN_GRACE_MS: '10000', FERRETDB_BIN: ferretdb, NODE_ENV: 'development',
  };
  delete env.MONGODB_URI;
  delete env.DB_ENGINE;
  if (externalUri) env.MONGODB_URI = externalUri;
  else env.DB_ENGINE = engine; // the run's engine, not the automatic choice again
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const up = await eventually(async () => child.exitCode === null && (await send(`${url}/healthz`, { timeoutMs: 1_000 })).status === 200, 30_000, 200);
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start: ${output}`);
  }
  return { child, url, output: () => output, exited };
}

/** Child processes of `pid` whose executable's name starts with `name` (Linux /proc). */
function childrenNamed(pid: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/comm`, 'utf8').startsWith(name)) found.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A log request whose body trickles in over `ms`, so that it is in flight for that long. */
function slowLogEmail(url: string, token: string, body: object, ms: number): Promise<{ status: number; body: string }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/v1/actions/email`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    const pieces = 10;
    const size = Math.ceil(text.length / pieces);
    let i = 0;
    const tick = () => {
      const piece = text.slice(i * size, (i + 1) * size);
      i++;
      if (i >= pieces) req.end(piece);
      else {
        req.write(piece);
        setTimeout(tick, ms / pieces);
      }
    };
    tick();
  });
}

/** Connects afresh (no keep-alive) and reports the error code, or 'answered'. */
function freshConnection(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { agent: false, timeout: 3_000 }, (res) => {
      res.resume();
      resolve(`answered ${res.statusCode}`);
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

describeUnless(cannotRun, 'graceful shutdown of the built server', () => {
  let work: string;
  let dataDir: string;
  let main: string;
  const started: Running[] = [];

  beforeAll(async () => {
    // Inside the project, so that the bundle finds node_modules; test-artifacts/ is git-ignored.
    mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
    work = mkdtempSync(path.join(root, 'test-artifacts', 'shutdown-'));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-shutdown-'));
    main = await buildServer(work);
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    if (externalUri) {
      const conn = await mongoose.createConnection(externalUri).asPromise();
      await conn.dropDatabase();
      await conn.close();
    }
    rmSync(work, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test(`SIGTERM under load: in-flight requests finish, new ones are refused, ${embeddedProcess ?? 'the server'} stops, nothing acknowledged is lost`, async () => {
    const first = await startServer(main, dataDir);
    started.push(first);
    const embeddedPids = embeddedProcess ? childrenNamed(first.child.pid!, embeddedProcess) : [];
    if (embeddedProcess) expect(embeddedPids).toHaveLength(1);

    const signIn = async (url: string, email: string, role?: string) =>
      ((await send(`${url}/dev/token`, { body: { email, ...(role ? { role } : {}) } })).body as { token: string }).token;
    const aino = await signIn(first.url, 'aino.virtanen@omnia.fi');
    const admin = await signIn(first.url, 'paakayttaja@omnia.fi', 'admin');
    const org = await send(`${first.url}/api/v1/organizations`, { token: admin, body: { name: 'Rakennus Oy Kivijalka', segment: 'A', emailDomains: ['kivijalka.fi'] } });
    expect(org.status).toBe(201);
    const orgId = (org.body as { id: string }).id;

    type Attempt = Sent & { messageId: string; sentAt: number };
    const load = loadLoop<Attempt>(6, async (n) => {
      const messageId = `<shutdown-${n}@kivijalka.fi>`;
      const sentAt = Date.now();
      const r = await send(`${first.url}/api/v1/actions/email`, { token: aino, body: mail({ internetMessageId: messageId, from: 'myynti@kivijalka.fi' }), timeoutMs: 15_000 });
      return { ...r, messageId, sentAt };
    }, 20_000);

    await new Promise((r) => setTimeout(r, 1_000));
    const slow = slowLogEmail(first.url, aino, mail({ internetMessageId: '<in-flight@kivijalka.fi>', from: 'myynti@kivijalka.fi' }), 2_000);
    await new Promise((r) => setTimeout(r, 500));
    const sigtermAt = Date.now();
    first.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const newConnection = await freshConnection(first.url);

    const inFlight = await slow;
    const code = await Promise.race([first.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000))]);
    const attempts = await load.stop();

    // The request in flight at SIGTERM was served in full; a new connection was refused.
    expect(inFlight.status).toBe(201);
    expect(newConnection).toBe('ECONNREFUSED');
    expect({ code, output: code === 0 ? '' : first.output() }).toEqual({ code: 0, output: '' });

    // Under load nothing failed on the server's side: answers were 2xx, else the connection was gone.
    const served = attempts.filter((a) => a.status !== 0);
    expect(served.filter((a) => a.status < 200 || a.status >= 300).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    expect(attempts.filter((a) => a.sentAt < sigtermAt - 100 && a.status === 0).map((a) => `${a.messageId} ${a.error}`)).toEqual([]);

    // The embedded database went down with the server.
    for (const pid of embeddedPids) expect(await eventually(async () => !alive(pid), 5_000)).toBe(true);

    // A restart on the same DATA_DIR has every acknowledged action.
    const second = await startServer(main, dataDir);
    started.push(second);
    const aino2 = await signIn(second.url, 'aino.virtanen@omnia.fi');
    const stored = new Set<string>();
    for (let cursor: string | null = null; ; ) {
      const res = await send(`${second.url}/api/v1/organizations/${orgId}/actions?limit=100${cursor ? `&before=${cursor}` : ''}`, { token: aino2 });
      expect(res.status).toBe(200);
      const body = res.body as { items: { internetMessageId: string | null }[]; nextCursor: string | null };
      for (const a of body.items) if (a.internetMessageId) stored.add(a.internetMessageId);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const acknowledged = [...served.filter((a) => a.status === 201 || a.status === 200).map((a) => a.messageId), '<in-flight@kivijalka.fi>'];
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
