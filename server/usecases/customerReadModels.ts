/**
 * What every change of a customer or a contact updates besides the record itself: the search
 * index (persistence/repositories/searchIndex) and the customer's `contactIds` (the extended
 * reference the customer page reads its contacts by). Creates, edits, moves, merges, imports and
 * deletes all come through here; each step is idempotent (`$addToSet`/`$pull`), so a retry after a
 * failure half-way completes what is missing. A step that never ran leaves a stale or missing
 * entry: stale ones are filtered out by the search's re-check, missing ones come back with
 * `rebuildSearchIndex`.
 */
import { mapLimit } from '../concurrency';
import {
  contactSearchWords, customerSearchWords, searchTerms, termMatches, termWords, type SearchTerm,
} from '../../shared/domain/searchText';
import type {
  ActionRecord, ContactAmendment, ContactRecord, CustomerAmendment, CustomerSelection, NewContact, NewCustomer, Repositories, SearchEntry,
} from '../persistence/repositories';

type CustomerText = { id: string; name: string; businessId?: string | null; emailDomains?: readonly string[] };
type ContactText = { id: string; organizationId: string; name: string; emails?: readonly string[] };

const customerEntries = (c: CustomerText): SearchEntry[] => customerSearchWords(c).map((w) => ({ w, o: c.id, c: null }));
const contactEntries = (c: ContactText): SearchEntry[] => contactSearchWords(c).map((w) => ({ w, o: c.organizationId, c: c.id }));

const entryKey = (e: SearchEntry) => `${e.w}\u0000${e.o}\u0000${e.c ?? ''}`;

async function replaceEntries(repos: Repositories, before: SearchEntry[], after: SearchEntry[]): Promise<void> {
  const was = new Set(before.map(entryKey));
  const is = new Set(after.map(entryKey));
  await repos.search.add(after.filter((e) => !was.has(entryKey(e))));
  await repos.search.remove(before.filter((e) => !is.has(entryKey(e))));
}

/** A customer was created (before null), changed, or deleted (after null). */
export async function customerChanged(repos: Repositories, before: CustomerText | null, after: CustomerText | null): Promise<void> {
  await replaceEntries(repos, before ? customerEntries(before) : [], after ? customerEntries(after) : []);
}

/** Customers written at once (an import, the demo). */
export async function customersAdded(repos: Repositories, customers: readonly CustomerText[]): Promise<void> {
  await repos.search.add(customers.flatMap(customerEntries));
}

/** A contact was created (before null), changed or moved, or deleted (after null). */
export async function contactChanged(repos: Repositories, before: ContactText | null, after: ContactText | null): Promise<void> {
  if (after && after.organizationId !== before?.organizationId) await repos.customers.addContacts(after.organizationId, [after.id]);
  await replaceEntries(repos, before ? contactEntries(before) : [], after ? contactEntries(after) : []);
  if (before && before.organizationId !== after?.organizationId) await repos.customers.removeContacts(before.organizationId, [before.id]);
}

/** Contacts written at once (an import, the demo). */
export async function contactsAdded(repos: Repositories, contacts: readonly ContactText[]): Promise<void> {
  const byCustomer = new Map<string, string[]>();
  for (const c of contacts) byCustomer.set(c.organizationId, [...(byCustomer.get(c.organizationId) ?? []), c.id]);
  for (const [org, ids] of byCustomer) await repos.customers.addContacts(org, ids);
  await repos.search.add(contacts.flatMap(contactEntries));
}

/** Every contact of one customer moved to another (a merge). */
export async function contactsMoved(repos: Repositories, contacts: readonly ContactRecord[], to: string): Promise<void> {
  for (const c of contacts) await contactChanged(repos, c, { ...c, organizationId: to });
}

/** Recomputes the whole search index from the customers and contacts. */
export async function rebuildSearchIndex(repos: Repositories): Promise<number> {
  const entries: SearchEntry[] = [];
  for await (const o of repos.customers.stream({})) entries.push(...customerEntries(o));
  for await (const c of repos.contacts.stream()) entries.push(...contactEntries(c));
  return repos.search.replaceAll(entries);
}

/** Customers backfilled at once (each customer's documents are its own, so they do not contend). */
const BACKFILL_CONCURRENCY = 8;

/**
 * Builds the search index when it is empty but customers exist (a database written before it); nothing
 * otherwise. A start-up migration of its own (./migrations, `search-index-v1`), apart from the other
 * read models, so that a new design of the index brings its own migration.
 */
export async function ensureSearchIndex(repos: Repositories): Promise<{ searchEntries: number }> {
  if ((await repos.search.isEmpty()) && (await repos.customers.estimatedCount()) > 0) return { searchEntries: await rebuildSearchIndex(repos) };
  return { searchEntries: 0 };
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
 * The customers a query finds: every term must match a word of the customer or of one of its
 * contacts. Reads the prefix documents of the query's words by `_id`, intersects per term, then
 * re-checks the candidates on the records (customers that meet `selection`, and the contacts the
 * entries named), so that a stale entry never shows. Null when no term is long enough for the
 * index (every word under two characters): the caller matches names by prefix instead.
 */
export async function searchCustomers(repos: Repositories, q: string, selection: CustomerSelection) {
  const terms = searchTerms(q).filter((t) => termWords(t).length > 0);
  if (terms.length === 0) return null;
  const found = await repos.search.lookup([...new Set(terms.flatMap(termWords))]);
  const of = (w: string) => found.get(w) ?? [];
  const contactsOf = new Map<string, Set<string>>();
  let candidates = null as Set<string> | null;
  for (const t of terms) {
    const hits = [...of(t.whole)];
    const parts = t.parts.filter((p) => termWords({ whole: p, parts: [p] }).length > 0);
    if (parts.length > 0) {
      const perPart = parts.map((p) => new Set(of(p).map((e) => e.o)));
      const all = perPart.reduce((a, b) => new Set([...a].filter((o) => b.has(o))));
      hits.push(...parts.flatMap((p) => of(p).filter((e) => all.has(e.o))));
    }
    for (const e of hits) if (e.c) contactsOf.set(e.o, (contactsOf.get(e.o) ?? new Set()).add(e.c));
    const orgs = new Set(hits.map((e) => e.o));
    candidates = candidates === null ? orgs : new Set([...candidates].filter((o) => orgs.has(o)));
    if (candidates.size === 0) return [];
  }
  const customers = await repos.customers.selectAmong([...candidates!], selection);
  const stillMatches = (words: string[], ts: readonly SearchTerm[]) => ts.every((t) => termMatches(t, words));
  // A customer its own words still match needs no contact read (more words only match more): a broad
  // name prefix then costs one read per customer, not one per contact too.
  const ownMatch = new Set(customers.filter((c) => stillMatches(customerSearchWords(c), terms)).map((c) => c.id));
  const contactIds = customers.filter((c) => !ownMatch.has(c.id)).flatMap((c) => [...(contactsOf.get(c.id) ?? [])]);
  const contacts = await repos.contacts.getMany(contactIds);
  const contactWords = new Map<string, string[]>();
  for (const c of contacts) contactWords.set(c.organizationId, [...(contactWords.get(c.organizationId) ?? []), ...contactSearchWords(c)]);
  return customers.filter((c) => ownMatch.has(c.id) || stillMatches([...customerSearchWords(c), ...(contactWords.get(c.id) ?? [])], terms));
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
