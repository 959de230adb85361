/**
 * How long the server's start (compose: connect, indexes, care plan, admins, the start-up
 * migrations) takes on an embedded FerretDB holding the demo data, and optionally a generated
 * college-scale dataset whose read models are already built (ORGS=5000 CONTACTS=15000 ACTIONS=150000).
 * The first start seeds the data and runs the migrations; the later ones are what every restart costs.
 * Run:
 *   npx esbuild bench/startup.ts --bundle --platform=node --outfile=.bench-out/bench/startup.js --packages=external && node .bench-out/bench/startup.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { compose } from '../server/compose';
import { startFerretDB } from '../server/db/embeddedDatabase';
import { seedDemo } from '../server/seed/demo';
import { ensureReadModels } from '../server/usecases/customerReadModels';
import { runStartupMigrations } from '../server/usecases/migrations';
import { generateDataset } from './dataset';

const ms = async (work: () => Promise<unknown>) => {
  const t0 = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const STARTS = Number(process.env.STARTS ?? 5);
const scale = { organizations: Number(process.env.ORGS ?? 0), contacts: Number(process.env.CONTACTS ?? 0), actions: Number(process.env.ACTIONS ?? 0) };

async function start(uri: string) {
  const t0 = process.hrtime.bigint();
  const c = await compose({
    uri, dbName: 'startup', authMode: 'dev', settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' }, logger: pino({ level: 'silent' }),
  });
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, c };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'asiakkuus-startup-'));
  const ferret = await startFerretDB({ dataDir });
  try {
    const first = await start(ferret.uri);
    const seeded = await seedDemo(first.c.models, new Date());
    if (scale.organizations > 0) {
      const ds = await generateDataset(first.c.models, scale, { readModels: true });
      await first.c.repos.search.replaceAll(ds.searchEntries ?? []);
    }
    const customers = await first.c.models.Organization.estimatedDocumentCount();
    await first.c.conn.close();
    console.log(`data: demo ${JSON.stringify(seeded)}, ${customers} customers in all; first start ${first.ms.toFixed(0)} ms`);
    const again = await start(ferret.uri); // the first start on the seeded data (an upgrade's start runs the migrations here)
    await again.c.conn.close();
    console.log(`start on the seeded data: ${again.ms.toFixed(0)} ms`);
    const times: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const s = await start(ferret.uri);
      times.push(s.ms);
      await s.c.conn.close();
    }
    console.log(`restarts (${STARTS}): ${times.map((x) => x.toFixed(0)).join(', ')} ms; median ${median(times).toFixed(0)} ms`);
    // The read-model part of a start alone, side by side in one process: what every start did before
    // the markers (both builds' checks) and what it does now (one marker read per migration).
    const s = await start(ferret.uri);
    const old: number[] = [];
    const now: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      old.push(await ms(() => ensureReadModels(s.c.repos)));
      now.push(await ms(() => runStartupMigrations(s.c.repos)));
    }
    await s.c.conn.close();
    console.log(`read models at start: every start's build check ${median(old).toFixed(1)} ms (median) before, start-up migrations with markers done ${median(now).toFixed(1)} ms after`);
  } finally {
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
