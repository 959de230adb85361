/**
 * A failed call in the user's language: what went wrong as a whole (network, no access, …) and
 * what the server said about each field (`fields: [{path, message}]`), shown next to that field.
 */
import { ApiError } from '../../api/errors';
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

/** The server's words for a field, in the user's language where we know them. */
function fieldText(t: Translate, message: string): string {
  if (message === 'must not be empty') return t('app.field.required');
  const max = /^must be at most (\d+) characters$/.exec(message);
  if (max) return t('app.field.tooLong', { max: Number(max[1]) });
  if (/ISO-8601|YYYY-MM-DD|day of the calendar/.test(message)) return t('app.field.badDate');
  if (/future/i.test(message)) return t('app.field.future');
  return message;
}

/** What the server said about `field` (or anything below it, such as `contactIds.0`), or undefined. */
export function fieldProblem(t: Translate, error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.fields.find((f) => fields.some((name) => f.path === name || f.path.startsWith(`${name}.`) || f.path.startsWith(`${name}[`)));
  return hit ? fieldText(t, hit.message) : undefined;
}

/** Fields the form does not show: the rest of the server's list, for the message at the bottom. */
export function otherProblems(t: Translate, error: unknown, shown: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields
    .filter((f) => !shown.some((name) => f.path === name || f.path.startsWith(`${name}.`)))
    .map((f) => `${f.path}: ${fieldText(t, f.message)}`);
}
