/**
 * Writing the rows an import judged good: new records in bulk (their unique keys first, then
 * the documents), changed records one by one. Nothing here decides anything: if the database
 * refuses a write (a key someone else took while the file was being imported), the row becomes
 * an error and whatever it had written is taken back.
 */
import type { Model, Types } from 'mongoose';
import type { Models, UniqueKeyKind } from '../../persistence/models';
import { claimKeys, isDuplicateKeyError, keyId, releaseKeys, type KeyClaim } from '../../persistence/store';
import { mapLimit, type RowError } from './importContext';

export interface CreatePlan {
  doc: { _id: Types.ObjectId } & Record<string, unknown>;
  claims: KeyClaim[];
}

export interface UpdatePlan {
  _id: Types.ObjectId;
  set: Record<string, unknown>;
  claims: KeyClaim[];
  releases: { kind: UniqueKeyKind; value: string }[];
}

const CONCURRENT_UPDATES = 8;

const takenWhileImporting = (claim: KeyClaim): RowError => ({
  column: claim.field,
  message: `"${claim.value}" was taken by another record while the file was being imported`,
});

async function releaseOne(models: Models, ownerId: Types.ObjectId, kind: UniqueKeyKind, value: string): Promise<void> {
  await releaseKeys(models, ownerId, [{ kind, value }]);
}

/** Inserts new records; returns the errors of the plans that could not be written, by plan index. */
export async function applyCreates(models: Models, model: Model<never>, plans: readonly CreatePlan[]): Promise<Map<number, RowError[]>> {
  const failed = new Map<number, RowError[]>();
  if (plans.length === 0) return failed;
  const keys = plans.flatMap((p, planIndex) => p.claims.map((c) => ({ planIndex, claim: c, doc: { _id: keyId(c.kind, c.value), kind: c.kind, ownerId: p.doc._id } })));
  if (keys.length > 0) {
    try {
      await models.UniqueKey.collection.insertMany(keys.map((k) => k.doc) as never[], { ordered: false });
    } catch (err) {
      const writeErrors = (err as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] }).writeErrors;
      if (!writeErrors || !isDuplicateKeyError(err)) throw err;
      for (const w of Array.isArray(writeErrors) ? writeErrors : [writeErrors]) {
        const k = keys[w.index]!;
        failed.set(k.planIndex, [...(failed.get(k.planIndex) ?? []), takenWhileImporting(k.claim)]);
      }
      // Give back what the failed rows did get.
      const failedKeys = keys.filter((k, i) => failed.has(k.planIndex) && !writeErrors.some((w) => w.index === i));
      await mapLimit(failedKeys, CONCURRENT_UPDATES, (k) => releaseOne(models, k.doc.ownerId, k.claim.kind, k.claim.value));
    }
  }
  const docs = plans.filter((_, i) => !failed.has(i)).map((p) => p.doc);
  if (docs.length > 0) await model.insertMany(docs as never[], { ordered: true });
  return failed;
}

/** Changes existing records; returns the errors of the plans that could not be written, by plan index. */
export async function applyUpdates(models: Models, model: Model<never>, plans: readonly UpdatePlan[]): Promise<Map<number, RowError[]>> {
  const failed = new Map<number, RowError[]>();
  await mapLimit(plans, CONCURRENT_UPDATES, async (plan, i) => {
    try {
      await claimKeys(models, plan._id, plan.claims);
    } catch (err) {
      const fields = (err as { fields?: { path: string; message: string }[] }).fields;
      if (!fields) throw err;
      const claim = plan.claims.find((c) => c.field === fields[0]?.path);
      failed.set(i, [claim ? takenWhileImporting(claim) : { column: fields[0]?.path ?? '', message: fields[0]?.message ?? 'conflict' }]);
      return;
    }
    await model.updateOne({ _id: plan._id } as never, { $set: plan.set } as never, { runValidators: true });
    for (const r of plan.releases) await releaseOne(models, plan._id, r.kind, r.value);
  });
  return failed;
}

/** Writes a batch's creates and updates, turning every row the database refused into an error row. */
export async function applyPlans(
  models: Models,
  model: Model<never>,
  rows: { status: string; errors?: RowError[] }[],
  creates: readonly { row: number; plan: CreatePlan }[],
  updates: readonly { row: number; plan: UpdatePlan }[],
): Promise<void> {
  const createFailures = await applyCreates(models, model, creates.map((c) => c.plan));
  for (const [i, errors] of createFailures) Object.assign(rows[creates[i]!.row]!, { status: 'error', errors });
  const updateFailures = await applyUpdates(models, model, updates.map((u) => u.plan));
  for (const [i, errors] of updateFailures) Object.assign(rows[updates[i]!.row]!, { status: 'error', errors });
}
