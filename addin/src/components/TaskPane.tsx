import { mergeClasses, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import { useMailItem } from '../hooks/useMailItem';
import { usePaneT } from '../core/i18n/I18nProvider';
import { useHost } from '../office/HostContext';
import { LoadError } from './LoadError';
import { MailView } from './MailView';
import { useTaskPaneStyles } from './TaskPane.styles';

/**
 * The pane: follows the selected item and shows the mail's people, customers and logging. On
 * Outlook for iOS and Android it is the touch layout (every control at least 44 × 44 px) and says
 * what the phone cannot do that the desktop can (follow the next mail), rather than leave it out silently.
 */
export function TaskPane() {
  const host = useHost();
  const t = usePaneT();
  const styles = useTaskPaneStyles();
  const mail = useMailItem(host);
  const mobile = host.platform() === 'mobile';

  let content;
  if (mail.status === 'loading') content = <Spinner size="small" label={t('pane.loading')} />;
  else if (mail.status === 'error') content = <LoadError error={mail.error} onRetry={mail.refresh} />;
  else if (!mail.item) content = <Text>{t('pane.noItem')}</Text>;
  else content = <MailView key={mail.itemKey} item={mail.item} onRefresh={mail.refresh} />;

  return (
    <main className={mergeClasses(styles.root, mobile && styles.touch)} aria-label={t('pane.name')} data-platform={host.platform()}>
      {mobile && !host.features().followsSelection && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('pane.mobile.oneMail')}</MessageBarBody>
        </MessageBar>
      )}
      {content}
    </main>
  );
}
