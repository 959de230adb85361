/**
 * The search index of customers and contacts (`search_prefixes`): per two-character word prefix,
 * SHARDS documents, `_id` `<prefix>:<shard>` (the shard from the customer's id), `entries` the words
 * of that prefix as `{w: word, o: customer id, c: contact id | null}`. Why this shape:
 * - FerretDB 1.24 on SQLite answers only an exact `{_id}` filter from an index (any other filter
 *   decodes the whole collection at ~70 µs a document: 15,000 contacts are a second), so a query
 *   reads the documents of its words' prefixes by `_id` and matches word prefixes in memory. On
 *   MongoDB the same reads are `_id` index lookups, whatever the number of customers.
 * - Entries carry the customer even for a contact's words, so that a contact's name or address
 *   finds its customer without reading contacts.
 * - The index may hold stale entries (a write that failed half-way, a customer deleted): the
 *   caller re-checks every candidate on the records themselves, so a stale entry never shows; it
 *   only costs a read. `rebuild` recomputes the whole index from the records.
 *
 * Why each write is safe with several instances: adding is `$addToSet` (with `$each`) of entries,
 * removing `$pullAll` of exact entries, both by `_id` through the engine (atomic per document on
 * MongoDB; serialised per document by the engine module on FerretDB), so concurrent changes of
 * different records never lose each other's entries, and a repeat changes nothing twice.
 * `rebuild` `$set`s whole documents from a read of every customer and contact: it runs when the
 * index is empty at start (nothing to lose) or by an administrator's command; a change written
 * while it runs may be missing until that record is written again or the next rebuild.
 *
 * Size: the shards of a prefix hold every word of its prefix. The top-level domain label is not
 * indexed (see shared/domain/searchText.ts). A common prefix (`oy`, every "Oy") has about one entry
 * per customer; split over SHARDS documents, a write adds to and compares with a quarter of it
 * (FerretDB's `$addToSet` compares every new entry with every stored one, and the engine module
 * serialises the writes of one document: one document per prefix made a 3,000-customer import
 * time out), and at 100,000 customers each shard stays far under MongoDB's 16 MB document limit
 * (~70 bytes an entry). A query reads SHARDS documents per prefix, in parallel, by `_id`.
 */
import { MIN_SEARCH_WORD } from '../../../shared/domain/searchText';
import type { Engine } from '../engine';
import type { Models, SearchPrefixDoc } from '../models';

export interface SearchEntry {
  /** The normalised word. */
  w: string;
  /** The customer it finds. */
  o: string;
  /** The contact whose word it is; null for the customer's own. */
  c: string | null;
}

export interface SearchIndexRepository {
  add(entries: readonly SearchEntry[]): Promise<void>;
  remove(entries: readonly SearchEntry[]): Promise<void>;
  /** The entries whose word starts with one of the words (each at least MIN_SEARCH_WORD long), by query word. */
  lookup(words: readonly string[]): Promise<Map<string, SearchEntry[]>>;
  isEmpty(): Promise<boolean>;
  /** Replaces the whole index with these entries. */
  replaceAll(entries: Iterable<SearchEntry>): Promise<number>;
}

export const prefixOf = (word: string): string => [...word].slice(0, MIN_SEARCH_WORD).join('');

/** How many documents share a prefix's entries. */
export const SHARDS = 4;
/** The shard of a customer: from the last byte of its id (an ObjectId's counter, evenly spread). */
const shardOf = (organizationId: string): number => Number.parseInt(organizationId.slice(-2), 16) % SHARDS;
const docIdOf = (e: { w: string; o: string }): string => `${prefixOf(e.w)}:${shardOf(e.o)}`;
const shardIdsOf = (prefix: string): string[] => Array.from({ length: SHARDS }, (_, n) => `${prefix}:${n}`);

/** The entry as stored, fields in one order, so that `$addToSet` and `$pullAll` compare equal documents. */
const stored = (e: SearchEntry) => ({ w: e.w, o: e.o, c: e.c ?? null });

function byPrefix(entries: readonly SearchEntry[]): Map<string, ReturnType<typeof stored>[]> {
  const out = new Map<string, ReturnType<typeof stored>[]>();
  for (const e of entries) {
    if ([...e.w].length < MIN_SEARCH_WORD) continue;
    const id = docIdOf(e);
    out.set(id, [...(out.get(id) ?? []), stored(e)]);
  }
  return out;
}

export function searchIndexRepository(models: Models, engine: Engine): SearchIndexRepository {
  const { SearchPrefix } = models;
  return {
    async add(entries) {
      await Promise.all(
        [...byPrefix(entries)].map(([p, list]) =>
          engine.updateById(SearchPrefix, p, { $addToSet: { entries: { $each: list } } }, { upsert: true, timestamps: false })),
      );
    },
    async remove(entries) {
      await Promise.all([...byPrefix(entries)].map(([p, list]) => engine.updateById(SearchPrefix, p, { $pullAll: { entries: list } }, { timestamps: false })));
    },
    async lookup(words) {
      const prefixes = [...new Set(words.map(prefixOf))];
      const docs = await engine.findByIds<SearchPrefixDoc>(SearchPrefix, prefixes.flatMap(shardIdsOf));
      const byPrefixRead = new Map<string, SearchEntry[]>();
      for (const d of docs) {
        const p = d._id.slice(0, d._id.lastIndexOf(':'));
        byPrefixRead.set(p, [...(byPrefixRead.get(p) ?? []), ...(d.entries ?? [])]);
      }
      return new Map(words.map((w) => [w, (byPrefixRead.get(prefixOf(w)) ?? []).filter((e) => e.w.startsWith(w))]));
    },
    async isEmpty() {
      return (await SearchPrefix.findOne({}, { _id: 1 }).lean().exec()) === null;
    },
    async replaceAll(entries) {
      const grouped = new Map<string, Map<string, ReturnType<typeof stored>>>();
      let n = 0;
      for (const e of entries) {
        if ([...e.w].length < MIN_SEARCH_WORD) continue;
        const p = docIdOf(e);
        const s = stored(e);
        const g = grouped.get(p) ?? new Map();
        g.set(`${s.w}\u0000${s.o}\u0000${s.c ?? ''}`, s);
        grouped.set(p, g);
        n++;
      }
      const existing = (await SearchPrefix.find({}, { _id: 1 }).lean<{ _id: string }[]>().exec()).map((d) => d._id);
      for (const id of existing) if (!grouped.has(id)) await engine.deleteById(SearchPrefix, id);
      for (const [p, g] of grouped) await engine.updateById(SearchPrefix, p, { $set: { entries: [...g.values()] } }, { upsert: true, timestamps: false });
      return n;
    },
  };
}
