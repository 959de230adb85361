/**
 * Actions (the `actions` collection): immutable facts. A mail's action has an `_id` derived from
 * the mail and the customer (usecases/logEmail), so every retry and every colleague logging it
 * inserts the same document: the insert is the idempotency check, on every engine. `insertMany`
 * (earlier actions brought in at once, the demo seed) is the same insert, many at a time.
 * Merges re-point actions with `$set`/`$addToSet`/`$pull` filtered on the old value, so a repeated
 * merge changes nothing twice. The one change of an action's own facts: a planned meeting that was
 * moved (`reschedule`), a compare-and-set on the time and subject it had, so of two panes moving
 * it at once one wins and the other re-reads.
 */
import type { Engine } from '../engine';
import { isDuplicateKeyError } from '../engine';
import type { ActionDoc, Models } from '../models';
import { type Page, type PageRequest, pageFrom, pageWindow } from '../paging';
import { actionFromDoc, actionToDoc, newId, oid, type ActionRecord, type MailParticipants } from './records';

export interface ActionRepository {
  newId(): string;
  /** Inserts the action; `created: false` when one with its `_id` exists (that one is returned). */
  insert(action: ActionRecord, participants?: MailParticipants, extra?: { meetingKey?: string }): Promise<{ created: boolean; action: ActionRecord }>;
  /**
   * A moved meeting: its new time, subject and key, where it still has the time and subject `from`
   * (compare-and-set); the action after, or null when it changed meanwhile or does not exist.
   */
  reschedule(id: string, from: { occurredAt: Date; subject: string }, to: { occurredAt: Date; subject: string; meetingKey: string }): Promise<ActionRecord | null>;
  /** The keys of a customer's meetings logged from the calendar (merges move their claims). */
  meetingKeysOfCustomer(organizationId: string): Promise<string[]>;
  /** Inserts actions; those whose `_id` exists already are left as they are. Returns how many were new. */
  insertMany(actions: readonly ActionRecord[]): Promise<number>;
  get(id: string): Promise<ActionRecord | null>;
  /** The actions of these ids that exist, in no particular order. */
  getMany(ids: readonly string[]): Promise<ActionRecord[]>;
  /**
   * Links the action to an opportunity where it has none yet (one conditional `$set`: the first
   * link stays); the action after, or null when it does not exist.
   */
  linkOpportunity(id: string, opportunityId: string): Promise<ActionRecord | null>;
  delete(id: string): Promise<void>;
  /**
   * A survey answer submitted again: its `feedback` action takes the new score, subject, excerpt and
   * time (one `$set` by `_id`, only on a `feedback` action); the action after, or null when there is none.
   */
  reviseFeedback(id: string, change: { feedbackScore: number | null; subject: string; excerpt: string | null; occurredAt: Date }): Promise<ActionRecord | null>;
  /**
   * Gives an action logged before its mail had an internetMessageId (logged when sent) the mail's
   * id, where it has none yet: one conditional `$set` of one field of one document.
   */
  linkMessage(id: string, internetMessageId: string): Promise<void>;
  /** A customer's actions, newest first. */
  pageOfCustomer(organizationId: string, page: PageRequest): Promise<Page<ActionRecord>>;
  /** Every action of a customer (a rebuild of its timeline; scans the collection on FerretDB). */
  ofCustomer(organizationId: string): Promise<ActionRecord[]>;
  /** Every action, as the database delivers them (a backfill; never all in memory at once). */
  stream(): AsyncIterable<ActionRecord>;
  /** The mail actions of a customer (merges move their mail-log entries). */
  mailOfCustomer(organizationId: string): Promise<ActionRecord[]>;
  /** How many actions each user logged that occurred in [from, to), by user id. */
  countByLogger(from: Date, to: Date): Promise<Map<string, number>>;
  /** Re-points every action of one customer to another; returns how many moved. */
  moveCustomer(from: string, to: string): Promise<number>;
  /** Names `to` instead of `from` among the contacts of every action; returns how many actions named `from`. */
  replaceContact(from: string, to: string): Promise<number>;
}

export function actionRepository(models: Models, engine: Engine): ActionRepository {
  const { Action } = models;
  const get = async (id: string) => {
    const [doc] = await engine.findByIds<ActionDoc>(Action, [oid(id)], { participants: 0 });
    return doc ? actionFromDoc(doc) : null;
  };
  return {
    newId,
    async insert(action, participants, extra = {}) {
      try {
        await Action.create({ ...actionToDoc(action), ...(participants ? { participants } : {}), ...(extra.meetingKey ? { meetingKey: extra.meetingKey } : {}) });
        return { created: true, action };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await get(action.id);
        if (!existing) throw new Error(`action ${action.id} vanished after insert`);
        return { created: false, action: existing };
      }
    },
    async insertMany(actions) {
      return (await engine.insertMany(Action, actions.map(actionToDoc))).inserted;
    },
    get,
    async getMany(ids) {
      return (await engine.findByIds<ActionDoc>(Action, ids.map(oid), { participants: 0 })).map(actionFromDoc);
    },
    async linkOpportunity(id, opportunityId) {
      await engine.updateById(Action, oid(id), { $set: { opportunityId: oid(opportunityId) } }, { where: { opportunityId: null }, timestamps: false });
      return get(id);
    },
    async reschedule(id, from, to) {
      const res = await engine.updateById<ActionDoc>(
        Action, oid(id),
        { $set: { occurredAt: to.occurredAt, subject: to.subject, meetingKey: to.meetingKey } },
        { where: { occurredAt: from.occurredAt, subject: from.subject }, returnDocument: 'after', timestamps: false },
      );
      return res.doc ? actionFromDoc(res.doc) : null;
    },
    async meetingKeysOfCustomer(organizationId) {
      const docs = await Action.find({ organizationId: oid(organizationId), kind: 'meeting', meetingKey: { $exists: true, $ne: null } }, { meetingKey: 1 }).lean<{ meetingKey?: string }[]>();
      return docs.flatMap((d) => (d.meetingKey ? [d.meetingKey] : []));
    },
    async linkMessage(id, internetMessageId) {
      await engine.updateById(Action, oid(id), { $set: { internetMessageId } }, { where: { internetMessageId: null }, timestamps: false });
    },
    async delete(id) {
      await engine.deleteById(Action, oid(id));
    },
    async reviseFeedback(id, change) {
      const { feedbackScore, ...rest } = change;
      const update = feedbackScore === null ? { $set: rest, $unset: { feedbackScore: 1 } } : { $set: { ...rest, feedbackScore } };
      const res = await engine.updateById<ActionDoc>(Action, oid(id), update, { where: { kind: 'feedback' }, returnDocument: 'after', timestamps: false });
      return res.doc ? actionFromDoc(res.doc) : null;
    },
    async pageOfCustomer(organizationId, page) {
      const docs = await Action.find({ organizationId: oid(organizationId) }, { participants: 0 }).sort({ occurredAt: -1, _id: -1 }).skip(pageWindow(page).skip).limit(pageWindow(page).limit).lean();
      return pageFrom(docs, page, actionFromDoc);
    },
    async ofCustomer(organizationId) {
      return (await Action.find({ organizationId: oid(organizationId) }, { participants: 0 }).lean()).map(actionFromDoc);
    },
    async *stream() {
      for await (const doc of Action.find({}, { participants: 0 }).lean<ActionDoc[]>().batchSize(1000).cursor()) yield actionFromDoc(doc as ActionDoc);
    },
    async mailOfCustomer(organizationId) {
      const docs = await Action.find({ organizationId: oid(organizationId), internetMessageId: { $ne: null } }, { participants: 0 }).lean();
      return docs.map(actionFromDoc);
    },
    async countByLogger(from, to) {
      const rows = await Action.aggregate<{ _id: unknown; n: number }>([
        { $match: { occurredAt: { $gte: from, $lt: to } } },
        { $group: { _id: '$loggedBy.id', n: { $sum: 1 } } },
      ]);
      return new Map(rows.map((r) => [String(r._id), r.n]));
    },
    async moveCustomer(from, to) {
      return (await engine.updateMany(Action, { organizationId: oid(from) }, { $set: { organizationId: oid(to) } })).modified;
    },
    async replaceContact(from, to) {
      const named = await engine.updateMany(Action, { contactIds: oid(from) }, { $addToSet: { contactIds: oid(to) } });
      await engine.updateMany(Action, { contactIds: oid(from) }, { $pull: { contactIds: oid(from) } });
      return named.matched;
    },
  };
}
