/**
 * "Log when sent" (`send_logs`, one document per draft, see models.ts): the customers a mail is to
 * be logged on once it is sent, and what became of it.
 *
 * Why each write is safe with several instances: registering is an insert with the `_id` derived
 * from the token (the insert is the idempotency check); every later write is a compare-and-set on
 * `state` (`pending` → `sent`, `pending` → `cancelled`; changing the customers only while
 * `pending`), so of a cancel and a send racing exactly one wins, and a repeated report finds the
 * state already moved and changes nothing. The link to the sent mail's internetMessageId is set
 * where none is set yet. Nothing is read, changed in JavaScript and written back.
 */
import { createHash } from 'node:crypto';
import type { PersonRef } from '../../../shared/contract';
import type { SendLogState } from '../../../shared/contract-sending';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models, SendLogDoc } from '../models';
import { oid, str } from './records';

/** The mail as it left, or as its sent copy shows it. */
export interface SentMail {
  subject: string;
  from: string;
  to: string[];
  cc: string[];
  excerpt: string | null;
  conversationId: string | null;
  occurredAt: Date;
}

export interface SendLogRecord {
  /** SHA-256 of the token (the raw token is never stored). */
  id: string;
  owner: PersonRef;
  organizationIds: string[];
  offerIds: string[];
  state: SendLogState;
  createdAt: Date;
  sentAt: Date | null;
  mail: SentMail | null;
  internetMessageId: string | null;
}

export interface SendLogRepository {
  get(id: string): Promise<SendLogRecord | null>;
  /**
   * Creates the pending log owned by `owner`, or changes its customers while it is pending (and,
   * unless `anyOwner`, the owner's): false when it is not.
   */
  register(id: string, owner: PersonRef, organizationIds: readonly string[], offerIds: readonly string[], now: Date, opts?: { anyOwner?: boolean }): Promise<boolean>;
  /** pending → sent with the mail; false when it was not pending (sent already, or cancelled). */
  markSent(id: string, mail: SentMail, now: Date): Promise<boolean>;
  /** pending → cancelled; false when it was not pending. */
  cancel(id: string): Promise<boolean>;
  /** Links the sent log to the sent mail, where no mail is linked yet. */
  linkMessage(id: string, internetMessageId: string): Promise<void>;
}

export const sendLogId = (token: string): string => createHash('sha256').update(`send-log\u0000${token}`).digest('base64url').slice(0, 43);

function fromDoc(d: SendLogDoc): SendLogRecord {
  const mail = d.mail
    ? {
        subject: d.mail.subject ?? '',
        from: d.mail.from,
        to: [...(d.mail.to ?? [])],
        cc: [...(d.mail.cc ?? [])],
        excerpt: d.mail.excerpt ?? null,
        conversationId: d.mail.conversationId ?? null,
        occurredAt: d.mail.occurredAt,
      }
    : null;
  return {
    id: d._id,
    owner: { id: str(d.owner.id), name: d.owner.name ?? '', email: d.owner.email ?? '' },
    organizationIds: (d.organizationIds ?? []).map(str),
    offerIds: (d.offerIds ?? []).map(str),
    state: d.state as SendLogState,
    createdAt: d.createdAt,
    sentAt: d.sentAt ?? null,
    mail,
    internetMessageId: d.internetMessageId ?? null,
  };
}

export function sendLogRepository(models: Models, engine: Engine): SendLogRepository {
  const { SendLog } = models;
  return {
    async get(id) {
      const [doc] = await engine.findByIds<SendLogDoc>(SendLog, [id]);
      return doc ? fromDoc(doc) : null;
    },
    async register(id, owner, organizationIds, offerIds, now, { anyOwner = false } = {}) {
      const ids = organizationIds.map(oid);
      const offers = offerIds.map(oid);
      try {
        await SendLog.create({
          _id: id, owner: { id: oid(owner.id), name: owner.name, email: owner.email }, organizationIds: ids, offerIds: offers, state: 'pending', createdAt: now,
        });
        return true;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const res = await engine.updateById(SendLog, id, { $set: { organizationIds: ids, offerIds: offers } }, {
        where: anyOwner ? { state: 'pending' } : { state: 'pending', 'owner.id': oid(owner.id) }, timestamps: false,
      });
      return res.matched;
    },
    async markSent(id, mail, now) {
      const res = await engine.updateById(SendLog, id, { $set: { state: 'sent', sentAt: now, mail } }, { where: { state: 'pending' }, timestamps: false });
      return res.matched;
    },
    async cancel(id) {
      const res = await engine.updateById(SendLog, id, { $set: { state: 'cancelled' } }, { where: { state: 'pending' }, timestamps: false });
      return res.matched;
    },
    async linkMessage(id, internetMessageId) {
      await engine.updateById(SendLog, id, { $set: { internetMessageId } }, { where: { internetMessageId: null }, timestamps: false });
    },
  };
}
