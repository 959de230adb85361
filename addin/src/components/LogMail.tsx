import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import type { LoggedEntry } from '../../../shared/contract';
import { useLogEmail } from '../hooks/useLogEmail';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { defaultCustomerId, type CustomerOnMail } from '../mail/participants';
import type { MailItem } from '../office/types';
import { useHost } from '../office/HostContext';
import { errorText } from './errorText';
import { FormSlot, SendLogPanel } from './lazyForms';
import { Section } from './Section';
import { useLogMailStyles } from './LogMail.styles';

export interface LogMailProps {
  item: MailItem;
  customers: readonly CustomerOnMail[];
  /** Who already logged this message (the lookup's answer). */
  logged: readonly LoggedEntry[];
  /** A sent mail whose send log is being matched: wait before offering to log it by hand. */
  matching?: boolean;
}

function merge(a: readonly LoggedEntry[], b: readonly LoggedEntry[]): LoggedEntry[] {
  const byId = new Map<string, LoggedEntry>();
  for (const entry of [...a, ...b]) if (!byId.has(entry.actionId)) byId.set(entry.actionId, entry);
  return [...byId.values()];
}

/** "Log this mail": the primary action, or who already logged it. */
export function LogMail({ item, customers, logged, matching = false }: LogMailProps) {
  const t = usePaneT();
  const styles = useLogMailStyles();
  const { phase, entries, error, log } = useLogEmail(item, customers);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(
    [defaultCustomerId(customers)].filter((id): id is string => id !== null),
  ));
  const done = merge(logged, entries);
  const status = useRef<HTMLDivElement>(null);

  // the button the user pressed is gone once the mail is logged: keep keyboard focus in the section
  useEffect(() => {
    if (phase === 'logged') status.current?.focus();
  }, [phase]);

  if (item.mode === 'compose') return <ComposeLog customers={customers} />;

  if (matching && done.length === 0) {
    return <Section title={t('pane.log.heading')}><Spinner size="tiny" label={t('pane.send.matching')} /></Section>;
  }

  if (done.length > 0 && phase !== 'queued') {
    return (
      <Section title={t('pane.log.heading')}>
        <div role="status" ref={status} tabIndex={-1}>
          <ul className={styles.logged}>
            {done.map((entry) => <LoggedLine key={entry.actionId} entry={entry} withCustomer={done.length > 1} />)}
          </ul>
        </div>
      </Section>
    );
  }

  if (customers.length === 0 || !item.internetMessageId) {
    return <Section title={t('pane.log.heading')}><Text>{t('pane.log.noCustomer')}</Text></Section>;
  }

  const logging = phase === 'logging';
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Section title={t('pane.log.heading')}>
      {customers.length > 1 && (
        <fieldset className={styles.choices}>
          <legend className={styles.legend}>{t('pane.log.customers')}</legend>
          {customers.map(({ organization }) => (
            <Checkbox
              key={organization.id}
              label={organization.name}
              checked={chosen.has(organization.id)}
              disabled={logging || phase === 'queued'}
              onChange={(_, data) => toggle(organization.id, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
      {phase === 'queued' ? (
        <MessageBar intent="warning" politeness="polite">
          <MessageBarBody>{t('pane.log.queued')}</MessageBarBody>
        </MessageBar>
      ) : (
        <Button
          className={styles.button}
          appearance="primary"
          disabledFocusable={logging || chosen.size === 0}
          icon={logging ? <Spinner size="tiny" /> : undefined}
          onClick={() => void log(customers.filter((c) => chosen.has(c.organization.id)))}
        >
          {logging ? t('pane.log.logging') : t('pane.log.button')}
        </Button>
      )}
      {chosen.size === 0 && <Text>{t('pane.log.chooseOne')}</Text>}
      {phase === 'failed' && error && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.log.failed', { message: errorText(t, error) })}</MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}

/** Compose: "Log when sent" where this Outlook can carry the token (Mailbox 1.8), else the reason it cannot. */
function ComposeLog({ customers }: { customers: readonly CustomerOnMail[] }) {
  const t = usePaneT();
  const host = useHost();
  let content;
  if (!host.sendLogSupport().headers) content = <Text>{t('pane.send.unavailable')}</Text>;
  else if (customers.length === 0) content = <Text>{t('pane.log.compose')}</Text>;
  else content = <FormSlot><SendLogPanel customers={customers} /></FormSlot>;
  return <Section title={t('pane.log.heading')}>{content}</Section>;
}

function LoggedLine({ entry, withCustomer }: { entry: LoggedEntry; withCustomer: boolean }) {
  const t = usePaneT();
  const { dateTime } = useDates();
  const params = { name: entry.loggedBy.name, date: dateTime(entry.loggedAt), organization: entry.organizationName };
  return <li><Text>{withCustomer ? t('pane.log.loggedByFor', params) : t('pane.log.loggedBy', params)}</Text></li>;
}
