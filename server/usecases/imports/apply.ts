/**
 * Writing the rows an import judged good, through the repositories: new records in bulk (their
 * unique keys first, then the records), changed records one by one. Nothing here decides
 * anything: if the database refuses a write (a key someone else took while the file was being
 * imported, a record deleted meanwhile), the row becomes an error and whatever it had written is
 * taken back.
 *
 * Keys are claimed with the time of the claim (not the run's start), so that a key of a record
 * about to be written is never old enough for another writer to take over as an orphan. Should
 * writing the new records themselves fail (the database gone), their keys stay claimed by owners
 * that do not exist: orphans, which the next claim of such a key takes over once they are old.
 */
import { AppError } from '../../errors';
import type { KeyClaim, KeyRef, UniqueKeyRepository } from '../../persistence/repositories';
import { mapLimit } from '../../concurrency';
import type { RowError } from './importContext';

export interface CreatePlan<R extends { id: string }> {
  record: R;
  claims: KeyClaim[];
  /** For a contact's addresses: the contact's customer, kept on its keys (what a lookup reads). */
  keyOrganizationId?: string;
}

export interface UpdatePlan<C> {
  id: string;
  change: C;
  claims: KeyClaim[];
  releases: KeyRef[];
  keyOrganizationId?: string;
  /** The row's error should the record be gone by the time it is written. */
  gone: RowError;
}

/** Where a kind's records are written: its repository. */
export interface RecordWriter<R extends { id: string }, C> {
  insertMany(records: readonly R[]): Promise<void>;
  /** False when the record does not exist. */
  amend(id: string, change: C): Promise<boolean>;
}

const CONCURRENT_UPDATES = 8;

const takenWhileImporting = (claim: KeyClaim): RowError => ({
  column: claim.field,
  message: `"${claim.value}" was taken by another record while the file was being imported`,
});

/** Inserts new records; returns the errors of the plans that could not be written, by plan index. */
export async function applyCreates<R extends { id: string }>(
  keys: UniqueKeyRepository,
  writer: RecordWriter<R, unknown>,
  plans: readonly CreatePlan<R>[],
): Promise<Map<number, RowError[]>> {
  const failed = new Map<number, RowError[]>();
  if (plans.length === 0) return failed;
  const claims = plans.flatMap((p, planIndex) => p.claims.map((claim) => ({ planIndex, ownerId: p.record.id, claim, organizationId: p.keyOrganizationId ?? null })));
  if (claims.length > 0) {
    const refused = new Set(await keys.claimMany(claims, new Date()));
    for (const i of refused) {
      const c = claims[i]!;
      failed.set(c.planIndex, [...(failed.get(c.planIndex) ?? []), takenWhileImporting(c.claim)]);
    }
    // Give back what the failed rows did get.
    const given = new Map<string, KeyRef[]>();
    claims.forEach((c, i) => {
      if (failed.has(c.planIndex) && !refused.has(i)) given.set(c.ownerId, [...(given.get(c.ownerId) ?? []), c.claim]);
    });
    await mapLimit([...given], CONCURRENT_UPDATES, ([ownerId, refs]) => keys.release(ownerId, refs));
  }
  const records = plans.filter((_, i) => !failed.has(i)).map((p) => p.record);
  if (records.length > 0) await writer.insertMany(records);
  return failed;
}

/** Changes existing records; returns the errors of the plans that could not be written, by plan index. */
export async function applyUpdates<C>(
  keys: UniqueKeyRepository,
  writer: RecordWriter<{ id: string }, C>,
  plans: readonly UpdatePlan<C>[],
): Promise<Map<number, RowError[]>> {
  const failed = new Map<number, RowError[]>();
  await mapLimit(plans, CONCURRENT_UPDATES, async (plan, i) => {
    try {
      await keys.claim(plan.id, plan.claims, { organizationId: plan.keyOrganizationId, now: new Date() });
    } catch (err) {
      const fields = err instanceof AppError ? err.fields : undefined;
      if (!fields) throw err;
      const claim = plan.claims.find((c) => c.field === fields[0]?.path);
      failed.set(i, [claim ? takenWhileImporting(claim) : { column: fields[0]?.path ?? '', message: fields[0]?.message ?? 'conflict' }]);
      return;
    }
    let found: boolean;
    try {
      found = await writer.amend(plan.id, plan.change);
    } catch (err) {
      await keys.release(plan.id, plan.claims);
      throw err;
    }
    if (!found) {
      await keys.release(plan.id, plan.claims);
      failed.set(i, [plan.gone]);
      return;
    }
    if (plan.releases.length > 0) await keys.release(plan.id, plan.releases);
  });
  return failed;
}

/** Writes a batch's creates and updates, turning every row the database refused into an error row. */
export async function applyPlans<R extends { id: string }, C>(
  keys: UniqueKeyRepository,
  writer: RecordWriter<R, C>,
  rows: { status: string; errors?: RowError[] }[],
  creates: readonly { row: number; plan: CreatePlan<R> }[],
  updates: readonly { row: number; plan: UpdatePlan<C> }[],
): Promise<void> {
  const createFailures = await applyCreates(keys, writer, creates.map((c) => c.plan));
  for (const [i, errors] of createFailures) Object.assign(rows[creates[i]!.row]!, { status: 'error', errors });
  const updateFailures = await applyUpdates(keys, writer, updates.map((u) => u.plan));
  for (const [i, errors] of updateFailures) Object.assign(rows[updates[i]!.row]!, { status: 'error', errors });
}
