import { Spinner, Text } from './fluent';
import { useMailItem } from '../hooks/useMailItem';
import { usePaneT } from '../core/i18n/I18nProvider';
import { useHost } from '../office/HostContext';
import { LoadError } from './LoadError';
import { MailView } from './MailView';
import { useTaskPaneStyles } from './TaskPane.styles';

/** The pane: follows the selected item and shows the mail's people, customers and logging. */
export function TaskPane() {
  const host = useHost();
  const t = usePaneT();
  const styles = useTaskPaneStyles();
  const mail = useMailItem(host);

  let content;
  if (mail.status === 'loading') content = <Spinner size="small" label={t('pane.loading')} />;
  else if (mail.status === 'error') content = <LoadError error={mail.error} onRetry={mail.refresh} />;
  else if (!mail.item) content = <Text>{t('pane.noItem')}</Text>;
  else content = <MailView key={mail.itemKey} item={mail.item} onRefresh={mail.refresh} />;

  return (
    <main className={styles.root} aria-label={t('pane.name')}>
      {content}
    </main>
  );
}
