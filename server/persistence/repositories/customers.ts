/**
 * Customers (the `organizations` collection).
 *
 * Why each write is safe with several instances:
 * - create: an insert with a fresh `_id` (its unique keys are claimed first, ./uniqueKeys).
 * - edits, hand-over, manager assignment: `$set` of the fields the request names, by `_id`
 *   (independent fields; the last writer of a field wins, as a user expects).
 * - an action on the customer (`recordAction`): one update with `$max` of `lastActionAt.<kind>`
 *   (the computed pattern: the newest action per kind, the care plan's input) and `$push` of the
 *   action's copy into `recentActions` with `$sort`/`$slice` (newest first, RECENT_ACTIONS long),
 *   guarded by `recentActions._id $ne` so a retry does not add the copy twice; `$inc` of
 *   `recentVersion`. Atomic on MongoDB; the engine module makes it so on FerretDB.
 * - rebuilding `recentActions` from the actions (merges, the rebuild command): a compare-and-set
 *   on `recentVersion`, retried, so an action recorded meanwhile is never dropped.
 * - a merge's absorbing of the duplicates: `$max` of their `lastActionAt`, `$set` of the merged fields.
 */
import type { ActionKind, CustomerGroup, Segment } from '../../../shared/domain/codes';
import type { Engine } from '../engine';
import type { Models, OrganizationDoc } from '../models';
import { type Page, type PageRequest, namePrefix, pageFrom, pageWindow } from '../paging';
import {
  actionFromDoc, actionToDoc, customerFieldsToDoc, customerFromDoc, newId, oid,
  type ActionRecord, type CustomerFields, type CustomerRecord,
} from './records';

/** How many of a customer's newest actions a lookup shows, kept on the customer as `recentActions`. */
export const RECENT_ACTIONS = 5;

export interface CustomerListFilter {
  q?: string;
  segment?: Segment;
  customerGroup?: CustomerGroup;
  responsibleId?: string;
}

export interface CustomerRepository {
  newId(): string;
  get(id: string): Promise<CustomerRecord | null>;
  getMany(ids: readonly string[]): Promise<CustomerRecord[]>;
  exists(id: string): Promise<boolean>;
  /** Who looks after the customer (null: no such customer). */
  careOf(id: string): Promise<{ responsibleId: string | null; backupId: string | null } | null>;
  insert(id: string, fields: CustomerFields): Promise<CustomerRecord>;
  insertMany(records: readonly ({ id: string } & CustomerFields)[]): Promise<void>;
  /** Sets the fields given; null when there is no such customer. */
  update(id: string, fields: Partial<CustomerFields>): Promise<CustomerRecord | null>;
  /** Records an action on its customer (idempotent); the customer as it is after, or null when it does not exist. */
  recordAction(action: ActionRecord): Promise<CustomerRecord | null>;
  /** Takes in the newest-action times of merged duplicates with the merged fields. */
  absorb(id: string, fields: Partial<CustomerFields>, lastActionAt: Partial<Record<ActionKind, Date>>): Promise<void>;
  /** Recomputes `recentActions` from the actions themselves. */
  rebuildRecentActions(id: string): Promise<void>;
  list(filter: CustomerListFilter, page: PageRequest): Promise<Page<CustomerRecord>>;
  /** Moves every customer of one manager (as responsible or backup) to another; returns how many changed. */
  replaceManager(role: 'responsibleId' | 'backupId', from: string, to: string): Promise<number>;
  /** Empties the backup where the same person is also responsible; returns how many changed. */
  clearSelfBackup(userId: string, among?: readonly string[]): Promise<number>;
  setManagers(ids: readonly string[], fields: Partial<Pick<CustomerFields, 'responsibleId' | 'backupId'>>): Promise<{ matched: number; changed: number }>;
  delete(id: string): Promise<void>;
}

export function customerRepository(models: Models, engine: Engine): CustomerRepository {
  const { Organization, Action } = models;

  const getMany = async (ids: readonly string[]) =>
    (await engine.findByIds<OrganizationDoc>(Organization, ids.map(oid))).map(customerFromDoc);

  async function newestActions(id: string): Promise<ActionRecord[]> {
    const docs = await Action.find({ organizationId: oid(id) }, { participants: 0 }).sort({ occurredAt: -1, _id: -1 }).limit(RECENT_ACTIONS).lean();
    return docs.map(actionFromDoc);
  }

  return {
    newId,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    getMany,
    async exists(id) {
      return (await engine.findByIds(Organization, [oid(id)], { _id: 1 })).length > 0;
    },
    async careOf(id) {
      const [doc] = await engine.findByIds<OrganizationDoc>(Organization, [oid(id)], { responsibleId: 1, backupId: 1 });
      if (!doc) return null;
      return { responsibleId: doc.responsibleId ? String(doc.responsibleId) : null, backupId: doc.backupId ? String(doc.backupId) : null };
    },
    async insert(id, fields) {
      const doc = await Organization.create({ _id: oid(id), ...customerFieldsToDoc(fields) });
      return customerFromDoc(doc.toObject() as OrganizationDoc);
    },
    async insertMany(records) {
      const now = new Date();
      const docs = records.map(({ id, ...fields }) => ({
        _id: oid(id), ...customerFieldsToDoc(fields), lastActionAt: {}, recentActions: [], recentVersion: 0, createdAt: now, updatedAt: now,
      }));
      const { duplicates } = await engine.insertMany(Organization, docs);
      if (duplicates.length) throw new Error(`customers ${duplicates.map((i) => records[i]!.id).join(', ')} exist already`);
    },
    async update(id, fields) {
      const res = await engine.updateById<OrganizationDoc>(Organization, oid(id), { $set: customerFieldsToDoc(fields) }, { returnDocument: 'after' });
      return res.doc ? customerFromDoc(res.doc) : null;
    },
    async recordAction(action) {
      const id = oid(action.organizationId);
      const copy = actionToDoc(action);
      const newest = { [`lastActionAt.${action.kind}`]: action.occurredAt };
      const pushed = await engine.updateById<OrganizationDoc>(
        Organization,
        id,
        {
          $max: newest,
          $push: { recentActions: { $each: [copy], $sort: { occurredAt: -1, _id: -1 }, $slice: RECENT_ACTIONS } },
          $inc: { recentVersion: 1 },
        },
        { where: { 'recentActions._id': { $ne: copy._id } }, returnDocument: 'after', timestamps: false },
      );
      if (pushed.doc) return customerFromDoc(pushed.doc);
      // Already on the list (a retry), or no such customer: the `$max` alone, idempotent.
      const res = await engine.updateById<OrganizationDoc>(Organization, id, { $max: newest }, { returnDocument: 'after', timestamps: false });
      return res.doc ? customerFromDoc(res.doc) : null;
    },
    async absorb(id, fields, lastActionAt) {
      const max = Object.fromEntries(Object.entries(lastActionAt).map(([k, v]) => [`lastActionAt.${k}`, v]));
      await engine.updateById(Organization, oid(id), { $set: customerFieldsToDoc(fields), ...(Object.keys(max).length ? { $max: max } : {}) });
    },
    async rebuildRecentActions(id) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const [current] = await engine.findByIds<OrganizationDoc & { recentVersion?: number }>(Organization, [oid(id)], { recentVersion: 1 });
        if (!current) return;
        const version = current.recentVersion ?? 0;
        const recent = (await newestActions(id)).map(actionToDoc);
        const res = await engine.updateById(
          Organization,
          oid(id),
          { $set: { recentActions: recent }, $inc: { recentVersion: 1 } },
          { where: { recentVersion: version === 0 ? { $in: [0, null] } : version }, timestamps: false },
        );
        if (res.matched) return;
      }
      throw new Error(`recent actions of customer ${id} kept changing while being rebuilt`);
    },
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.q) query.nameLower = namePrefix(filter.q);
      if (filter.segment) query.segment = filter.segment;
      if (filter.customerGroup) query.customerGroup = filter.customerGroup;
      if (filter.responsibleId) query.responsibleId = oid(filter.responsibleId);
      const docs = await Organization.find(query).sort({ nameLower: 1, _id: 1 }).skip(pageWindow(page).skip).limit(pageWindow(page).limit).lean();
      return pageFrom(docs, page, customerFromDoc);
    },
    async replaceManager(role, from, to) {
      return (await engine.updateMany(Organization, { [role]: oid(from) }, { $set: { [role]: oid(to) } })).modified;
    },
    async clearSelfBackup(userId, among) {
      const same = { responsibleId: oid(userId), backupId: oid(userId) };
      if (!among) return (await engine.updateMany(Organization, same, { $set: { backupId: null } })).modified;
      let changed = 0;
      for (const id of new Set(among)) {
        if ((await engine.updateById(Organization, oid(id), { $set: { backupId: null } }, { where: same })).modified) changed++;
      }
      return changed;
    },
    async setManagers(ids, fields) {
      let matched = 0;
      let changed = 0;
      for (const id of new Set(ids)) {
        const res = await engine.updateById(Organization, oid(id), { $set: customerFieldsToDoc(fields) });
        if (res.matched) matched++;
        if (res.modified) changed++;
      }
      return { matched, changed };
    },
    async delete(id) {
      await engine.deleteById(Organization, oid(id));
    },
  };
}
