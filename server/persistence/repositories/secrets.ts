/**
 * Shared secrets (`secrets`, see ../securityModels): read by `_id`; the first instance that finds
 * one missing inserts it under its fixed `_id`, and an instance that loses that race reads the
 * winner's, so all instances end up with the same value.
 */
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models } from '../models';
import type { SecretDoc } from '../securityModels';

export interface SecretRepository {
  /** The secret named `id`, made with `make` when no instance has made it yet. */
  getOrCreate(id: string, make: () => string, now: Date): Promise<string>;
}

export function secretRepository(models: Models, engine: Engine): SecretRepository {
  const { Secret } = models;
  const read = async (id: string) => (await engine.findByIds<SecretDoc>(Secret, [id]))[0]?.value;
  return {
    async getOrCreate(id, make, now) {
      const existing = await read(id);
      if (existing) return existing;
      const value = make();
      try {
        await Secret.create({ _id: id, value, createdAt: now });
        return value;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const winner = await read(id);
        if (!winner) throw err;
        return winner;
      }
    },
  };
}
