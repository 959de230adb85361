/**
 * What remains of the shared queries while the last use cases (imports, exports, dashboard,
 * classification and care-plan administration) move to the repositories (./repositories).
 * Everything here works on MongoDB 7+ and FerretDB 1.24.
 */
import { type Model, Types } from 'mongoose';
import { DEFAULT_CARE_PLAN_RULES, type CarePlanRule } from '../../shared/domain/carePlan';
import { AppError } from '../errors';
import { isDuplicateKeyError } from './engine';
import type { ActionDoc, Models, UniqueKeyDoc } from './models';
import { ruleFromDoc } from './repositories/referenceData';
import { keyId, type KeyClaim } from './repositories/uniqueKeys';

export { isDuplicateKeyError } from './engine';
export { keyId, type KeyClaim } from './repositories/uniqueKeys';
export { RECENT_ACTIONS } from './repositories/customers';

async function ownerExists(models: Models, kind: UniqueKeyDoc['kind'], ownerId: Types.ObjectId): Promise<boolean> {
  return kind === 'email'
    ? (await models.Contact.exists({ _id: ownerId })) !== null
    : (await models.Organization.exists({ _id: ownerId })) !== null;
}

/** Reserves unique keys for an owner (imports; the repositories use repositories/uniqueKeys). */
export async function claimKeys(models: Models, ownerId: Types.ObjectId, claims: readonly KeyClaim[]): Promise<void> {
  const reserved: KeyClaim[] = [];
  for (const claim of claims) {
    const _id = keyId(claim.kind, claim.value);
    try {
      await models.UniqueKey.create({ _id, kind: claim.kind, ownerId, claimedAt: new Date() });
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
  await Promise.all(
    claims.map(async (c) => {
      const _id = keyId(c.kind, c.value);
      const held = await models.UniqueKey.findById(_id, { ownerId: 1 }).lean();
      if (held?.ownerId.equals(ownerId)) await models.UniqueKey.deleteOne({ _id });
    }),
  );
}

/** Documents by id, one `{_id}` read each, in parallel. */
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

/** A stored action as a customer's newest-actions list keeps it (everything but the mail's participants). */
export type RecentAction = Omit<ActionDoc, 'participants'>;

const newerFirst = (a: RecentAction, b: RecentAction) =>
  b.occurredAt.getTime() - a.occurredAt.getTime() || String(b._id).localeCompare(String(a._id));

/** The list with `action` in its place, newest first, at most `max` long (seeding the demo and the bench). */
export function withRecent(list: readonly RecentAction[], action: RecentAction, max = 5): RecentAction[] {
  if (list.some((r) => r._id.equals(action._id))) return [...list];
  const { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId } = action;
  return [...list, { _id, kind, occurredAt, subject, excerpt, organizationId, contactIds, loggedBy, loggedAt, internetMessageId, conversationId }]
    .sort(newerFirst)
    .slice(0, max);
}

export const toObjectId = (id: string): Types.ObjectId => new Types.ObjectId(id);

export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
