/**
 * Tracked conversations (`tracked_conversations`, one document per conversation, see models.ts):
 * which customers each conversation is tracked for, so that its later mails are logged there.
 *
 * Why each write is safe with several instances: tracking is one conditional upsert — set
 * `customers.<id>` where it does not exist yet — so two colleagues tracking one conversation on one
 * customer keep the first tracking; stopping is one `$unset`. A first tracking of one conversation
 * on two customers at once can race on the document's insert (duplicate `_id`): the loser tracks
 * again in the document the winner made. Reads are exact `_id` reads, but for the administrator's
 * list, which reads the whole (small) collection.
 */
import { createHash } from 'node:crypto';
import type { PersonRef } from '../../../shared/contract';
import type { Engine } from '../engine';
import type { Models, TrackedConversationDoc, TrackingDoc } from '../models';
import { oid, str } from './records';

export interface TrackingRecord {
  conversationId: string;
  organizationId: string;
  organizationName: string;
  subject: string;
  trackedBy: PersonRef;
  trackedAt: Date;
}

export interface TrackedConversationRepository {
  /** Tracks the conversation on the customer: false when it is tracked there already (the first tracking stays). */
  track(tracking: TrackingRecord): Promise<boolean>;
  /** Stops tracking it on the customer: false when it was not tracked there. */
  stop(conversationId: string, organizationId: string): Promise<boolean>;
  /** After a merge: the tracking on `from` becomes one on `to` (unless `to` has its own). */
  moveCustomer(conversationId: string, from: string, to: { id: string; name: string }): Promise<void>;
  /** The trackings of these conversations. */
  of(conversationIds: readonly string[]): Promise<TrackingRecord[]>;
  /** Every tracking, newest first, at most `limit`. */
  list(limit: number): Promise<{ items: TrackingRecord[]; truncated: boolean }>;
}

export const trackedConversationId = (conversationId: string): string =>
  createHash('sha256').update(`conversation\u0000${conversationId}`).digest('base64url').slice(0, 32);

const recordsOf = (doc: TrackedConversationDoc): TrackingRecord[] =>
  Object.entries(doc.customers ?? {}).map(([organizationId, t]: [string, TrackingDoc]) => ({
    conversationId: doc.conversationId,
    organizationId,
    organizationName: t.organizationName ?? '',
    subject: t.subject ?? '',
    trackedBy: { id: str(t.trackedBy.id), name: t.trackedBy.name ?? '', email: t.trackedBy.email ?? '' },
    trackedAt: t.trackedAt,
  }));

export function trackedConversationRepository(models: Models, engine: Engine): TrackedConversationRepository {
  const { TrackedConversation } = models;
  return {
    async track(t) {
      const field = `customers.${t.organizationId}`;
      const doc: TrackingDoc = {
        organizationName: t.organizationName,
        subject: t.subject,
        trackedBy: { id: oid(t.trackedBy.id), name: t.trackedBy.name, email: t.trackedBy.email },
        trackedAt: t.trackedAt,
      };
      const id = trackedConversationId(t.conversationId);
      for (let attempt = 0; attempt < 5; attempt++) {
        const res = await engine.updateById(
          TrackedConversation,
          id,
          { $set: { [field]: doc }, $setOnInsert: { conversationId: t.conversationId } },
          { where: { [field]: { $exists: false } }, upsert: true, timestamps: false },
        );
        if (res.matched) return true;
        const [held] = await engine.findByIds<TrackedConversationDoc>(TrackedConversation, [id]);
        if (held?.customers?.[t.organizationId]) return false;
        // Lost the race to insert the document for another customer: track again in it.
      }
      throw new Error('the tracked conversation kept changing while being tracked');
    },
    async stop(conversationId, organizationId) {
      const field = `customers.${organizationId}`;
      const res = await engine.updateById(TrackedConversation, trackedConversationId(conversationId), { $unset: { [field]: 1 } }, { where: { [field]: { $exists: true } }, timestamps: false });
      return res.matched;
    },
    async moveCustomer(conversationId, from, to) {
      const id = trackedConversationId(conversationId);
      const [doc] = await engine.findByIds<TrackedConversationDoc>(TrackedConversation, [id]);
      const held = doc?.customers?.[from];
      if (!held) return;
      const fromField = `customers.${from}`;
      const toField = `customers.${to.id}`;
      // compare-and-set on the entry read: a tracking stopped or changed meanwhile is left as it is
      const where = { [`${fromField}.trackedAt`]: held.trackedAt };
      const moved = await engine.updateById(
        TrackedConversation, id,
        { $set: { [toField]: { ...held, organizationName: to.name } }, $unset: { [fromField]: 1 } },
        { where: { ...where, [toField]: { $exists: false } }, timestamps: false },
      );
      if (!moved.matched) await engine.updateById(TrackedConversation, id, { $unset: { [fromField]: 1 } }, { where, timestamps: false });
    },
    async of(conversationIds) {
      if (conversationIds.length === 0) return [];
      const docs = await engine.findByIds<TrackedConversationDoc>(TrackedConversation, [...new Set(conversationIds)].map(trackedConversationId));
      return docs.flatMap(recordsOf);
    },
    async list(limit) {
      const all = (await TrackedConversation.find({}).lean<TrackedConversationDoc[]>()).flatMap(recordsOf);
      all.sort((a, b) => b.trackedAt.getTime() - a.trackedAt.getTime());
      return { items: all.slice(0, limit), truncated: all.length > limit };
    },
  };
}
