/**
 * Customers (the `organizations` collection).
 *
 * Why each write is safe with several instances:
 * - create: an insert with a fresh `_id` (its unique keys are claimed first, ./uniqueKeys).
 * - edits, hand-over, manager assignment: `$set` of the fields the request names, by `_id`
 *   (independent fields; the last writer of a field wins, as a user expects). A hand-over's
 *   `replaceManager` guards each customer's `$set` with the old manager (a compare-and-set), so it
 *   moves exactly the customers that still had them and can say which (the desks refresh those).
 * - an action on the customer (`recordAction`): one update with `$max` of `lastActionAt.<kind>`
 *   (the computed pattern: the newest action per kind, the care plan's input) and `$push` of the
 *   action's copy into `recentActions` with `$sort`/`$slice` (newest first, RECENT_ACTIONS long),
 *   guarded by `recentActions._id $ne` so a retry does not add the copy twice; `$inc` of
 *   `recentVersion`. Atomic on MongoDB; the engine module makes it so on FerretDB.
 * - rebuilding `recentActions` from the actions (merges, the rebuild command): a compare-and-set
 *   on `recentVersion`, retried, so an action recorded meanwhile is never dropped.
 * - a merge's absorbing of the duplicates: `$max` of their `lastActionAt`, `$set` of the merged fields;
 *   their planned actions (`takePlanned`): `$push` of the copies with `$each/$sort` onto
 *   `plannedActions`, guarded by `plannedActions._id $nin` the copies (a repeat adds none twice); when
 *   the guard fails (some are there already), each missing one alone with its own `$ne` guard.
 * - an import's change (`amend`): `$set` of single fields (one external ID at a time, by its path)
 *   and `$addToSet` of domains and classifications, so that it never writes back a list it read.
 * - a history of actions recorded at once (`recordActions`, the demo seed): as `recordAction`, one
 *   update with every copy in one `$push`, guarded by none of them being on the list yet; when one
 *   is (a retry), the `$max` alone and a rebuild of the list from the actions.
 * - a planned action (a meeting or event logged ahead of its time, `recordAction(…, {planned})`): as
 *   any action, but instead of the `$max` of `lastActionAt` a `$push` of its copy onto
 *   `plannedActions`, in the same update, guarded by `recentActions._id $ne`; on a retry the push onto
 *   `plannedActions` alone, guarded by `plannedActions._id $ne`.
 * - a planned meeting that was moved (`reschedulePlanned`): `$pull` of its copy (by `_id`), then the copy with the new ones `$push`ed as a planned action
 *   is, guarded by `plannedActions._id $ne`; each step idempotent, a retry completes it. Between the
 *   two a reader may miss the planned meeting for a moment (the action itself is already moved).
 * - folding planned actions whose time has passed (`foldPassedPlanned`): per customer, one update
 *   with `$max` of their times into `lastActionAt` and `$pull` of exactly those (by `_id`) from
 *   `plannedActions`; a planned action added meanwhile is never pulled, and a repeat finds nothing.
 * - `timelineMonths` (the months of the customer's timeline buckets, ./timeline): `$addToSet` in the
 *   same update that records the action.
 * - `lastActionAny` (the newest action of any kind, what the list sorts by): `$max` beside `lastActionAt`.
 * - `contactIds` (the extended reference to the customer's contacts): `$addToSet`/`$pull` of single
 *   ids by `_id` on every contact create, move, merge and import; a backfill of a customer that
 *   never had it `$addToSet`s what a read of its contacts found (adding, so a contact created
 *   meanwhile is never dropped).
 * - a classification's reassignment (`replaceClassification`): `$addToSet` of the new node, then
 *   `$pull` of the old one, each by `updateMany` filtered on the old node (atomic per document on
 *   every engine through the engine module; a repeat changes nothing twice).
 */
import type { CarePlanRule } from '../../../shared/domain/carePlan';
import type { ComplianceCustomer } from '../../../shared/domain/reports';
import type { ActionKind, CarePlanStatus, CustomerGroup, Segment } from '../../../shared/domain/codes';
import sift from 'sift';
import { mapLimit } from '../../concurrency';
import type { Engine } from '../engine';
import type { Models, OrganizationDoc } from '../models';
import { type Page, type PageRequest, namePrefix, pageFrom, pageWindow } from '../paging';
import { byName, FirstBy } from '../sample';
import { statusFilter, statusFilters, type Filter } from './carePlanFilters';
import { monthOf } from './timeline';
import { classificationHolder, type ClassificationHolder } from './classifications';
import {
  actionFromDoc, actionToDoc, customerAmendmentToUpdate, customerFieldsToDoc, customerFromDoc, newId, oid,
  type ActionRecord, type CustomerAmendment, type CustomerFields, type CustomerRecord, type CustomerRow, type NewCustomer, type PlannedActionRecord,
} from './records';

/** How many of a customer's newest actions a lookup shows, kept on the customer as `recentActions`. */
export const RECENT_ACTIONS = 5;

export interface CustomerListFilter {
  q?: string;
  segment?: Segment;
  customerGroup?: CustomerGroup;
  responsibleId?: string;
}

/** The care plan as it stands at a moment: the rules, and the time and zone its days are counted in. */
export interface CarePlanAt {
  rules: readonly CarePlanRule[];
  now: Date;
  timeZone: string;
}

/** A selection of customers (poiminta): every condition given must hold. */
export interface CustomerSelection {
  segment?: Segment;
  customerGroup?: CustomerGroup;
  responsibleId?: string;
  backupId?: string;
  /** Customers this user is responsible or backup for. */
  managerId?: string;
  department?: string;
  /** Customers that carry any of these classifications. */
  classificationIds?: readonly string[];
  /** Customers whose overall care-plan status is this one. */
  carePlan?: CarePlanAt & { status: CarePlanStatus };
  /** Customers whose name starts with this (case-insensitive). */
  namePrefix?: string;
}

/** How many customers of a group are in each care-plan state (`noPlan`: no rule applies to them). */
export interface CarePlanCounts {
  onTrack: number;
  dueSoon: number;
  overdue: number;
  noPlan: number;
  total: number;
}

/** A gap in the customer data that the administrator's data-quality view counts. */
export type CustomerGap = 'withoutResponsible' | 'withoutBackup' | 'withoutDomain';

/** How many records have a gap, and the first of them by name. */
export interface GapReport<T> {
  count: number;
  sample: T[];
}

/** What the care plan reads of a customer. */
export type CareSubjectRow = Pick<CustomerRow, 'id' | 'segment' | 'customerGroup' | 'createdAt' | 'lastActionAt'>;

/** A customer as the likely-duplicate search compares it. */
export interface CustomerName {
  id: string;
  name: string;
  businessId: string | null;
}

export interface CustomerRepository extends ClassificationHolder {
  newId(): string;
  get(id: string): Promise<CustomerRecord | null>;
  getMany(ids: readonly string[]): Promise<CustomerRecord[]>;
  exists(id: string): Promise<boolean>;
  /** Which of the ids name a customer. */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /** About how many customers there are (from the collection's metadata, not a count). */
  estimatedCount(): Promise<number>;
  /** Who looks after the customer (null: no such customer). */
  careOf(id: string): Promise<{ responsibleId: string | null; backupId: string | null } | null>;
  insert(id: string, fields: CustomerFields): Promise<CustomerRecord>;
  insertMany(records: readonly NewCustomer[]): Promise<void>;
  /** Sets the fields given; null when there is no such customer. */
  update(id: string, fields: Partial<CustomerFields>): Promise<CustomerRecord | null>;
  /** Sets fields and adds to lists (imports); false when there is no such customer. */
  amend(id: string, change: CustomerAmendment): Promise<boolean>;
  /**
   * Records an action on its customer (idempotent); the customer as it is after, or null when it does not exist.
   * A `planned` one (its time still to come) goes onto `plannedActions` instead of into `lastActionAt`.
   */
  recordAction(action: ActionRecord, opts?: { planned?: boolean }): Promise<CustomerRecord | null>;
  /** Takes the planned actions whose time is at or before `now` into `lastActionAt`; returns how many customers changed. */
  foldPassedPlanned(now: Date): Promise<number>;
  /** Records many earlier actions of one customer at once (idempotent). */
  recordActions(organizationId: string, actions: readonly ActionRecord[]): Promise<void>;
  /** Takes in the newest-action times of merged duplicates with the merged fields. */
  absorb(id: string, fields: Partial<CustomerFields>, lastActionAt: Partial<Record<ActionKind, Date>>): Promise<void>;
  /** A moved planned meeting: its copy on `plannedActions` gets the new time and subject (the customer after, or null). */
  reschedulePlanned(organizationId: string, planned: PlannedActionRecord): Promise<CustomerRecord | null>;
  /** Adds planned actions (of merged duplicates) to the customer's `plannedActions`, each once; returns how many were added. */
  takePlanned(id: string, planned: readonly PlannedActionRecord[]): Promise<number>;
  /** Recomputes `recentActions` from the actions themselves. */
  rebuildRecentActions(id: string): Promise<void>;
  list(filter: CustomerListFilter, page: PageRequest): Promise<Page<CustomerRecord>>;
  /** The selected customers in `_id` order, as the database delivers them (never all in memory). */
  stream(selection: CustomerSelection): AsyncIterable<CustomerRow>;
  /** What the care plan needs of every customer (of these segments, when given), in no particular order (never all in memory). */
  careSubjects(segments?: readonly Segment[]): AsyncIterable<CareSubjectRow>;
  /**
   * What the compliance report needs of every customer (segment, group, creation, responsible), in
   * no particular order: one projected pass over the customers (on the embedded engine a scan, as
   * every question about all customers is; never all of their documents in memory).
   */
  reportSubjects(): AsyncIterable<ComplianceCustomer>;
  /**
   * The data-quality questions about customers in one pass over them: the gaps, each counted with
   * its first `sampleSize` by name, and every customer's name handed to `visit` (likely duplicates).
   * One pass rather than one query per question: on the embedded engine every filter but `_id` is a
   * scan of the collection (~70 µs a document), so each question would cost a full scan anyway.
   * Acceptable for this administrator's view.
   */
  qualityScan(sampleSize: number, visit: (c: CustomerName) => void): Promise<Record<CustomerGap, GapReport<{ id: string; name: string }>>>;
  /** Customers per care-plan state, grouped by a field (`''` for customers without one). */
  countByStatus(field: 'responsibleId' | 'segment', plan: CarePlanAt): Promise<Map<string, CarePlanCounts>>;
  /** Moves every customer of one manager (as responsible or backup) to another; returns the ids of those changed. */
  replaceManager(role: 'responsibleId' | 'backupId', from: string, to: string): Promise<string[]>;
  /** Empties the backup where the same person is also responsible; returns how many changed. */
  clearSelfBackup(userId: string, among?: readonly string[]): Promise<number>;
  /** Sets these customers' managers where they differ; how many changed (the caller knows which exist). */
  setManagers(ids: readonly string[], fields: Partial<Pick<CustomerFields, 'responsibleId' | 'backupId'>>): Promise<{ changed: number }>;
  /** Adds (`$addToSet`) and removes (`$pull`) classifications of one customer; whether it changed, null when there is none. */
  changeClassifications(id: string, add: readonly string[], remove: readonly string[]): Promise<boolean | null>;
  /** Customers to a segment (those in it already untouched); how many changed. */
  setSegmentOf(ids: readonly string[], segment: Segment): Promise<number>;
  /**
   * Classifications added to and removed from customers, untouched where already so. How many
   * customer writes changed something (a customer both added to and removed from counts twice).
   */
  changeClassificationsOf(ids: readonly string[], add: readonly string[], remove: readonly string[]): Promise<number>;
  delete(id: string): Promise<void>;
  /** The customers a user is responsible or backup for (indexes responsibleId_1 and backupId_1 on MongoDB; a scan on FerretDB). */
  lookedAfterBy(userId: string): Promise<CustomerRecord[]>;
  /** The customer's contact ids (null: no such customer; `built: false`: never built, see backfillContacts). */
  contactIdsOf(id: string): Promise<{ ids: string[]; built: boolean } | null>;
  addContacts(id: string, contactIds: readonly string[]): Promise<void>;
  removeContacts(id: string, contactIds: readonly string[]): Promise<void>;
  /** Of these customers, those that meet the selection (read by `_id`, checked here). */
  selectAmong(ids: readonly string[], selection: CustomerSelection): Promise<CustomerRow[]>;
  /** A page of the selected customers in one order (see CustomerOrder). */
  listSelected(selection: CustomerSelection, order: CustomerOrder, page: PageRequest): Promise<Page<CustomerRow>>;
  /** Every selected customer in the order (an export of the list's view), as the database delivers them. */
  streamSelected(selection: CustomerSelection, order: CustomerOrder): AsyncIterable<CustomerRow>;
  /** Customers whose read models were never built: no `contactIds`, no `timelineMonths`, no `lastActionAny`. */
  withoutReadModels(): Promise<{ id: string; contacts: boolean; timeline: boolean; lastAction: Date | null | undefined }[]>;
  /** Sets `lastActionAny` where it is missing (`$max`, so a newer action recorded meanwhile wins). */
  setLastActionAny(id: string, at: Date | null): Promise<void>;
  /** Customers by id with only what a desk's snapshot is made of (name, segment, group, managers, actions); the rest left empty. */
  forDesk(ids: readonly string[]): Promise<CustomerRecord[]>;
}

export interface CustomerOrder {
  sort: 'name' | 'segment' | 'status' | 'lastAction';
  order: 'asc' | 'desc';
  /** For `status`: the care plan the statuses are computed in. */
  plan?: CarePlanAt;
}

/** Statuses in ascending order of the list's `status` sort: the worst first, then customers with no plan. */
export const STATUS_ORDER: readonly (CarePlanStatus | null)[] = ['overdue', 'due_soon', 'on_track', null];

/** The database filter of a selection; its care-plan condition is a query shape of ./carePlanFilters. */
export function selectionFilter(s: CustomerSelection): Filter {
  const and: Filter[] = [];
  if (s.segment) and.push({ segment: s.segment });
  if (s.customerGroup) and.push({ customerGroup: s.customerGroup });
  if (s.responsibleId) and.push({ responsibleId: oid(s.responsibleId) });
  if (s.backupId) and.push({ backupId: oid(s.backupId) });
  if (s.managerId) and.push({ $or: [{ responsibleId: oid(s.managerId) }, { backupId: oid(s.managerId) }] });
  if (s.department) and.push({ department: s.department });
  if (s.namePrefix) and.push({ nameLower: namePrefix(s.namePrefix) });
  if (s.classificationIds) and.push({ classificationIds: { $in: s.classificationIds.map(oid) } });
  if (s.carePlan) and.push(statusFilter(statusFilters(s.carePlan.rules, s.carePlan.now, s.carePlan.timeZone), s.carePlan.status));
  return and.length === 0 ? {} : and.length === 1 ? and[0]! : { $and: and };
}

function rowFromDoc(doc: OrganizationDoc): CustomerRow {
  const { recentActions: _recent, ...row } = customerFromDoc(doc);
  return { ...row, contactIds: Array.isArray(doc.contactIds) ? doc.contactIds.map(String) : null };
}

const NEWEST_FIRST = { occurredAt: -1, _id: -1 } as const;
const NO_RECENT = { recentActions: 0 } as const;

/**
 * The database queries of a selection in an order, to be read one after the other. On MongoDB each
 * sort has an index (`nameLower`, `segment`+`nameLower` through `segment`, `lastActionAny`); by
 * status it is one query per status, each the selection `$and` the status's filter, by name.
 */
function orderedQueries(selection: CustomerSelection, order: CustomerOrder): { filter: Filter; sort: Record<string, 1 | -1> }[] {
  const dir = order.order === 'asc' ? 1 : -1;
  const base = selectionFilter(selection);
  if (order.sort === 'name') return [{ filter: base, sort: { nameLower: dir, _id: 1 } }];
  if (order.sort === 'segment') return [{ filter: base, sort: { segment: dir, nameLower: 1, _id: 1 } }];
  if (order.sort === 'lastAction') return [{ filter: base, sort: { lastActionAny: dir, nameLower: 1, _id: 1 } }];
  const plan = order.plan!;
  const f = statusFilters(plan.rules, plan.now, plan.timeZone);
  return (order.order === 'asc' ? STATUS_ORDER : [...STATUS_ORDER].reverse()).map((st) => ({
    filter: { $and: [base, st ? statusFilter(f, st) : { $nor: [f.hasPlan] }] },
    sort: { nameLower: 1, _id: 1 },
  }));
}

/** The fields a desk's snapshot of a customer is made of. */
const DESK_FIELDS = { name: 1, segment: 1, customerGroup: 1, responsibleId: 1, backupId: 1, lastActionAt: 1, recentActions: 1, plannedActions: 1, createdAt: 1, updatedAt: 1 } as const;

export function customerRepository(models: Models, engine: Engine): CustomerRepository {
  const { Organization, Action } = models;

  /** How many customers match, per value of `field`. */
  async function countBy(filter: Filter, field: string): Promise<Map<string, number>> {
    const rows = await Organization.aggregate<{ _id: unknown; n: number }>([{ $match: filter }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }]);
    return new Map(rows.map((r) => [r._id === null || r._id === undefined ? '' : String(r._id), r.n]));
  }

  /** `$max` of the newest time per kind among the actions. */
  function newestPerKind(actions: readonly ActionRecord[]): Record<string, Date> {
    const newest: Record<string, Date> = {};
    for (const a of actions) {
      const path = `lastActionAt.${a.kind}`;
      if (!newest[path] || newest[path] < a.occurredAt) newest[path] = a.occurredAt;
      if (!newest.lastActionAny || newest.lastActionAny < a.occurredAt) newest.lastActionAny = a.occurredAt;
    }
    return newest;
  }

  const getMany = async (ids: readonly string[]) =>
    (await engine.findByIds<OrganizationDoc>(Organization, ids.map(oid))).map(customerFromDoc);

  async function newestActions(id: string): Promise<ActionRecord[]> {
    const docs = await Action.find({ organizationId: oid(id) }, { participants: 0 }).sort(NEWEST_FIRST).limit(RECENT_ACTIONS).lean();
    return docs.map(actionFromDoc);
  }

  const repo: CustomerRepository = {
    newId,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    getMany,
    async forDesk(ids) {
      return (await engine.findByIds<OrganizationDoc>(Organization, ids.map(oid), DESK_FIELDS)).map(customerFromDoc);
    },
    async exists(id) {
      return (await engine.findByIds(Organization, [oid(id)], { _id: 1 })).length > 0;
    },
    async existing(ids) {
      return new Set((await engine.findByIds<{ _id: unknown }>(Organization, ids.map(oid), { _id: 1 })).map((d) => String(d._id)));
    },
    estimatedCount: () => Organization.estimatedDocumentCount().exec(),
    async careOf(id) {
      const [doc] = await engine.findByIds<OrganizationDoc>(Organization, [oid(id)], { responsibleId: 1, backupId: 1 });
      if (!doc) return null;
      return { responsibleId: doc.responsibleId ? String(doc.responsibleId) : null, backupId: doc.backupId ? String(doc.backupId) : null };
    },
    async insert(id, fields) {
      const doc = await Organization.create({ _id: oid(id), ...customerFieldsToDoc(fields), contactIds: [], timelineMonths: [] });
      return customerFromDoc(doc.toObject() as OrganizationDoc);
    },
    async insertMany(records) {
      const now = new Date();
      const docs = records.map(({ id, createdAt, ...fields }) => ({
        _id: oid(id), ...customerFieldsToDoc(fields), lastActionAt: {}, recentActions: [], recentVersion: 0, plannedActions: [], lastActionAny: null, contactIds: [], timelineMonths: [],
        createdAt: createdAt ?? now, updatedAt: createdAt ?? now,
      }));
      const { duplicates } = await engine.insertMany(Organization, docs);
      if (duplicates.length) throw new Error(`customers ${duplicates.map((i) => records[i]!.id).join(', ')} exist already`);
    },
    async update(id, fields) {
      const res = await engine.updateById<OrganizationDoc>(Organization, oid(id), { $set: customerFieldsToDoc(fields) }, { returnDocument: 'after' });
      return res.doc ? customerFromDoc(res.doc) : null;
    },
    async amend(id, change) {
      const update = customerAmendmentToUpdate(change);
      if (Object.keys(update).length === 0) return repo.exists(id);
      return (await engine.updateById(Organization, oid(id), update)).matched;
    },
    async recordAction(action, opts = {}) {
      const id = oid(action.organizationId);
      const copy = actionToDoc(action);
      const newest = newestPerKind([action]);
      const plannedCopy = { _id: copy._id, kind: action.kind, occurredAt: action.occurredAt, subject: action.subject };
      const planned = { $each: [plannedCopy], $sort: { occurredAt: 1, _id: 1 } };
      const pushed = await engine.updateById<OrganizationDoc>(
        Organization,
        id,
        {
          ...(opts.planned ? {} : { $max: newest }),
          $push: {
            recentActions: { $each: [copy], $sort: NEWEST_FIRST, $slice: RECENT_ACTIONS },
            ...(opts.planned ? { plannedActions: planned } : {}),
          },
          $inc: { recentVersion: 1 },
          $addToSet: { timelineMonths: monthOf(action.occurredAt) },
        },
        { where: { 'recentActions._id': { $ne: copy._id } }, returnDocument: 'after', timestamps: false },
      );
      if (pushed.doc) return customerFromDoc(pushed.doc);
      if (opts.planned) {
        // Already on the recent list (a retry): onto the planned list unless it is there.
        const again = await engine.updateById<OrganizationDoc>(
          Organization, id, { $push: { plannedActions: planned } },
          { where: { 'plannedActions._id': { $ne: copy._id } }, returnDocument: 'after', timestamps: false },
        );
        if (again.doc) return customerFromDoc(again.doc);
        return repo.get(action.organizationId);
      }
      // Already on the list (a retry), or no such customer: the `$max` alone, idempotent.
      const res = await engine.updateById<OrganizationDoc>(
        Organization, id, { $max: newest, $addToSet: { timelineMonths: monthOf(action.occurredAt) } }, { returnDocument: 'after', timestamps: false },
      );
      return res.doc ? customerFromDoc(res.doc) : null;
    },
    async recordActions(organizationId, actions) {
      if (actions.length === 0) return;
      const id = oid(organizationId);
      const copies = actions.map(actionToDoc);
      const newest = newestPerKind(actions);
      const months = [...new Set(actions.map((a) => monthOf(a.occurredAt)))];
      const pushed = await engine.updateById(
        Organization,
        id,
        { $max: newest, $push: { recentActions: { $each: copies, $sort: NEWEST_FIRST, $slice: RECENT_ACTIONS } }, $inc: { recentVersion: 1 }, $addToSet: { timelineMonths: { $each: months } } },
        { where: { 'recentActions._id': { $nin: copies.map((c) => c._id) } }, timestamps: false },
      );
      if (pushed.matched) return;
      // Some are on the list already (a retry), or no such customer: the `$max`, then the list from the actions.
      if ((await engine.updateById(Organization, id, { $max: newest, $addToSet: { timelineMonths: { $each: months } } }, { timestamps: false })).matched) {
        await repo.rebuildRecentActions(organizationId);
      }
    },
    async reschedulePlanned(organizationId, planned) {
      const id = oid(organizationId);
      const copy = { _id: oid(planned.id), kind: planned.kind, occurredAt: planned.occurredAt, subject: planned.subject };
      await engine.updateById(Organization, id, { $pull: { plannedActions: { _id: copy._id } } }, { timestamps: false });
      const res = await engine.updateById<OrganizationDoc>(
        Organization, id,
        { $push: { plannedActions: { $each: [copy], $sort: { occurredAt: 1, _id: 1 } } }, $addToSet: { timelineMonths: monthOf(copy.occurredAt) } },
        { where: { 'plannedActions._id': { $ne: copy._id } }, returnDocument: 'after', timestamps: false },
      );
      return res.doc ? customerFromDoc(res.doc) : repo.get(organizationId);
    },
    async foldPassedPlanned(now) {
      const docs = await Organization.find({ 'plannedActions.occurredAt': { $lte: now } }, { plannedActions: 1 }).lean<OrganizationDoc[]>();
      let changed = 0;
      for (const doc of docs) {
        const passed = ((doc.plannedActions ?? []) as unknown as { _id: unknown; kind: ActionKind; occurredAt: Date }[]).filter((p) => p.occurredAt <= now);
        if (passed.length === 0) continue;
        const max: Record<string, Date> = {};
        for (const p of passed) if (!max[`lastActionAt.${p.kind}`] || max[`lastActionAt.${p.kind}`]! < p.occurredAt) max[`lastActionAt.${p.kind}`] = p.occurredAt;
        const res = await engine.updateById(
          Organization, doc._id, { $max: max, $pull: { plannedActions: { _id: { $in: passed.map((p) => p._id) } } } }, { timestamps: false },
        );
        if (res.modified) changed++;
      }
      return changed;
    },
    async absorb(id, fields, lastActionAt) {
      const max: Record<string, Date> = Object.fromEntries(Object.entries(lastActionAt).map(([k, v]) => [`lastActionAt.${k}`, v]));
      const any = Object.values(lastActionAt).reduce<Date | null>((m, v) => (v && (!m || v > m) ? v : m), null);
      if (any) max.lastActionAny = any;
      await engine.updateById(Organization, oid(id), { $set: customerFieldsToDoc(fields), ...(Object.keys(max).length ? { $max: max } : {}) });
    },
    async takePlanned(id, planned) {
      const copies = planned.map((p) => ({ _id: oid(p.id), kind: p.kind, occurredAt: p.occurredAt, subject: p.subject }));
      const push = async (list: typeof copies) => (await engine.updateById(
        Organization, oid(id),
        { $push: { plannedActions: { $each: list, $sort: { occurredAt: 1, _id: 1 } } } },
        { where: { 'plannedActions._id': { $nin: list.map((c) => c._id) } }, timestamps: false },
      )).matched;
      if (copies.length === 0) return 0;
      if (await push(copies)) return copies.length;
      let added = 0;
      for (const c of copies) if (await push([c])) added++;
      return added;
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
    async *stream(selection) {
      const cursor = Organization.find(selectionFilter(selection), { recentActions: 0 }).sort({ _id: 1 }).lean<OrganizationDoc[]>().batchSize(1000).cursor();
      for await (const doc of cursor) yield rowFromDoc(doc as OrganizationDoc);
    },
    async *careSubjects(segments) {
      const cursor = Organization.find(segments ? { segment: { $in: [...segments] } } : {}, { segment: 1, customerGroup: 1, createdAt: 1, lastActionAt: 1 })
        .lean<Pick<OrganizationDoc, '_id' | 'segment' | 'customerGroup' | 'createdAt' | 'lastActionAt'>[]>().batchSize(1000).cursor();
      for await (const doc of cursor) {
        yield {
          id: String(doc._id), segment: doc.segment, customerGroup: doc.customerGroup, createdAt: doc.createdAt,
          lastActionAt: (doc.lastActionAt ?? {}) as CareSubjectRow['lastActionAt'],
        };
      }
    },
    async *reportSubjects() {
      const cursor = Organization.find({}, { segment: 1, customerGroup: 1, createdAt: 1, responsibleId: 1 })
        .lean<Pick<OrganizationDoc, '_id' | 'segment' | 'customerGroup' | 'createdAt' | 'responsibleId'>[]>().batchSize(1000).cursor();
      for await (const doc of cursor) {
        yield { id: String(doc._id), segment: doc.segment, customerGroup: doc.customerGroup, createdAt: doc.createdAt, responsibleId: doc.responsibleId ? String(doc.responsibleId) : null };
      }
    },
    async qualityScan(sampleSize, visit) {
      const gaps = {
        withoutResponsible: new FirstBy<{ id: string; name: string }>(sampleSize, byName),
        withoutBackup: new FirstBy<{ id: string; name: string }>(sampleSize, byName),
        withoutDomain: new FirstBy<{ id: string; name: string }>(sampleSize, byName),
      };
      const cursor = Organization.find({}, { name: 1, businessId: 1, responsibleId: 1, backupId: 1, emailDomains: 1 })
        .lean<Pick<OrganizationDoc, '_id' | 'name' | 'businessId' | 'responsibleId' | 'backupId' | 'emailDomains'>[]>().batchSize(1000).cursor();
      for await (const doc of cursor) {
        const ref = { id: String(doc._id), name: doc.name };
        if (!doc.responsibleId) gaps.withoutResponsible.add(ref);
        if (!doc.backupId) gaps.withoutBackup.add(ref);
        if (!doc.emailDomains || doc.emailDomains.length === 0) gaps.withoutDomain.add(ref);
        visit({ ...ref, businessId: doc.businessId ?? null });
      }
      const report = (f: FirstBy<{ id: string; name: string }>) => ({ count: f.count, sample: f.items });
      return { withoutResponsible: report(gaps.withoutResponsible), withoutBackup: report(gaps.withoutBackup), withoutDomain: report(gaps.withoutDomain) };
    },
    async countByStatus(field, plan) {
      const f = statusFilters(plan.rules, plan.now, plan.timeZone);
      const [all, planned, soon, over] = await Promise.all([countBy({}, field), countBy(f.hasPlan, field), countBy(f.dueSoonOrWorse, field), countBy(f.overdue, field)]);
      const counts = new Map<string, CarePlanCounts>();
      for (const [key, total] of all) {
        const hasPlan = planned.get(key) ?? 0;
        const dueSoonOrWorse = soon.get(key) ?? 0;
        const overdue = over.get(key) ?? 0;
        counts.set(key, { onTrack: hasPlan - dueSoonOrWorse, dueSoon: dueSoonOrWorse - overdue, overdue, noPlan: total - hasPlan, total });
      }
      return counts;
    },
    ...classificationHolder(Organization, engine),
    async replaceManager(role, from, to) {
      // Each customer's own compare-and-set on the manager (as the engine's updateMany does it), so the changed ids are known.
      const ids = (await Organization.find({ [role]: oid(from) }, { _id: 1 }).lean<{ _id: unknown }[]>().exec()).map((d) => String(d._id));
      const changed: string[] = [];
      await mapLimit(ids, 8, async (id) => {
        if ((await engine.updateById(Organization, oid(id), { $set: { [role]: oid(to) } }, { where: { [role]: oid(from) } })).modified) changed.push(id);
      });
      return changed;
    },
    async clearSelfBackup(userId, among) {
      const same = { responsibleId: oid(userId), backupId: oid(userId) };
      if (!among) return (await engine.updateMany(Organization, same, { $set: { backupId: null } })).modified;
      return (await engine.updateByIds(Organization, among.map(oid), { $set: { backupId: null } }, same)).modified;
    },
    async changeClassifications(id, add, remove) {
      let changed = false;
      let found = true;
      if (add.length) {
        const res = await engine.updateById(Organization, oid(id), { $addToSet: { classificationIds: { $each: add.map(oid) } } });
        found = res.matched;
        changed ||= res.modified;
      }
      if (found && remove.length) {
        const res = await engine.updateById(Organization, oid(id), { $pull: { classificationIds: { $in: remove.map(oid) } } });
        found = res.matched;
        changed ||= res.modified;
      }
      return found ? changed : null;
    },
    async setManagers(ids, fields) {
      // One update of many documents (see ../engine's updateByIds), and only where a manager differs:
      // a customer that has them already is neither written nor counted as changed.
      const set = customerFieldsToDoc(fields);
      const differs = Object.entries(set).map(([k, v]) => ({ [k]: { $ne: v } }));
      const unique = [...new Set(ids)];
      const res = await engine.updateByIds(Organization, unique.map(oid), { $set: set }, { $or: differs });
      return { changed: res.modified };
    },
    async setSegmentOf(ids, segment) {
      const unique = [...new Set(ids)];
      return (await engine.updateByIds(Organization, unique.map(oid), { $set: { segment } }, { segment: { $ne: segment } })).modified;
    },
    async changeClassificationsOf(ids, add, remove) {
      // `$addToSet` where one is missing, `$pullAll` where one is there: untouched customers are not rewritten.
      const unique = [...new Set(ids)].map(oid);
      let changed = 0;
      if (add.length) changed += (await engine.updateByIds(Organization, unique, { $addToSet: { classificationIds: { $each: add.map(oid) } } }, { $or: add.map((c) => ({ classificationIds: { $ne: oid(c) } })) })).modified;
      if (remove.length) changed += (await engine.updateByIds(Organization, unique, { $pullAll: { classificationIds: remove.map(oid) } }, { classificationIds: { $in: remove.map(oid) } })).modified;
      return changed;
    },
    async delete(id) {
      await engine.deleteById(Organization, oid(id));
    },
    async lookedAfterBy(userId) {
      // What a desk shows, not the customer's lists and keys (the engine still decodes each document it scans).
      const docs = await Organization.find({ $or: [{ responsibleId: oid(userId) }, { backupId: oid(userId) }] }, DESK_FIELDS).lean<OrganizationDoc[]>().exec();
      return docs.map(customerFromDoc);
    },
    async contactIdsOf(id) {
      const [doc] = await engine.findByIds<OrganizationDoc>(Organization, [oid(id)], { contactIds: 1 });
      if (!doc) return null;
      return { ids: (doc.contactIds ?? []).map(String), built: Array.isArray(doc.contactIds) };
    },
    async addContacts(id, contactIds) {
      // None to add: marks the list built (a backfill of a customer without contacts).
      if (contactIds.length === 0) {
        await engine.updateById(Organization, oid(id), { $set: { contactIds: [] } }, { where: { contactIds: { $exists: false } }, timestamps: false });
        return;
      }
      await engine.updateById(Organization, oid(id), { $addToSet: { contactIds: { $each: contactIds.map(oid) } } }, { timestamps: false });
    },
    async removeContacts(id, contactIds) {
      for (const c of new Set(contactIds)) await engine.updateById(Organization, oid(id), { $pull: { contactIds: oid(c) } }, { timestamps: false });
    },
    async selectAmong(ids, selection) {
      const keep = sift(selectionFilter(selection));
      const docs = await engine.findByIds<OrganizationDoc>(Organization, ids.map(oid), { recentActions: 0 });
      return docs.filter((d) => keep(d)).map(rowFromDoc);
    },
    async listSelected(selection, order, page) {
      let { skip, limit } = pageWindow(page);
      const docs: OrganizationDoc[] = [];
      // By status, one query per status in turn (see orderedQueries); skipping whole groups by their counts.
      const queries = orderedQueries(selection, order);
      for (const [i, q] of queries.entries()) {
        if (limit === 0) break;
        if (skip > 0 && i < queries.length - 1) {
          const n = await Organization.countDocuments(q.filter).exec();
          if (skip >= n) {
            skip -= n;
            continue;
          }
        }
        const part = await Organization.find(q.filter, NO_RECENT).sort(q.sort).skip(skip).limit(limit).lean<OrganizationDoc[]>();
        skip = 0;
        limit -= part.length;
        docs.push(...part);
      }
      return pageFrom(docs, page, rowFromDoc);
    },
    async *streamSelected(selection, order) {
      for (const q of orderedQueries(selection, order)) {
        for await (const doc of Organization.find(q.filter, NO_RECENT).sort(q.sort).lean<OrganizationDoc[]>().batchSize(1000).cursor()) yield rowFromDoc(doc as OrganizationDoc);
      }
    },
    async withoutReadModels() {
      const docs = await Organization.find(
        { $or: [{ contactIds: { $exists: false } }, { timelineMonths: { $exists: false } }, { lastActionAny: { $exists: false } }] },
        { contactIds: 1, timelineMonths: 1, lastActionAny: 1, lastActionAt: 1 },
      ).lean<OrganizationDoc[]>();
      return docs.map((d) => {
        const times = Object.values((d.lastActionAt ?? {}) as Record<string, Date | null>).filter((v): v is Date => v instanceof Date);
        return {
          id: String(d._id),
          contacts: !Array.isArray(d.contactIds),
          timeline: !Array.isArray(d.timelineMonths),
          lastAction: d.lastActionAny === undefined ? (times.length ? new Date(Math.max(...times.map(Number))) : null) : undefined,
        };
      });
    },
    async setLastActionAny(id, at) {
      if (at) await engine.updateById(Organization, oid(id), { $max: { lastActionAny: at } }, { timestamps: false });
      else await engine.updateById(Organization, oid(id), { $set: { lastActionAny: null } }, { where: { lastActionAny: { $exists: false } }, timestamps: false });
    },
  };
  return repo;
}
