/**
 * `npm run bench [-- --quick] [-- --json]`: the lookup and logging paths at college scale.
 *
 * 1. Generates the dataset into a fresh database (embedded FerretDB on a temporary folder, or a
 *    new database on MONGODB_URI), timed.
 * 2. Starts the server (production compose/createApp) in a child process on loopback.
 * 3. Loads it from this process with autocannon, scenario by scenario, after a warm-up.
 * 4. Prints the table (and, with --json, the figures as one JSON line, last).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase } from '../server/db/connect';
import { PROJECT_ROOT, startFerretDB } from '../server/db/embeddedDatabase';
import { registerModels } from '../server/persistence/models';
import { seedDefaultCarePlan } from '../server/persistence/setup';
import { FULL_SCALE, generateDataset, QUICK_SCALE } from './dataset';
import { statusOnScreenMs, taskPaneGzipBytes } from './frontEnd';
import { buildScenarios, runScenario, type ScenarioResult } from './scenarios';
import { serve } from './serve';

interface Options {
  quick: boolean;
  json: boolean;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  logLevel: string;
  keep: boolean;
  rateLimit: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = flag('quick');
  const known = ['quick', 'json', 'keep', 'seconds', 'warmup', 'connections', 'log-level', 'no-rate-limit'];
  for (const a of argv) {
    const name = a.replace(/^--/, '').split('=')[0]!;
    if (!a.startsWith('--') || !known.includes(name)) throw new Error(`unknown argument ${a}; known: ${known.map((k) => `--${k}`).join(' ')}`);
  }
  return {
    quick,
    json: flag('json'),
    keep: flag('keep'),
    seconds: Number(value('seconds') ?? (quick ? 5 : 20)),
    warmupSeconds: Number(value('warmup') ?? (quick ? 2 : 5)),
    connections: Number(value('connections') ?? 50),
    logLevel: value('log-level') ?? 'warn',
    rateLimit: !flag('no-rate-limit'),
  };
}

const say = (m: string) => process.stderr.write(`${m}\n`);

/** CPU seconds a process has used so far (Linux /proc), or NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function startServer(uri: string, dbName: string, logLevel: string, rateLimit: boolean) {
  const child = fork(__filename, ['--serve'], {
    // e.g. BENCH_SERVER_EXEC_ARGV="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
    execArgv: [...process.execArgv, ...(process.env.BENCH_SERVER_EXEC_ARGV?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_SERVE: JSON.stringify({ uri, dbName, logLevel, rateLimit }) },
    // The server's output goes to stderr, so that --json stays the last line of stdout.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error('server gave no port'))));
    child.once('exit', (code) => reject(new Error(`server exited with code ${code}`)));
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function signIn(baseUrl: string, emails: readonly string[]): Promise<string[]> {
  return Promise.all(
    emails.map(async (email) => {
      const res = await fetch(`${baseUrl}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
      if (!res.ok) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    }),
  );
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(results: ScenarioResult[]): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'vs bare'];
  const rows = results.map((r) => [r.name, fmt(r.rps), fmt(r.p50), fmt(r.p99), fmt(r.max), fmt(r.errors), r.ratio === undefined ? '' : `${fmt(r.ratio * 100)} %`]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const scale = opts.quick ? QUICK_SCALE : FULL_SCALE;
  const startedAt = Date.now();

  let dataDir: string | undefined;
  let ferret: Awaited<ReturnType<typeof startFerretDB>> | undefined;
  let uri = process.env.MONGODB_URI;
  const dbName = `asiakkuus_bench_${randomBytes(3).toString('hex')}`;
  if (!uri) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-bench-'));
    ferret = await startFerretDB({ dataDir });
    uri = ferret.uri;
  }
  const engine = ferret ? 'FerretDB 1.24.2 (SQLite), embedded' : 'MONGODB_URI';
  say(`database: ${engine}, database ${dbName}`);

  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const conn = await connectDatabase(uri, dbName);
  try {
    const models = registerModels(conn);
    await seedDefaultCarePlan(models);
    say(`generating ${fmt(scale.organizations)} customers, ${fmt(scale.contacts)} contacts, ${fmt(scale.actions)} actions…`);
    const data = await generateDataset(models, scale, { log: say });
    say(`generated in ${data.seconds.total.toFixed(1)} s (inserts ${data.seconds.insert.toFixed(1)} s, indexes ${data.seconds.indexes.toFixed(1)} s): ` +
      `${fmt(data.counts.organizations)} customers, ${fmt(data.counts.contacts)} contacts, ${fmt(data.counts.actions)} actions, ${fmt(data.counts.uniqueKeys)} unique keys`);

    server = await startServer(uri, dbName, opts.logLevel, opts.rateLimit);
    say(`server at ${server.url}; ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s per scenario`);
    const tokens = await signIn(server.url, data.samples.managerEmails);

    // Other work on the machine skews every figure; the load average before the run shows how much there was.
    const loadBefore = os.loadavg();
    const scenarios = buildScenarios(data.samples);
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      if (opts.warmupSeconds > 0) await runScenario(server.url, scenario, tokens, { connections: opts.connections, seconds: opts.warmupSeconds });
      const cpuBefore = [cpuSeconds(server.pid), cpuSeconds(ferret?.child.pid), cpuSeconds(process.pid)];
      const r = await runScenario(server.url, scenario, tokens, { connections: opts.connections, seconds: opts.seconds });
      const [node, db, load] = [cpuSeconds(server.pid), cpuSeconds(ferret?.child.pid), cpuSeconds(process.pid)].map((v, i) => (v - cpuBefore[i]!) / Math.max(r.requests, 1) * 1000);
      r.cpuMsPerRequest = { server: round2(node!), database: round2(db!), loadGenerator: round2(load!) };
      say(`  ${r.name}: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, errors ${r.errors}; ` +
        `CPU ms per request: server ${fmt(node!, 2)}, database ${fmt(db!, 2)}, autocannon ${fmt(load!, 2)}`);
      results.push(r);
    }
    const bare = results.find((r) => r.name === 'bare endpoint')!;
    for (const r of results) r.ratio = Math.round((r.rps / bare.rps) * 1000) / 1000;

    const gzip = taskPaneGzipBytes(PROJECT_ROOT);
    const status = await statusOnScreenMs(server.url, { displayName: 'Bench Contact', emailAddress: data.samples.contactEmails[0]! });

    console.log('');
    console.log(`Asiakkuus benchmark ${new Date().toISOString()}  ${opts.quick ? '(quick: a tenth of the scale)' : ''}`);
    console.log(`engine: ${engine}; machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${fmt(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; ` +
      `load average before the load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`dataset: ${fmt(data.counts.organizations)} customers, ${fmt(data.counts.contacts)} contacts, ${fmt(data.counts.actions)} actions; generated in ${data.seconds.total.toFixed(1)} s`);
    console.log(`load: autocannon, ${opts.connections} connections, ${opts.seconds} s per scenario after ${opts.warmupSeconds} s warm-up; server log level ${opts.logLevel}; rate limiting ${opts.rateLimit ? 'on (limits out of reach)' : 'off'}`);
    console.log('');
    console.log(table(results));
    console.log('');
    console.log(`task pane first load (what dist/addin/taskpane.html loads, gzip -9): ${gzip === null ? 'n/a (not built)' : `${fmt(gzip.firstLoad / 1024, 1)} KB; other bundles (sign-in on demand, other pages): ${fmt(gzip.others / 1024, 1)} KB`}`);
    console.log(`Office.onReady → status on screen: ${status.ms === null ? `n/a (${status.note})` : `${fmt(status.ms)} ms (${status.note})`}`);
    console.log(`total time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    if (opts.json) {
      console.log(JSON.stringify(results.map(({ name, rps, p50, p99, max, errors, ratio }) => ({ name, rps, p50, p99, max, errors, ratio }))));
    }
  } finally {
    await server?.stop();
    if (process.env.MONGODB_URI && !opts.keep) await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await ferret?.stop();
    if (dataDir && !opts.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--serve') {
  serve(JSON.parse(process.env.BENCH_SERVE ?? '{}')).catch((err: Error) => {
    console.error(`bench server could not start: ${err.message}`);
    process.exit(1);
  });
} else {
  main().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
}
