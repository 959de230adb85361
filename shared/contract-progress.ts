/**
 * Long operations with progress (a selection's list operations on thousands of customers): asked
 * with `Accept: application/x-ndjson`, the answer is one JSON line per progress step, then a line
 * with the result, or, when the operation stops midway, a line in the error body's shape that also
 * says what was done (`stoppedAt`). Without that header the same operation answers plain JSON.
 */
import * as z from 'zod';
import { ErrorBodySchema, IdSchema } from './contract';

export const PROGRESS_CONTENT_TYPE = 'application/x-ndjson';

/** `done` of `total` rows are done. */
export const ProgressStepSchema = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) });
export type ProgressStep = z.infer<typeof ProgressStepSchema>;

/**
 * What an operation that stopped midway had done: the steps that finished (`result`), how many rows
 * that is, and the last of them in the operation's order (the selection's name order): the rows up
 * to it are done, those after it are not, or only partly; running the operation again completes them.
 */
export const StoppedAtSchema = z.object({
  result: z.unknown(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  doneThrough: z.object({ organizationId: IdSchema, name: z.string() }).nullable(),
});
export type StoppedAt = z.infer<typeof StoppedAtSchema>;

/** The error line (and, without the stream, the error answer) of an operation that stopped midway. */
export const StoppedErrorSchema = ErrorBodySchema.extend({ stoppedAt: StoppedAtSchema.optional() });

export type ProgressLine = ProgressStep | { result: unknown } | (z.infer<typeof ErrorBodySchema> & { stoppedAt?: StoppedAt });

/** One line of the stream, as the client reads it. */
export function parseProgressLine<T>(raw: unknown, result: z.ZodType<T>):
  | { kind: 'step'; step: ProgressStep }
  | { kind: 'result'; result: T }
  | { kind: 'error'; error: z.infer<typeof StoppedErrorSchema> }
  | { kind: 'invalid' } {
  if (typeof raw === 'object' && raw !== null && 'result' in raw) {
    const r = result.safeParse((raw as { result: unknown }).result);
    return r.success ? { kind: 'result', result: r.data } : { kind: 'invalid' };
  }
  const err = StoppedErrorSchema.safeParse(raw);
  if (err.success) return { kind: 'error', error: err.data };
  const step = ProgressStepSchema.safeParse(raw);
  return step.success ? { kind: 'step', step: step.data } : { kind: 'invalid' };
}
