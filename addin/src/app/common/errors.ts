/**
 * A failed call in the user's language: what went wrong as a whole (network, no access, …) and
 * what the server said about each field (`fields: [{path, message, code}]`), shown next to that field in the
 * user's language (by the code; the English message only as the last fallback).
 */
import { ApiError, type FieldProblem } from '../../api/errors';
import type { MessageId } from '../../core/i18n/catalogs';
import type { Translate } from '../../core/i18n/I18nProvider';

export function problemText(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('app.error.unknown');
  if (error.kind === 'network') return t('app.error.network');
  if (error.kind === 'auth' || error.status === 401) return t('app.error.unauthorized');
  if (error.status === 403) return t('app.error.forbidden');
  if (error.status === 404) return t('app.error.notFound');
  if (error.status === 409) return t('app.error.conflict');
  if (error.status !== undefined && error.status >= 500) return t('app.error.server');
  if (error.fields.length > 0) return t('app.error.fields');
  return t('app.error.invalid');
}

type Sized = 'too_short' | 'too_long' | 'too_small' | 'too_big' | 'too_few' | 'too_many';
const SIZED: Record<Sized, MessageId> = {
  too_short: 'app.field.tooShort', too_long: 'app.field.tooLong', too_small: 'app.field.tooSmall',
  too_big: 'app.field.tooBig', too_few: 'app.field.tooFew', too_many: 'app.field.tooMany',
};
const PLAIN: Partial<Record<string, MessageId>> = {
  required: 'app.field.required', invalid_format: 'app.field.invalidFormat', invalid_type: 'app.field.invalidType',
  invalid_value: 'app.field.invalidValue', unknown_field: 'app.field.unknownField', duplicate: 'app.field.duplicate',
  not_found: 'app.field.notFound', future: 'app.field.future',
};

/**
 * What the server said about a field, in the user's language: by its stable code (and limit) from
 * the catalog; for an older server without codes, by its English words; the English message last.
 */
export function fieldMessage(t: Translate, problem: Pick<FieldProblem, 'message' | 'code' | 'limit'>): string {
  const { code, limit, message } = problem;
  if (code && code in SIZED && limit !== undefined) return t(SIZED[code as Sized], { limit });
  const isDate = /ISO-8601|YYYY-MM-DD|day of the calendar/.test(message);
  if (code === 'invalid_format' && isDate) return t('app.field.badDate');
  const plain = code ? PLAIN[code] : undefined;
  if (plain) return t(plain);
  // `invalid`: a check of its own; its message is the most precise English there is (the English catalog shows it)
  if (code === 'invalid') return t('app.field.invalid', { message });
  if (message === 'must not be empty') return t('app.field.required');
  const max = /^must be at most (\d+) characters$/.exec(message);
  if (max) return t('app.field.tooLong', { limit: Number(max[1]) });
  if (isDate) return t('app.field.badDate');
  if (/future/i.test(message)) return t('app.field.future');
  return message;
}

/** What the server said about `field` (or anything below it, such as `contactIds.0`), or undefined. */
export function fieldProblem(t: Translate, error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.fields.find((f) => fields.some((name) => f.path === name || f.path.startsWith(`${name}.`) || f.path.startsWith(`${name}[`)));
  return hit ? fieldMessage(t, hit) : undefined;
}

/** Fields the form does not show: the rest of the server's list, for the message at the bottom. */
export function otherProblems(t: Translate, error: unknown, shown: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields
    .filter((f) => !shown.some((name) => f.path === name || f.path.startsWith(`${name}.`)))
    .map((f) => `${f.path}: ${fieldMessage(t, f)}`);
}

/** A failed call as one sentence for a page's alert: what went wrong, then each field the server named, all in the user's language. */
export function problemSentence(t: Translate, error: unknown): string {
  const fields = otherProblems(t, error, []);
  return fields.length > 0 ? `${problemText(t, error)} ${fields.join('; ')}` : problemText(t, error);
}
