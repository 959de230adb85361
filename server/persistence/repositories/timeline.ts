/**
 * Customers' timelines (`timeline_buckets`, the bucket pattern): one document per customer and
 * month (`_id` = `<organizationId>:<YYYY-MM>`, the month of `occurredAt` in UTC) holding copies of
 * that month's actions, newest first; the customer document lists its months (`timelineMonths`,
 * `$addToSet`). A page of the timeline reads months newest-first by `_id` until it has its items:
 * no read of the actions collection (which FerretDB would scan, ~70 µs a document) and, on
 * MongoDB, `_id` lookups only. The actions collection stays the source of truth; `rebuild`
 * recomputes a customer's buckets from it.
 *
 * Why each write is safe with several instances:
 * - appending an action: one update of its bucket by `_id`, upserted, with `$push` of the copy
 *   (`$sort` newest first; the engine module computes it on FerretDB) guarded by
 *   `actions._id $ne` so that a retry never adds it twice, `$inc` of `v`; the customer's update of
 *   the same action `$addToSet`s the month (./customers, recordAction). Both idempotent, atomic per
 *   document on every engine, and independent, so they run side by side.
 * - a backfill (`buildNew`, customers without `timelineMonths`): inserts of buckets with their
 *   deterministic `_id`s; where one exists already (an append came first), that customer is rebuilt.
 * - dropping a merged customer's buckets (`drop`, after its actions were moved and the kept customer's
 *   buckets rebuilt from them, before the customer is deleted): deletes by `_id` of the months it lists;
 *   its timeline is no longer read (the kept customer's buckets hold the actions, the merged one goes).
 * - a rebuild (after a merge moved actions, or for a customer whose buckets were never built):
 *   per bucket a compare-and-set on `v` of the copies read from the actions, retried when an
 *   append came between the read and the write, so an action recorded meanwhile is never dropped.
 */
import type { ActionKind } from '../../../shared/domain/codes';
import { mapLimit } from '../../concurrency';
import type { Engine } from '../engine';
import type { Models, OrganizationDoc, TimelineBucketDoc } from '../models';
import { actionFromDoc, actionToDoc, oid, type ActionRecord } from './records';

export interface TimelineFilter {
  kinds?: readonly ActionKind[];
  loggedBy?: string;
  contactId?: string;
}

/** Where a page ends: the last item's position (the next page starts after it). */
export interface TimelinePosition {
  occurredAt: Date;
  id: string;
}

export interface TimelineRepository {
  /** Adds the actions' copies to their buckets (idempotent); the customer's `timelineMonths` is the customer repository's to add to (recordAction). */
  append(actions: readonly ActionRecord[]): Promise<void>;
  /** Up to `limit` actions of the customer, newest first, after `before` (exclusive); `more` when others follow. */
  page(organizationId: string, filter: TimelineFilter, before: TimelinePosition | null, limit: number): Promise<{ items: ActionRecord[]; more: boolean } | null>;
  /**
   * Writes the buckets of customers that have none yet (a backfill), from all of their actions:
   * inserts in bulk; a customer some of whose buckets turned out to exist is rebuilt instead.
   */
  buildNew(actionsByCustomer: ReadonlyMap<string, readonly ActionRecord[]>): Promise<void>;
  /** Recomputes the customer's buckets from these actions (all of the customer's, read from the actions collection). */
  rebuild(organizationId: string, actions: () => Promise<ActionRecord[]>): Promise<void>;
  /** Deletes the buckets of a customer being merged into another (its months as its document lists them), after the kept one's rebuild. */
  drop(organizationId: string): Promise<void>;
}

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);
const bucketId = (organizationId: string, month: string) => `${organizationId}:${month}`;
const NEWEST_FIRST = { occurredAt: -1, _id: -1 } as const;

/** Is `a` older than the position (later in newest-first order)? */
const after = (a: ActionRecord, p: TimelinePosition) =>
  a.occurredAt.getTime() < p.occurredAt.getTime() || (a.occurredAt.getTime() === p.occurredAt.getTime() && a.id < p.id);

const matches = (a: ActionRecord, f: TimelineFilter) =>
  (!f.kinds || f.kinds.includes(a.kind)) && (!f.loggedBy || a.loggedBy.id === f.loggedBy) && (!f.contactId || a.contactIds.includes(f.contactId));

const newestFirst = (list: readonly ActionRecord[]): ActionRecord[] =>
  [...list].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

/** How many months a page reads at once. */
const MONTHS_PER_READ = 4;

export function timelineRepository(models: Models, engine: Engine): TimelineRepository {
  const { TimelineBucket, Organization } = models;

  async function appendMonth(organizationId: string, month: string, actions: readonly ActionRecord[]): Promise<boolean> {
    const copies = actions.map(actionToDoc);
    const res = await engine.updateById(
      TimelineBucket,
      bucketId(organizationId, month),
      {
        $setOnInsert: { organizationId: oid(organizationId), month },
        $push: { actions: { $each: copies, $sort: NEWEST_FIRST } },
        $inc: { v: 1 },
      },
      { where: { 'actions._id': { $nin: copies.map((c) => c._id) } }, upsert: true, timestamps: false },
    );
    return res.matched;
  }

  const repo: TimelineRepository = {
    async append(actions) {
      const groups = new Map<string, ActionRecord[]>();
      for (const a of actions) {
        const key = bucketId(a.organizationId, monthOf(a.occurredAt));
        groups.set(key, [...(groups.get(key) ?? []), a]);
      }
      for (const list of groups.values()) {
        const { organizationId } = list[0]!;
        const month = monthOf(list[0]!.occurredAt);
        // Refused for one action: it is in the bucket already (a retry).
        if (!(await appendMonth(organizationId, month, list)) && list.length > 1) {
          // Some are in the bucket already (a retry): the guard refused the whole `$each`, so the missing ones alone.
          const [bucket] = await engine.findByIds<TimelineBucketDoc>(TimelineBucket, [bucketId(organizationId, month)], { 'actions._id': 1 });
          const present = new Set((bucket?.actions ?? []).map((a) => String(a._id)));
          const missing = list.filter((a) => !present.has(a.id));
          if (missing.length > 0) await appendMonth(organizationId, month, missing);
        }
      }
    },
    async page(organizationId, filter, before, limit) {
      const [org] = await engine.findByIds<Pick<OrganizationDoc, '_id' | 'timelineMonths'>>(Organization, [oid(organizationId)], { timelineMonths: 1 });
      if (!org) return null;
      const months = [...(org.timelineMonths ?? [])].sort().reverse().filter((m) => !before || m <= monthOf(before.occurredAt));
      const items: ActionRecord[] = [];
      for (let i = 0; i < months.length && items.length <= limit; i += MONTHS_PER_READ) {
        const ids = months.slice(i, i + MONTHS_PER_READ).map((m) => bucketId(organizationId, m));
        const docs = await engine.findByIds<TimelineBucketDoc>(TimelineBucket, ids);
        const byId = new Map(docs.map((d) => [d._id, d]));
        for (const id of ids) {
          for (const a of (byId.get(id)?.actions ?? []).map(actionFromDoc)) {
            if (a.organizationId !== organizationId) continue;
            if (before && !after(a, before)) continue;
            if (matches(a, filter)) items.push(a);
          }
        }
      }
      return { items: items.slice(0, limit), more: items.length > limit };
    },
    async buildNew(actionsByCustomer) {
      const docs: { _id: string; organizationId: unknown; month: string; actions: unknown[]; v: number }[] = [];
      const monthsOf = new Map<string, string[]>();
      for (const [org, actions] of actionsByCustomer) {
        const byMonth = new Map<string, ActionRecord[]>();
        for (const a of actions) byMonth.set(monthOf(a.occurredAt), [...(byMonth.get(monthOf(a.occurredAt)) ?? []), a]);
        monthsOf.set(org, [...byMonth.keys()]);
        for (const [m, list] of byMonth) docs.push({ _id: bucketId(org, m), organizationId: oid(org), month: m, actions: newestFirst(list).map(actionToDoc), v: 1 });
      }
      const { duplicates } = await engine.insertMany(TimelineBucket, docs);
      const clashed = new Set(duplicates.map((i) => String(docs[i]!.organizationId)));
      await mapLimit([...monthsOf], 8, async ([org, months]) => {
        if (clashed.has(org)) return repo.rebuild(org, async () => [...actionsByCustomer.get(org)!]);
        const update = months.length > 0 ? { $addToSet: { timelineMonths: { $each: months } } } : { $set: { timelineMonths: [] } };
        await engine.updateById(Organization, oid(org), update, months.length > 0 ? { timestamps: false } : { where: { timelineMonths: { $exists: false } }, timestamps: false });
      });
    },
    async rebuild(organizationId, read) {
      for (let attempt = 0; attempt < 10; attempt++) {
        const [org] = await engine.findByIds<Pick<OrganizationDoc, '_id' | 'timelineMonths'>>(Organization, [oid(organizationId)], { timelineMonths: 1 });
        if (!org) return;
        const known = org.timelineMonths ?? [];
        const versions = new Map(
          (await engine.findByIds<TimelineBucketDoc>(TimelineBucket, known.map((m) => bucketId(organizationId, m)), { v: 1 })).map((d) => [d._id, d.v ?? 0]),
        );
        const actions = (await read()).filter((a) => a.organizationId === organizationId);
        const byMonth = new Map<string, ActionRecord[]>();
        for (const a of actions) byMonth.set(monthOf(a.occurredAt), [...(byMonth.get(monthOf(a.occurredAt)) ?? []), a]);
        const months = new Set([...known, ...byMonth.keys()]);
        let clean = true;
        for (const m of months) {
          const id = bucketId(organizationId, m);
          const copies = newestFirst(byMonth.get(m) ?? []).map(actionToDoc);
          const v = versions.get(id);
          const res = await engine.updateById(
            TimelineBucket,
            id,
            { $set: { actions: copies }, $setOnInsert: { organizationId: oid(organizationId), month: m }, $inc: { v: 1 } },
            v === undefined ? { upsert: true, timestamps: false } : { where: { v }, timestamps: false },
          );
          if (!res.matched) clean = false;
        }
        if (byMonth.size > 0) await engine.updateById(Organization, oid(organizationId), { $addToSet: { timelineMonths: { $each: [...byMonth.keys()] } } }, { timestamps: false });
        else if (org.timelineMonths === undefined) await engine.updateById(Organization, oid(organizationId), { $set: { timelineMonths: [] } }, { where: { timelineMonths: { $exists: false } }, timestamps: false });
        if (clean) return;
      }
      throw new Error(`the timeline of customer ${organizationId} kept changing while being rebuilt`);
    },
    async drop(organizationId) {
      const [org] = await engine.findByIds<Pick<OrganizationDoc, '_id' | 'timelineMonths'>>(Organization, [oid(organizationId)], { timelineMonths: 1 });
      await mapLimit([...new Set(org?.timelineMonths ?? [])], 8, (m) => engine.deleteById(TimelineBucket, bucketId(organizationId, m)));
    },
  };
  return repo;
}
