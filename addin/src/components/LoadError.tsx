import { Button, MessageBar, MessageBarActions, MessageBarBody } from './fluent';
import { usePaneT } from '../core/i18n/I18nProvider';
import { errorText } from './errorText';

export function LoadError({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const t = usePaneT();
  return (
    <MessageBar intent="error" politeness="assertive">
      <MessageBarBody>{t('pane.loadFailed', { message: errorText(t, error) })}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={onRetry}>{t('pane.retry')}</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
