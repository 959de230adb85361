/**
 * `npm run bench [-- --quick] [-- --json]`: the lookup and logging paths at benchmark scale.
 * `npm run bench -- --sales`: the sales pipeline's board and offer PDF at the pipeline issue's scale (bench/sales.ts).
 * `npm run bench -- --selections`: a selection's list operations on 10,000 customers (bench/selections.ts).
 * `npm run bench -- --mailing`: a mailing to 10,000 contacts through a local SMTP sink (bench/mailing.ts).
 * `npm run bench -- --reports`: the reports page's figures at 10,000 customers and 100,000 actions (bench/reports.ts).
 * `npm run bench -- --college`: the web desktop's reads (desk, customer page, search) one request at a
 * time at one college's scale (5,000 customers, 15,000 contacts, 150,000 actions), with the read models
 * written in bulk by the dataset instead of the start's backfill. `--college --only=search`: the same
 * dataset, the search kinds alone (no desks, no customer pages).
 *
 * 1. Generates the dataset into a fresh database (embedded FerretDB on a temporary folder, or a
 *    new database on MONGODB_URI), timed.
 * 2. Starts the server (production compose/createApp) in a child process on loopback.
 * 3. Loads it from this process with autocannon, scenario by scenario, after a warm-up; then
 *    lookup and logging over one connection; then lookups at a fixed offered rate (open loop).
 *    Around every measured run the server is asked over IPC how many requests it answered and
 *    which database commands it sent, so every figure has its round trips per request beside it.
 * 4. Prints the tables and the targets (and, with --json, the figures as one JSON line, last).
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
import { detectEngine } from '../server/persistence/engine';
import { createRepositories, SEARCH_INDEX_VERSION } from '../server/persistence/repositories';
import { COLLEGE_SCALE, FULL_SCALE, generateDataset, prepareDeskSample, QUICK_SCALE, type DeskSample, type GeneratedDataset } from './dataset';
import { statusOnScreenMs, taskPaneGzipBytes } from './frontEnd';
import { runOpenLoop, type OpenLoopResult } from './openLoop';
import { BARE, buildDeskScenarios, buildScenarios, DESK_LOG, DESK_READ, ONE_READ, runScenario, type Scenario, type ScenarioResult } from './scenarios';
import { runSelectionBench } from './selections';
import { runMailingBench } from './mailing';
import { runSalesBench } from './sales';
import { runReportBench } from './reports';
import { serve, type CountsReply, type CountsRequest, type ServerCounts } from './serve';
import { customerPage, quantiles, searchItems, searchPath, searchQueries, timedGet, type Quantiles } from './webDesktop';
import type { Models } from '../server/persistence/models';

interface Options {
  quick: boolean;
  college: boolean;
  json: boolean;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  logLevel: string;
  keep: boolean;
  rateLimit: boolean;
  /** Open loop: lookups offered per second, and for how long. */
  rate: number;
  openSeconds: number;
  /** `--only=search` (with --college): the search kinds alone, without the desks and customer pages. */
  only: 'search' | null;
}

function parseOptions(argv: readonly string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = flag('quick');
  const college = flag('college');
  if (quick && college) throw new Error('--quick and --college are different scales; give one');
  const known = ['quick', 'college', 'json', 'keep', 'seconds', 'warmup', 'connections', 'log-level', 'no-rate-limit', 'rate', 'open-seconds', 'only'];
  for (const a of argv) {
    const name = a.replace(/^--/, '').split('=')[0]!;
    if (!a.startsWith('--') || !known.includes(name)) throw new Error(`unknown argument ${a}; known: ${known.map((k) => `--${k}`).join(' ')}`);
  }
  const only = value('only') ?? null;
  if (only !== null && only !== 'search') throw new Error(`--only=${only}: the one part that runs alone is --only=search`);
  if (only && !college) throw new Error('--only=search runs the college searches; give --college too');
  return {
    only,
    quick,
    college,
    json: flag('json'),
    keep: flag('keep'),
    seconds: Number(value('seconds') ?? (quick ? 5 : college ? 10 : 20)),
    warmupSeconds: Number(value('warmup') ?? (quick ? 2 : 5)),
    connections: Number(value('connections') ?? 50),
    logLevel: value('log-level') ?? 'warn',
    rateLimit: !flag('no-rate-limit'),
    rate: Number(value('rate') ?? 100),
    openSeconds: Number(value('open-seconds') ?? (quick ? 10 : 20)),
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
  let asked = 0;
  const counts = () =>
    new Promise<ServerCounts>((resolve, reject) => {
      const id = ++asked;
      const onMessage = (m: CountsReply) => {
        if (m?.type !== 'counts' || m.id !== id) return;
        child.off('message', onMessage);
        resolve(m.counts);
      };
      child.on('message', onMessage);
      child.send({ type: 'counts', id } satisfies CountsRequest, (err) => err && reject(err));
    });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}`,
    /**
     * The server's counts once it is quiet: no request in flight and no new command for 100 ms
     * (requests the load generator gave up on at the end of a run finish their commands first).
     */
    async quietCounts(): Promise<ServerCounts> {
      const until = Date.now() + 10_000;
      let last = await counts();
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await counts();
        if ((now.inFlight === 0 && now.sent === last.sent) || Date.now() > until) return now;
        last = now;
      }
    },
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

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number | undefined) => (ratio === undefined ? '' : `${fmt(ratio * 100)} %`);

/** A Markdown table: the first column left-aligned, the others right-aligned. */
function table(head: readonly string[], rows: readonly string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

interface CommandsPerRequest {
  /** Requests the server answered in full between the snapshots. */
  requests: number;
  perRequest: number;
  byCommand: Record<string, number>;
  /** The longest chain of commands one after another, per request. */
  sequential: number;
  /** Requests given up on by the client before their answer, and commands sent outside a request. */
  abandoned: number;
  unattributed: number;
}

/** Database commands per request between two snapshots of the server's counts. */
function commandsPer(before: ServerCounts, after: ServerCounts): CommandsPerRequest {
  const requests = after.requests - before.requests;
  const byCommand: Record<string, number> = {};
  let sent = 0;
  for (const [name, n] of Object.entries(after.commands)) {
    const d = n - (before.commands[name] ?? 0);
    if (d <= 0) continue;
    sent += d;
    byCommand[name] = Math.round((d / Math.max(requests, 1)) * 10_000) / 10_000;
  }
  return {
    requests,
    perRequest: round2(sent / Math.max(requests, 1)),
    byCommand,
    sequential: round2((after.sequential - before.sequential) / Math.max(requests, 1)),
    abandoned: after.abandoned - before.abandoned,
    unattributed: after.unattributed - before.unattributed,
  };
}

const commandsText = (c: CommandsPerRequest) =>
  `database commands per request ${fmt(c.perRequest, 2)}, ${fmt(c.sequential, 2)} one after another (${byCommandText(c.byCommand)}; ` +
  `${fmt(c.requests)} requests answered, ${fmt(c.abandoned)} given up on by the client${c.unattributed ? `, ${fmt(c.unattributed)} commands outside any request` : ''})`;

const byCommandText = (byCommand: Record<string, number> | undefined) =>
  Object.entries(byCommand ?? {})
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    // A reference-data reload (every 30 s at most) is a few commands over thousands of requests.
    .map(([name, n]) => `${name} ${n < 0.005 ? '< 0.01' : fmt(n, 2)}`)
    .join(', ') || 'none';

interface Target {
  target: string;
  figure: string;
  met: boolean;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const scale = opts.quick ? QUICK_SCALE : opts.college ? COLLEGE_SCALE : FULL_SCALE;
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
    const data = await generateDataset(models, scale, { log: say, readModels: opts.college });
    say(`generated in ${data.seconds.total.toFixed(1)} s (inserts ${data.seconds.insert.toFixed(1)} s, indexes ${data.seconds.indexes.toFixed(1)} s): ` +
      `${fmt(data.counts.organizations)} customers, ${fmt(data.counts.contacts)} contacts, ${fmt(data.counts.actions)} actions, ${fmt(data.counts.uniqueKeys)} unique keys`);
    let searchSeconds = 0;
    if (data.searchEntries) {
      const t0 = performance.now();
      const search = createRepositories(models, await detectEngine(conn)).search;
      const n = await search.replaceAll(data.searchEntries);
      await search.setVersion(SEARCH_INDEX_VERSION);
      searchSeconds = (performance.now() - t0) / 1000;
      say(`search index: ${fmt(n)} entries written in ${searchSeconds.toFixed(1)} s`);
    }

    const deskSample = await prepareDeskSample(models, data.samples);
    say(`desk scenarios: ${deskSample.managerEmail} looks after ${fmt(deskSample.organizationIds.length)} customers`);

    const serverStarting = performance.now();
    const srv = (server = await startServer(uri, dbName, opts.logLevel, opts.rateLimit));
    const serverStartMs = performance.now() - serverStarting;
    say(`server at ${srv.url}; ${opts.connections} connections, ${opts.warmupSeconds} s warm-up + ${opts.seconds} s per scenario`);
    const tokens = await signIn(srv.url, data.samples.managerEmails);

    /** Runs autocannon on a scenario after a warm-up, with the server's CPU and database commands per request. */
    const closedLoop = async (scenario: Scenario, connections: number, warmupSeconds: number): Promise<ScenarioResult> => {
      if (warmupSeconds > 0) await runScenario(srv.url, scenario, tokens, { connections, seconds: warmupSeconds });
      const countsBefore = await srv.quietCounts();
      const cpuBefore = [cpuSeconds(srv.pid), cpuSeconds(ferret?.child.pid), cpuSeconds(process.pid)];
      const r = await runScenario(srv.url, scenario, tokens, { connections, seconds: opts.seconds });
      const cpuAfter = [cpuSeconds(srv.pid), cpuSeconds(ferret?.child.pid), cpuSeconds(process.pid)];
      const commands = commandsPer(countsBefore, await srv.quietCounts());
      const [node, db, load] = cpuAfter.map((v, i) => ((v - cpuBefore[i]!) / Math.max(r.requests, 1)) * 1000);
      r.cpuMsPerRequest = { server: round2(node!), database: round2(db!), loadGenerator: round2(load!) };
      r.commandsPerRequest = commands.perRequest;
      r.sequentialPerRequest = commands.sequential;
      r.commands = commands.byCommand;
      say(`  ${r.name}${connections === 1 ? ', one connection' : ''}: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms, errors ${r.errors}; ` +
        `CPU ms per request: server ${fmt(node!, 2)}, database ${fmt(db!, 2)}, autocannon ${fmt(load!, 2)}; ` +
        commandsText(commands));
      return r;
    };

    if (opts.college) {
      await collegeRun({ opts, srv, models, data, deskSample, tokens, engine, ferret: ferret !== undefined, searchSeconds, serverStartMs, startedAt, closedLoopOf: (s) => closedLoop(s, 1, Math.min(1, opts.warmupSeconds)) });
      return;
    }

    // Other work on the machine skews every figure; the load average before the run shows how much there was.
    const loadBefore = os.loadavg();
    const scenarios = buildScenarios(data.samples);
    const scenario = (name: string) => scenarios.find((s) => s.name === name)!;
    const lookupName = scenarios[0]!.name;
    const logName = scenarios.find((s) => s.name.startsWith('log email (new)'))!.name;

    const results: ScenarioResult[] = [];
    for (const s of scenarios) results.push(await closedLoop(s, opts.connections, opts.warmupSeconds));
    const oneRead = results.find((r) => r.name === ONE_READ)!;
    const bare = results.find((r) => r.name === BARE)!;
    for (const r of results) {
      r.vsOneRead = Math.round((r.rps / oneRead.rps) * 1000) / 1000;
      r.vsBare = Math.round((r.rps / bare.rps) * 1000) / 1000;
    }

    // What one person waits: one request at a time (the JIT is warm from the runs above).
    const oneConnection: ScenarioResult[] = [];
    for (const name of [lookupName, logName]) oneConnection.push(await closedLoop(scenario(name), 1, Math.min(1, opts.warmupSeconds)));

    // The desk: one manager's home page and a colleague's logging on its customers, one request at a
    // time (one person). The first read builds the desk from the customers (a scan), outside the figures.
    const [deskToken, colleagueToken] = await signIn(srv.url, [deskSample.managerEmail, deskSample.colleagueEmail]) as [string, string];
    const primed = performance.now();
    const firstDesk = await fetch(`${srv.url}/api/v1/desk`, { headers: { authorization: `Bearer ${deskToken}` } });
    if (!firstDesk.ok) throw new Error(`desk: ${firstDesk.status} ${await firstDesk.text()}`);
    say(`  desk first read (built from the customers): ${fmt(performance.now() - primed)} ms`);
    for (const s of buildDeskScenarios(deskSample, deskToken, colleagueToken)) oneConnection.push(await closedLoop(s, 1, Math.min(1, opts.warmupSeconds)));
    const desk1 = oneConnection.find((r) => r.name === DESK_READ)!;
    const deskLog1 = oneConnection.find((r) => r.name === DESK_LOG)!;

    // A fixed offered rate of lookups, whatever the server answers.
    const lookup = scenario(lookupName);
    if (opts.warmupSeconds > 0) await runOpenLoop(srv.url, lookup, tokens, { rate: opts.rate, seconds: Math.min(2, opts.warmupSeconds) });
    const openBefore = await srv.quietCounts();
    const open: OpenLoopResult & Pick<ScenarioResult, 'commandsPerRequest' | 'sequentialPerRequest' | 'commands'> = await runOpenLoop(srv.url, lookup, tokens, {
      rate: opts.rate,
      seconds: opts.openSeconds,
    });
    const openCommands = commandsPer(openBefore, await srv.quietCounts());
    open.commandsPerRequest = openCommands.perRequest;
    open.sequentialPerRequest = openCommands.sequential;
    open.commands = openCommands.byCommand;
    say(`  ${open.name}, open loop at ${fmt(open.offeredRate)}/s: achieved ${fmt(open.achievedRate, 1)}/s, p50 ${open.p50} ms, p99 ${open.p99} ms, max ${open.max} ms, ` +
      `errors ${open.errors}, at most ${open.maxInFlight} in flight, send lag ≤ ${open.maxSendLagMs} ms; ${commandsText(openCommands)}`);

    const gzip = taskPaneGzipBytes(PROJECT_ROOT);
    const status = await statusOnScreenMs(srv.url, { displayName: 'Bench Contact', emailAddress: data.samples.contactEmails[0]! });

    const lookupResult = results.find((r) => r.name === lookupName)!;
    const [lookup1, log1] = oneConnection as [ScenarioResult, ScenarioResult];
    const targets: Target[] = [
      { target: `${DESK_READ}, one connection: p99 ≤ 300 ms`, figure: `p50 ${fmt(desk1.p50)} ms, p99 ${fmt(desk1.p99)} ms`, met: desk1.p99 <= 300 && desk1.errors === 0 },
      { target: `${DESK_LOG}, one connection: p50 ≤ 50 ms`, figure: `p50 ${fmt(deskLog1.p50)} ms, p99 ${fmt(deskLog1.p99)} ms`, met: deskLog1.p50 <= 50 && deskLog1.errors === 0 },
      {
        target: `${lookupName} throughput ≥ 30 % of the one-read ceiling`,
        figure: `${pct(lookupResult.vsOneRead)} (${fmt(lookupResult.rps)} of ${fmt(oneRead.rps)} req/s)`,
        met: lookupResult.vsOneRead! >= 0.3,
      },
      {
        target: `open loop ${fmt(opts.rate)} lookups/s: p99 ≤ 50 ms`,
        figure: `p99 ${fmt(open.p99, 1)} ms, ${open.keptUp ? 'kept up' : 'fell behind'} (${fmt(open.achievedRate, 1)}/s achieved)`,
        met: open.keptUp && open.p99 <= 50,
      },
      { target: 'one connection lookup p99 ≤ 15 ms', figure: `p99 ${fmt(lookup1.p99)} ms (p50 ${fmt(lookup1.p50)})`, met: lookup1.errors === 0 && lookup1.p99 <= 15 },
      { target: 'one connection log p99 ≤ 20 ms', figure: `p99 ${fmt(log1.p99)} ms (p50 ${fmt(log1.p50)})`, met: log1.errors === 0 && log1.p99 <= 20 },
    ];

    const closedRow = (r: ScenarioResult, ratios: boolean) => [
      r.name, fmt(r.rps), fmt(r.p50), fmt(r.p99), fmt(r.max), fmt(r.errors), fmt(r.commandsPerRequest ?? NaN, 1), fmt(r.sequentialPerRequest ?? NaN, 1), ...(ratios ? [pct(r.vsOneRead), pct(r.vsBare)] : []),
    ];
    const closedHead = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'db cmds/req', 'in a row'];

    console.log('');
    console.log(`Asiakkuus benchmark ${new Date().toISOString()}  ${opts.quick ? '(quick: a tenth of the scale)' : ''}`);
    console.log(`engine: ${engine}; machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${fmt(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; ` +
      `load average before the load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`dataset: ${fmt(data.counts.organizations)} customers, ${fmt(data.counts.contacts)} contacts, ${fmt(data.counts.actions)} actions; generated in ${data.seconds.total.toFixed(1)} s`);
    console.log(`load: autocannon, ${opts.connections} connections, ${opts.seconds} s per scenario after ${opts.warmupSeconds} s warm-up; server log level ${opts.logLevel}; rate limiting ${opts.rateLimit ? 'on (limits out of reach)' : 'off'}`);
    console.log('');
    console.log(`Closed loop, ${opts.connections} connections (vs 1 read: throughput relative to "${ONE_READ}"):`);
    console.log(table([...closedHead, 'vs 1 read', 'vs bare'], results.map((r) => closedRow(r, true))));
    console.log('');
    console.log('One connection (one request at a time):');
    console.log(table(closedHead, oneConnection.map((r) => closedRow(r, false))));
    console.log('');
    console.log(`Open loop: ${lookupName} offered at a fixed ${fmt(opts.rate)}/s for ${opts.openSeconds} s (latency from when each request was due):`);
    console.log(table(
      ['offered/s', 'achieved/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'most in flight', 'send lag ms', 'db cmds/req', 'in a row', 'kept up'],
      [[
        fmt(open.offeredRate), fmt(open.achievedRate, 1), fmt(open.p50, 1), fmt(open.p99, 1), fmt(open.max, 1), fmt(open.errors), fmt(open.maxInFlight), fmt(open.maxSendLagMs, 1),
        fmt(open.commandsPerRequest ?? NaN, 1), fmt(open.sequentialPerRequest ?? NaN, 1), open.keptUp ? 'yes' : 'no',
      ]],
    ));
    console.log('');
    console.log('Database commands per request, by command and collection:');
    for (const r of [...results, open]) console.log(`  ${r.name}${r === open ? ' (open loop)' : ''}: ${byCommandText(r.commands)}`);
    console.log('');
    console.log(`Targets (embedded engine at benchmark scale${opts.quick ? '; this is a quick run, so indicative only' : ''}${ferret ? '' : '; this run is not on the embedded engine'}):`);
    console.log(table(['target', 'figure', ''], targets.map((t) => [t.target, t.figure, t.met ? 'met' : 'missed'])));
    console.log('');
    console.log(`task pane first load (what dist/addin/taskpane.html loads, gzip -9): ${gzip === null ? 'n/a (not built)' : `${fmt(gzip.firstLoad / 1024, 1)} KB; other bundles (sign-in on demand, other pages): ${fmt(gzip.others / 1024, 1)} KB`}`);
    console.log(`Office.onReady → status on screen: ${status.ms === null ? `n/a (${status.note})` : `${fmt(status.ms)} ms (${status.note})`}`);
    console.log(`total time ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
    if (opts.json) {
      const figures = ({ name, rps, p50, p99, max, errors, commandsPerRequest, sequentialPerRequest, commands, vsOneRead, vsBare, cpuMsPerRequest }: ScenarioResult) =>
        ({ name, rps, p50, p99, max, errors, commandsPerRequest, sequentialPerRequest, commands, vsOneRead, vsBare, cpuMsPerRequest });
      console.log(JSON.stringify({
        quick: opts.quick,
        engine,
        connections: opts.connections,
        seconds: opts.seconds,
        scenarios: results.map(figures),
        oneConnection: oneConnection.map(figures),
        openLoop: { ...open, seconds: opts.openSeconds },
        targets,
        taskPaneGzipKB: gzip === null ? null : round1(gzip.firstLoad / 1024),
        statusOnScreenMs: status.ms,
      }));
    }
  } finally {
    await server?.stop();
    if (process.env.MONGODB_URI && !opts.keep) await conn.dropDatabase().catch(() => undefined);
    await conn.close();
    await ferret?.stop();
    if (dataDir && !opts.keep) rmSync(dataDir, { recursive: true, force: true });
  }
}

interface CollegeRun {
  opts: Options;
  srv: Awaited<ReturnType<typeof startServer>>;
  models: Models;
  data: GeneratedDataset;
  deskSample: DeskSample;
  tokens: string[];
  engine: string;
  ferret: boolean;
  searchSeconds: number;
  serverStartMs: number;
  startedAt: number;
  closedLoopOf: (s: Scenario) => Promise<ScenarioResult>;
}

/** Customer pages and searches measured per kind; pages give the page's requests' commands. */
const PAGES = 100;
const QUERIES_PER_KIND = 40;

/** `--college`: the web desktop's reads, one at a time, against their targets. */
async function collegeRun(r: CollegeRun): Promise<void> {
  const { opts, srv, data, deskSample } = r;
  const loadBefore = os.loadavg();
  const [deskToken, colleagueToken] = (await signIn(srv.url, [deskSample.managerEmail, deskSample.colleagueEmail])) as [string, string];
  const searchOnly = opts.only === 'search';

  // Warm-up, outside the figures: every manager's first desk read builds their desk from the customers.
  if (!searchOnly) {
    const primed = performance.now();
    const first = await timedGet(srv.url, deskToken, '/api/v1/desk');
    if (!first.ok) throw new Error(`desk: ${JSON.stringify(first.body)}`);
    say(`  desk first read (built from the customers): ${fmt(first.ms)} ms`);
    for (const t of r.tokens) if (!(await timedGet(srv.url, t, '/api/v1/desk')).ok) throw new Error('desk warm-up failed');
    say(`  every manager's desk built in ${fmt((performance.now() - primed) / 1000, 1)} s`);
  }

  /** Runs `measure` `n` times after `warm` unmeasured runs, with the database commands per HTTP request. */
  const sequential = async (name: string, n: number, warm: number, measure: (i: number) => Promise<{ ms: number; ok: boolean; items: number }>): Promise<Quantiles> => {
    for (let i = 0; i < warm; i++) await measure(n + i);
    const before = await srv.quietCounts();
    const ms: number[] = [];
    let errors = 0;
    let items = 0;
    for (let i = 0; i < n; i++) {
      const m = await measure(i);
      ms.push(m.ms);
      if (!m.ok) errors++;
      items += m.items;
    }
    const c = commandsPer(before, await srv.quietCounts());
    const q = { ...quantiles(name, ms, errors, items), commandsPerRequest: c.perRequest, sequentialPerRequest: c.sequential };
    say(`  ${name}: p50 ${q.p50} ms, p95 ${q.p95} ms, p99 ${q.p99} ms, max ${q.max} ms, errors ${errors}, ${q.items} items; ${commandsText(c)}`);
    return q;
  };

  const desk: ScenarioResult[] = [];
  if (!searchOnly) for (const s of buildDeskScenarios(deskSample, deskToken, colleagueToken)) desk.push(await r.closedLoopOf(s));
  const [deskRead, deskLog] = desk as [ScenarioResult | undefined, ScenarioResult | undefined];

  const ids = data.samples.organizationIds;
  const page = searchOnly ? null : await sequential('customer page (customer ‖ contacts ‖ 20 actions)', PAGES, 10, async (i) => customerPage(srv.url, deskToken, ids[(i * 7_919) % ids.length]!));

  const queries = await searchQueries(r.models, QUERIES_PER_KIND + 5);
  const searches: Quantiles[] = [];
  const allMs: number[] = [];
  for (const [kind, list] of Object.entries(queries)) {
    const ms: number[] = [];
    searches.push(await sequential(`search: ${kind} (e.g. "${list[0]}")`, QUERIES_PER_KIND, 5, async (i) => {
      const res = await timedGet(srv.url, deskToken, searchPath(list[i % list.length]!));
      ms.push(res.ms);
      return { ms: res.ms, ok: res.ok, items: searchItems(res.body) };
    }));
    allMs.push(...ms.slice(5));
  }
  const overall = quantiles('search: all kinds', allMs, searches.reduce((a, q) => a + q.errors, 0), searches.reduce((a, q) => a + q.items * q.n, 0));
  const searchCmds = searches.reduce((a, q) => a + (q.commandsPerRequest ?? 0), 0) / searches.length;
  overall.commandsPerRequest = round2(searchCmds);
  overall.sequentialPerRequest = round2(searches.reduce((a, q) => a + (q.sequentialPerRequest ?? 0), 0) / searches.length);

  const dash = '–';
  const row = (name: string, n: number, p50: number, p95: number | null, p99: number, max: number, errors: number, cmds: number | undefined, inRow: number | undefined, target: string, met: boolean | null) =>
    [name, fmt(n), fmt(p50, 1), p95 === null ? dash : fmt(p95, 1), fmt(p99, 1), fmt(max, 1), fmt(errors), fmt(cmds ?? NaN, 1), fmt(inRow ?? NaN, 1), target, met === null ? '' : met ? 'met' : 'missed'];
  const qRow = (q: Quantiles, target: string, met: boolean | null) => row(q.name, q.n, q.p50, q.p95, q.p99, q.max, q.errors, q.commandsPerRequest, q.sequentialPerRequest, target, met);
  const rows = [
    ...(deskRead ? [row(deskRead.name, deskRead.requests, deskRead.p50, null, deskRead.p99, deskRead.max, deskRead.errors, deskRead.commandsPerRequest, deskRead.sequentialPerRequest, '≤ 300 ms (p99)', deskRead.p99 <= 300 && deskRead.errors === 0)] : []),
    ...(deskLog ? [row(deskLog.name, deskLog.requests, deskLog.p50, null, deskLog.p99, deskLog.max, deskLog.errors, deskLog.commandsPerRequest, deskLog.sequentialPerRequest, '≤ 50 ms (p50)', deskLog.p50 <= 50 && deskLog.errors === 0)] : []),
    ...(page ? [qRow(page, '≤ 100 ms (p95)', page.p95 <= 100 && page.errors === 0)] : []),
    ...searches.map((q) => qRow(q, '≤ 300 ms (p95)', q.p95 <= 300 && q.errors === 0)),
    qRow(overall, '≤ 300 ms (p95)', overall.p95 <= 300 && overall.errors === 0),
  ];

  console.log('');
  console.log(`Asiakkuus benchmark ${new Date().toISOString()}  (college: ${searchOnly ? 'the searches alone' : 'the web desktop'}, one request at a time)`);
  console.log(`engine: ${r.engine}; machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${fmt(os.totalmem() / 2 ** 30)} GiB; node ${process.version}; ` +
    `load average before the load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`dataset: ${fmt(data.counts.organizations)} customers, ${fmt(data.counts.contacts)} contacts, ${fmt(data.counts.actions)} actions, read models written in bulk; ` +
    `generated in ${data.seconds.total.toFixed(1)} s, search index in ${r.searchSeconds.toFixed(1)} s; server start (nothing left to backfill) ${fmt(r.serverStartMs / 1000, 1)} s`);
  console.log(`desk: ${deskSample.managerEmail} looks after ${fmt(deskSample.organizationIds.length)} customers; desk rows: autocannon, 1 connection, ${opts.seconds} s after 1 s warm-up; ` +
    `pages: ${PAGES} after 10 warm-up; searches: ${QUERIES_PER_KIND} per kind after 5 warm-up; latency = round trip on loopback`);
  console.log('');
  console.log(table(['scenario', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'db cmds/req', 'in a row', 'target', ''], rows));
  console.log(`total time ${((Date.now() - r.startedAt) / 1000).toFixed(0)} s`);
  if (opts.json) console.log(JSON.stringify({ college: true, engine: r.engine, desk, page, searches, search: overall }));
}

if (process.argv[2] === '--serve') {
  serve(JSON.parse(process.env.BENCH_SERVE ?? '{}')).catch((err: Error) => {
    console.error(`bench server could not start: ${err.message}`);
    process.exit(1);
  });
} else if (process.argv.includes('--mailing')) {
  runMailingBench().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv.includes('--selections')) {
  runSelectionBench().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv.includes('--reports')) {
  runReportBench().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv.includes('--sales')) {
  runSalesBench().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
}
