/**
 * `npm run bench -- --selections`: a selection's list operations on 10,000 customers on the
 * embedded engine (or MONGODB_URI), over loopback HTTP to the composed app: finding a dynamic
 * selection's members, freezing it, exporting its members as CSV and as an Excel workbook, a
 * follow-up task on each, handing them all over to another account manager, changing their segment
 * and adding or removing a classification (issue 13: "a bulk operation on 10,000 customers finishes
 * in seconds"). Each is run 3 times (the hand-over alternates between two managers, the segment
 * between A and C, the classification between added and removed, so every run changes every
 * customer). Then selections over contacts on the same
 * customers' ~25,000 contacts (2 or 3 each, with titles): a dynamic one's contacts and members, a
 * frozen one's contacts, a selection's every contact, the contacts' CSV; and the two ways the
 * server reads a selection's contacts (by `_id`, one pass) apart, for the threshold between them.
 * `BENCH_SELECTIONS_ONLY=contacts` skips the customer operations. Prints tables; not a timed test.
 */
import { mapLimit } from '../server/concurrency';
import { startBenchApp } from './benchApp';
import type { UserRecord } from '../server/persistence/repositories';

const CUSTOMERS = 10_000;
/** What the contacts are called: one in five a "päällikkö" of some kind, written in several ways. */
const TITLES = ['HR-päällikkö', 'Rehtori', 'Toimitusjohtaja', 'Koulutussuunnittelija', 'Henkilöstöasiantuntija', 'Talouspäällikkö', 'Opettaja', 'Myyntijohtaja', 'Tiiminvetäjä', 'Asiakaspalvelija'];
const RUNS = 3;
const TARGET_MS = 10_000;
const say = (m: string) => process.stderr.write(`${m}\n`);

export async function runSelectionBench(): Promise<void> {
  const bench = await startBenchApp('selections');
  const { composed } = bench;
  const base = `${bench.origin}/api/v1`;
  try {
    const { repos, devIssuer } = composed;
    const started = Date.now();
    const managers: UserRecord[] = [];
    for (let i = 0; i < 10; i++) {
      managers.push((await repos.users.create({ email: `vastaava${i}@omnia.fi`, name: `Vastaava ${i}`, role: 'account_manager', department: null, authSubject: `dev:vastaava${i}@omnia.fi` }))!);
    }
    const admin = (await repos.users.create({ email: 'paakayttaja@omnia.fi', name: 'Pääkäyttäjä', role: 'admin', department: null, authSubject: 'dev:paakayttaja@omnia.fi' }))!;
    for (let i = 0; i < CUSTOMERS; i += 500) {
      await repos.customers.insertMany(Array.from({ length: Math.min(500, CUSTOMERS - i) }, (_, k) => ({
        id: repos.customers.newId(), name: `Asiakas ${String(i + k).padStart(5, '0')} Oy`, businessId: null, segment: 'B' as const, customerGroup: 'company' as const,
        emailDomains: [], department: null, responsibleId: managers[(i + k) % managers.length]!.id, backupId: null, classificationIds: [], externalIds: {},
      })));
    }
    say(`wrote ${CUSTOMERS} customers in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // 2 or 3 contacts each (~25,000), and each customer's contact list (its extended reference)
    const contactsStarted = Date.now();
    const customerIds: string[] = [];
    for await (const o of repos.customers.streamSelected({}, { sort: 'name', order: 'asc' })) customerIds.push(o.id);
    const contactsOf = customerIds.map((_, i) => Array.from({ length: i % 2 === 0 ? 3 : 2 }, () => repos.contacts.newId()));
    let n = 0;
    const contacts = customerIds.flatMap((organizationId, i) => contactsOf[i]!.map((id, k) => {
      const title = TITLES[n++ % TITLES.length]!;
      return {
        id, organizationId, name: `Henkilö ${String(i).padStart(5, '0')}-${k}`, emails: [`henkilo${i}.${k}@asiakas${i}.fi`], phone: null,
        title: n % 7 === 0 ? title.toUpperCase() : title, classificationIds: [], language: k === 2 ? ('sv' as const) : null,
      };
    }));
    for (let i = 0; i < contacts.length; i += 500) await repos.contacts.insertMany(contacts.slice(i, i + 500));
    await mapLimit(customerIds, 8, (id, i) => repos.customers.addContacts(id, contactsOf[i]!));
    const CONTACTS = contacts.length;
    say(`wrote ${CONTACTS} contacts and the customers' contact lists in ${((Date.now() - contactsStarted) / 1000).toFixed(0)} s`);
    const token = await devIssuer!.sign({ email: admin.email, name: admin.name });
    const call = async (method: string, p: string, body?: object) => {
      const t0 = performance.now();
      const res = await fetch(`${base}${p}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
      });
      const bytes = (await res.arrayBuffer()).byteLength;
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${Buffer.from(await res.clone().arrayBuffer()).toString()}`);
      return { ms: performance.now() - t0, bytes, res };
    };
    const json = async (method: string, p: string, body?: object) => {
      const res = await fetch(`${base}${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      return res.json() as Promise<Record<string, unknown>>;
    };

    const rows: { name: string; ms: number[]; bytes: number }[] = [];
    const measure = async (name: string, run: (i: number) => Promise<{ ms: number; bytes: number }>) => {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await run(i);
        ms.push(r.ms);
        bytes = r.bytes;
      }
      rows.push({ name, ms, bytes });
    };

    const customerOps = process.env.BENCH_SELECTIONS_ONLY !== 'contacts';
    const dynamic = await json('POST', '/selections', { name: 'Kaikki B-asiakkaat', criteria: { segment: 'B' } });
    if (customerOps) {
      await measure('dynamic selection: members found (first page of 50)', () => call('GET', `/selections/${String(dynamic.id)}/members?pageSize=50`));
      await measure('freeze (10,000 members written)', async () => {
        const s = await json('POST', '/selections', { name: 'Jäädytettävä', criteria: { segment: 'B' } });
        return call('POST', `/selections/${String(s.id)}/freeze`, { version: 0 });
      });
      const frozen = await json('POST', '/selections', { name: 'Jäädytetty', criteria: { segment: 'B' } });
      await json('POST', `/selections/${String(frozen.id)}/freeze`, { version: 0 });
      await measure('frozen selection: members (first page of 50)', () => call('GET', `/selections/${String(frozen.id)}/members?pageSize=50`));
      await measure('export CSV', () => call('GET', `/selections/${String(frozen.id)}/export.csv`));
      await measure('export Excel (xlsx)', () => call('GET', `/selections/${String(frozen.id)}/export.xlsx`));
      await measure('a follow-up task on every member (their responsible managers)', (i) =>
        call('POST', `/selections/${String(frozen.id)}/tasks`, { operationId: `bench-tasks-${Date.now()}-${i}`, expectedCount: CUSTOMERS, title: 'Soita', dueOn: '2027-01-31' }));
      await measure('hand over every member to another manager', (i) =>
        call('POST', `/selections/${String(frozen.id)}/managers`, { expectedCount: CUSTOMERS, responsibleId: managers[i % 2]!.id }));
      await measure('every member to another segment', (i) =>
        call('POST', `/selections/${String(frozen.id)}/segment`, { expectedCount: CUSTOMERS, segment: i % 2 === 0 ? 'A' : 'C' }));
      const node = await json('POST', '/classifications', { name: 'Kevätkampanja', appliesTo: 'organization' });
      await measure('a classification added to / removed from every member', (i) =>
        call('POST', `/selections/${String(frozen.id)}/classifications`, { expectedCount: CUSTOMERS, [i % 2 === 0 ? 'add' : 'remove']: [String(node.id)] }));
    }

    const contactRows: typeof rows = [];
    const measureContacts = async (name: string, run: () => Promise<{ ms: number; bytes: number }>) => {
      await measure(name, run);
      contactRows.push(rows.pop()!);
    };
    const overContacts = await json('POST', '/selections', { name: 'Päälliköt', criteria: { contactTitle: 'paallikko' } });
    const overId = String(overContacts.id);
    const matching = Number((await json('GET', `/selections/${overId}/contacts?pageSize=1`)).total);
    const matchingCustomers = Number((await json('GET', `/selections/${overId}/members?pageSize=1`)).total);
    await measureContacts('dynamic, over contacts (title): its contacts (first page of 50)', () => call('GET', `/selections/${overId}/contacts?pageSize=50`));
    await measureContacts('dynamic, over contacts (title): its customers (first page of 50)', () => call('GET', `/selections/${overId}/members?pageSize=50`));
    await measureContacts('dynamic, over contacts (title): contacts CSV', () => call('GET', `/selections/${overId}/contacts.csv`));
    const frozenOver = await json('POST', '/selections', { name: 'Päälliköt, jäädytetty', criteria: { contactTitle: 'paallikko' } });
    await json('POST', `/selections/${String(frozenOver.id)}/freeze`, { version: 0 });
    await measureContacts('frozen, over contacts (title): its contacts (first page of 50)', () => call('GET', `/selections/${String(frozenOver.id)}/contacts?pageSize=50`));
    await measureContacts('dynamic, no contact criteria: every contact of its customers (first page of 50)', () => call('GET', `/selections/${String(dynamic.id)}/contacts?pageSize=50`));
    const few = await json('POST', '/selections', { name: 'Pieni', kind: 'static', memberIds: customerIds.slice(0, 20), criteria: { contactTitle: 'päällikkö' } });
    await measureContacts('static of 20 customers, over contacts (title): its contacts', () => call('GET', `/selections/${String(few.id)}/contacts?pageSize=50`));

    // the two reads apart (one request at a time, nothing else running)
    const reads: { name: string; ms: number }[] = [];
    const time = async (name: string, run: () => Promise<unknown>) => {
      const t0 = performance.now();
      await run();
      reads.push({ name, ms: performance.now() - t0 });
    };
    const allIds = contactsOf.flat();
    for (const size of [500, 2_000, 5_000]) await time(`${size.toLocaleString('en')} contacts by _id`, () => repos.contacts.getMany(allIds.slice(0, size)));
    for (let run = 0; run < 2; run++) {
      await time(`one pass over all ${CUSTOMERS.toLocaleString('en')} customers (for comparison)`, async () => {
        for await (const _o of repos.customers.streamSelected({}, { sort: 'name', order: 'asc' })) { /* read */ }
      });
      await time(`one pass over all ${CONTACTS.toLocaleString('en')} contacts`, async () => {
        for await (const _c of repos.contacts.streamWhere({})) { /* read */ }
      });
      await time(`one pass over all ${CONTACTS.toLocaleString('en')} contacts, raw (driver cursor, no mongoose)`, async () => {
        for await (const _c of composed.models.Contact.collection.find({}, { batchSize: 1000 })) { /* read */ }
      });
    }

    console.log(`${CUSTOMERS.toLocaleString('en')} customers; ${RUNS} runs each, one request at a time over loopback; engine ${bench.engine}`);
    if (rows.length) {
      console.log('| operation on 10,000 customers | runs ms | median ms | customers/s | answer | target | |');
      console.log('| --- | --- | --: | --: | --: | --: | --- |');
      for (const r of rows) {
        const median = [...r.ms].sort((a, b) => a - b)[Math.floor(r.ms.length / 2)]!;
        const perSecond = r.name.includes('first page') ? '' : Math.round(CUSTOMERS / (median / 1000)).toLocaleString('en');
        console.log(`| ${r.name} | ${r.ms.map((m) => Math.round(m)).join(', ')} | ${Math.round(median)} | ${perSecond} | ${(r.bytes / 1024).toFixed(0)} KB | ≤ ${TARGET_MS / 1000} s | ${median <= TARGET_MS ? 'met' : 'missed'} |`);
      }
    }
    console.log('');
    console.log(`${CONTACTS.toLocaleString('en')} contacts of those customers; the title selection finds ${matching.toLocaleString('en')} contacts of ${matchingCustomers.toLocaleString('en')} customers`);
    console.log('| selection over contacts | runs ms | median ms | answer | target | |');
    console.log('| --- | --- | --: | --: | --: | --- |');
    for (const r of contactRows) {
      const median = [...r.ms].sort((a, b) => a - b)[Math.floor(r.ms.length / 2)]!;
      console.log(`| ${r.name} | ${r.ms.map((m) => Math.round(m)).join(', ')} | ${Math.round(median)} | ${(r.bytes / 1024).toFixed(0)} KB | ≤ ${TARGET_MS / 1000} s | ${median <= TARGET_MS ? 'met' : 'missed'} |`);
    }
    console.log('');
    console.log('| contacts read | ms |');
    console.log('| --- | --: |');
    for (const r of reads) console.log(`| ${r.name} | ${Math.round(r.ms)} |`);
  } finally {
    await bench.close();
  }
}
