/**
 * A quick measurement of the web app's customer paths on the embedded engine at college scale
 * (5,000 customers, 15,000 contacts, 150,000 actions by default): the start's build of the read
 * models the dataset lacks (search index, contact lists, timeline buckets), then the server time
 * of searches and of a customer page (the customer, its contacts, the first timeline page),
 * measured in this process through the use cases (no HTTP). Run:
 *   npx esbuild bench/customerPages.ts --bundle --platform=node --outfile=.bench-out/bench/customerPages.js --packages=external && node .bench-out/bench/customerPages.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrganizationListQuerySchema, TimelineQuerySchema } from '../shared/contract';
import { connectDatabase } from '../server/db/connect';
import { startFerretDB } from '../server/db/embeddedDatabase';
import { detectEngine } from '../server/persistence/engine';
import { registerModels } from '../server/persistence/models';
import { createRepositories } from '../server/persistence/repositories';
import { ensureIndexes, seedDefaultCarePlan } from '../server/persistence/setup';
import { listOrganizationActions } from '../server/usecases/actions';
import { contactsOfOrganization } from '../server/usecases/contacts';
import type { UseCaseContext } from '../server/usecases/context';
import { ensureReadModels } from '../server/usecases/customerReadModels';
import { getOrganization, listOrganizations } from '../server/usecases/organizations';
import { generateDataset } from './dataset';

const scale = { organizations: Number(process.env.ORGS ?? 5_000), contacts: Number(process.env.CONTACTS ?? 15_000), actions: Number(process.env.ACTIONS ?? 150_000) };

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const r = await work();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'asiakkuus-pages-'));
  const ferret = await startFerretDB({ dataDir });
  try {
    const conn = await connectDatabase(ferret.uri, 'pages');
    const models = registerModels(conn);
    await ensureIndexes(models);
    await seedDefaultCarePlan(models);
    const [genMs, ds] = await timed(() => generateDataset(models, scale, { log: (m) => console.log(m) }));
    console.log(`dataset ${JSON.stringify(ds.counts)} in ${(genMs / 1000).toFixed(1)} s`);
    const repos = createRepositories(models, await detectEngine(conn));
    const [buildMs, built] = await timed(() => ensureReadModels(repos));
    console.log(`read models built at start: ${JSON.stringify(built)} in ${(buildMs / 1000).toFixed(1)} s`);

    const admin = (await repos.users.list({ role: 'admin' }, { page: 1, pageSize: 1 })).items[0];
    const ctx: UseCaseContext = {
      repos,
      user: admin ?? { id: '0123456789abcdef01234567', email: 'bench@omnia.fi', name: 'Bench', role: 'admin', department: null, authSubject: 'dev:bench' },
      now: new Date(),
      settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
    };
    const orgs = await models.Organization.find({}, { name: 1, businessId: 1, emailDomains: 1 }).limit(2000).lean();
    const contacts = await models.Contact.find({}, { name: 1, emails: 1 }).limit(2000).lean();
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length]!;
    const queries: Record<string, (i: number) => string> = {
      'name word prefix (4 chars)': (i) => pick(orgs, i).name.split(/\s+/)[0]!.slice(0, 4),
      'whole name': (i) => pick(orgs, i).name,
      'business ID prefix': (i) => (pick(orgs, i).businessId ?? '0112').slice(0, 4),
      'contact name': (i) => pick(contacts, i).name,
      'contact address': (i) => pick(contacts, i).emails[0] ?? 'x@y.fi',
      'mail domain': (i) => (pick(contacts, i).emails[0] ?? 'x@y.fi').split('@')[1]!,
      'two letters (oy)': () => 'oy',
    };
    for (const [label, q] of Object.entries(queries)) {
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < 40; i++) {
        const [ms, page] = await timed(() => listOrganizations(ctx, OrganizationListQuerySchema.parse({ q: q(i) })));
        times.push(ms);
        hits += page.items.length;
      }
      console.log(`search ${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms (${(hits / 40).toFixed(1)} items a page)`);
    }
    for (const [label, query] of [['list, no q, by name', {}], ['list, no q, by status', { sort: 'status' }], ['list, segment A by last action', { segment: 'A', sort: 'lastAction', order: 'desc' }]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 10; i++) times.push((await timed(() => listOrganizations(ctx, OrganizationListQuerySchema.parse(query))))[0]);
      console.log(`${label}: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms`);
    }
    const page: number[] = [];
    let items = 0;
    for (let i = 0; i < 100; i++) {
      const id = String(pick(orgs, i)._id);
      const [ms, r] = await timed(() =>
        Promise.all([getOrganization(ctx, id), contactsOfOrganization(ctx, id), listOrganizationActions(ctx, id, TimelineQuerySchema.parse({}))]));
      page.push(ms);
      items += r[2].items.length;
    }
    console.log(`customer page (customer ‖ contacts ‖ first timeline page): median ${median(page).toFixed(1)} ms, p95 ${p95(page).toFixed(1)} ms (${(items / 100).toFixed(1)} actions)`);
    await conn.close();
  } finally {
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
