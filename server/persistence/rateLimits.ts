/**
 * Fixed-window request counters in the database, so that a limit holds across every server
 * instance: one document per key and window, `_id` = `<key>:<window start>`, `$inc` with upsert.
 *
 * On MongoDB the `$inc` is atomic. FerretDB 1.24 (SQLite) applies concurrent updates of one
 * document as read-modify-write and loses increments, so the increments of one key are also
 * queued inside this process; the embedded FerretDB only ever serves one process, and a
 * deployment with several instances runs on MongoDB.
 */
import type { Models } from './models';
import { isDuplicateKeyError } from './store';

export interface WindowCount {
  count: number;
  /** When the window ends, epoch ms. */
  resetAt: number;
}

export interface RateCounter {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
}

export function createRateCounter(models: Models): RateCounter {
  const queues = new Map<string, Promise<unknown>>();
  let lastSweep = 0;

  /** Runs `task` after every earlier task of the same id in this process has settled. */
  function serialised<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(id, tail);
    void tail.then(() => {
      if (queues.get(id) === tail) queues.delete(id);
    });
    return run;
  }

  async function increment(_id: string, expiresAt: Date): Promise<number> {
    const update = { $inc: { count: 1 }, $setOnInsert: { expiresAt } };
    try {
      const doc = await models.RateLimit.findOneAndUpdate({ _id }, update, { upsert: true, returnDocument: 'after' }).lean();
      return doc!.count;
    } catch (err) {
      // Another instance created the window's document first: it exists now.
      if (!isDuplicateKeyError(err)) throw err;
      const doc = await models.RateLimit.findOneAndUpdate({ _id }, { $inc: { count: 1 } }, { returnDocument: 'after' }).lean();
      return doc?.count ?? 1;
    }
  }

  return {
    async hit(key, windowMs, now) {
      const start = Math.floor(now / windowMs) * windowMs;
      const resetAt = start + windowMs;
      if (now - lastSweep > windowMs) {
        // Counters of past windows are garbage (FerretDB 1.24 has no TTL index); one sweep per window.
        lastSweep = now;
        models.RateLimit.deleteMany({ expiresAt: { $lt: new Date(start) } }).catch(() => undefined);
      }
      const id = `${key}:${start}`;
      const count = await serialised(id, () => increment(id, new Date(resetAt)));
      return { count, resetAt };
    },
  };
}
