/**
 * One-off migrations' markers (the `migrations` collection, `_id` = the migration's name): a start
 * that finds its migration done reads one document by `_id` and does nothing else.
 *
 * Why each write is safe with several instances (MongoDB 7+; the engine module makes the same
 * updates atomic on FerretDB):
 * - claiming (`claim`): one update by `_id`, upserted, that `$set`s the owner and its lease, guarded
 *   by the migration not being done and no lease still running (`leaseUntil` not after now). Of
 *   instances starting together exactly one matches (on MongoDB the others' upserts meet the
 *   inserted `_id` and fail as duplicates, which the engine reports as not matched); a run whose
 *   instance crashed leaves a lease that runs out, and the next start claims it again.
 * - renewing (`renew`), releasing after a failed run (`release`) and finishing (`complete`): `$set` by `_id` guarded by the owner, so an owner
 *   whose lease ran out and was claimed by another writes nothing of its own.
 * Leases are compared with each instance's clock: instances whose clocks differ by more than a lease
 * could run a migration twice at once, which every migration here tolerates (each step is idempotent).
 */
import type { Engine } from '../engine';
import type { MigrationDoc, Models } from '../models';

export type MigrationState =
  | { state: 'claimed' }
  | { state: 'done'; doneAt: Date }
  /** Another owner runs it; its lease runs until then. */
  | { state: 'running'; owner: string; leaseUntil: Date };

export interface MigrationRepository {
  /** Claims the migration for `owner` until `leaseUntil` unless it is done or another owner's lease runs past `now`. */
  claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<MigrationState>;
  /** Extends the owner's lease; false when the migration is no longer the owner's. */
  renew(id: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Ends the owner's lease at once (its run failed): the next start claims the migration without waiting the lease out. */
  release(id: string, owner: string): Promise<void>;
  /** Marks the owner's run done with what it did; false when the migration is no longer the owner's. */
  complete(id: string, owner: string, doneAt: Date, result: unknown): Promise<boolean>;
  get(id: string): Promise<MigrationDoc | null>;
}

export function migrationRepository(models: Models, engine: Engine): MigrationRepository {
  const { Migration } = models;
  const get = async (id: string) => (await engine.findByIds<MigrationDoc>(Migration, [id]))[0] ?? null;
  return {
    async claim(id, owner, now, leaseUntil) {
      const res = await engine.updateById(
        Migration, id,
        { $set: { owner, leaseUntil, startedAt: now }, $inc: { attempts: 1 } },
        { where: { doneAt: { $exists: false }, leaseUntil: { $not: { $gt: now } } }, upsert: true, timestamps: false },
      );
      if (res.matched) return { state: 'claimed' };
      const doc = await get(id);
      if (doc?.doneAt) return { state: 'done', doneAt: doc.doneAt };
      // Not done and not claimable: someone's lease runs (or it changed hands between the two reads: ask again later).
      return { state: 'running', owner: doc?.owner ?? '', leaseUntil: doc?.leaseUntil ?? now };
    },
    async renew(id, owner, leaseUntil) {
      return (await engine.updateById(Migration, id, { $set: { leaseUntil } }, { where: { owner, doneAt: { $exists: false } }, timestamps: false })).matched;
    },
    async release(id, owner) {
      await engine.updateById(Migration, id, { $set: { leaseUntil: new Date(0) } }, { where: { owner, doneAt: { $exists: false } }, timestamps: false });
    },
    async complete(id, owner, doneAt, result) {
      return (await engine.updateById(Migration, id, { $set: { doneAt, result: result ?? null }, $unset: { leaseUntil: 1 } }, { where: { owner }, timestamps: false })).matched;
    },
    get,
  };
}
