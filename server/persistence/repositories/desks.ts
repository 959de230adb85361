/**
 * Desks (the `desks` collection, in parts: models.ts deskSchema), the global desk epoch (`counters`,
 * `_id` = 'desk-epoch') and what each bulk change changed (`desk_changes`, `_id` = the epoch it moved
 * to). A desk is DESK_BUCKETS bucket parts `<userId>:<n>` holding the snapshots of the customers whose
 * id hashes to n, the part `<userId>:recent` with copies of colleagues' newest actions (newest first,
 * at most DESK_RECENT) and the part `<userId>:meta` with the epoch it was built at; every read is
 * DESK_BUCKETS + 2 parallel `_id` reads and every write touches one bucket (and the recent part), a
 * few KiB rather than the whole desk (FerretDB rewrites and decodes whole documents).
 * What is stored is only what changes with writes; the care plan is computed on read. An entry is
 * `{o, lastActionAt, lastAt, last, p}`: `o` packs the fields only a snapshot sets (name, segment,
 * group, creation, role) and `last` the newest action, each one JSON string, since FerretDB decodes a
 * document value by value; `lastActionAt.<kind>` and `lastAt` stay apart for `$max` and the compare;
 * `p.<actionId>` is a planned action ("<kind> <ISO time>"). A copy in `recent` is `{_id, occurredAt, a}`.
 *
 * Why each write is safe with several instances (MongoDB 7+; the engine module makes the same
 * updates atomic on FerretDB). Each write below touches one part, and no write reads a part, changes
 * it in JavaScript and writes it back:
 * - every incremental write `$inc`s the `version` of the part it changes, so a rebuild that read the
 *   part before it does not overwrite it (below). The `version` `$inc` is also applied alone when the
 *   write's guard failed, for the same reason.
 * - an action on a customer (`recordActions`), on its bucket: `$max` of
 *   `customers.<id>.lastActionAt.<kind>` (the computed pattern; order-independent, idempotent) guarded
 *   by the entry existing (a desk never gets a half entry for a customer it does not hold); `$set` of
 *   `customers.<id>.last` guarded by a compare on its `occurredAt` (only a newer action replaces it; a
 *   retry changes nothing). In the common case the two go as one update whose guard is both
 *   conditions; when that guard fails, a `$inc` of `version` returns the bucket, and only the parts it
 *   lacks are sent, each with its own guard. On the recent part, at the same time: `$push` of the copies
 *   with `$each/$sort/$slice`, guarded by `recent._id $nin` the copies (a retry does not add a copy
 *   twice); when that fails, the copies the part lacks are pushed the same way.
 * - a planned action (`recordPlanned`): `$set` of `customers.<id>.p.<actionId>` (an independent field,
 *   set to the same value by a retry) guarded by the entry existing.
 * - a customer's snapshot (`putCustomer`, after a single customer's create or change): `$set` of the
 *   entry's own fields (name, segment, group, creation, role) and of each planned action's field, with
 *   `$max` of its `lastActionAt` from the customer as it is after the write, so an action logged
 *   meanwhile is never lowered; then `last` as above (compare on `occurredAt`).
 * - a customer leaving a desk (`removeCustomer`): `$unset` of `customers.<id>` on its bucket; copies
 *   of its actions left in `recent` are filtered out on read (a later rebuild drops them).
 * - a bulk change (`bumpEpoch`): `$inc` of one counter, upserted, then the insert of the change's
 *   record with `_id` = the epoch it got (an immutable fact; nobody else writes that `_id`). A reader
 *   that sees the epoch before the record exists uses only the records up to the first missing one
 *   and stores that epoch, so the change is applied on a later read.
 * - pruning the change records (`pruneChanges`): `$max` of the floor counter (`counters`, `_id` =
 *   'desk-changes-floor') first, then deletes of the records at or below it by `_id` (immutable facts;
 *   a repeat or a second pruner deletes nothing twice). The floor only rises; a desk whose epoch is
 *   below it is rebuilt whole on its next read rather than from records that may be gone, and a reader
 *   that finds a record missing reads the floor again (a prune that ran after its first read).
 * - a rebuild (`rebuild`: a desk behind the epoch, brought up to date from the changed customers, or
 *   a missing desk built from all customers): missing parts are created empty first (upserts with
 *   `$setOnInsert`), every part's `version` read, the content computed from the customers (read after
 *   the parts), and each part written with a compare-and-set on the `version` read: an incremental
 *   update that lands during the rebuild makes that part's write fail, and the content is computed
 *   again from a fresh read for the parts that failed, so it is never lost. Then `$max` of the meta
 *   part's `epoch` (upserted); the epoch stored is the one read before the customers, so a bulk change
 *   that ends meanwhile is applied on the next read. A desk whose meta part is missing does not exist:
 *   incremental writes on its parts (if any) are overwritten by its first build, which reads the customers after them.
 */
import type { ActionKind, CustomerGroup, Segment } from '../../../shared/domain/codes';
import type { Engine, MongoDoc } from '../engine';
import type { DeskChangeDoc, DeskCustomerDoc, DeskDoc, DeskEntryFields, DeskLastDoc, DeskRecentDoc, Models } from '../models';
import { mapLimit } from '../../concurrency';
import { oid, type ActionRecord } from './records';

/** How many copies of colleagues' actions a desk keeps. */
export const DESK_RECENT = 50;
/** How many bucket parts a desk's customers are spread over (~20 customers, ~10 KiB each at 300 customers). */
export const DESK_BUCKETS = 16;
const EPOCH_ID = 'desk-epoch';
/** Counter: change records at or below this epoch may be deleted; a desk older than it is rebuilt whole. */
const FLOOR_ID = 'desk-changes-floor';
const REBUILD_ATTEMPTS = 10;

export interface DeskLast {
  kind: ActionKind;
  occurredAt: Date;
  subject: string;
  loggedBy: { id: string; name: string };
}

/** A planned action of a customer, as a desk keeps it. */
export interface DeskPlanned {
  id: string;
  kind: ActionKind;
  occurredAt: Date;
}

/** One customer on a desk. */
export interface DeskCustomerSnapshot {
  name: string;
  segment: Segment;
  customerGroup: CustomerGroup;
  createdAt: Date;
  role: 'responsible' | 'backup';
  lastActionAt: Partial<Record<ActionKind, Date>>;
  last: DeskLast | null;
  /** Planned actions (also passed ones not yet dropped: they count as last actions). */
  planned: DeskPlanned[];
}

/** A copy of a colleague's action, with its customer's name. */
export type DeskRecentAction = ActionRecord & { organizationName: string };

export interface DeskContent {
  /** By customer id. */
  customers: Record<string, DeskCustomerSnapshot>;
  /** Newest first. */
  recent: DeskRecentAction[];
}

export interface DeskRecord extends DeskContent {
  userId: string;
  epoch: number;
}

/** What a bulk change changed: the customers, and when known, the only users whose desks it can change. */
export type DeskChange = { ids: readonly string[]; users?: readonly string[] } | 'all';

export interface DeskRepository {
  get(userId: string): Promise<DeskRecord | null>;
  /** The global desk epoch (0 before any bulk change). */
  epoch(): Promise<number>;
  /** The epoch and the floor (a desk below it is rebuilt whole: the changes it would need may be pruned), in one read. */
  epochs(): Promise<{ epoch: number; floor: number }>;
  /** The floor alone (read again when a change record turned out to be missing). */
  floor(): Promise<number>;
  /**
   * Deletes the change records no desk needs: those every desk has applied already, and those
   * created before `olderThan` (raising the floor over them, so desks older than that are rebuilt whole).
   * Returns the floor and how many records were deleted.
   */
  pruneChanges(olderThan: Date): Promise<{ floor: number; deleted: number }>;
  /** Records a bulk change of customers and moves the epoch; returns the new epoch. */
  bumpEpoch(change?: DeskChange): Promise<number>;
  /**
   * The changes after epoch `from` up to `to`, oldest first, stopping at the first one whose record is
   * not written yet; with the epoch they bring the desk to.
   */
  changesSince(from: number, to: number): Promise<{ upTo: number; changes: DeskChange[] }>;
  /** Stores that the desk is at `epoch` without changing its content (no-op without the desk). */
  markEpoch(userId: string, epoch: number): Promise<void>;
  /**
   * Rebuilds the desk with what `compute` makes of the desk as it is (an empty one when there was
   * none), stamped with `epoch`; what an incremental update changed meanwhile is computed again.
   */
  rebuild(userId: string, epoch: number, compute: (current: DeskRecord) => Promise<DeskContent>): Promise<DeskRecord>;
  /** Sets a customer's snapshot on a desk (its lastActionAt with `$max`, its last by time); no-op without the desk. */
  putCustomer(userId: string, customerId: string, snapshot: DeskCustomerSnapshot): Promise<void>;
  /** Takes a customer off a desk. */
  removeCustomer(userId: string, customerId: string): Promise<void>;
  /** Records actions of a customer on a desk; `copies` go onto `recent` (colleagues' ones). Idempotent. */
  recordActions(userId: string, customerId: string, actions: readonly ActionRecord[], copies: readonly DeskRecentAction[]): Promise<void>;
  /** Records a planned action of a customer on a desk. Idempotent. */
  recordPlanned(userId: string, customerId: string, planned: DeskPlanned): Promise<void>;
}

/** The bucket of a customer: FNV-1a of its id, stable across instances and releases. */
export function deskBucketOf(customerId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % DESK_BUCKETS;
}

const bucketId = (userId: string, n: number) => `${userId}:${n}`;
const recentId = (userId: string) => `${userId}:recent`;
const metaId = (userId: string) => `${userId}:meta`;
const bucketOfCustomer = (userId: string, customerId: string) => bucketId(userId, deskBucketOf(customerId));
/** The parts a rebuild writes: the buckets, then the recent part. */
const partIds = (userId: string) => [...Array.from({ length: DESK_BUCKETS }, (_, n) => bucketId(userId, n)), recentId(userId)];

const entryPath = (customerId: string) => `customers.${customerId}`;

const lastJson = (l: DeskLast): string =>
  JSON.stringify({ kind: l.kind, occurredAt: l.occurredAt.toISOString(), subject: l.subject, loggedBy: { id: l.loggedBy.id, name: l.loggedBy.name } } satisfies Omit<DeskLastDoc, 'occurredAt'> & { occurredAt: string });
const fieldsJson = (s: DeskCustomerSnapshot): string =>
  JSON.stringify([s.name, s.segment, s.customerGroup, s.createdAt.toISOString(), s.role] satisfies DeskEntryFields);
const plannedValue = (p: DeskPlanned): string => `${p.kind} ${p.occurredAt.toISOString()}`;

function snapshotToDoc(s: DeskCustomerSnapshot): DeskCustomerDoc {
  return {
    o: fieldsJson(s), lastActionAt: { ...s.lastActionAt }, lastAt: s.last?.occurredAt ?? null, last: s.last ? lastJson(s.last) : null,
    p: Object.fromEntries(s.planned.map((p) => [p.id, plannedValue(p)])),
  };
}

function snapshotFromDoc(d: DeskCustomerDoc): DeskCustomerSnapshot {
  const [name, segment, customerGroup, createdAt, role] = JSON.parse(d.o) as DeskEntryFields;
  const l = d.last ? (JSON.parse(d.last) as Omit<DeskLastDoc, 'occurredAt'> & { occurredAt: string }) : null;
  return {
    name, segment, customerGroup, createdAt: new Date(createdAt), role,
    lastActionAt: Object.fromEntries(Object.entries(d.lastActionAt ?? {}).filter(([, v]) => v).map(([k, v]) => [k, new Date(v as Date)])),
    last: l ? { kind: l.kind, occurredAt: new Date(l.occurredAt), subject: l.subject ?? '', loggedBy: { id: String(l.loggedBy.id), name: l.loggedBy.name ?? '' } } : null,
    planned: Object.entries(d.p ?? {}).map(([id, v]) => {
      const [kind, at] = v.split(' ') as [ActionKind, string];
      return { id, kind, occurredAt: new Date(at) };
    }),
  };
}

type PackedAction = Omit<DeskRecentAction, 'occurredAt' | 'loggedAt'> & { occurredAt: string; loggedAt: string };
const recentToDoc = (r: DeskRecentAction): DeskRecentDoc => ({ _id: oid(r.id), occurredAt: r.occurredAt, a: JSON.stringify(r) });
function recentFromDoc(d: DeskRecentDoc): DeskRecentAction {
  const a = JSON.parse(d.a) as PackedAction;
  return { ...a, occurredAt: new Date(a.occurredAt), loggedAt: new Date(a.loggedAt) };
}

const customersOf = (d: DeskDoc | undefined): Record<string, DeskCustomerSnapshot> =>
  Object.fromEntries(Object.entries(d?.customers ?? {}).filter(([, c]) => c?.o).map(([id, c]) => [id, snapshotFromDoc(c)]));

const newestFirst = (recent: readonly DeskRecentAction[]) =>
  [...recent].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id.localeCompare(a.id)).slice(0, DESK_RECENT);

/** The newest of the actions, as a desk's `last`. */
export function lastOf(actions: readonly Pick<ActionRecord, 'kind' | 'occurredAt' | 'subject' | 'loggedBy'>[]): DeskLast | null {
  let newest: (typeof actions)[number] | null = null;
  for (const a of actions) if (!newest || a.occurredAt > newest.occurredAt) newest = a;
  return newest ? { kind: newest.kind, occurredAt: newest.occurredAt, subject: newest.subject, loggedBy: { id: newest.loggedBy.id, name: newest.loggedBy.name } } : null;
}

const NEWEST_FIRST = { occurredAt: -1, _id: -1 } as const;

export function deskRepository(models: Models, engine: Engine): DeskRepository {
  const { Desk, Counter, DeskChange: Change } = models;

  /** `$max` of each kind's newest time on the entry. */
  function maxOf(customerId: string, lastActionAt: Partial<Record<ActionKind, Date>>): MongoDoc {
    const max: MongoDoc = {};
    for (const [kind, at] of Object.entries(lastActionAt)) if (at) max[`${entryPath(customerId)}.lastActionAt.${kind}`] = at;
    return max;
  }

  const holds = (customerId: string): MongoDoc => ({ [`${entryPath(customerId)}.o`]: { $exists: true } });
  const olderLast = (customerId: string, at: Date): MongoDoc => ({ [`${entryPath(customerId)}.lastAt`]: { $not: { $gte: at } } });
  const setLastOf = (customerId: string, last: DeskLast): MongoDoc => ({ [`${entryPath(customerId)}.lastAt`]: last.occurredAt, [`${entryPath(customerId)}.last`]: lastJson(last) });

  async function setLast(userId: string, customerId: string, last: DeskLast): Promise<void> {
    await engine.updateById(
      Desk, bucketOfCustomer(userId, customerId),
      { $set: setLastOf(customerId, last), $inc: { version: 1 } },
      { where: { ...holds(customerId), ...olderLast(customerId, last.occurredAt) } },
    );
  }

  async function pushRecent(userId: string, copies: readonly DeskRecentAction[]): Promise<boolean> {
    const docs = copies.map(recentToDoc);
    const res = await engine.updateById(
      Desk, recentId(userId),
      { $push: { recent: { $each: docs, $sort: NEWEST_FIRST, $slice: DESK_RECENT } }, $inc: { version: 1 } },
      { where: { 'recent._id': { $nin: docs.map((d) => d._id) } } },
    );
    return res.matched;
  }

  /** The copies onto the recent part, each once. */
  async function recordCopies(userId: string, copies: readonly DeskRecentAction[]): Promise<void> {
    if (copies.length === 0 || (await pushRecent(userId, copies))) return;
    // A retry, or some copies are on it already: the `$inc` says which ones it has.
    const bumped = await engine.updateById<DeskDoc>(Desk, recentId(userId), { $inc: { version: 1 } }, { returnDocument: 'after' });
    if (!bumped.doc) return; // no desk yet: its first build reads the customers
    const onList = new Set((bumped.doc.recent ?? []).map((r) => String(r._id)));
    const fresh = copies.filter((c) => !onList.has(c.id));
    if (fresh.length && !(await pushRecent(userId, fresh)) && fresh.length > 1) {
      for (const c of fresh) await pushRecent(userId, [c]);
    }
  }

  /** The newest times and the newest action onto the customer's bucket. */
  async function recordOnBucket(userId: string, customerId: string, actions: readonly ActionRecord[]): Promise<void> {
    const newest: Partial<Record<ActionKind, Date>> = {};
    for (const a of actions) if (!newest[a.kind] || newest[a.kind]! < a.occurredAt) newest[a.kind] = a.occurredAt;
    const last = lastOf(actions)!;
    const part = bucketOfCustomer(userId, customerId);
    // The common case in one update: the desk holds the customer and this is its newest action.
    const all = await engine.updateById(
      Desk, part,
      { $max: maxOf(customerId, newest), $set: setLastOf(customerId, last), $inc: { version: 1 } },
      { where: { ...holds(customerId), ...olderLast(customerId, last.occurredAt) } },
    );
    if (all.matched) return;
    // Else (a retry, an older action, a desk without the customer, no desk): the `$inc` first, which
    // says what the bucket holds; then only the parts still missing, each with its own guard.
    const bumped = await engine.updateById<DeskDoc>(Desk, part, { $inc: { version: 1 } }, { returnDocument: 'after' });
    const held = bumped.doc?.customers?.[customerId];
    if (!held?.o) return;
    const stale = Object.fromEntries(Object.entries(newest).filter(([k, at]) => !held.lastActionAt?.[k as ActionKind] || new Date(held.lastActionAt[k as ActionKind]!) < at!));
    if (Object.keys(stale).length) await engine.updateById(Desk, part, { $max: maxOf(customerId, stale), $inc: { version: 1 } }, { where: holds(customerId) });
    if (!held.lastAt || new Date(held.lastAt) < last.occurredAt) await setLast(userId, customerId, last);
  }

  /** The parts of a desk as stored (the meta part under `meta`), by `_id`. */
  async function readParts(userId: string): Promise<{ meta: DeskDoc | undefined; parts: Map<string, DeskDoc> }> {
    const docs = await engine.findByIds<DeskDoc>(Desk, [...partIds(userId), metaId(userId)]);
    const parts = new Map(docs.map((d) => [String(d._id), d]));
    const meta = parts.get(metaId(userId));
    parts.delete(metaId(userId));
    return { meta, parts };
  }

  function recordOf(userId: string, epoch: number, parts: Map<string, DeskDoc>): DeskRecord {
    const customers: Record<string, DeskCustomerSnapshot> = {};
    for (let n = 0; n < DESK_BUCKETS; n++) Object.assign(customers, customersOf(parts.get(bucketId(userId, n))));
    return { userId, epoch, customers, recent: (parts.get(recentId(userId))?.recent ?? []).map(recentFromDoc) };
  }

  /** A part's content as a rebuild writes it. */
  function partContent(userId: string, id: string, content: DeskContent): MongoDoc {
    if (id === recentId(userId)) return { recent: newestFirst(content.recent).map(recentToDoc) };
    const n = Number(id.slice(id.lastIndexOf(':') + 1));
    return { customers: Object.fromEntries(Object.entries(content.customers).filter(([cid]) => deskBucketOf(cid) === n).map(([cid, s]) => [cid, snapshotToDoc(s)])) };
  }

  const repo: DeskRepository = {
    async get(userId) {
      const { meta, parts } = await readParts(userId);
      return meta ? recordOf(userId, meta.epoch ?? -1, parts) : null;
    },
    async epoch() {
      const [doc] = await engine.findByIds<{ value?: number }>(Counter, [EPOCH_ID]);
      return doc?.value ?? 0;
    },
    async epochs() {
      const docs = new Map((await engine.findByIds<{ _id: string; value?: number }>(Counter, [EPOCH_ID, FLOOR_ID])).map((d) => [d._id, d.value ?? 0]));
      return { epoch: docs.get(EPOCH_ID) ?? 0, floor: docs.get(FLOOR_ID) ?? 0 };
    },
    async floor() {
      const [doc] = await engine.findByIds<{ value?: number }>(Counter, [FLOOR_ID]);
      return doc?.value ?? 0;
    },
    async pruneChanges(olderThan) {
      // Read before the desks: a desk built meanwhile is at this epoch or later, so needs nothing at or below it.
      const current = await repo.epoch();
      // Scans (the meta parts of the desks, the change records): a background job's, over small collections.
      const metas = await Desk.find({ _id: { $regex: ':meta$' } }, { epoch: 1 }).lean<{ epoch?: number }[]>().exec();
      const oldestDesk = metas.reduce((m, d) => Math.min(m, d.epoch ?? -1), current);
      // A record without `createdAt` (written before it was stored) counts as old.
      const [aged] = await Change.find({ $or: [{ createdAt: { $lt: olderThan } }, { createdAt: { $exists: false } }] }, { _id: 1 }).sort({ _id: -1 }).limit(1).lean<{ _id: number }[]>().exec();
      const floor = Math.min(current, Math.max(oldestDesk, aged ? Number(aged._id) : 0, 0));
      if (floor <= 0) return { floor: await repo.floor(), deleted: 0 };
      await engine.updateById(Counter, FLOOR_ID, { $max: { value: floor } }, { upsert: true, timestamps: false });
      const ids = (await Change.find({ _id: { $lte: floor } }, { _id: 1 }).lean<{ _id: number }[]>().exec()).map((d) => d._id);
      let deleted = 0;
      await mapLimit(ids, 8, async (id) => {
        if (await engine.deleteById(Change, id)) deleted++;
      });
      return { floor, deleted };
    },
    async bumpEpoch(change = 'all') {
      const res = await engine.updateById<{ value: number }>(Counter, EPOCH_ID, { $inc: { value: 1 } }, { upsert: true, timestamps: false, returnDocument: 'after' });
      const epoch = res.doc!.value;
      // `createdAt` set here: the engine's insert is the driver's, without the schema's timestamps.
      const createdAt = new Date();
      const doc = change === 'all'
        ? { _id: epoch, all: true, createdAt }
        : { _id: epoch, all: false, ids: [...new Set(change.ids)], ...(change.users ? { users: [...new Set(change.users)] } : {}), createdAt };
      await engine.insertMany(Change, [doc]);
      return epoch;
    },
    async changesSince(from, to) {
      if (to <= from) return { upTo: from, changes: [] };
      const wanted = Array.from({ length: to - from }, (_, i) => from + 1 + i);
      const docs = new Map((await engine.findByIds<DeskChangeDoc>(Change, wanted)).map((d) => [Number(d._id), d]));
      const changes: DeskChange[] = [];
      let upTo = from;
      for (const e of wanted) {
        const d = docs.get(e);
        if (!d) break;
        if (d.all) changes.push('all');
        else changes.push({ ids: d.ids ?? [], ...(d.users ? { users: d.users } : {}) });
        upTo = e;
      }
      return { upTo, changes };
    },
    async markEpoch(userId, epoch) {
      await engine.updateById(Desk, metaId(userId), { $max: { epoch } });
    },
    async rebuild(userId, epoch, compute) {
      let pending = partIds(userId);
      const written = new Map<string, DeskDoc>();
      for (let attempt = 0; attempt < REBUILD_ATTEMPTS && pending.length > 0; attempt++) {
        const { parts } = await readParts(userId);
        const missing = pending.filter((id) => !parts.has(id));
        const created = await Promise.all(
          missing.map((id) =>
            engine.updateById<DeskDoc>(Desk, id, { $setOnInsert: { version: 0, ...(id === recentId(userId) ? { recent: [] } : { customers: {} }) } }, { upsert: true, returnDocument: 'after' }),
          ),
        );
        for (const c of created) if (c.doc) parts.set(String(c.doc._id), c.doc);
        const content = await compute(recordOf(userId, epoch, parts));
        const outcomes = await Promise.all(
          pending.map(async (id) => {
            const part = parts.get(id);
            if (!part) return id;
            const set = partContent(userId, id, content);
            const res = await engine.updateById(Desk, id, { $set: set, $inc: { version: 1 } }, { where: { version: part.version ?? 0 } });
            if (res.matched) written.set(id, { _id: id, ...set } as DeskDoc);
            return res.matched ? null : id;
          }),
        );
        pending = outcomes.filter((id): id is string => id !== null);
      }
      if (pending.length > 0) throw new Error(`the desk of ${userId} kept changing while being rebuilt`);
      await engine.updateById(Desk, metaId(userId), { $max: { epoch } }, { upsert: true });
      return recordOf(userId, epoch, written);
    },
    async putCustomer(userId, customerId, snapshot) {
      const p = entryPath(customerId);
      const max = maxOf(customerId, snapshot.lastActionAt);
      await engine.updateById(Desk, bucketOfCustomer(userId, customerId), {
        $set: { [`${p}.o`]: fieldsJson(snapshot), ...Object.fromEntries(snapshot.planned.map((pl) => [`${p}.p.${pl.id}`, plannedValue(pl)])) },
        ...(Object.keys(max).length ? { $max: max } : {}),
        $inc: { version: 1 },
      });
      if (snapshot.last) await setLast(userId, customerId, snapshot.last);
    },
    async removeCustomer(userId, customerId) {
      await engine.updateById(Desk, bucketOfCustomer(userId, customerId), { $unset: { [entryPath(customerId)]: 1 }, $inc: { version: 1 } });
    },
    async recordActions(userId, customerId, actions, copies) {
      if (actions.length === 0) return;
      await Promise.all([recordOnBucket(userId, customerId, actions), recordCopies(userId, copies)]);
    },
    async recordPlanned(userId, customerId, planned) {
      await engine.updateById(
        Desk, bucketOfCustomer(userId, customerId),
        { $set: { [`${entryPath(customerId)}.p.${planned.id}`]: plannedValue(planned) }, $inc: { version: 1 } },
        { where: holds(customerId) },
      );
    },
  };
  return repo;
}
