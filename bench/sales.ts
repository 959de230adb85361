/**
 * `npm run bench -- --sales`: the sales pipeline at the scale on the embedded engine (or
 * MONGODB_URI): 20 account managers own 2,500 opportunities (125 each) on 200 customers, with 4,000
 * offers among them, written through the repositories.
 * Then, one request at a time over loopback HTTP to the composed app: one manager's pipeline board
 * (target ≤ 200 ms) and an offer's PDF (target ≤ 300 ms). Prints a table; not a timed test.
 */
import { DEFAULT_PIPELINE_STAGES, DEFAULT_STAGE_KEYS } from '../shared/contract-sales';
import { stageRules } from '../server/usecases/pipelineStages';
import { lineNet, totals } from '../shared/domain/money';
import { startBenchApp } from './benchApp';
import type { UserRecord } from '../server/persistence/repositories';
import { quantiles, type Quantiles } from './webDesktop';

const OWNERS = 20;
const OPPORTUNITIES = 2_500;
const OFFERS = 4_000;
const say = (m: string) => process.stderr.write(`${m}\n`);

async function timed(url: string, token: string): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await res.arrayBuffer();
  return { ms: performance.now() - started, ok: res.ok };
}

export async function runSalesBench(): Promise<void> {
  const bench = await startBenchApp('sales');
  const { composed } = bench;
  const base = bench.origin;
  try {
    const { repos, devIssuer } = composed;
    const started = Date.now();
    const owners: UserRecord[] = [];
    for (let i = 0; i < OWNERS; i++) {
      owners.push((await repos.users.create({ email: `myyja${i}@omnia.fi`, name: `Myyjä ${i}`, role: 'account_manager', department: null, authSubject: `dev:myyja${i}@omnia.fi` }))!);
    }
    const customers = [];
    for (let i = 0; i < 200; i++) {
      const id = repos.customers.newId();
      customers.push({ id, name: `Asiakas ${i} Oy` });
    }
    await repos.customers.insertMany(customers.map((c, i) => ({
      id: c.id, name: c.name, businessId: null, segment: 'B' as const, customerGroup: 'company' as const, emailDomains: [], department: null,
      responsibleId: owners[i % OWNERS]!.id, backupId: null, classificationIds: [], externalIds: {},
    })));
    const opportunityIds: string[] = [];
    for (let i = 0; i < OPPORTUNITIES; i++) {
      const owner = owners[i % OWNERS]!;
      const customer = customers[i % customers.length]!;
      const stage = DEFAULT_STAGE_KEYS[i % DEFAULT_STAGE_KEYS.length]!;
      const ref = { id: owner.id, name: owner.name, email: owner.email };
      const o = await repos.opportunities.insert(repos.opportunities.newId(), {
        organizationId: customer.id, organizationName: customer.name, contactIds: [], owner: ref, title: `Mahdollisuus ${i}`, stage,
        lostReason: stage === 'lost' ? 'Hinta' : null, estimatedValueCents: 100_000 + (i % 50) * 10_000, probabilityPct: stageRules(DEFAULT_PIPELINE_STAGES).probability(stage),
        expectedCloseOn: `2027-${String((i % 12) + 1).padStart(2, '0')}-15`, productIds: [], notes: '',
      }, { at: new Date(), by: ref, from: null, to: stage });
      await repos.opportunities.syncLists(null, o);
      opportunityIds.push(o.id);
    }
    const offerIds: string[] = [];
    for (let i = 0; i < OFFERS; i++) {
      const opportunity = (await repos.opportunities.get(opportunityIds[i % OPPORTUNITIES]!))!;
      const lines = Array.from({ length: 1 + (i % 8) }, (_, n) => ({
        productId: null, description: `Koulutuspäivä ${n + 1}: työturvallisuus ja ensiapu`, quantityHundredths: 100 * (1 + (n % 5)),
        unitPriceCents: 45_000 + n * 1_000, discountBp: n % 3 === 0 ? 1000 : 0, vatRateBp: n % 2 === 0 ? 0 : 2550, netCents: 0,
      })).map((l) => ({ ...l, netCents: lineNet({ ...l, vatRateBp: l.vatRateBp as 0 | 2550 }) }));
      const id = repos.offers.newId();
      await repos.offers.insert(id, await repos.offers.nextNumber(2026), {
        opportunityId: opportunity.id, organizationId: opportunity.organizationId, organizationName: opportunity.organizationName, contactId: null,
        owner: opportunity.owner, language: 'fi', lines, totals: totals(lines.map((l) => ({ ...l, vatRateBp: l.vatRateBp as 0 | 2550 }))), validUntil: '2027-06-30', terms: 'Maksuehto 14 päivää netto.',
      });
      await repos.opportunities.addOffer(opportunity.id, id);
      offerIds.push(id);
    }
    say(`wrote ${OPPORTUNITIES} opportunities of ${OWNERS} owners and ${OFFERS} offers in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const token = devIssuer!.sign({ email: owners[0]!.email, name: owners[0]!.name });
    const results: Quantiles[] = [];
    const run = async (name: string, paths: string[]) => {
      for (const p of paths.slice(0, 3)) await timed(`${base}${p}`, await token); // warm-up
      const ms: number[] = [];
      let errors = 0;
      for (const p of paths) {
        const r = await timed(`${base}${p}`, await token);
        ms.push(r.ms);
        if (!r.ok) errors++;
      }
      results.push(quantiles(name, ms, errors, 0));
    };
    await run(`pipeline board (one manager's ${OPPORTUNITIES / OWNERS})`, Array.from({ length: 60 }, () => `/api/v1/opportunities?ownerId=${owners[0]!.id}`));
    await run('offer PDF (1–8 lines)', Array.from({ length: 60 }, (_, i) => `/api/v1/offers/${offerIds[(i * 37) % OFFERS]}/pdf`));
    const targets = [200, 300];
    console.log('| scenario | n | p50 ms | p95 ms | max ms | errors | target | |');
    console.log('| --- | --: | --: | --: | --: | --: | --: | --- |');
    results.forEach((r, i) => console.log(`| ${r.name} | ${r.n} | ${r.p50} | ${r.p95} | ${r.max} | ${r.errors} | ≤ ${targets[i]} ms (p95) | ${r.p95 <= targets[i]! ? 'met' : 'missed'} |`));
  } finally {
    await bench.close();
  }
}
