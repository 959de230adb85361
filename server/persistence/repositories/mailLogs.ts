/**
 * Which customers a mail is logged on (`mail_logs`, one document per mail, see models.ts), and in the
 * same way a meeting: a claim's key is a mail's `internetMessageId`, or for a meeting
 * `meetingClaimKey(…)` (its key, shared/domain/meetingKey) and `meetingItemClaimKey(…)` (one
 * mailbox's item id of it: the alias that finds a moved meeting's action, usecases/logMeeting). The
 * prefixes keep the three apart: a Message-ID has no `meeting:` prefix (RFC 5322 `<id-left@id-right>`).
 *
 * Why each write is safe with several instances: `claim` is one conditional upsert — set
 * `customers.<id>` where it does not exist yet — so of any number of concurrent logs of one mail on
 * one customer exactly one claims it; the others see the claim and answer "already logged". Two
 * first logs of one mail on different customers can race on the document's insert (duplicate
 * `_id`): the loser re-reads and claims again. A merge moves a claim with a compare-and-set on the
 * old customer's entry.
 */
import { createHash } from 'node:crypto';
import type { PersonRef } from '../../../shared/contract';
import type { Engine } from '../engine';
import type { MailLogDoc, MailLogEntryDoc, Models } from '../models';
import { oid, str } from './records';

export interface MailLogEntry {
  organizationId: string;
  actionId: string;
  loggedBy: PersonRef;
  loggedAt: Date;
}

export interface MailLogRepository {
  /** Claims logging the mail on the customer: `claimed: false` with the existing entry when it is logged there already. */
  claim(internetMessageId: string, entry: MailLogEntry, conversationId?: string | null): Promise<{ claimed: true } | { claimed: false; entry: MailLogEntry }>;
  /** Gives a claim back (its action could not be written). */
  unclaim(internetMessageId: string, organizationId: string, actionId: string): Promise<void>;
  /** The customers the mail is logged on, first logged first. */
  entries(internetMessageId: string): Promise<MailLogEntry[]>;
  /** The conversations the mails were first logged in (the mails that are not logged, or without one, left out). */
  conversationsOf(internetMessageIds: readonly string[]): Promise<string[]>;
  /** After a merge: the claim on `from` becomes one on `to` (unless `to` has its own). */
  moveCustomer(internetMessageId: string, from: string, to: string): Promise<void>;
}

export const meetingClaimKey = (meetingKey: string): string => `meeting:${meetingKey}`;
export const meetingItemClaimKey = (itemId: string): string => `meeting-item:${itemId}`;

export const mailLogId = (internetMessageId: string): string => createHash('sha256').update(internetMessageId).digest('base64url').slice(0, 32);

const entryToDoc = (e: MailLogEntry): MailLogEntryDoc => ({
  actionId: oid(e.actionId),
  loggedBy: { id: oid(e.loggedBy.id), name: e.loggedBy.name, email: e.loggedBy.email },
  loggedAt: e.loggedAt,
});

const entryFromDoc = (organizationId: string, d: MailLogEntryDoc): MailLogEntry => ({
  organizationId,
  actionId: str(d.actionId),
  loggedBy: { id: str(d.loggedBy.id), name: d.loggedBy.name ?? '', email: d.loggedBy.email ?? '' },
  loggedAt: d.loggedAt,
});

export function mailLogRepository(models: Models, engine: Engine): MailLogRepository {
  const { MailLog } = models;
  const read = async (internetMessageId: string) => (await engine.findByIds<MailLogDoc>(MailLog, [mailLogId(internetMessageId)]))[0] ?? null;

  return {
    async claim(internetMessageId, entry, conversationId) {
      const field = `customers.${entry.organizationId}`;
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await engine.updateById(
          MailLog,
          mailLogId(internetMessageId),
          { $set: { [field]: entryToDoc(entry) }, $setOnInsert: { internetMessageId, ...(conversationId ? { conversationId } : {}) } },
          { where: { [field]: { $exists: false } }, upsert: true, timestamps: false },
        );
        if (res.matched) return { claimed: true };
        const held = (await read(internetMessageId))?.customers?.[entry.organizationId];
        if (held) return { claimed: false, entry: entryFromDoc(entry.organizationId, held) };
        // Lost the race to insert the document for another customer: claim again in it.
      }
      throw new Error('the mail log kept changing while being claimed');
    },
    async unclaim(internetMessageId, organizationId, actionId) {
      const field = `customers.${organizationId}`;
      await engine.updateById(MailLog, mailLogId(internetMessageId), { $unset: { [field]: 1 } }, { where: { [`${field}.actionId`]: oid(actionId) }, timestamps: false });
    },
    async entries(internetMessageId) {
      const doc = await read(internetMessageId);
      return Object.entries(doc?.customers ?? {})
        .map(([org, d]) => entryFromDoc(org, d))
        .sort((a, b) => a.loggedAt.getTime() - b.loggedAt.getTime());
    },
    async conversationsOf(internetMessageIds) {
      if (internetMessageIds.length === 0) return [];
      const docs = await engine.findByIds<MailLogDoc>(MailLog, [...new Set(internetMessageIds)].map(mailLogId), { conversationId: 1 });
      return [...new Set(docs.flatMap((d) => (d.conversationId ? [d.conversationId] : [])))];
    },
    async moveCustomer(internetMessageId, from, to) {
      const doc = await read(internetMessageId);
      const held = doc?.customers?.[from];
      if (!doc || !held) return;
      const fromField = `customers.${from}`;
      const toField = `customers.${to}`;
      const moved = await engine.updateById(
        MailLog,
        doc._id,
        { $set: { [toField]: held }, $unset: { [fromField]: 1 } },
        { where: { [toField]: { $exists: false }, [`${fromField}.actionId`]: held.actionId }, timestamps: false },
      );
      if (!moved.matched) {
        await engine.updateById(MailLog, doc._id, { $unset: { [fromField]: 1 } }, { where: { [`${fromField}.actionId`]: held.actionId }, timestamps: false });
      }
    },
  };
}
