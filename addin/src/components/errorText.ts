import { ApiError } from '../api/errors';
import type { Translate } from '../i18n/translate';

/** A failure in the user's language; the server's own (English) message is not shown. */
export function errorText(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.unknown');
  if (error.kind === 'network') return t('error.network');
  if (error.kind === 'auth' || error.status === 401) return t('error.unauthorized');
  if (error.status === 403) return t('error.forbidden');
  if (error.status !== undefined && error.status >= 500) return t('error.server');
  if (error.status !== undefined && error.status >= 400) return t('error.invalid');
  return t('error.unknown');
}
