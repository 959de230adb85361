/**
 * The search index of customers and contacts (`search_prefixes`). A search decides which customers
 * match, how many there are and in which order they come from these documents alone, then reads
 * only the page's customers. Documents, all addressed by `_id`:
 * - `p:<key>:<shard>`: the indexed words whose key is `<key>` (a word's first PREFIX_LENGTH
 *   characters, or the whole word when it is shorter: words of MIN_SEARCH_WORD characters, `oy`,
 *   have their own key), grouped by customer: `m.<customer id>` is `{n: the customer's lower-case
 *   name, s: its segment, w: its words of this key}`, a contact's word stored as `<word> <contact
 *   id>` (words hold no spaces), the customer's own as the word alone. The sort keys beside the
 *   words let the list order and page hits by name (or segment and name) and filter them by segment
 *   without reading customers. The shard comes from the customer's id.
 * - `d:<two characters>`, `more` the longer keys that start with those two characters: a query word
 *   of two characters reads its own key's documents and those of `more`.
 * - `~version`, `v` the version of this layout the index was built with (see SEARCH_INDEX_VERSION).
 *
 * Why this shape:
 * - FerretDB 1.24 on SQLite answers only an exact `{_id}` filter from an index (any other filter
 *   decodes the whole collection at ~70 µs a document), so a query reads the documents of its words'
 *   keys by `_id` (SHARDS per key, in parallel) and matches word prefixes in memory. On MongoDB the
 *   same reads are `_id` index lookups, whatever the number of customers.
 * - FerretDB's cost is the values it decodes: three-character keys (a broad prefix, `rakenn`, reads
 *   the `rak` documents, not every word of `ra`) and words grouped under their customer (one string
 *   a word, the sort keys once a customer, where a layout of `{w, o, c, n, s}` per word decodes
 *   five values a word: see docs/benchmarks.md) keep them few. At 100,000 customers the largest
 *   document (the word `oy`, one per customer, ~80 bytes each, split over SHARDS) stays near 2 MB,
 *   far under MongoDB's 16 MB limit.
 * - Shards: FerretDB's `$addToSet` compares every new element with every stored one, and the engine
 *   module serialises the writes of one document; one document per key made an import of thousands
 *   of customers (all adding `oy`) crawl. One change writes at most WRITES_AT_ONCE documents at once.
 *
 * Why each write is safe with several instances: every write is one atomic update by `_id` through
 * the engine (atomic per document on MongoDB; serialised per document by the engine module on
 * FerretDB), each naming only its customers' fields. Adding is `$addToSet` (with `$each`) of words
 * into `m.<customer>.w` with `$set` of that customer's `n` and `s`, and of keys into `more`;
 * removing is `$pullAll` of exact words from `m.<customer>.w`; changing a customer's sort keys
 * (`rekey`) is a `$set` of its `n` and `s` in every document that holds its words. Concurrent
 * changes of different records never lose each other's words, and a repeat changes nothing twice.
 * A customer left without words keeps its (empty) place until the next rebuild, and `more` is only
 * ever added to (a key left without words costs a read of an empty document). The use case
 * (customerReadModels) settles the one race between a contact's write and its customer's rename.
 * `replaceAll` `$set`s whole documents from a read of every customer and contact: it runs once when
 * the layout's version changes (at start) or by an administrator's command; a change written while
 * it runs may be missing until that record is written again or the next rebuild.
 */
import { MIN_SEARCH_WORD } from '../../../shared/domain/searchText';
import { mapLimit } from '../../concurrency';
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

/** What the list orders and filters a customer's hits by, carried on every entry of the customer. */
export interface SearchKeys {
  /** The customer's name, lower-cased (as `nameLower`, the list's name order). */
  n: string;
  /** Its segment. */
  s: string;
}

export type IndexedEntry = SearchEntry & SearchKeys;

/** The version of the index's layout; a database whose index has another is rebuilt once at start. */
export const SEARCH_INDEX_VERSION = 3; // 1: two-character prefixes; 2: sort keys on every entry; 3: words grouped by customer

export interface SearchIndexRepository {
  /** Adds entries (idempotent). */
  add(entries: readonly IndexedEntry[]): Promise<void>;
  /** Removes these words of these records, whatever sort keys their entries carry. */
  remove(entries: readonly SearchEntry[]): Promise<void>;
  /** Gives these entries (of one customer) the customer's current sort keys. */
  rekey(entries: readonly SearchEntry[], keys: SearchKeys): Promise<void>;
  /** Gives each entry's customer the sort keys the entry carries (many customers: one write per index document). */
  rekeyEach(entries: readonly IndexedEntry[]): Promise<void>;
  /** The entries whose word starts with one of the words (each at least MIN_SEARCH_WORD long), by query word. */
  lookup(words: readonly string[]): Promise<Map<string, IndexedEntry[]>>;
  /** The layout version the index was built with (null: never built, or built before versions). */
  version(): Promise<number | null>;
  setVersion(version: number): Promise<void>;
  /** Replaces the whole index with these entries (the version marker included: set it after). */
  replaceAll(entries: Iterable<IndexedEntry>): Promise<number>;
}

/** How many characters of a word key its document. */
export const PREFIX_LENGTH = 3;
/** How many documents share a key's entries. */
export const SHARDS = 4;
/**
 * Index documents written at once by one change: an import's batch touches hundreds of keys, and that
 * many concurrent updates make the embedded engine's SQLite refuse with SQLITE_BUSY.
 */
const WRITES_AT_ONCE = 8;

const chars = (word: string) => [...word];
export const keyOf = (word: string): string => chars(word).slice(0, PREFIX_LENGTH).join('');
const shortKeyOf = (key: string): string => chars(key).slice(0, MIN_SEARCH_WORD).join('');
/** The shard of a customer: from the last byte of its id (an ObjectId's counter, evenly spread). */
const shardOf = (organizationId: string): number => (Number.parseInt(organizationId.slice(-2), 16) || 0) % SHARDS;
const docIdOf = (e: { w: string; o: string }): string => `p:${keyOf(e.w)}:${shardOf(e.o)}`;
const shardIdsOf = (key: string): string[] => Array.from({ length: SHARDS }, (_, n) => `p:${key}:${n}`);
const keyOfDocId = (id: string): string => id.slice(2, id.lastIndexOf(':'));
const dirIdOf = (short: string) => `d:${short}`;
const VERSION_ID = '~version';

const indexable = (w: string) => chars(w).length >= MIN_SEARCH_WORD;

/** A word as stored under its customer: the word, and for a contact's word a space and the contact's id (words hold no spaces). */
const tokenOf = (e: SearchEntry): string => (e.c ? `${e.w} ${e.c}` : e.w);
const entryOf = (o: string, token: string, keys: SearchKeys): IndexedEntry => {
  const at = token.indexOf(' ');
  return at < 0 ? { w: token, o, c: null, ...keys } : { w: token.slice(0, at), o, c: token.slice(at + 1), ...keys };
};

/** Entries by document, then by customer (the `m.<customer>` each update names). */
function byDoc<E extends SearchEntry>(entries: readonly E[]): Map<string, Map<string, E[]>> {
  const out = new Map<string, Map<string, E[]>>();
  for (const e of entries) {
    if (!indexable(e.w)) continue;
    const id = docIdOf(e);
    const doc = out.get(id) ?? new Map<string, E[]>();
    doc.set(e.o, [...(doc.get(e.o) ?? []), e]);
    out.set(id, doc);
  }
  return out;
}

/** The longer keys of these documents, by their two-character start (what `d:` documents list). */
function directoryOf(docIds: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const id of docIds) {
    const key = keyOfDocId(id);
    if (chars(key).length <= MIN_SEARCH_WORD) continue;
    const short = shortKeyOf(key);
    out.set(short, (out.get(short) ?? new Set()).add(key));
  }
  return out;
}

export function searchIndexRepository(models: Models, engine: Engine): SearchIndexRepository {
  const { SearchPrefix } = models;
  const noTimestamps = { timestamps: false } as const;
  const add = async (entries: readonly IndexedEntry[]) => {
    const docs = byDoc(entries);
    await mapLimit([...docs], WRITES_AT_ONCE, ([id, customers]) => {
      const set: Record<string, string> = {};
      const addToSet: Record<string, { $each: string[] }> = {};
      for (const [o, list] of customers) {
        set[`m.${o}.n`] = list[0]!.n;
        set[`m.${o}.s`] = list[0]!.s;
        addToSet[`m.${o}.w`] = { $each: list.map(tokenOf) };
      }
      return engine.updateById(SearchPrefix, id, { $set: set, $addToSet: addToSet }, { upsert: true, ...noTimestamps });
    });
    await mapLimit([...directoryOf(docs.keys())], WRITES_AT_ONCE, ([short, keys]) =>
      engine.updateById(SearchPrefix, dirIdOf(short), { $addToSet: { more: { $each: [...keys] } } }, { upsert: true, ...noTimestamps }));
  };
  return {
    add,
    async remove(entries) {
      await mapLimit([...byDoc(entries)], WRITES_AT_ONCE, ([id, customers]) => engine.updateById(SearchPrefix, id, {
        $pullAll: Object.fromEntries([...customers].map(([o, list]) => [`m.${o}.w`, list.map(tokenOf)])),
      }, noTimestamps));
    },
    async rekey(entries, keys) {
      const docs = byDoc(entries);
      await mapLimit([...docs.keys()], WRITES_AT_ONCE, (id) => engine.updateById(SearchPrefix, id, {
        $set: Object.fromEntries([...docs.get(id)!.keys()].flatMap((o) => [[`m.${o}.n`, keys.n], [`m.${o}.s`, keys.s]])),
      }, noTimestamps));
    },
    async rekeyEach(entries) {
      await mapLimit([...byDoc(entries)], WRITES_AT_ONCE, ([id, customers]) => engine.updateById(SearchPrefix, id, {
        $set: Object.fromEntries([...customers].flatMap(([o, list]) => [[`m.${o}.n`, list[0]!.n], [`m.${o}.s`, list[0]!.s]])),
      }, noTimestamps));
    },
    async lookup(words) {
      const query = [...new Set(words.filter(indexable))];
      const short = query.filter((w) => chars(w).length < PREFIX_LENGTH);
      const read = (keys: Iterable<string>) => engine.findByIds<SearchPrefixDoc>(SearchPrefix, [...new Set(keys)].flatMap(shardIdsOf));
      // Long words' documents and short words' directories at once; then what the directories list.
      const [longDocs, dirs] = await Promise.all([
        read(query.filter((w) => !short.includes(w)).map(keyOf)),
        engine.findByIds<SearchPrefixDoc>(SearchPrefix, short.map(dirIdOf), { more: 1 }),
      ]);
      const more = new Map(dirs.map((d) => [d._id.slice(2), d.more ?? []]));
      const keysOf = new Map<string, string[]>(query.map((w) => [w, short.includes(w) ? [w, ...(more.get(w) ?? [])] : [keyOf(w)]]));
      const shortDocs = short.length > 0 ? await read(short.flatMap((w) => keysOf.get(w)!)) : [];
      const byKey = new Map<string, SearchPrefixDoc[]>();
      for (const d of new Map([...longDocs, ...shortDocs].map((x) => [x._id, x])).values()) {
        const key = keyOfDocId(d._id);
        byKey.set(key, [...(byKey.get(key) ?? []), d]);
      }
      const found = (w: string): IndexedEntry[] => {
        const out: IndexedEntry[] = [];
        for (const d of (keysOf.get(w) ?? []).flatMap((k) => byKey.get(k) ?? [])) {
          for (const [o, c] of Object.entries(d.m ?? {})) {
            for (const token of c.w ?? []) if (token.startsWith(w)) {
              const e = entryOf(o, token, { n: c.n ?? '', s: c.s ?? '' });
              if (e.w.startsWith(w)) out.push(e);
            }
          }
        }
        return out;
      };
      return new Map(words.map((w) => [w, found(w)]));
    },
    async version() {
      const [doc] = await engine.findByIds<SearchPrefixDoc>(SearchPrefix, [VERSION_ID]);
      return doc?.v ?? null;
    },
    async setVersion(version) {
      await engine.updateById(SearchPrefix, VERSION_ID, { $set: { v: version } }, { upsert: true, ...noTimestamps });
    },
    async replaceAll(entries) {
      const grouped = new Map<string, Map<string, { n: string; s: string; w: Set<string> }>>();
      let n = 0;
      for (const e of entries) {
        if (!indexable(e.w)) continue;
        const id = docIdOf(e);
        const doc = grouped.get(id) ?? new Map<string, { n: string; s: string; w: Set<string> }>();
        const c = doc.get(e.o) ?? { n: e.n, s: e.s, w: new Set<string>() };
        c.w.add(tokenOf(e));
        doc.set(e.o, c);
        grouped.set(id, doc);
        n++;
      }
      const dirs = directoryOf(grouped.keys());
      const keep = new Set([...grouped.keys(), ...[...dirs.keys()].map(dirIdOf)]);
      const existing = (await SearchPrefix.find({}, { _id: 1 }).lean<{ _id: string }[]>().exec()).map((d) => d._id);
      for (const id of existing) if (!keep.has(id)) await engine.deleteById(SearchPrefix, id);
      for (const [id, doc] of grouped) {
        const m = Object.fromEntries([...doc].map(([o, c]) => [o, { n: c.n, s: c.s, w: [...c.w] }]));
        await engine.updateById(SearchPrefix, id, { $set: { m } }, { upsert: true, ...noTimestamps });
      }
      for (const [short, keys] of dirs) await engine.updateById(SearchPrefix, dirIdOf(short), { $set: { more: [...keys] } }, { upsert: true, ...noTimestamps });
      return n;
    },
  };
}
