import type { z } from 'zod';
import { FIELD_PROBLEM_CODES, type FieldProblemCode } from '../../shared/contract';
import { AppError, type FieldProblem } from '../errors';

const KNOWN_CODES = new Set<string>(FIELD_PROBLEM_CODES);

/** The value at `path` in the input, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

type Sized = 'too_short' | 'too_long' | 'too_small' | 'too_big' | 'too_few' | 'too_many';
const SIZE_CODES: Record<'small' | 'big', Record<'text' | 'number' | 'list', Sized>> = {
  small: { text: 'too_short', number: 'too_small', list: 'too_few' },
  big: { text: 'too_long', number: 'too_big', list: 'too_many' },
};
const sizeOf = (origin: string): 'text' | 'number' | 'list' => (origin === 'string' ? 'text' : origin === 'array' || origin === 'set' ? 'list' : 'number');

/** The stable code (and limit) of a zod issue that clients translate; a schema's own check may name one with `params: { code }`. */
function codeOf(issue: z.core.$ZodIssue, input: unknown): { code: FieldProblemCode; limit?: number } {
  switch (issue.code) {
    case 'invalid_type':
      return { code: valueAt(input, issue.path) === undefined ? 'required' : 'invalid_type' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string' && limit === 1) return { code: 'required' };
      return { code: SIZE_CODES.small[sizeOf(issue.origin)], limit };
    }
    case 'too_big':
      return { code: SIZE_CODES.big[sizeOf(issue.origin)], limit: Number(issue.maximum) };
    case 'invalid_format':
      return { code: 'invalid_format' };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'invalid_value' };
    case 'custom': {
      const own = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: typeof own === 'string' && KNOWN_CODES.has(own) ? (own as FieldProblemCode) : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

/** Parses request input with a contract schema; failures become a 400 naming every field at fault, each with its code. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue): FieldProblem[] => {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'is not a known field', code: 'unknown_field' }));
    }
    return [{ path: base.join('.') || where, message: issue.message, ...codeOf(issue, input) }];
  });
  const first = fields[0]!;
  throw new AppError('invalid_input', `${first.path} ${first.message}`, fields);
}
