/**
 * Queries shared by the use cases. Everything here works on MongoDB 7+ and FerretDB 1.24:
 * no transactions, no $text, no collation, no partial indexes, no $group $max.
 *
 * The hot paths (lookup, logging a mail) read by `_id` only. FerretDB 1.24's SQLite backend serves
 * nothing else from an index: any other filter, `{_id: {$in: [...]}}` and two-field filters included,
 * scans and decodes the whole collection (seconds at 100,000 documents; see docs/benchmarks.md).
 */
import { createHash } from 'node:crypto';
import { Types, type Model } from 'mongoose';
import { DEFAULT_CARE_PLAN_RULES, type CarePlanRule } from '../../shared/domain/carePlan';
import { isDatabaseUnavailable } from '../db/unavailable';
import { AppError } from '../errors';
import type { ActionDoc, ClassificationNodeDoc, Models, OrganizationDoc, UniqueKeyDoc, UniqueKeyKind, UserDoc } from './models';
import { idOf, ruleFromDoc, type Directory } from './views';

export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

export const keyId = (kind: UniqueKeyKind, value: string): string => `${kind}:${value}`;

export interface KeyClaim {
  kind: UniqueKeyKind;
  value: string;
  /** The request field that carries the value, named in a 409. */
  field: string;
}

async function ownerExists(models: Models, kind: UniqueKeyKind, ownerId: Types.ObjectId): Promise<boolean> {
  return kind === 'email'
    ? (await models.Contact.exists({ _id: ownerId })) !== null
    : (await models.Organization.exists({ _id: ownerId })) !== null;
}

/**
 * Reserves unique keys for an owner. A key held by another live record is a 409 naming the
 * field; a key left behind by a write that died half-way (its owner is gone) is taken over.
 * On a conflict every key this call reserved is released again.
 */
export async function claimKeys(models: Models, ownerId: Types.ObjectId, claims: readonly KeyClaim[]): Promise<void> {
  const reserved: KeyClaim[] = [];
  for (const claim of claims) {
    const _id = keyId(claim.kind, claim.value);
    try {
      await models.UniqueKey.create({ _id, kind: claim.kind, ownerId });
      reserved.push(claim);
      continue;
    } catch (err) {
      if (!isDuplicateKeyError(err)) {
        await releaseKeys(models, ownerId, reserved);
        throw err;
      }
    }
    const holder = await models.UniqueKey.findById(_id).lean();
    if (holder && holder.ownerId.equals(ownerId)) continue;
    if (holder && !(await ownerExists(models, claim.kind, holder.ownerId))) {
      const taken = await models.UniqueKey.updateOne({ _id, ownerId: holder.ownerId }, { $set: { ownerId } });
      if (taken.modifiedCount === 1) {
        reserved.push(claim);
        continue;
      }
    }
    await releaseKeys(models, ownerId, reserved);
    throw AppError.conflict(claim.field, `"${claim.value}" already belongs to another record`);
  }
}

export async function releaseKeys(models: Models, ownerId: Types.ObjectId, claims: readonly Pick<KeyClaim, 'kind' | 'value'>[]): Promise<void> {
  // One `{_id}` read and delete per key: on FerretDB any other filter (an `$in`, or `_id` with the
  // owner) scans the whole collection. Keys change owner only through merges, so the gap between
  // the read and the delete is harmless.
  await Promise.all(
    claims.map(async (c) => {
      const _id = keyId(c.kind, c.value);
      const held = await models.UniqueKey.findById(_id, { ownerId: 1 }).lean();
      if (held?.ownerId.equals(ownerId)) await models.UniqueKey.deleteOne({ _id });
    }),
  );
}

/**
 * Documents by id, one `{_id}` read each, in parallel: on FerretDB an `$in` over `_id` scans the
 * collection, while each `{_id}` read is an index lookup (on MongoDB both use the `_id` index).
 * Missing ids are left out; the order is not significant.
 */
export async function findByIds<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  ids: readonly (Types.ObjectId | string)[],
  projection?: Record<string, 0 | 1>,
): Promise<T[]> {
  const unique = [...new Map(ids.map((id) => [String(id), id])).values()];
  const docs: (T | null)[] = await Promise.all(unique.map((id) => model.findById(id, projection).lean<T>().exec() as Promise<T | null>));
  return docs.filter((d): d is T => d !== null);
}

/** The owners of keys of one kind, by value. */
export async function ownersOf(models: Models, kind: UniqueKeyKind, values: readonly string[]): Promise<Map<string, Types.ObjectId>> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return new Map();
  const prefix = `${kind}:`;
  const docs = await findByIds<UniqueKeyDoc>(models.UniqueKey, unique.map((v) => prefix + v));
  return new Map(docs.map((d) => [d._id.slice(prefix.length), d.ownerId]));
}

export async function loadDirectory(
  models: Models,
  userIds: readonly (Types.ObjectId | null | undefined)[],
  classificationIds: readonly Types.ObjectId[],
): Promise<Directory> {
  const uids = [...new Set(userIds.filter((x): x is Types.ObjectId => !!x).map(idOf))];
  const cids = [...new Set(classificationIds.map(idOf))];
  const [users, classifications] = await Promise.all([
    findByIds<UserDoc>(models.User, uids),
    findByIds<ClassificationNodeDoc>(models.ClassificationNode, cids, { name: 1 }),
  ]);
  return {
    users: new Map(users.map((u) => [idOf(u._id), u])),
    classifications: new Map(classifications.map((c) => [idOf(c._id), c])),
  };
}

export async function loadCarePlanRules(models: Models): Promise<CarePlanRule[]> {
  const docs = await models.CarePlanRule.find().lean();
  return docs.map(ruleFromDoc);
}

/** Seeds DOMAIN.md's default care plan into an empty rule collection; safe to run from several instances at once. */
export async function seedDefaultCarePlan(models: Models): Promise<void> {
  if ((await models.CarePlanRule.estimatedDocumentCount()) > 0) return;
  for (const r of DEFAULT_CARE_PLAN_RULES) {
    try {
      await models.CarePlanRule.create({
        _id: r.id, label: r.label, segment: r.segment, customerGroup: r.customerGroup ?? null,
        actionKinds: [...r.actionKinds], cadenceDays: r.cadenceDays, firstWithinDays: r.firstWithinDays ?? null, warningDays: r.warningDays,
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

/** How many of a customer's newest actions a lookup shows, kept on the customer as `recentActions`. */
export const RECENT_ACTIONS = 5;

/** A stored action as a customer's newest-actions list keeps it (everything but the mail's participants). */
export type RecentAction = Omit<ActionDoc, 'participants'>;

/** Newest first; equal times by id, newest id first. */
const newerFirst = (a: RecentAction, b: RecentAction) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || String(b._id).localeCompare(String(a._id));

export function snapshotOf(action: ActionDoc | RecentAction): RecentAction {
  const { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId } = action;
  return { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId };
}

/** The list with `action` in its place, newest first, at most RECENT_ACTIONS long. */
export function withRecent(list: readonly RecentAction[], action: ActionDoc | RecentAction): RecentAction[] {
  if (list.some((r) => r._id.equals(action._id))) return [...list];
  return [...list, snapshotOf(action)].sort(newerFirst).slice(0, RECENT_ACTIONS);
}

async function recentFromActions(models: Models, organizationId: Types.ObjectId): Promise<RecentAction[]> {
  const docs = await models.Action.find({ organizationId }, { participants: 0 }).sort({ occurredAt: -1, _id: -1 }).limit(RECENT_ACTIONS).lean();
  return docs.map(snapshotOf);
}

/**
 * Changes to one customer document, one at a time within this process. FerretDB applies an update
 * as read, modify, write back without a lock, so two concurrent updates of the same customer
 * (say a `$max` on `lastActionAt.call` and one on `lastActionAt.email_in`) can lose one of them.
 *
 * When a change fails because the database is unreachable, the changes that were already waiting
 * behind it fail with the same error at once rather than each waiting out its own timeout in turn
 * (a queue of them would otherwise hold requests for many seconds during an outage).
 */
type QueueTail = { unreachableSince?: number; error?: unknown };
const customerQueues = new Map<string, Promise<QueueTail>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const queuedAt = Date.now();
  const before = customerQueues.get(key) ?? Promise.resolve<QueueTail>({});
  let failedAt: number | undefined;
  const mine = before.then((previous) => {
    if (previous.unreachableSince !== undefined && previous.unreachableSince >= queuedAt) {
      failedAt = previous.unreachableSince;
      throw previous.error;
    }
    return work();
  });
  const tail = mine.then(
    (): QueueTail => ({}),
    (error: unknown): QueueTail => (isDatabaseUnavailable(error) ? { unreachableSince: failedAt ?? Date.now(), error } : {}),
  );
  customerQueues.set(key, tail);
  try {
    return await mine;
  } finally {
    if (customerQueues.get(key) === tail) customerQueues.delete(key);
  }
}
const customerKey = (models: Models, id: Types.ObjectId) => `${models.Organization.db.name}:${String(id)}`;

/** Runs a change of one customer document in that customer's queue (see oneAtATime). */
export function changeCustomer<T>(models: Models, organizationId: Types.ObjectId, work: () => Promise<T>): Promise<T> {
  return oneAtATime(customerKey(models, organizationId), work);
}

/**
 * Records an action on its customer: moves the per-kind "newest action" forward and keeps the
 * newest-actions list. Idempotent, so safe to repeat (a write interrupted before this step heals on
 * retry). Returns the customer as updated, or null when it does not exist.
 */
export async function recordAction(models: Models, organizationId: Types.ObjectId, action: ActionDoc): Promise<OrganizationDoc | null> {
  return oneAtATime(customerKey(models, organizationId), async () => {
    const org = await models.Organization.findById(organizationId).lean();
    if (!org) return null;
    const recent = withRecent((org.recentActions as RecentAction[] | undefined) ?? (await recentFromActions(models, organizationId)), action);
    await models.Organization.updateOne(
      { _id: organizationId },
      { $max: { [`lastActionAt.${action.kind}`]: action.occurredAt }, $set: { recentActions: recent } },
    );
    const last = { ...(org.lastActionAt ?? {}) } as Record<string, Date | undefined>;
    const previous = last[action.kind];
    if (!previous || previous < action.occurredAt) last[action.kind] = action.occurredAt;
    return { ...org, lastActionAt: last, recentActions: recent } as unknown as OrganizationDoc;
  });
}

/** A customer's newest actions, newest first; fills the list in on customers written without it. */
export async function recentActions(models: Models, org: OrganizationDoc): Promise<RecentAction[]> {
  if (org.recentActions) return org.recentActions as RecentAction[];
  return oneAtATime(customerKey(models, org._id), async () => {
    const current = await models.Organization.findById(org._id, { recentActions: 1 }).lean();
    if (current?.recentActions) return current.recentActions as RecentAction[];
    const recent = await recentFromActions(models, org._id);
    if (current) await models.Organization.updateOne({ _id: org._id }, { $set: { recentActions: recent } }, { timestamps: false });
    return recent;
  });
}

const MAX_MESSAGE_SLOTS = 1_000;
/** The `_id` of slot n of a mail in `message_logs`. */
export const messageSlot = (internetMessageId: string, n: number): string =>
  `${createHash('sha256').update(internetMessageId).digest('base64url').slice(0, 32)}:${n}`;

/**
 * Notes that an action carries a mail, so that every customer the mail is logged against can be
 * found by `_id` reads alone. Insert-only and idempotent: a retry finds its own slot again.
 * `expectExisting` reads before inserting, the cheaper order when the mail was logged before.
 */
export async function recordMessageLog(models: Models, internetMessageId: string, actionId: Types.ObjectId, expectExisting = false): Promise<void> {
  for (let n = 0; n < MAX_MESSAGE_SLOTS; n++) {
    const _id = messageSlot(internetMessageId, n);
    if (expectExisting) {
      const held = await models.MessageLog.findById(_id).lean();
      if (held?.actionId.equals(actionId)) return;
      if (held) continue;
    }
    try {
      await models.MessageLog.create({ _id, actionId });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
    const held = await models.MessageLog.findById(_id).lean();
    if (held?.actionId.equals(actionId)) return;
  }
  throw new Error('a message is logged against too many customers');
}

/** The actions a mail is logged as, oldest slot first. */
export async function messageLogActionIds(models: Models, internetMessageId: string): Promise<Types.ObjectId[]> {
  const ids: Types.ObjectId[] = [];
  for (let n = 0; n < MAX_MESSAGE_SLOTS; n++) {
    const held = await models.MessageLog.findById(messageSlot(internetMessageId, n)).lean();
    if (!held) break;
    ids.push(held.actionId);
  }
  return ids;
}

export const toObjectId = (id: string): Types.ObjectId => new Types.ObjectId(id);

export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
