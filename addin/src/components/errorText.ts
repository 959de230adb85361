import { ApiError } from '../api/errors';
import type { PaneMessageId } from '../core/i18n/catalogs';
import type { Translate } from '../core/i18n/I18nProvider';

/** A failure in the user's language; the server's own (English) message is not shown. */
export function errorText(t: Translate<PaneMessageId>, error: unknown): string {
  if (!(error instanceof ApiError)) return t('pane.error.unknown');
  if (error.kind === 'network') return t('pane.error.network');
  if (error.signInProblem === 'mobile_client') return t('pane.error.signInMobile');
  if (error.signInProblem === 'cancelled') return t('pane.error.signInCancelled');
  if (error.kind === 'auth' || error.status === 401) return t('pane.error.unauthorized');
  if (error.status === 403) return t('pane.error.forbidden');
  if (error.status !== undefined && error.status >= 500) return t('pane.error.server');
  if (error.status !== undefined && error.status >= 400) return t('pane.error.invalid');
  return t('pane.error.unknown');
}
