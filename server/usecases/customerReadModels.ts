/**
 * What every change of a customer or a contact updates besides the record itself: the search
 * index (persistence/repositories/searchIndex) and the customer's `contactIds` (the extended
 * reference the customer page reads its contacts by). Creates, edits, moves, merges, imports and
 * deletes all come through here; each step is idempotent (`$addToSet`/`$pull`), so a retry after a
 * failure half-way completes what is missing. The search decides on the index alone (it reads only
 * the page's customers), so every write keeps it exact: a customer's entries carry its sort keys
 * (name, segment), rewritten on its contacts' entries too when it is renamed. A step that never ran
 * leaves a stale or missing entry until the record is written again or `rebuildSearchIndex`; a
 * customer that no longer exists is left out of the page that would show it.
 */
import { mapLimit } from '../concurrency';
import {
  contactSearchWords, customerSearchWords, searchTerms, termWords,
} from '../../shared/domain/searchText';
import {
  SEARCH_INDEX_VERSION,
  type ActionRecord, type ContactAmendment, type CustomerAmendment, type IndexedEntry, type NewContact, type NewCustomer, type Repositories,
  type SearchEntry, type SearchKeys,
} from '../persistence/repositories';

type CustomerText = { id: string; name: string; segment: string; businessId?: string | null; emailDomains?: readonly string[] };
export type ContactText = { id: string; organizationId: string; name: string; emails?: readonly string[] };

const customerEntries = (c: CustomerText): SearchEntry[] => customerSearchWords(c).map((w) => ({ w, o: c.id, c: null }));
const contactEntries = (c: ContactText): SearchEntry[] => contactSearchWords(c).map((w) => ({ w, o: c.organizationId, c: c.id }));

/** The sort keys a customer's entries carry (the list's name order is by `nameLower`). */
export const searchKeysOf = (c: { name: string; segment: string }): SearchKeys => ({ n: c.name.toLowerCase(), s: c.segment });
const sameKeys = (a: SearchKeys, b: SearchKeys) => a.n === b.n && a.s === b.s;
const withKeys = (entries: readonly SearchEntry[], keys: SearchKeys): IndexedEntry[] => entries.map((e) => ({ ...e, ...keys }));

const entryKey = (e: SearchEntry) => `${e.w}\u0000${e.o}\u0000${e.c ?? ''}`;
const minus = (a: readonly SearchEntry[], b: readonly SearchEntry[]) => {
  const drop = new Set(b.map(entryKey));
  return a.filter((e) => !drop.has(entryKey(e)));
};

/** The current sort keys of customers (missing customers left out). */
async function currentKeys(repos: Repositories, ids: Iterable<string>): Promise<Map<string, SearchKeys>> {
  const found = await repos.customers.getMany([...new Set(ids)]);
  return new Map(found.map((o) => [o.id, searchKeysOf(o)]));
}

/**
 * After a contact's entries were written with the keys read before: when its customer was renamed
 * (or re-segmented) meanwhile, gives them the new keys. The renaming writer rekeys the contacts it
 * reads on the customer after its own write; a contact it did not see yet was linked to the customer
 * after that write, so this read, after the contact's own write, sees the new keys: one of the two
 * always rekeys it.
 */
async function settleKeys(repos: Repositories, written: Map<string, { keys: SearchKeys; entries: SearchEntry[] }>): Promise<void> {
  if (written.size === 0) return;
  const now = await currentKeys(repos, written.keys());
  for (const [org, w] of written) {
    const keys = now.get(org);
    if (keys && !sameKeys(keys, w.keys)) await repos.search.rekey(w.entries, keys);
  }
}

/** A customer was created (before null), changed, or deleted (after null). */
export async function customerChanged(repos: Repositories, before: CustomerText | null, after: CustomerText | null): Promise<void> {
  const was = before ? customerEntries(before) : [];
  const is = after ? customerEntries(after) : [];
  if (after) {
    const keys = searchKeysOf(after);
    await repos.search.add(withKeys(minus(is, was), keys));
    if (before && !sameKeys(searchKeysOf(before), keys)) {
      // Renamed or re-segmented: every document that holds the customer's words, its contacts' too, gets the new keys.
      const ids = (await repos.customers.contactIdsOf(after.id))?.ids ?? [];
      const contacts = await repos.contacts.getMany(ids);
      await repos.search.rekey([...is, ...contacts.filter((c) => c.organizationId === after.id).flatMap(contactEntries)], keys);
    }
  }
  await repos.search.remove(minus(was, is));
}

/** Above this many customers, their contacts are found in one pass over the contacts rather than customer by customer. */
const CONTACTS_SCAN_ABOVE = 200;

/** The contacts of these customers, by customer: one pass over the contacts for many customers, their lists for a few. */
export async function contactsOfCustomers(repos: Repositories, ids: readonly string[]): Promise<Map<string, ContactText[]>> {
  const wanted = new Set(ids);
  const found: ContactText[] = [];
  if (wanted.size > CONTACTS_SCAN_ABOVE) {
    for await (const c of repos.contacts.stream()) if (wanted.has(c.organizationId)) found.push(c);
  } else {
    const contactIds = (await mapLimit([...wanted], 8, async (id) => (await repos.customers.contactIdsOf(id))?.ids ?? [])).flat();
    found.push(...(await repos.contacts.getMany(contactIds)).filter((c) => wanted.has(c.organizationId)));
  }
  const out = new Map<string, ContactText[]>();
  for (const c of found) out.set(c.organizationId, [...(out.get(c.organizationId) ?? []), c]);
  return out;
}

/**
 * After many customers' segment was written (a selection's list operation): their entries, and their
 * contacts', get the new sort keys, one write per index document. `contacts` must be read after the
 * customers' writes (contactsOfCustomers), so that a contact linked meanwhile is either among them or
 * rekeyed by its own writer (settleKeys), as for a single customer's change.
 */
export async function customersRekeyed(repos: Repositories, customers: readonly CustomerText[], contacts: ReadonlyMap<string, readonly ContactText[]>): Promise<void> {
  if (customers.length === 0) return;
  const byId = new Map(customers.map((c) => [c.id, c]));
  const entries = customers.flatMap((c) => [...customerEntries(c), ...(contacts.get(c.id) ?? []).flatMap(contactEntries)]);
  await repos.search.rekeyEach(entries.map((e) => ({ ...e, ...searchKeysOf(byId.get(e.o)!) })));
}

/** Customers written at once (an import, the demo). */
export async function customersAdded(repos: Repositories, customers: readonly CustomerText[]): Promise<void> {
  await repos.search.add(customers.flatMap((c) => withKeys(customerEntries(c), searchKeysOf(c))));
}

/** A contact was created (before null), changed or moved, or deleted (after null). */
export async function contactChanged(repos: Repositories, before: ContactText | null, after: ContactText | null): Promise<void> {
  if (after && after.organizationId !== before?.organizationId) await repos.customers.addContacts(after.organizationId, [after.id]);
  const was = before ? contactEntries(before) : [];
  const is = after ? contactEntries(after) : [];
  const added = minus(is, was);
  if (after && added.length > 0) {
    const keys = (await currentKeys(repos, [after.organizationId])).get(after.organizationId);
    if (keys) {
      await repos.search.add(withKeys(added, keys));
      await settleKeys(repos, new Map([[after.organizationId, { keys, entries: is }]]));
    }
  }
  await repos.search.remove(minus(was, is));
  if (before && before.organizationId !== after?.organizationId) await repos.customers.removeContacts(before.organizationId, [before.id]);
}

/** Contacts written at once (an import, the demo). */
export async function contactsAdded(repos: Repositories, contacts: readonly ContactText[]): Promise<void> {
  const byCustomer = new Map<string, ContactText[]>();
  for (const c of contacts) byCustomer.set(c.organizationId, [...(byCustomer.get(c.organizationId) ?? []), c]);
  for (const [org, list] of byCustomer) await repos.customers.addContacts(org, list.map((c) => c.id));
  const keys = await currentKeys(repos, byCustomer.keys());
  const written = new Map<string, { keys: SearchKeys; entries: SearchEntry[] }>();
  for (const [org, list] of byCustomer) {
    const k = keys.get(org);
    if (k) written.set(org, { keys: k, entries: list.flatMap(contactEntries) });
  }
  await repos.search.add([...written.values()].flatMap((w) => withKeys(w.entries, w.keys)));
  await settleKeys(repos, written);
}

/** Every contact of one customer moved to another (a merge). */
export async function contactsMoved(repos: Repositories, contacts: readonly ContactText[], to: string): Promise<void> {
  for (const c of contacts) await contactChanged(repos, c, { ...c, organizationId: to });
}

/** Recomputes the whole search index from the customers and contacts, and marks it built with this layout. */
export async function rebuildSearchIndex(repos: Repositories): Promise<number> {
  const entries: IndexedEntry[] = [];
  const keys = new Map<string, SearchKeys>();
  for await (const o of repos.customers.stream({})) {
    const k = searchKeysOf(o);
    keys.set(o.id, k);
    entries.push(...withKeys(customerEntries(o), k));
  }
  for await (const c of repos.contacts.stream()) {
    const k = keys.get(c.organizationId);
    if (k) entries.push(...withKeys(contactEntries(c), k));
  }
  const n = await repos.search.replaceAll(entries);
  await repos.search.setVersion(SEARCH_INDEX_VERSION);
  return n;
}

/** Customers backfilled at once (each customer's documents are its own, so they do not contend). */
const BACKFILL_CONCURRENCY = 8;

/**
 * Rebuilds the search index when it was built with another layout (or never), e.g. a database from
 * before the sort keys rode on the entries: one `_id` read of the version marker when it is built. A
 * start-up migration of its own (./migrations), apart from the other read models, so that a new
 * layout of the index brings its own migration.
 */
export async function ensureSearchIndex(repos: Repositories): Promise<{ searchEntries: number }> {
  if ((await repos.search.version()) === SEARCH_INDEX_VERSION) return { searchEntries: 0 };
  return { searchEntries: await rebuildSearchIndex(repos) };
}

/**
 * Builds what customers written before them lack: `contactIds`, the timeline buckets and
 * `lastActionAny`. One query over the customers (a scan on the embedded engine, ~70 µs a customer),
 * then one pass over the contacts or the actions where some customer lacks what they give. A start-up
 * migration (./migrations, `read-models-v3`): every writer keeps these since, so it runs once.
 */
export async function backfillReadModels(repos: Repositories): Promise<{ customers: number }> {
  const missing = await repos.customers.withoutReadModels();
  if (missing.length === 0) return { customers: 0 };
  const needContacts = new Set(missing.filter((m) => m.contacts).map((m) => m.id));
  if (needContacts.size > 0) {
    const found = new Map<string, string[]>([...needContacts].map((id) => [id, []]));
    for await (const c of repos.contacts.stream()) found.get(c.organizationId)?.push(c.id);
    await mapLimit([...found], BACKFILL_CONCURRENCY, ([org, ids]) => repos.customers.addContacts(org, ids));
  }
  const needTimeline = new Set(missing.filter((m) => m.timeline).map((m) => m.id));
  if (needTimeline.size > 0) {
    const found = new Map<string, ActionRecord[]>([...needTimeline].map((id) => [id, []]));
    for await (const a of repos.actions.stream()) found.get(a.organizationId)?.push(a);
    await repos.timeline.buildNew(found);
  }
  await mapLimit(missing.filter((m) => m.lastAction !== undefined), BACKFILL_CONCURRENCY, (m) => repos.customers.setLastActionAny(m.id, m.lastAction!));
  return { customers: missing.length };
}

/** Both builds at once, whatever the migration markers say (the benchmarks, a repair by hand). */
export async function ensureReadModels(repos: Repositories): Promise<{ searchEntries: number; customers: number }> {
  const { searchEntries } = await ensureSearchIndex(repos);
  const { customers } = await backfillReadModels(repos);
  return { searchEntries, customers };
}

/**
 * The customers a query finds, with the sort keys their entries carry: every term must match a word
 * of the customer or of one of its contacts (a term matches a word it starts, or each of its parts
 * starts one). Decided on the index alone: the documents of the query's words, read by `_id`,
 * intersected per term here; no customer or contact is read. Null when no term is long enough for
 * the index (every word under two characters): the caller matches names by prefix instead.
 */
export async function searchHits(repos: Repositories, q: string): Promise<Map<string, SearchKeys> | null> {
  const terms = searchTerms(q).filter((t) => termWords(t).length > 0);
  if (terms.length === 0) return null;
  const found = await repos.search.lookup([...new Set(terms.flatMap(termWords))]);
  const of = (w: string) => found.get(w) ?? [];
  const keys = new Map<string, SearchKeys>();
  let candidates = null as Set<string> | null;
  for (const t of terms) {
    const hits = [...of(t.whole)];
    const parts = t.parts.filter((p) => termWords({ whole: p, parts: [p] }).length > 0);
    if (parts.length > 0) {
      const perPart = parts.map((p) => new Set(of(p).map((e) => e.o)));
      const all = perPart.reduce((a, b) => new Set([...a].filter((o) => b.has(o))));
      hits.push(...parts.flatMap((p) => of(p).filter((e) => all.has(e.o))));
    }
    // A customer's own entries carry the keys its own writer set; a contact's may lag a rename by a moment.
    for (const e of hits) if (!keys.has(e.o) || e.c === null) keys.set(e.o, { n: e.n, s: e.s });
    const orgs = new Set(hits.map((e) => e.o));
    candidates = candidates === null ? orgs : new Set([...candidates].filter((o) => orgs.has(o)));
    if (candidates.size === 0) return new Map();
  }
  return new Map([...candidates!].map((o) => [o, keys.get(o)!]));
}

/** The customers repository as an import writes through it, with the search index kept up to date. */
export function indexedCustomerWriter(repos: Repositories) {
  return {
    async insertMany(records: readonly NewCustomer[]) {
      await repos.customers.insertMany(records);
      await customersAdded(repos, records);
    },
    async amend(id: string, change: CustomerAmendment) {
      const before = await repos.customers.get(id);
      if (!(await repos.customers.amend(id, change))) return false;
      await customerChanged(repos, before, await repos.customers.get(id));
      return true;
    },
  };
}

/** The contacts repository as an import writes through it, with the search index and `contactIds` kept up to date. */
export function indexedContactWriter(repos: Repositories) {
  return {
    async insertMany(records: readonly NewContact[]) {
      await repos.contacts.insertMany(records);
      await contactsAdded(repos, records);
    },
    async amend(id: string, change: ContactAmendment) {
      const before = await repos.contacts.get(id);
      if (!(await repos.contacts.amend(id, change))) return false;
      await contactChanged(repos, before, await repos.contacts.get(id));
      return true;
    },
  };
}
