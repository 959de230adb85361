/**
 * Desks (the `desks` collection, `_id` = the user's id) and the global desk epoch (`counters`,
 * `_id` = 'desk-epoch'): the account manager's home page as one `_id` read on every engine.
 * `customers.<customerId>` is a snapshot of each customer the user is responsible or backup for;
 * `recent` holds copies of the newest actions on them logged by colleagues (newest first, at most
 * DESK_RECENT). What is stored is only what changes with writes; the care plan is computed on read.
 * An entry is `{o, lastActionAt, lastAt, last}`: `o` packs the fields only a snapshot sets (name,
 * segment, group, creation, role) and `last` the newest action, each one JSON string, since FerretDB
 * decodes a document value by value (a 300-customer desk reads ~4× faster so); `lastActionAt.<kind>`
 * and `lastAt` stay apart for `$max` and the compare. A copy in `recent` is `{_id, occurredAt, a}`.
 *
 * Why each write is safe with several instances (MongoDB 7+; the engine module makes the same
 * updates atomic on FerretDB):
 * - every incremental write `$inc`s `version`, so a rebuild that read the desk before it does not
 *   overwrite it (below). The `version` `$inc` is also applied alone when the write's guard failed,
 *   for the same reason.
 * - an action on a customer (`recordActions`): `$max` of `customers.<id>.lastActionAt.<kind>`
 *   (the computed pattern; order-independent, idempotent) guarded by the entry existing (a desk
 *   never gets a half entry for a customer it does not hold); `$set` of `customers.<id>.last`
 *   guarded by a compare on its `occurredAt` (only a newer action replaces it; a retry changes
 *   nothing); `$push` of the copies onto `recent` with `$each/$sort/$slice`, guarded by
 *   `recent._id $nin` the copies (a retry does not add a copy twice). In the common case the three
 *   go as one update whose guard is all three conditions; when that guard fails, a `$inc` of
 *   `version` returns the desk, and only the parts it lacks are sent, each with its own guard.
 * - a customer's snapshot (`putCustomer`, after a single customer's create or change): `$set` of
 *   the entry's own fields (name, segment, group, creation, role) with `$max` of its
 *   `lastActionAt` from the customer as it is after the write, so an action logged meanwhile is
 *   never lowered; then `last` as above (compare on `occurredAt`).
 * - a customer leaving a desk (`removeCustomer`): `$unset` of `customers.<id>`; copies of its
 *   actions left in `recent` are filtered out on read (a later rebuild drops them).
 * - the epoch (`bumpEpoch`, after any bulk change of customers): `$inc` of one counter, upserted.
 * - a rebuild (`rebuild`, on the read of a desk whose epoch is older than the global one, or of a
 *   missing desk): the desk is created empty first (an upsert with `$setOnInsert`), its `version`
 *   read, the content computed from the customers (a query on `responsibleId`/`backupId`, indexes
 *   `responsibleId_1` and `backupId_1` on MongoDB; a scan on FerretDB), and written with a
 *   compare-and-set on that `version`, retried: an incremental update that lands during the rebuild
 *   makes the write fail and the rebuild start over, so it is never lost. The epoch stored is the
 *   one read before the customers, so a bulk change that ends meanwhile rebuilds the desk again.
 */
import type { ActionKind, CustomerGroup, Segment } from '../../../shared/domain/codes';
import type { Engine, MongoDoc } from '../engine';
import type { DeskCustomerDoc, DeskDoc, DeskEntryFields, DeskLastDoc, DeskRecentDoc, Models } from '../models';
import { oid, type ActionRecord } from './records';

/** How many copies of colleagues' actions a desk keeps. */
export const DESK_RECENT = 50;
const EPOCH_ID = 'desk-epoch';
const REBUILD_ATTEMPTS = 10;

export interface DeskLast {
  kind: ActionKind;
  occurredAt: Date;
  subject: string;
  loggedBy: { id: string; name: string };
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
  version: number;
}

export interface DeskRepository {
  get(userId: string): Promise<DeskRecord | null>;
  /** The global desk epoch (0 before any bulk change). */
  epoch(): Promise<number>;
  /** Marks every desk as to be rebuilt on its next read (after a bulk change of customers). */
  bumpEpoch(): Promise<void>;
  /**
   * Rebuilds the desk with what `compute` makes of the desk as it is (an empty one when there was
   * none), stamped with `epoch`; retried while incremental updates land meanwhile.
   */
  rebuild(userId: string, epoch: number, compute: (current: DeskRecord) => Promise<DeskContent>): Promise<DeskRecord>;
  /** Sets a customer's snapshot on a desk (its lastActionAt with `$max`, its last by time); no-op without the desk. */
  putCustomer(userId: string, customerId: string, snapshot: DeskCustomerSnapshot): Promise<void>;
  /** Takes a customer off a desk. */
  removeCustomer(userId: string, customerId: string): Promise<void>;
  /** Records actions of a customer on a desk; `copies` go onto `recent` (colleagues' ones). Idempotent. */
  recordActions(userId: string, customerId: string, actions: readonly ActionRecord[], copies: readonly DeskRecentAction[]): Promise<void>;
}

const entryPath = (customerId: string) => `customers.${customerId}`;

const lastJson = (l: DeskLast): string =>
  JSON.stringify({ kind: l.kind, occurredAt: l.occurredAt.toISOString(), subject: l.subject, loggedBy: { id: l.loggedBy.id, name: l.loggedBy.name } } satisfies Omit<DeskLastDoc, 'occurredAt'> & { occurredAt: string });
const fieldsJson = (s: DeskCustomerSnapshot): string =>
  JSON.stringify([s.name, s.segment, s.customerGroup, s.createdAt.toISOString(), s.role] satisfies DeskEntryFields);

function snapshotToDoc(s: DeskCustomerSnapshot): DeskCustomerDoc {
  return { o: fieldsJson(s), lastActionAt: { ...s.lastActionAt }, lastAt: s.last?.occurredAt ?? null, last: s.last ? lastJson(s.last) : null };
}

function snapshotFromDoc(d: DeskCustomerDoc): DeskCustomerSnapshot {
  const [name, segment, customerGroup, createdAt, role] = JSON.parse(d.o) as DeskEntryFields;
  const l = d.last ? (JSON.parse(d.last) as Omit<DeskLastDoc, 'occurredAt'> & { occurredAt: string }) : null;
  return {
    name, segment, customerGroup, createdAt: new Date(createdAt), role,
    lastActionAt: Object.fromEntries(Object.entries(d.lastActionAt ?? {}).filter(([, v]) => v).map(([k, v]) => [k, new Date(v as Date)])),
    last: l ? { kind: l.kind, occurredAt: new Date(l.occurredAt), subject: l.subject ?? '', loggedBy: { id: String(l.loggedBy.id), name: l.loggedBy.name ?? '' } } : null,
  };
}

type PackedAction = Omit<DeskRecentAction, 'occurredAt' | 'loggedAt'> & { occurredAt: string; loggedAt: string };
const recentToDoc = (r: DeskRecentAction): DeskRecentDoc => ({ _id: oid(r.id), occurredAt: r.occurredAt, a: JSON.stringify(r) });
function recentFromDoc(d: DeskRecentDoc): DeskRecentAction {
  const a = JSON.parse(d.a) as PackedAction;
  return { ...a, occurredAt: new Date(a.occurredAt), loggedAt: new Date(a.loggedAt) };
}

function deskFromDoc(d: DeskDoc): DeskRecord {
  return {
    userId: String(d._id),
    epoch: d.epoch ?? -1,
    version: d.version ?? 0,
    customers: Object.fromEntries(Object.entries(d.customers ?? {}).filter(([, c]) => c?.o).map(([id, c]) => [id, snapshotFromDoc(c)])),
    recent: (d.recent ?? []).map(recentFromDoc),
  };
}

/** The newest of the actions, as a desk's `last`. */
export function lastOf(actions: readonly Pick<ActionRecord, 'kind' | 'occurredAt' | 'subject' | 'loggedBy'>[]): DeskLast | null {
  let newest: (typeof actions)[number] | null = null;
  for (const a of actions) if (!newest || a.occurredAt > newest.occurredAt) newest = a;
  return newest ? { kind: newest.kind, occurredAt: newest.occurredAt, subject: newest.subject, loggedBy: { id: newest.loggedBy.id, name: newest.loggedBy.name } } : null;
}

const NEWEST_FIRST = { occurredAt: -1, _id: -1 } as const;

export function deskRepository(models: Models, engine: Engine): DeskRepository {
  const { Desk, Counter } = models;

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
      Desk, oid(userId),
      { $set: setLastOf(customerId, last), $inc: { version: 1 } },
      { where: { ...holds(customerId), ...olderLast(customerId, last.occurredAt) } },
    );
  }

  async function pushRecent(userId: string, copies: readonly DeskRecentAction[]): Promise<boolean> {
    const docs = copies.map(recentToDoc);
    const res = await engine.updateById(
      Desk, oid(userId),
      { $push: { recent: { $each: docs, $sort: NEWEST_FIRST, $slice: DESK_RECENT } }, $inc: { version: 1 } },
      { where: { 'recent._id': { $nin: docs.map((d) => d._id) } } },
    );
    return res.matched;
  }

  return {
    async get(userId) {
      const [doc] = await engine.findByIds<DeskDoc>(Desk, [oid(userId)]);
      return doc ? deskFromDoc(doc) : null;
    },
    async epoch() {
      const [doc] = await engine.findByIds<{ value?: number }>(Counter, [EPOCH_ID]);
      return doc?.value ?? 0;
    },
    async bumpEpoch() {
      await engine.updateById(Counter, EPOCH_ID, { $inc: { value: 1 } }, { upsert: true, timestamps: false });
    },
    async rebuild(userId, epoch, compute) {
      const id = oid(userId);
      for (let attempt = 0; attempt < REBUILD_ATTEMPTS; attempt++) {
        let [current] = await engine.findByIds<DeskDoc>(Desk, [id]);
        if (!current) {
          const created = await engine.updateById<DeskDoc>(
            Desk, id, { $setOnInsert: { epoch: -1, version: 0, customers: {}, recent: [] } }, { upsert: true, returnDocument: 'after' },
          );
          current = created.doc ?? undefined;
          if (!current) continue;
        }
        const before = deskFromDoc(current);
        const content = await compute(before);
        const customers = Object.fromEntries(Object.entries(content.customers).map(([cid, s]) => [cid, snapshotToDoc(s)]));
        const recent = [...content.recent].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id.localeCompare(a.id)).slice(0, DESK_RECENT);
        const res = await engine.updateById(
          Desk, id,
          { $set: { customers, recent: recent.map(recentToDoc), epoch }, $inc: { version: 1 } },
          { where: { version: before.version } },
        );
        if (res.matched) return { userId, epoch, version: before.version + 1, customers: content.customers, recent };
      }
      throw new Error(`the desk of ${userId} kept changing while being rebuilt`);
    },
    async putCustomer(userId, customerId, snapshot) {
      const p = entryPath(customerId);
      const max = maxOf(customerId, snapshot.lastActionAt);
      await engine.updateById(Desk, oid(userId), {
        $set: { [`${p}.o`]: fieldsJson(snapshot) },
        ...(Object.keys(max).length ? { $max: max } : {}),
        $inc: { version: 1 },
      });
      if (snapshot.last) await setLast(userId, customerId, snapshot.last);
    },
    async removeCustomer(userId, customerId) {
      await engine.updateById(Desk, oid(userId), { $unset: { [entryPath(customerId)]: 1 }, $inc: { version: 1 } });
    },
    async recordActions(userId, customerId, actions, copies) {
      if (actions.length === 0) return;
      const newest: Partial<Record<ActionKind, Date>> = {};
      for (const a of actions) if (!newest[a.kind] || newest[a.kind]! < a.occurredAt) newest[a.kind] = a.occurredAt;
      const last = lastOf(actions)!;
      const docs = copies.map(recentToDoc);
      // The common case in one update: the desk holds the customer, this is its newest action, the copies are new.
      const all = await engine.updateById(
        Desk, oid(userId),
        {
          $max: maxOf(customerId, newest),
          $set: setLastOf(customerId, last),
          ...(docs.length ? { $push: { recent: { $each: docs, $sort: NEWEST_FIRST, $slice: DESK_RECENT } } } : {}),
          $inc: { version: 1 },
        },
        { where: { ...holds(customerId), ...olderLast(customerId, last.occurredAt), ...(docs.length ? { 'recent._id': { $nin: docs.map((d) => d._id) } } : {}) } },
      );
      if (all.matched) return;
      // Else (a retry, an older action, a desk without the customer, no desk): the `$inc` first, which
      // says what the desk holds; then only the parts still missing, each with its own guard.
      const bumped = await engine.updateById<DeskDoc>(Desk, oid(userId), { $inc: { version: 1 } }, { returnDocument: 'after' });
      if (!bumped.doc) return; // no desk yet: its first read builds it from the customers
      const held = bumped.doc.customers?.[customerId];
      if (held?.o) {
        const stale = Object.fromEntries(Object.entries(newest).filter(([k, at]) => !held.lastActionAt?.[k as ActionKind] || new Date(held.lastActionAt[k as ActionKind]!) < at!));
        if (Object.keys(stale).length) await engine.updateById(Desk, oid(userId), { $max: maxOf(customerId, stale), $inc: { version: 1 } }, { where: holds(customerId) });
        if (!held.lastAt || new Date(held.lastAt) < last.occurredAt) await setLast(userId, customerId, last);
      }
      const onList = new Set((bumped.doc.recent ?? []).map((r) => String(r._id)));
      const fresh = copies.filter((c) => !onList.has(c.id));
      if (fresh.length && !(await pushRecent(userId, fresh)) && fresh.length > 1) {
        for (const c of fresh) await pushRecent(userId, [c]);
      }
    },
  };
}
