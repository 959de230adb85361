/**
 * "Log when sent" in compose (in the forms' chunk, ./forms: the first status does not need it):
 * a switch, the customers to log the mail on (the recognised recipients' customers, all chosen
 * at first), and what will happen — logged when sent, or, where this Outlook has no send event,
 * when the mail is opened from Sent Items. A customer with an offer attached to the draft stays
 * chosen (the log marks that offer sent). The state is the compose panel's (./ComposePanel).
 */
import { Checkbox } from '@fluentui/react-checkbox';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Spinner } from '@fluentui/react-spinner';
import { Switch } from '@fluentui/react-switch';
import { Text } from '@fluentui/react-text';
import { usePaneT } from '../core/i18n/I18nProvider';
import type { SendLogState } from '../hooks/useSendLog';
import type { CustomerOnMail } from '../mail/participants';
import { errorText } from './errorText';
import { useLogMailStyles } from './LogMail.styles';

export interface SendLogPanelProps {
  customers: readonly CustomerOnMail[];
  send: SendLogState;
  /** Customers that must stay chosen: an offer of theirs is attached. */
  locked: ReadonlySet<string>;
}

export function SendLogPanel({ customers, send, locked }: SendLogPanelProps) {
  const t = usePaneT();
  const styles = useLogMailStyles();

  if (send.restoring) return <Spinner size="tiny" label={t('pane.loading')} />;
  const chosenNames = customers.filter((c) => send.chosen.has(c.organization.id)).map((c) => c.organization.name);
  const lastChosen = send.on && send.chosen.size === 1;

  return (
    <>
      <Switch
        label={t('pane.send.toggle')}
        checked={send.on}
        disabled={send.busy || (!send.on && send.chosen.size === 0)}
        onChange={(_, data) => send.setOn(data.checked)}
      />
      {customers.length > 1 && (
        <fieldset className={styles.choices}>
          <legend className={styles.legend}>{t('pane.send.customers')}</legend>
          {customers.map(({ organization }) => (
            <Checkbox
              key={organization.id}
              label={organization.name}
              checked={send.chosen.has(organization.id)}
              disabled={send.busy || (lastChosen && send.chosen.has(organization.id)) || (send.on && locked.has(organization.id))}
              onChange={(_, data) => send.choose(organization.id, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
      {!send.on && send.chosen.size === 0 && <Text>{t('pane.log.chooseOne')}</Text>}
      <div role="status">
        {send.on && (
          send.support.sendEvent
            ? <Text>{t('pane.send.willLog', { customers: chosenNames.join(', ') })}</Text>
            : (
              <MessageBar intent="warning">
                <MessageBarBody>{t('pane.send.fromSentItems')}</MessageBarBody>
              </MessageBar>
            )
        )}
      </div>
      {send.error !== null && send.error !== undefined && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.send.failed', { message: errorText(t, send.error) })}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
