/**
 * The answer of a long operation (a selection's list operations), in one of two forms:
 * - JSON by default: the result when it is done. An operation that stops midway answers the
 *   error's status with the contract's error body and `stoppedAt` (what it had done).
 * - NDJSON (`Accept: application/x-ndjson`): one line per progress step, `{"done":n,"total":N}`
 *   (at most PROGRESS_PER_SECOND a second, and always the last), then `{"result":…}`; or, when it
 *   stops midway, `{"error":…,"stoppedAt":…}` in the error body's shape. A refusal before the first
 *   step (validation, rights, a stale count) is an ordinary error answer with its status.
 * The operation's state lives in the request alone, so any instance serves it; a client that goes
 * away does not stop it (it is idempotent: running it again does what is missing).
 */
import type { Request, Response } from 'express';
import { PROGRESS_CONTENT_TYPE, type ProgressLine } from '../../shared/contract-progress';
import { OperationStopped, type OnProgress } from '../usecases/progress';
import { errorAnswer } from './errorHandler';

const PROGRESS_PER_SECOND = 4;

export const wantsProgress = (req: Request): boolean => (req.get('accept') ?? '').toLowerCase().includes(PROGRESS_CONTENT_TYPE);

/** Runs the operation and answers as the client asked (see above). */
export async function answerWithProgress<R>(req: Request, res: Response, run: (onProgress: OnProgress) => Promise<R>): Promise<void> {
  if (!wantsProgress(req)) {
    try {
      res.json(await run(() => {}));
    } catch (err) {
      if (!(err instanceof OperationStopped)) throw err;
      const { status, headers, body } = errorAnswer(err.reason, req);
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.status(status).json({ ...body, stoppedAt: err.stoppedAt });
    }
    return;
  }
  let started = false;
  let lastAt = 0;
  const line = (l: ProgressLine) => `${JSON.stringify(l)}\n`;
  const start = () => {
    if (started) return;
    started = true;
    res.status(200).setHeader('Content-Type', `${PROGRESS_CONTENT_TYPE}; charset=utf-8`);
    res.setHeader('Cache-Control', 'no-store');
    // a reverse proxy passes each line on at once rather than holding the answer
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
  };
  const onProgress: OnProgress = (done, total) => {
    const now = Date.now();
    if (started && done < total && now - lastAt < 1000 / PROGRESS_PER_SECOND) return;
    start();
    lastAt = now;
    if (!res.writableEnded) res.write(line({ done, total }));
  };
  let result: R;
  try {
    result = await run(onProgress);
  } catch (err) {
    // refused before the first step: an ordinary error answer
    if (!started) throw err;
    const stopped = err instanceof OperationStopped ? err : null;
    const { body } = errorAnswer(stopped ? stopped.reason : err, req);
    res.end(line({ ...body, ...(stopped ? { stoppedAt: stopped.stoppedAt } : {}) }));
    return;
  }
  start();
  // `end` (not `write`): the audit holds it until the operation's entry is stored (./audit)
  res.end(line({ result }));
}
