/**
 * `npm run bench -- --reports`: the reports page's figures at 10,000 customers and 100,000 actions
 * over three years on the embedded engine (or MONGODB_URI), over loopback HTTP to the composed app:
 * compliance, actions and an Excel download over 24 months. The actions are written only where the
 * reports read them (the `activity_months` documents, through the repository), not into the actions
 * collection, which no report reads. Each is run 3 times; prints a table, not a timed test.
 */
import { startBenchApp } from './benchApp';
import { ACTION_KINDS, CUSTOMER_GROUPS, SEGMENTS } from '../shared/domain/codes';
import type { ActionRecord, UserRecord } from '../server/persistence/repositories';

/** `REPORT_CUSTOMERS=… REPORT_ACTIONS=…` scale it down. */
const CUSTOMERS = Number(process.env.REPORT_CUSTOMERS ?? 10_000);
const ACTIONS = Number(process.env.REPORT_ACTIONS ?? 100_000);
const RUNS = 3;
const say = (m: string) => process.stderr.write(`${m}\n`);

export async function runReportBench(): Promise<void> {
  const bench = await startBenchApp('reports');
  const { composed } = bench;
  const base = `${bench.origin}/api/v1`;
  try {
    const { repos, devIssuer } = composed;
    const started = Date.now();
    const managers: UserRecord[] = [];
    for (let i = 0; i < 20; i++) {
      managers.push((await repos.users.create({ email: `vastaava${i}@omnia.fi`, name: `Vastaava ${i}`, role: 'account_manager', department: null, authSubject: `dev:vastaava${i}@omnia.fi` }))!);
    }
    const boss = (await repos.users.create({ email: 'johto@omnia.fi', name: 'Johto', role: 'management', department: null, authSubject: 'dev:johto@omnia.fi' }))!;
    const ids: string[] = [];
    const now = Date.now();
    for (let i = 0; i < CUSTOMERS; i += 500) {
      await repos.customers.insertMany(Array.from({ length: Math.min(500, CUSTOMERS - i) }, (_, k) => {
        const id = repos.customers.newId();
        ids.push(id);
        return {
          id, name: `Asiakas ${String(i + k).padStart(5, '0')} Oy`, businessId: null, segment: SEGMENTS[(i + k) % 4]!, customerGroup: CUSTOMER_GROUPS[(i + k) % 5]!,
          emailDomains: [], department: null, responsibleId: managers[(i + k) % managers.length]!.id, backupId: null, classificationIds: [], externalIds: {},
          createdAt: new Date(now - ((i + k) % 1500) * 86_400_000),
        };
      }));
    }
    say(`wrote ${CUSTOMERS} customers in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const t1 = Date.now();
    for (let i = 0; i < ACTIONS; i += 5_000) {
      const batch: ActionRecord[] = Array.from({ length: Math.min(5_000, ACTIONS - i) }, (_, k) => {
        const n = i + k;
        const logger = managers[n % managers.length]!;
        return {
          id: repos.actions.newId(), kind: ACTION_KINDS[n % ACTION_KINDS.length]!, occurredAt: new Date(now - ((n * 7919) % 1095) * 86_400_000), subject: '', excerpt: null,
          organizationId: ids[(n * 31) % CUSTOMERS]!, contactIds: [], loggedBy: { id: logger.id, name: logger.name, email: logger.email }, loggedAt: new Date(now),
          internetMessageId: null, conversationId: null, opportunityId: null,
        } as ActionRecord;
      });
      await repos.activity.record(batch);
      say(`  ${i + batch.length} actions after ${((Date.now() - t1) / 1000).toFixed(1)} s`);
    }
    say(`wrote ${ACTIONS} actions into activity_months in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    const token = await devIssuer!.sign({ email: boss.email, name: boss.name });
    const call = async (p: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`GET ${p}: ${res.status}`);
      return { ms: performance.now() - t0, bytes };
    };
    const rows: { name: string; ms: number[]; bytes: number }[] = [];
    const measure = async (name: string, p: string) => {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await call(p);
        ms.push(r.ms);
        bytes = r.bytes;
      }
      rows.push({ name, ms, bytes });
    };
    await measure('compliance, 24 months (per manager, segment, group)', '/reports/compliance?months=24');
    await measure('actions, 24 months (per kind, per person)', '/reports/actions?months=24');
    await measure('compliance per manager as Excel, 24 months', '/reports/compliance/download?months=24&table=byManager&format=xlsx&lang=fi');
    // the two reads of the compliance report apart, in the process (no HTTP)
    const t2 = performance.now();
    let n = 0;
    for await (const _ of repos.customers.reportSubjects()) n++;
    const customersMs = performance.now() - t2;
    const t3 = performance.now();
    const months = Array.from({ length: 38 }, (_, i) => new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - 37 + i, 1)).toISOString().slice(0, 7));
    const entries = await repos.activity.inMonths(months);
    const activityMs = performance.now() - t3;
    console.log(`reads apart: ${n} customers (one projected pass) ${Math.round(customersMs)} ms; ${entries.length} actions of ${months.length} months (${months.length * 16} documents by _id) ${Math.round(activityMs)} ms`);
    console.log(`${CUSTOMERS.toLocaleString('en')} customers, ${ACTIONS.toLocaleString('en')} actions over 3 years; ${RUNS} runs each, one request at a time over loopback; engine ${bench.engine}`);
    console.log('| report | runs ms | median ms | answer |');
    console.log('| --- | --- | --: | --: |');
    for (const r of rows) {
      const median = [...r.ms].sort((a, b) => a - b)[Math.floor(r.ms.length / 2)]!;
      console.log(`| ${r.name} | ${r.ms.map((m) => Math.round(m)).join(', ')} | ${Math.round(median)} | ${(r.bytes / 1024).toFixed(0)} KB |`);
    }
  } finally {
    await bench.close();
  }
}
