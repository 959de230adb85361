/**
 * Mailings (`mailings`), their recipients' send order (`mailing_batches`) and each recipient's
 * state (`mailing_recipients`): one aggregate, see ../marketingModels for the layout.
 *
 * Why each write is safe with several instances:
 * - a draft's texts and a mailing's state change by compare-and-set (`version`, `state`);
 * - a sender holds a mailing by a lease taken by compare-and-set (free, run out, or its own), renewed
 *   while it sends; an instance that dies leaves a lease that runs out, and another takes over;
 * - a recipient moves queued → sending only by compare-and-set on `state`: of two senders one wins,
 *   and only the winner hands the mail to the relay; sending → sent | failed the same way;
 * - the counts are the sender's (one holder at a time, by the lease): set from the recipients' states
 *   when it takes the mailing over, and `$set` as it goes (a per-recipient `$inc` would make every
 *   recipient's change wait on the one mailing document);
 * - recipients and batches are inserted under `_id`s made of the mailing and the contact (and the
 *   batch number), so making them twice (a sender that died half-way) inserts only what is missing.
 */
import type { PersonRef } from '../../../shared/contract';
import type { MailingState, RecipientCounts, RecipientState } from '../../../shared/contract-campaigns';
import type { Language } from '../../../shared/domain/codes';
import type { Engine } from '../engine';
import type { MailingBatchDoc, MailingDoc, MailingRecipientDoc } from '../marketingModels';
import type { Models } from '../models';
import { newId, oid, str } from './records';

/** Contact ids per batch document. */
export const RECIPIENT_BATCH = 1_000;

export interface PerLanguage {
  fi: string;
  sv?: string;
  en?: string;
}

export interface MailingRecord {
  id: string;
  campaignId: string;
  subject: PerLanguage;
  body: PerLanguage;
  surveyId: string | null;
  state: MailingState;
  scheduledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  counts: RecipientCounts;
  excludedCustomers: number;
  /** Recipients of this mailing who unsubscribed through its link. */
  optedOut: number;
  batches: number;
  prepared: boolean;
  lease: { owner: string; until: Date } | null;
  createdBy: PersonRef;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RecipientRecord {
  id: string;
  mailingId: string;
  contactId: string;
  contactName: string;
  organizationId: string;
  organizationName: string;
  email: string | null;
  language: Language;
  state: RecipientState;
  reason: string | null;
  error: string | null;
  claimedAt: Date | null;
  sentAt: Date | null;
  messageId: string | null;
}

export type NewRecipient = Omit<RecipientRecord, 'id' | 'claimedAt' | 'sentAt' | 'messageId' | 'error'>;

export const recipientId = (mailingId: string, contactId: string): string => `${mailingId}:${contactId}`;
const batchId = (mailingId: string, n: number) => `${mailingId}:${n}`;

export interface MailingRepository {
  newId(): string;
  insert(id: string, fields: Pick<MailingRecord, 'campaignId' | 'subject' | 'body' | 'createdBy'> & { surveyId?: string | null }): Promise<MailingRecord>;
  get(id: string): Promise<MailingRecord | null>;
  getMany(ids: readonly string[]): Promise<MailingRecord[]>;
  /**
   * Sets fields (and the state) provided the mailing is at `version` and in one of `from`; the
   * mailing after, or null when it changed meanwhile.
   */
  change(id: string, where: { version?: number; from: readonly MailingState[] }, set: Partial<Pick<MailingRecord, 'subject' | 'body' | 'surveyId' | 'state' | 'scheduledAt' | 'startedAt' | 'finishedAt'>>): Promise<MailingRecord | null>;
  /** Mailings a sender should look at: being sent, or scheduled for `now` or before. */
  due(now: Date): Promise<MailingRecord[]>;
  /** Takes (or renews) the lease for `owner` until `until`, unless another owner's runs past `now`; the mailing, or null. */
  lease(id: string, owner: string, now: Date, until: Date): Promise<MailingRecord | null>;
  releaseLease(id: string, owner: string): Promise<void>;
  /** Writes the recipients (those already there are kept as they are) and their send order, then marks the mailing prepared. */
  prepare(id: string, recipients: readonly NewRecipient[], excludedCustomers: number): Promise<void>;
  /** The contact ids of batch `n`, in send order. */
  batch(id: string, n: number): Promise<string[]>;
  recipients(id: string, contactIds: readonly string[]): Promise<RecipientRecord[]>;
  /** queued → sending for this sender; false when another sender got there first. */
  claim(recipient: string, now: Date): Promise<boolean>;
  /** sending → queued again (the relay could not be reached, so the mail did not go). */
  requeue(recipient: string): Promise<boolean>;
  /** A recipient left `sending` by a sender that stopped: failed as `interrupted` (it may have gone out, so it is not sent again). */
  interrupt(recipient: string): Promise<boolean>;
  /** sending → sent or failed (with the relay's answer). */
  finish(recipient: string, outcome: { state: 'sent'; at: Date; messageId: string } | { state: 'failed'; error: string; reason?: string }): Promise<boolean>;
  /**
   * Marks the recipient as having unsubscribed through this mailing's link (once: the first time
   * counts on the mailing); the recipient, or null when there is none.
   */
  optOut(recipient: string, at: Date): Promise<{ recipient: RecipientRecord; first: boolean } | null>;
  /**
   * Sets the counts from the recipients' states (read batch by batch): the `$inc`s after each
   * recipient's change are a second write, which a killed sender may not have made.
   */
  recount(id: string): Promise<RecipientCounts>;
  /** The sender's counts, as it has them. */
  setCounts(id: string, counts: RecipientCounts): Promise<void>;
}

const person = (p: { id: unknown; name?: string | null; email?: string | null }): PersonRef => ({ id: str(p.id as string), name: p.name ?? '', email: p.email ?? '' });
const texts = (t: { fi: string; sv?: string | null; en?: string | null }): PerLanguage => ({ fi: t.fi, ...(t.sv ? { sv: t.sv } : {}), ...(t.en ? { en: t.en } : {}) });

function fromDoc(d: MailingDoc): MailingRecord {
  const c = d.counts ?? {};
  return {
    id: str(d._id), campaignId: d.campaignId, subject: texts(d.subject), body: texts(d.body), surveyId: d.surveyId ?? null, state: d.state as MailingState,
    scheduledAt: d.scheduledAt ?? null, startedAt: d.startedAt ?? null, finishedAt: d.finishedAt ?? null,
    counts: { total: c.total ?? 0, queued: c.queued ?? 0, sending: c.sending ?? 0, sent: c.sent ?? 0, failed: c.failed ?? 0, skipped: c.skipped ?? 0 },
    excludedCustomers: d.excludedCustomers ?? 0, optedOut: d.optedOut ?? 0, batches: d.batches ?? 0, prepared: d.prepared ?? false,
    lease: d.lease?.owner && d.lease.until ? { owner: d.lease.owner, until: d.lease.until } : null,
    createdBy: person(d.createdBy), version: d.version ?? 0, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

function recipientFromDoc(d: MailingRecipientDoc): RecipientRecord {
  return {
    id: d._id, mailingId: d.mailingId, contactId: d.contactId, contactName: d.contactName, organizationId: d.organizationId, organizationName: d.organizationName,
    email: d.email ?? null, language: d.language as Language, state: d.state as RecipientState, reason: d.reason ?? null, error: d.error ?? null,
    claimedAt: d.claimedAt ?? null, sentAt: d.sentAt ?? null, messageId: d.messageId ?? null,
  };
}

export function mailingRepository(models: Models, engine: Engine): MailingRepository {
  const { Mailing, MailingBatch, MailingRecipient } = models;
  const getMany = async (ids: readonly string[]) => (await engine.findByIds<MailingDoc>(Mailing, ids.map(oid))).map(fromDoc);
  const get = async (id: string) => (await getMany([id]))[0] ?? null;
  return {
    newId,
    async insert(id, f) {
      await Mailing.create({ _id: oid(id), ...f, createdBy: { ...f.createdBy, id: oid(f.createdBy.id) }, state: 'draft', version: 0 });
      return (await get(id))!;
    },
    get,
    getMany,
    async change(id, where, set) {
      const cond: Record<string, unknown> = { state: { $in: [...where.from] } };
      if (where.version !== undefined) cond.version = where.version;
      const res = await engine.updateById<MailingDoc>(Mailing, oid(id), { $set: set, $inc: { version: 1 } }, { where: cond, returnDocument: 'after' });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },
    async due(now) {
      const docs = await Mailing.find({ $or: [{ state: 'sending' }, { state: 'scheduled', scheduledAt: { $lte: now } }] }).lean<MailingDoc[]>().exec();
      return docs.map(fromDoc);
    },
    async lease(id, owner, now, until) {
      const where = { state: { $in: ['scheduled', 'sending'] }, $or: [{ lease: null }, { 'lease.until': { $lte: now } }, { 'lease.owner': owner }] };
      const res = await engine.updateById<MailingDoc>(Mailing, oid(id), { $set: { lease: { owner, until } } }, { where, returnDocument: 'after', timestamps: false });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },
    async releaseLease(id, owner) {
      await engine.updateById(Mailing, oid(id), { $set: { lease: null } }, { where: { 'lease.owner': owner }, timestamps: false });
    },
    async prepare(id, recipients, excludedCustomers) {
      await engine.insertMany(MailingRecipient, recipients.map((r) => ({ _id: recipientId(id, r.contactId), ...r, error: null, claimedAt: null, sentAt: null, messageId: null })));
      const batches: { _id: string; contactIds: string[] }[] = [];
      for (let i = 0; i < recipients.length; i += RECIPIENT_BATCH) batches.push({ _id: batchId(id, batches.length), contactIds: recipients.slice(i, i + RECIPIENT_BATCH).map((r) => r.contactId) });
      await engine.insertMany(MailingBatch, batches);
      const skipped = recipients.filter((r) => r.state === 'skipped').length;
      await engine.updateById(Mailing, oid(id), {
        $set: {
          prepared: true, batches: batches.length, excludedCustomers,
          counts: { total: recipients.length, queued: recipients.length - skipped, sending: 0, sent: 0, failed: 0, skipped },
        },
      }, { where: { prepared: false } });
    },
    async batch(id, n) {
      const [d] = await engine.findByIds<MailingBatchDoc>(MailingBatch, [batchId(id, n)]);
      return d ? [...d.contactIds] : [];
    },
    async recipients(id, contactIds) {
      const docs = await engine.findByIds<MailingRecipientDoc>(MailingRecipient, contactIds.map((c) => recipientId(id, c)));
      const byId = new Map(docs.map((d) => [d._id, recipientFromDoc(d)]));
      return contactIds.map((c) => byId.get(recipientId(id, c))).filter((r): r is RecipientRecord => r !== undefined);
    },
    async claim(recipient, now) {
      return (await engine.updateById(MailingRecipient, recipient, { $set: { state: 'sending', claimedAt: now } }, { where: { state: 'queued' }, timestamps: false })).modified;
    },
    async requeue(recipient) {
      return (await engine.updateById(MailingRecipient, recipient, { $set: { state: 'queued', claimedAt: null } }, { where: { state: 'sending' }, timestamps: false })).modified;
    },
    async interrupt(recipient) {
      const error = 'The server stopped while this mail was being handed to the relay: it may have been sent, so it is not sent again.';
      return (await engine.updateById(MailingRecipient, recipient, { $set: { state: 'failed', reason: 'interrupted', error } }, { where: { state: 'sending' }, timestamps: false })).modified;
    },
    async finish(recipient, outcome) {
      const set = outcome.state === 'sent'
        ? { state: 'sent', sentAt: outcome.at, messageId: outcome.messageId }
        : { state: 'failed', error: outcome.error, reason: outcome.reason ?? null };
      return (await engine.updateById(MailingRecipient, recipient, { $set: set }, { where: { state: 'sending' }, timestamps: false })).modified;
    },
    async optOut(recipient, at) {
      const res = await engine.updateById<MailingRecipientDoc>(MailingRecipient, recipient, { $set: { optedOutAt: at } }, { where: { optedOutAt: null }, timestamps: false, returnDocument: 'after' });
      if (res.doc) {
        await engine.updateById(Mailing, oid(res.doc.mailingId), { $inc: { optedOut: 1 } }, { timestamps: false });
        return { recipient: recipientFromDoc(res.doc), first: true };
      }
      const [d] = await engine.findByIds<MailingRecipientDoc>(MailingRecipient, [recipient]);
      return d ? { recipient: recipientFromDoc(d), first: false } : null;
    },
    async recount(id) {
      const counts: RecipientCounts = { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
      const m = await get(id);
      for (let n = 0; n < (m?.batches ?? 0); n++) {
        const [b] = await engine.findByIds<MailingBatchDoc>(MailingBatch, [batchId(id, n)]);
        const docs = await engine.findByIds<MailingRecipientDoc>(MailingRecipient, (b?.contactIds ?? []).map((c) => recipientId(id, c)), { state: 1 });
        for (const d of docs) {
          counts.total++;
          counts[d.state as RecipientState]++;
        }
      }
      await engine.updateById(Mailing, oid(id), { $set: { counts } }, { timestamps: false });
      return counts;
    },
    async setCounts(id, counts) {
      await engine.updateById(Mailing, oid(id), { $set: { counts } }, { timestamps: false });
    },
  };
}
