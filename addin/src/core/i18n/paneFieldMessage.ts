/**
 * What the server said about a field, in the pane's language (the web app's equivalent is
 * app/common/errors.ts, which the pane must not import): by the field's stable `code` (and limit)
 * from the pane catalog; by its English words for an older server; "check this value" last, so
 * that no English reaches a Finnish or Swedish pane.
 */
import { ApiError, type FieldProblem } from '../../api/errors';
import type { PaneMessageId } from './catalogs';
import type { Translate } from './I18nProvider';

const BY_CODE: Partial<Record<string, PaneMessageId>> = {
  required: 'pane.field.required', invalid_format: 'pane.field.invalidFormat', not_found: 'pane.field.notFound',
  duplicate: 'pane.field.duplicate', future: 'pane.field.future',
};

export function paneFieldMessage(t: Translate<PaneMessageId>, problem: Pick<FieldProblem, 'message' | 'code' | 'limit'>): string {
  const { code, limit, message } = problem;
  if (code === 'too_long' && limit !== undefined) return t('pane.field.tooLong', { limit });
  const isDate = /ISO-8601|YYYY-MM-DD|day of the calendar/.test(message);
  if (isDate && (code === undefined || code === 'invalid_format' || code === 'invalid')) return t('pane.field.badDate');
  const known = code ? BY_CODE[code] : undefined;
  if (known) return t(known);
  if (message === 'must not be empty') return t('pane.field.required');
  const max = /^must be at most (\d+) characters$/.exec(message);
  if (max) return t('pane.field.tooLong', { limit: Number(max[1]) });
  if (/future/i.test(message)) return t('pane.field.future');
  return t('pane.field.invalid');
}

/** What the server said about any of `fields` (or a path below one, such as `contactIds.0`); undefined when nothing. */
export function paneFieldProblem(t: Translate<PaneMessageId>, error: unknown, ...fields: string[]): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const hit = error.fields.find((f) => fields.some((name) => f.path === name || f.path.startsWith(`${name}.`)));
  return hit ? paneFieldMessage(t, hit) : undefined;
}
