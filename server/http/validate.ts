import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors';

/** Parses request input with a contract schema; failures become a 400 naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue): FieldProblem[] => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'is not a known field' }));
    }
    return [{ path: base.join('.') || where, message: issue.message }];
  });
  const first = fields[0]!;
  throw new AppError('invalid_input', `${first.path} ${first.message}`, fields);
}
