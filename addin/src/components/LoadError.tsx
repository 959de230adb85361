import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { useI18n } from '../i18n/I18nContext';
import { errorText } from './errorText';

export function LoadError({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="error" politeness="assertive">
      <MessageBarBody>{t('app.loadFailed', { message: errorText(t, error) })}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t('app.retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
