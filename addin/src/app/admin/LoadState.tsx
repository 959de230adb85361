/** A page's query while it is not answered: a spinner while it loads, the failure with "Try again" when it failed, else nothing. */
import { Button, Spinner, Text } from '@fluentui/react-components';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';

export interface LoadingQuery {
  isPending: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export function LoadState({ query, size = 'small' }: { query: LoadingQuery; size?: 'small' | 'medium' }) {
  const t = useT();
  const s = useAdminStyles();
  if (query.error) {
    return (
      <div role="alert">
        <Text className={s.error}>{problemSentence(t, query.error)}</Text> <Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>
      </div>
    );
  }
  return query.isPending ? <Spinner size={size} label={t('app.loading')} /> : null;
}
