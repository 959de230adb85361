/**
 * Queries shared by the use cases. Everything here works on MongoDB 7+ and FerretDB 1.24:
 * no transactions, no $text, no collation, no partial indexes, no $group $max.
 */
import { Types } from 'mongoose';
import { DEFAULT_CARE_PLAN_RULES, type CarePlanRule } from '../../shared/domain/carePlan';
import type { ActionKind } from '../../shared/domain/codes';
import { AppError } from '../errors';
import type { Models, UniqueKeyKind } from './models';
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
  if (claims.length === 0) return;
  await models.UniqueKey.deleteMany({ _id: { $in: claims.map((c) => keyId(c.kind, c.value)) }, ownerId });
}

/** The owners of keys of one kind, by value. */
export async function ownersOf(models: Models, kind: UniqueKeyKind, values: readonly string[]): Promise<Map<string, Types.ObjectId>> {
  const unique = [...new Set(values)];
  if (unique.length === 0) return new Map();
  const prefix = `${kind}:`;
  const docs = await models.UniqueKey.find({ _id: { $in: unique.map((v) => prefix + v) } }).lean();
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
    uids.length ? models.User.find({ _id: { $in: uids } }).lean() : [],
    cids.length ? models.ClassificationNode.find({ _id: { $in: cids } }, { name: 1 }).lean() : [],
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

/** Moves the customer's per-kind "newest action" forward; idempotent, so safe to repeat. */
export async function recordLastAction(models: Models, organizationId: Types.ObjectId, kind: ActionKind, at: Date): Promise<void> {
  await models.Organization.updateOne({ _id: organizationId }, { $max: { [`lastActionAt.${kind}`]: at } });
}

export const toObjectId = (id: string): Types.ObjectId => new Types.ObjectId(id);

export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
