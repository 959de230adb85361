/**
 * The database engine under the repositories, and the one module that knows how the embedded
 * engine differs from MongoDB.
 *
 * Repositories are written for MongoDB 7+: every write to a shared document is an atomic operator
 * (`$inc`, `$max`, `$addToSet`, `$push` with `$each/$sort/$slice`, `$set` of independent fields),
 * an insert of an immutable fact with a deterministic `_id`, or a compare-and-set (`where` holds the
 * version the writer read). They send those writes through this module, which passes them to
 * MongoDB unchanged.
 *
 * FerretDB 1.24 on SQLite (the embedded engine, see docs/benchmarks.md and issue #9's figures)
 * breaks four of MongoDB's promises, and only this module makes up for them:
 * 1. It applies an update as an unlocked read-modify-write, so concurrent updates of one document
 *    lose each other's changes (30 concurrent `$inc` end at 1–5). Here every update of a document
 *    runs after the earlier ones of the same document in this process have finished. The embedded
 *    engine serves one process only, so that is the whole lock it needs.
 * 2. It ignores `$sort` and `$slice` in `$push`: under that lock the new array is computed here (from
 *    the `$each` elements cast by the schema, as mongoose sends them to MongoDB) and written with `$set`.
 * 3. It serves only an exact `{_id}` filter from an index (any other filter, `{_id: {$in}}` and
 *    `{_id, other}` included, decodes the whole collection): `findByIds` becomes parallel `{_id}`
 *    reads, and the `where` of a compare-and-set is cast by the schema (as mongoose casts a filter for
 *    MongoDB) and checked here, under the lock, on the document read by `_id`.
 * 4. A large bulk write hangs it (200 updates in one `bulkWrite` stop the process answering):
 *    `insertMany` goes in small chunks and `updateMany` as one `{_id}` update per matching document.
 *    It also commits every updated document on its own (about 1.5–2 ms each on this machine's disk,
 *    0.2 ms on tmpfs, where a batch of 50 inserts costs 0.2 ms a document), and any filter but `{_id}`
 *    decodes the whole collection (~0.1–0.2 ms a document): `updateByIds` therefore sends one
 *    `updateMany` of `{_id: {$in}}` per FERRET_UPDATE_CHUNK documents (one statement, which does
 *    not hang it: 10,000 matched documents were probed), the documents locked as in 1 meanwhile, so
 *    the collection is decoded once per chunk rather than once per document and no document is
 *    read before its write.
 * 5. It silently ignores a `$pull` whose value is a condition on the elements (`{_id: {$in: […]}}`,
 *    `{occurredAt: {$lte: t}}`): no error, nothing pulled. Under the lock the remaining array is
 *    computed here (the condition checked with sift, cast as mongoose casts it) and written with `$set`.
 * 6. Stopped in the middle of a command, it does not drop the connection as MongoDB does: it answers
 *    the command with its SQL layer's error (`MongoServerError` code 1, "sql: transaction has already
 *    been committed or rolled back"). `isEngineShutdownError` recognises those answers, so that
 *    server/db/unavailable.ts counts them as "database unavailable" (503 and a retry), not a fault.
 *
 * Nothing above the repositories knows which engine runs.
 */
import type { Connection, Model } from 'mongoose';
import sift from 'sift';
import { mapLimit } from '../concurrency';
import { isDatabaseUnavailable } from '../db/unavailable';

export type EngineKind = 'mongodb' | 'ferretdb';

/** A filter or update document as MongoDB takes it. */
export type MongoDoc = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModel = Model<any>;

export interface UpdateOptions {
  /** Further conditions besides `_id` (a compare-and-set). With `upsert`, give no equality fields here: `$setOnInsert` them. */
  where?: MongoDoc;
  /** Insert the document when no document has the `_id`. */
  upsert?: boolean;
  /** Return the document as it is after the update. */
  returnDocument?: 'after';
  /** Apply the schema's timestamps (default true, as mongoose does). */
  timestamps?: boolean;
}

export interface UpdateOutcome<T> {
  /** A document with the `_id` met `where` (or was inserted). */
  matched: boolean;
  /** The update was applied to an existing document and changed it, or inserted one. */
  modified: boolean;
  /** With `returnDocument: 'after'`: the document after the update, else null. */
  doc: T | null;
}

export interface InsertOutcome {
  inserted: number;
  /** Positions (in the docs given) of documents refused because their `_id` or a unique field existed. */
  duplicates: number[];
}

export interface Engine {
  readonly kind: EngineKind;
  /** The engine's own version (MongoDB's, or FerretDB's). */
  readonly version: string;
  /** Documents by `_id` (missing ones left out, order not significant). */
  findByIds<T>(model: AnyModel, ids: readonly unknown[], projection?: Record<string, 0 | 1>): Promise<T[]>;
  /** One document's update by `_id`, atomic on every engine. */
  updateById<T>(model: AnyModel, id: unknown, update: MongoDoc, opts?: UpdateOptions): Promise<UpdateOutcome<T>>;
  /** Every matching document's update; each document's update is atomic on every engine. */
  updateMany(model: AnyModel, filter: MongoDoc, update: MongoDoc): Promise<{ matched: number; modified: number }>;
  /**
   * The same update of many documents named by `_id` (each where it meets `where`): atomic per
   * document on every engine, in few commands. `matched` counts the documents found that met `where`.
   */
  updateByIds(model: AnyModel, ids: readonly unknown[], update: MongoDoc, where?: MongoDoc): Promise<{ matched: number; modified: number }>;
  /** Deletes one document by `_id` (when it meets `where`); true when one was deleted. */
  deleteById(model: AnyModel, id: unknown, where?: MongoDoc): Promise<boolean>;
  /** Inserts documents (unordered): duplicates are reported by position, every other document is written. */
  insertMany(model: AnyModel, docs: readonly MongoDoc[]): Promise<InsertOutcome>;
}

/**
 * Go's database/sql errors that FerretDB passes on (as code 1, InternalError) when its SQLite
 * backend closes under a running command: the transaction or connection was ended by the shutdown.
 * Matched on the whole sentence, which no MongoDB error and no user input produces.
 */
const FERRETDB_SHUTDOWN = [
  'sql: transaction has already been committed or rolled back',
  'sql: connection is already closed',
  'sql: database is closed',
];

/** Whether an error is the embedded engine's answer to being stopped mid-command (quirk 6). */
export function isEngineShutdownError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { name, code, message } = err as { name?: unknown; code?: unknown; message?: unknown };
  return name === 'MongoServerError' && code === 1 && typeof message === 'string' && FERRETDB_SHUTDOWN.some((m) => message.includes(m));
}

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Which engine a connection talks to: FerretDB says so in `buildInfo`. */
export async function detectEngine(conn: Connection): Promise<Engine> {
  const info = (await conn.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
  return info.ferretdbVersion ? ferretEngine(info.ferretdbVersion) : mongoEngine(info.version ?? 'unknown');
}

const INSERT_CHUNK = { mongodb: 1_000, ferretdb: 50 } as const;
/** `updateByIds`: documents per `updateMany` (FerretDB: each statement decodes the whole collection once, quirk 4). */
const UPDATE_CHUNK = { mongodb: 1_000, ferretdb: 2_500 } as const;

async function insertChunked(model: AnyModel, docs: readonly MongoDoc[], chunk: number): Promise<InsertOutcome> {
  const duplicates: number[] = [];
  let inserted = 0;
  for (let start = 0; start < docs.length; start += chunk) {
    const part = docs.slice(start, start + chunk);
    try {
      const res = await model.collection.insertMany(part as never[], { ordered: false });
      inserted += res.insertedCount;
    } catch (err) {
      const raw = (err as { writeErrors?: unknown }).writeErrors;
      const writeErrors = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index: number; code?: number; err?: { code?: number } }[];
      if (writeErrors.length === 0 || writeErrors.some((w) => (w.code ?? w.err?.code) !== 11000)) throw err;
      for (const w of writeErrors) duplicates.push(start + w.index);
      inserted += part.length - writeErrors.length;
    }
  }
  return { inserted, duplicates };
}

export function mongoEngine(version: string): Engine {
  return {
    kind: 'mongodb',
    version,
    async findByIds<T>(model: AnyModel, ids: readonly unknown[], projection?: Record<string, 0 | 1>) {
      if (ids.length === 0) return [];
      return model.find({ _id: { $in: uniqueIds(ids) } }, projection).lean<T[]>().exec();
    },
    async updateById<T>(model: AnyModel, id: unknown, update: MongoDoc, opts: UpdateOptions = {}): Promise<UpdateOutcome<T>> {
      const filter = { _id: id, ...(opts.where ?? {}) };
      const options = { upsert: opts.upsert ?? false, timestamps: opts.timestamps ?? true, runValidators: true };
      try {
        if (opts.returnDocument === 'after') {
          const doc = await model.findOneAndUpdate(filter, update, { ...options, returnDocument: 'after' }).lean<T>().exec();
          return { matched: doc !== null, modified: doc !== null, doc };
        }
        const res = await model.updateOne(filter, update, options).exec();
        const matched = res.matchedCount > 0 || res.upsertedCount > 0;
        return { matched, modified: res.modifiedCount > 0 || res.upsertedCount > 0, doc: null };
      } catch (err) {
        // An upsert whose `where` failed on an existing document tries to insert the same `_id`.
        if (opts.upsert && opts.where && isDuplicateKeyError(err)) return { matched: false, modified: false, doc: null };
        throw err;
      }
    },
    async updateMany(model: AnyModel, filter: MongoDoc, update: MongoDoc) {
      const res = await model.updateMany(filter, update, { runValidators: true }).exec();
      return { matched: res.matchedCount, modified: res.modifiedCount };
    },
    async updateByIds(model: AnyModel, ids: readonly unknown[], update: MongoDoc, where?: MongoDoc) {
      let matched = 0;
      let modified = 0;
      const unique = uniqueIds(ids);
      for (let i = 0; i < unique.length; i += UPDATE_CHUNK.mongodb) {
        const res = await model.updateMany({ _id: { $in: unique.slice(i, i + UPDATE_CHUNK.mongodb) }, ...(where ?? {}) }, update, { runValidators: true }).exec();
        matched += res.matchedCount;
        modified += res.modifiedCount;
      }
      return { matched, modified };
    },
    async deleteById(model: AnyModel, id: unknown, where?: MongoDoc) {
      return (await model.deleteOne({ _id: id, ...(where ?? {}) }).exec()).deletedCount > 0;
    },
    insertMany: (model, docs) => insertChunked(model, docs, INSERT_CHUNK.mongodb),
  };
}

const uniqueIds = (ids: readonly unknown[]): unknown[] => [...new Map(ids.map((id) => [String(id), id])).values()];

/**
 * Updates of one document, one at a time within this process (quirk 1). When an update fails
 * because the database is unreachable, the updates already waiting behind it fail with the same
 * error at once rather than each waiting out its own timeout in turn.
 */
type QueueTail = { unreachableSince?: number; error?: unknown };
const documentQueues = new Map<string, Promise<QueueTail>>();

async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const queuedAt = Date.now();
  const before = documentQueues.get(key) ?? Promise.resolve<QueueTail>({});
  let failedAt: number | undefined;
  const mine = before.then((previous) => {
    if (previous.unreachableSince !== undefined && previous.unreachableSince >= queuedAt) {
      failedAt = previous.unreachableSince;
      throw previous.error;
    }
    return work();
  });
  const tail = mine.then(
    (): QueueTail => ({}),
    (error: unknown): QueueTail => (isDatabaseUnavailable(error) ? { unreachableSince: failedAt ?? Date.now(), error } : {}),
  );
  documentQueues.set(key, tail);
  try {
    return await mine;
  } finally {
    if (documentQueues.get(key) === tail) documentQueues.delete(key);
  }
}

/** `work` once every earlier update of each of these documents in this process has finished; theirs wait for it (quirk 1, for many documents at once). */
async function allAtOnce<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
  const befores = keys.map((k) => documentQueues.get(k) ?? Promise.resolve<QueueTail>({}));
  const mine = Promise.all(befores).then(() => work());
  const tail = mine.then((): QueueTail => ({}), (): QueueTail => ({}));
  for (const k of keys) documentQueues.set(k, tail);
  try {
    return await mine;
  } finally {
    for (const k of keys) if (documentQueues.get(k) === tail) documentQueues.delete(k);
  }
}

const PUSH_MODIFIERS = new Set(['$each', '$sort', '$slice']);

type Sortable = { valueOf(): unknown } | string | number | null | undefined;

function compareValues(a: Sortable, b: Sortable): number {
  const x = a instanceof Date ? a.getTime() : a === null || a === undefined ? null : typeof a === 'object' ? String(a) : a;
  const y = b instanceof Date ? b.getTime() : b === null || b === undefined ? null : typeof b === 'object' ? String(b) : b;
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return (x as number | string) < (y as number | string) ? -1 : 1;
}

const pathValue = (doc: unknown, path: string): Sortable =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc) as Sortable;

/** `$push: {field: {$each, $sort, $slice}}` on the current array, as MongoDB computes it (quirk 2). */
function pushed(current: unknown, spec: MongoDoc): unknown[] {
  const unknownModifier = Object.keys(spec).find((k) => !PUSH_MODIFIERS.has(k));
  if (unknownModifier) throw new Error(`engine: $push modifier ${unknownModifier} is not supported on FerretDB`);
  let list = [...(Array.isArray(current) ? current : []), ...((spec.$each as unknown[]) ?? [])];
  const sort = spec.$sort as Record<string, 1 | -1> | 1 | -1 | undefined;
  if (sort !== undefined) {
    const keys: [string, number][] = typeof sort === 'number' ? [['', sort]] : Object.entries(sort);
    list = list.sort((a, b) => {
      for (const [k, dir] of keys) {
        const c = compareValues(k ? pathValue(a, k) : (a as Sortable), k ? pathValue(b, k) : (b as Sortable));
        if (c !== 0) return c * dir;
      }
      return 0;
    });
  }
  const slice = spec.$slice as number | undefined;
  if (slice !== undefined) list = slice >= 0 ? list.slice(0, slice) : list.slice(slice);
  return list;
}

const hasPushModifiers = (update: MongoDoc): boolean =>
  Object.values((update.$push as MongoDoc | undefined) ?? {}).some((v) => typeof v === 'object' && v !== null && '$each' in v);

/** A `$pull` value that is a condition on array elements (a plain object), not a value to remove (quirk 5). */
const isPullCondition = (v: unknown): v is MongoDoc => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const hasConditionalPull = (update: MongoDoc): boolean => Object.values((update.$pull as MongoDoc | undefined) ?? {}).some(isPullCondition);

/** The update with every conditional `$pull` turned into a `$set` of the elements that fail the condition. */
function withPullsComputed(model: AnyModel, update: MongoDoc, current: MongoDoc | null): MongoDoc {
  const pull = (update.$pull as MongoDoc | undefined) ?? {};
  const plain: MongoDoc = {};
  const set: MongoDoc = { ...((update.$set as MongoDoc | undefined) ?? {}) };
  for (const [field, cond] of Object.entries(pull)) {
    if (!isPullCondition(cond)) {
      plain[field] = cond;
      continue;
    }
    const matches = sift(castElementFilter(model, field, cond));
    const list = pathValue(current, field);
    set[field] = Array.isArray(list) ? list.filter((e) => !matches(e)) : list;
  }
  const { $pull: _pull, $set: _set, ...rest } = update;
  return { ...rest, ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(plain).length ? { $pull: plain } : {}) };
}

/** A condition on the elements of `field`, cast by the schema as a filter on `field.<path>` would be. */
function castElementFilter(model: AnyModel, field: string, cond: MongoDoc): MongoDoc {
  const prefixed = Object.fromEntries(Object.entries(cond).map(([k, v]) => (k.startsWith('$') ? [k, v] : [`${field}.${k}`, v])));
  const cast = castFilter(model, prefixed);
  return Object.fromEntries(Object.entries(cast).map(([k, v]) => [k.startsWith(`${field}.`) ? k.slice(field.length + 1) : k, v]));
}

/**
 * `$each` as mongoose sends it to MongoDB: cast by the schema (a date given as text becomes a Date, a
 * subdocument given without `_id` gets one), so that `$sort` orders what MongoDB orders. When a value
 * does not cast, the elements stay as given, and writing them fails with the cast error MongoDB's path gives.
 */
function castEach(model: AnyModel, field: string, each: unknown[]): unknown[] {
  const holder = new model({ [field]: each });
  const cast: unknown = holder.get(field);
  if (holder.errors || !Array.isArray(cast) || cast.length !== each.length) return each;
  return Array.from(cast as unknown[], (e) => (typeof (e as { toBSON?: unknown } | null)?.toBSON === 'function' ? (e as { toBSON(): unknown }).toBSON() : e));
}

/** The update with every modified `$push` turned into a `$set` of the array it produces. */
function withPushesComputed(model: AnyModel, update: MongoDoc, current: MongoDoc | null): MongoDoc {
  const push = (update.$push as MongoDoc | undefined) ?? {};
  const plain: MongoDoc = {};
  const set: MongoDoc = { ...((update.$set as MongoDoc | undefined) ?? {}) };
  for (const [field, spec] of Object.entries(push)) {
    if (typeof spec === 'object' && spec !== null && '$each' in spec) {
      const each = (spec as MongoDoc).$each;
      const castSpec = Array.isArray(each) ? { ...(spec as MongoDoc), $each: castEach(model, field, each) } : (spec as MongoDoc);
      set[field] = pushed(pathValue(current, field), castSpec);
    } else plain[field] = spec;
  }
  const { $push: _push, $set: _set, ...rest } = update;
  return { ...rest, ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(plain).length ? { $push: plain } : {}) };
}

/**
 * A condition as mongoose casts a filter for MongoDB (a date or a number given as text, an ObjectId as
 * a string), so that sift, checking it on the stored document, matches what MongoDB would match.
 */
const castFilter = (model: AnyModel, where: MongoDoc): MongoDoc => model.find(where).cast() as MongoDoc;

export function ferretEngine(version: string): Engine {
  const keyOf = (model: AnyModel, id: unknown) => `${model.db.name}\u0000${model.collection.collectionName}\u0000${String(id)}`;

  const engine: Engine = {
    kind: 'ferretdb',
    version,
    async findByIds<T>(model: AnyModel, ids: readonly unknown[], projection?: Record<string, 0 | 1>) {
      const docs = await Promise.all(uniqueIds(ids).map((id) => model.findById(id, projection).lean<T>().exec() as Promise<T | null>));
      return docs.filter((d): d is Awaited<T> => d !== null) as T[];
    },
    updateById<T>(model: AnyModel, id: unknown, update: MongoDoc, opts: UpdateOptions = {}): Promise<UpdateOutcome<T>> {
      return oneAtATime(keyOf(model, id), async () => {
        let effective = update;
        if (opts.where || hasPushModifiers(update) || hasConditionalPull(update)) {
          const current = await model.findById(id).lean<MongoDoc>().exec();
          if (current && opts.where && !sift(castFilter(model, opts.where))(current)) return { matched: false, modified: false, doc: null };
          if (!current && !opts.upsert) return { matched: false, modified: false, doc: null };
          effective = withPullsComputed(model, withPushesComputed(model, update, current), current);
        }
        const options = { upsert: opts.upsert ?? false, timestamps: opts.timestamps ?? true, runValidators: true };
        if (opts.returnDocument === 'after') {
          const doc = await model.findOneAndUpdate({ _id: id }, effective, { ...options, returnDocument: 'after' }).lean<T>().exec();
          return { matched: doc !== null, modified: doc !== null, doc };
        }
        const res = await model.updateOne({ _id: id }, effective, options).exec();
        return { matched: res.matchedCount > 0 || res.upsertedCount > 0, modified: res.modifiedCount > 0 || res.upsertedCount > 0, doc: null };
      });
    },
    async updateMany(model: AnyModel, filter: MongoDoc, update: MongoDoc) {
      const ids = (await model.find(filter, { _id: 1 }).lean<{ _id: unknown }[]>().exec()).map((d) => d._id);
      let matched = 0;
      let modified = 0;
      await mapLimit(ids, 8, async (id) => {
        const res = await engine.updateById(model, id, update, { where: filter });
        if (res.matched) matched++;
        if (res.modified) modified++;
      });
      return { matched, modified };
    },
    async updateByIds(model: AnyModel, ids: readonly unknown[], update: MongoDoc, where?: MongoDoc) {
      if (hasPushModifiers(update) || hasConditionalPull(update)) throw new Error('engine: updateByIds takes no $push modifiers or conditional $pull on FerretDB');
      let matched = 0;
      let modified = 0;
      const unique = uniqueIds(ids);
      for (let i = 0; i < unique.length; i += UPDATE_CHUNK.ferretdb) {
        const part = unique.slice(i, i + UPDATE_CHUNK.ferretdb);
        const res = await allAtOnce(part.map((id) => keyOf(model, id)), () =>
          model.updateMany({ _id: { $in: part }, ...(where ?? {}) }, update, { runValidators: true }).exec());
        matched += res.matchedCount;
        modified += res.modifiedCount;
      }
      return { matched, modified };
    },
    deleteById(model: AnyModel, id: unknown, where?: MongoDoc) {
      return oneAtATime(keyOf(model, id), async () => {
        if (where) {
          const current = await model.findById(id).lean<MongoDoc>().exec();
          if (!current || !sift(castFilter(model, where))(current)) return false;
        }
        return (await model.deleteOne({ _id: id }).exec()).deletedCount > 0;
      });
    },
    insertMany: (model, docs) => insertChunked(model, docs, INSERT_CHUNK.ferretdb),
  };
  return engine;
}
