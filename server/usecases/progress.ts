/**
 * Long list operations (a selection's members, thousands of customers) run in steps of many
 * members, in the members' order, and say how far they are after each step. A step that fails
 * stops the operation with what the steps before it did (`OperationStopped`): the members before
 * `doneThrough` (in that order) are done, those after it are not or only partly (every such
 * operation is idempotent, so running it again completes them). The HTTP layer turns the progress
 * into lines of its answer (server/http/progress.ts); use cases know nothing of HTTP.
 */

/** Told `done` of `total` members after each step (and 0 of `total` before the first). */
export type OnProgress = (done: number, total: number) => void;

export interface StoppedAt<R> {
  /** What the steps that finished did. */
  result: R;
  done: number;
  total: number;
  /** The last member of the last step that finished; null when none did. */
  doneThrough: { organizationId: string; name: string } | null;
}

/** An operation that stopped after some of its steps: why (`reason`), and what it had done (`stoppedAt`). */
export class OperationStopped<R = unknown> extends Error {
  constructor(readonly reason: unknown, readonly stoppedAt: StoppedAt<R>) {
    super(`stopped after ${stoppedAt.done} of ${stoppedAt.total}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'OperationStopped';
  }
}

/**
 * Runs `step` over the members `size` at a time, in order. `step` adds what it did to `result` only
 * once its writes succeeded, so that a failure stops with `result` saying exactly what the finished steps did.
 */
export async function inSteps<T extends { id: string; name: string }, R>(
  members: readonly T[], size: number, result: R, step: (part: readonly T[]) => Promise<void>, onProgress?: OnProgress,
): Promise<R> {
  const total = members.length;
  onProgress?.(0, total);
  for (let i = 0; i < total; i += size) {
    const part = members.slice(i, i + size);
    try {
      await step(part);
    } catch (err) {
      const last = i > 0 ? members[i - 1]! : null;
      throw new OperationStopped(err, { result, done: i, total, doneThrough: last && { organizationId: last.id, name: last.name } });
    }
    onProgress?.(i + part.length, total);
  }
  return result;
}

/**
 * The steps, then `finish` (the writes an operation makes once for all its steps), also after a stop.
 * A stop's report stands when `finish` fails too (running the operation again finishes it); `finish`
 * failing after every step is a stop with every member done (`whole`): the steps' writes are all there.
 */
export async function withFinish<R>(steps: () => Promise<R>, finish: () => Promise<void>, whole: () => StoppedAt<R>): Promise<R> {
  let out: R;
  try {
    out = await steps();
  } catch (err) {
    await finish().catch(() => undefined);
    throw err;
  }
  try {
    await finish();
  } catch (err) {
    throw new OperationStopped(err, whole());
  }
  return out;
}

/** What a stop after every step reports: all members done. */
export const allDone = <R>(members: readonly { id: string; name: string }[], result: R): StoppedAt<R> => {
  const last = members.at(-1);
  return { result, done: members.length, total: members.length, doneThrough: last ? { organizationId: last.id, name: last.name } : null };
};
