/**
 * 200 concurrent mixed writes over one database, through one or several app instances, and
 * the proof afterwards that nothing was lost and nothing duplicated: one mail logged from many
 * places at once, different mails on one customer, edits of that customer, contacts created
 * (one address twice at once), manual actions, an import, and a merge while mail is being logged
 * on the customer it removes.
 */
import type { Connection } from 'mongoose';
import { send } from './support';

export interface Instance {
  url: string;
  /** A bearer token valid on this instance for the user of the address. */
  token(email: string, role: 'admin' | 'account_manager'): Promise<string>;
}

const ADMIN = 'paakayttaja@omnia.fi';
const AINO = 'aino.virtanen@omnia.fi';

function mail(id: string, from: string, organizationId: string, minute: number) {
  return {
    internetMessageId: `<${id}@mail.example>`,
    subject: `Viesti ${id}`,
    occurredAt: new Date(Date.UTC(2026, 10, 1, 8, minute)).toISOString(),
    direction: 'in',
    from,
    to: [AINO],
    cc: [],
    organizationId,
  };
}

export interface MixedWriteOutcome {
  statuses: Record<string, number[]>;
  problems: string[];
}

/** Runs the scenario across the instances (round robin) and checks the database afterwards. */
export async function runMixedWrites(instances: readonly Instance[], conn: Connection): Promise<MixedWriteOutcome> {
  const at = (i: number) => instances[i % instances.length]!;
  const api = async (i: number, email: string, role: 'admin' | 'account_manager', path: string, init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}) => {
    const inst = at(i);
    return send(`${inst.url}/api/v1${path}`, { ...init, token: await inst.token(email, role), timeoutMs: 60_000 });
  };
  const me = await api(0, AINO, 'account_manager', '/me');
  const ainoId = (me.body as { id: string }).id;
  const customer = async (name: string, domain: string) => {
    const res = await api(0, ADMIN, 'admin', '/organizations', { body: { name, segment: 'A', customerGroup: 'company', emailDomains: [domain], responsibleId: ainoId } });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { id: string }).id;
  };
  const kivijalka = await customer('Kivijalka Oy', 'kivijalka.fi');
  const sahko = await customer('Äänekosken Sähkö Oy', 'aanekosken-sahko.fi');
  const duplicate = await customer('Äänekosken Sähkö (vanha)', 'sahko-vanha.fi');
  // Mail already logged on the duplicate before the merge.
  for (let m = 0; m < 5; m++) await api(0, AINO, 'account_manager', '/actions/email', { body: mail(`dup-before-${m}`, `info@sahko-vanha.fi`, duplicate, m) });

  type Op = { group: string; n?: number; run: (i: number) => Promise<number> };
  const ops: Op[] = [];
  const status = async (p: Promise<{ status: number }>) => (await p).status;
  for (let n = 0; n < 40; n++) ops.push({ group: 'same mail', run: (i) => status(api(i, AINO, 'account_manager', '/actions/email', { body: mail('same', 'yhteys@kivijalka.fi', kivijalka, 0) })) });
  for (let n = 0; n < 60; n++) ops.push({ group: 'different mails', run: (i) => status(api(i, AINO, 'account_manager', '/actions/email', { body: mail(`diff-${n}`, 'yhteys@kivijalka.fi', kivijalka, n % 60) })) });
  for (let n = 0; n < 30; n++) ops.push({ group: 'edit customer', run: (i) => status(api(i, AINO, 'account_manager', `/organizations/${kivijalka}`, { method: 'PATCH', body: { department: `Osasto ${n % 3}` } })) });
  for (let n = 0; n < 20; n++) {
    ops.push({ group: 'new contacts', run: (i) => status(api(i, AINO, 'account_manager', '/contacts', { body: { name: `Henkilö ${n}`, emails: [`henkilo.${n}@kivijalka.fi`], organizationId: kivijalka } })) });
  }
  for (let n = 0; n < 10; n++) {
    ops.push({ group: 'one address twice', run: (i) => status(api(i, AINO, 'account_manager', '/contacts', { body: { name: `Sama ${n}`, emails: ['sama@kivijalka.fi'], organizationId: kivijalka } })) });
  }
  for (let n = 0; n < 20; n++) {
    ops.push({ group: 'calls', run: (i) => status(api(i, AINO, 'account_manager', '/actions', { body: { kind: 'call', occurredAt: new Date(Date.UTC(2026, 10, 2, 9, n)).toISOString(), subject: `Puhelu ${n}`, organizationId: sahko } })) });
  }
  const csv = ['name;segment;customer_group;domains', ...Array.from({ length: 5 }, (_, k) => `Tuotu ${k} Oy;B;company;tuotu-${k}.fi`)].join('\r\n') + '\r\n';
  ops.push({ group: 'import', run: (i) => status(api(i, ADMIN, 'admin', '/imports?kind=organizations&dryRun=false', { rawBody: csv, headers: { 'content-type': 'text/csv' } })) });
  ops.push({ group: 'merge', run: (i) => status(api(i, ADMIN, 'admin', '/merges/organizations', { body: { keepId: sahko, mergeIds: [duplicate] } })) });
  for (let n = 0; n < 18; n++) {
    ops.push({ group: 'mail on merged', n, run: (i) => status(api(i, AINO, 'account_manager', '/actions/email', { body: mail(`dup-during-${n}`, 'info@sahko-vanha.fi', duplicate, n) })) });
  }
  if (ops.length !== 200) throw new Error(`the scenario has ${ops.length} writes, not 200`);

  // Interleave the groups, then fire everything at once.
  const shuffled = ops.map((op, k) => ({ op, key: (k * 7919) % ops.length })).sort((a, b) => a.key - b.key).map((x) => x.op);
  const results = await Promise.all(shuffled.map((op, i) => op.run(i).then((s) => ({ group: op.group, n: op.n, status: s }))));
  const statuses: Record<string, number[]> = {};
  for (const r of results) (statuses[r.group] ??= []).push(r.status);
  const duringMerge = results.filter((r) => r.group === 'mail on merged');

  // ---- the database afterwards ----
  const problems: string[] = [];
  const db = conn.db!;
  const ok = (s: number) => s >= 200 && s < 300;
  const actions = await db.collection('actions').find({}).toArray();
  const orgs = new Map((await db.collection('organizations').find({}).toArray()).map((o) => [String(o._id), o]));
  const byMail = new Map<string, number>();
  for (const a of actions) if (a.internetMessageId) byMail.set(a.internetMessageId, (byMail.get(a.internetMessageId) ?? 0) + 1);
  for (const [id, n] of byMail) if (n !== 1) problems.push(`${id} is logged as ${n} actions`);
  if (byMail.get('<same@mail.example>') !== 1) problems.push('the mail logged from 40 places is not one action');
  if ((statuses['same mail'] ?? []).filter((s) => s === 201).length !== 1) problems.push(`the same mail was created ${(statuses['same mail'] ?? []).filter((s) => s === 201).length} times`);
  for (let n = 0; n < 60; n++) if (byMail.get(`<diff-${n}@mail.example>`) !== 1) problems.push(`mail diff-${n} was lost`);
  for (const a of actions) if (!orgs.has(String(a.organizationId))) problems.push(`action ${String(a._id)} names a customer that does not exist`);

  const k = orgs.get(kivijalka)!;
  const kActions = actions.filter((a) => String(a.organizationId) === kivijalka)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || String(b._id).localeCompare(String(a._id)));
  const recent = (k.recentActions ?? []).map((r: { _id: unknown }) => String(r._id));
  const newest = kActions.slice(0, 5).map((a) => String(a._id));
  if (JSON.stringify(recent) !== JSON.stringify(newest)) problems.push(`Kivijalka's newest actions are ${recent.join(',')}, not ${newest.join(',')}`);
  const newestMail = Math.max(...kActions.map((a) => a.occurredAt.getTime()));
  if (k.lastActionAt?.email_in?.getTime() !== newestMail) problems.push('Kivijalka lost its newest email_in time');
  if (!/^Osasto [012]$/.test(k.department ?? '')) problems.push(`Kivijalka's department is ${k.department}`);
  if ((statuses['edit customer'] ?? []).some((s) => !ok(s))) problems.push(`edits failed: ${statuses['edit customer']}`);

  const contacts = await db.collection('contacts').find({ organizationId: k._id }).toArray();
  const emails = contacts.flatMap((c) => c.emails as string[]);
  if (new Set(emails).size !== emails.length) problems.push('an address belongs to two contacts');
  if (emails.filter((e) => e === 'sama@kivijalka.fi').length !== 1) problems.push('the address created ten times at once is not on exactly one contact');
  if ((statuses['one address twice'] ?? []).filter(ok).length !== 1) problems.push(`one address was created ${(statuses['one address twice'] ?? []).filter(ok).length} times`);
  for (let n = 0; n < 20; n++) if (!emails.includes(`henkilo.${n}@kivijalka.fi`)) problems.push(`contact henkilo.${n} was lost`);
  const keys = new Map((await db.collection('unique_keys').find({ kind: 'email' }).toArray()).map((x) => [String(x._id), x]));
  for (const c of contacts) {
    for (const e of c.emails as string[]) {
      const key = keys.get(`email:${e}`);
      if (!key || String(key.ownerId) !== String(c._id)) problems.push(`the key of ${e} is not its contact's`);
    }
  }
  const calls = actions.filter((a) => a.kind === 'call' && String(a.organizationId) === sahko);
  if (calls.length !== 20) problems.push(`${calls.length} calls of 20 were kept`);

  const imported = [...orgs.values()].filter((o) => /^Tuotu \d Oy$/.test(o.name));
  if (imported.length !== 5 || (statuses.import ?? []).some((s) => s !== 201)) problems.push(`the import wrote ${imported.length} of 5 customers (${statuses.import})`);

  if (!ok((statuses.merge ?? [])[0] ?? 0)) problems.push(`the merge answered ${statuses.merge}`);
  if (orgs.has(duplicate)) problems.push('the merged customer still exists');
  const domainKey = await db.collection('unique_keys').findOne({ _id: 'domain:sahko-vanha.fi' as never });
  if (String(domainKey?.ownerId) !== sahko) problems.push("the merged customer's domain is not the kept one's");
  for (let m = 0; m < 5; m++) if (byMail.get(`<dup-before-${m}@mail.example>`) !== 1) problems.push(`mail dup-before-${m} logged before the merge was lost`);
  duringMerge.forEach(({ status: s, n }) => {
    if (ok(s) && byMail.get(`<dup-during-${n}@mail.example>`) !== 1) problems.push(`mail dup-during-${n} answered ${s} but is ${byMail.get(`<dup-during-${n}@mail.example>`) ?? 0} actions`);
    if (!ok(s) && s !== 422) problems.push(`a mail logged during the merge answered ${s}`);
  });
  const s = orgs.get(sahko)!;
  const sActions = actions.filter((a) => String(a.organizationId) === sahko)
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || String(b._id).localeCompare(String(a._id)));
  const sRecent = (s.recentActions ?? []).map((r: { _id: unknown }) => String(r._id));
  if (JSON.stringify(sRecent) !== JSON.stringify(sActions.slice(0, 5).map((a) => String(a._id)))) problems.push("the kept customer's newest actions do not match its actions");
  return { statuses, problems };
}
