import { useEffect, useRef, useState } from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import type { LoggedEntry } from '../../../shared/contract';
import { useLogMeeting } from '../hooks/useLogMeeting';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { defaultCustomerId, type CustomerOnMail } from '../mail/participants';
import type { AppointmentItem } from '../office/types';
import { errorText } from './errorText';
import { Section } from './Section';
import { useLogMailStyles } from './LogMail.styles';

export interface LogMeetingProps {
  meeting: AppointmentItem;
  meetingKey: string | null;
  customers: readonly CustomerOnMail[];
  /** Who already logged this meeting (the lookup by its key). */
  logged: readonly LoggedEntry[];
  /** Customers this mailbox logged the meeting on before it was moved: logged again at once, which moves their action. */
  moved: readonly LoggedEntry[];
}

function merge(a: readonly LoggedEntry[], b: readonly LoggedEntry[]): LoggedEntry[] {
  const byId = new Map<string, LoggedEntry>();
  for (const entry of [...a, ...b]) if (!byId.has(entry.actionId)) byId.set(entry.actionId, entry);
  return [...byId.values()];
}

/** "Log this meeting": when it is, the primary action, or who already logged it (as planned, while it is still to come). */
export function LogMeeting({ meeting, meetingKey, customers, logged, moved }: LogMeetingProps) {
  const t = usePaneT();
  const styles = useLogMailStyles();
  const { dateTime } = useDates();
  const { phase, entries, rescheduled, error, log } = useLogMeeting(meeting, meetingKey);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(
    [defaultCustomerId(customers)].filter((id): id is string => id !== null),
  ));
  const done = merge(logged, entries);
  const status = useRef<HTMLDivElement>(null);
  const future = new Date(meeting.start).getTime() > Date.now();
  const when = dateTime(meeting.start);

  // The meeting moved since this mailbox logged it: log it again on those customers, which moves the one action.
  const follow = useRef(false);
  useEffect(() => {
    if (follow.current || moved.length === 0) return;
    const again = customers.filter((c) => moved.some((m) => m.organizationId === c.organization.id));
    if (again.length === 0) return;
    follow.current = true;
    void log(again);
  }, [moved, customers, log]);

  useEffect(() => {
    if (phase === 'logged') status.current?.focus();
  }, [phase]);

  const heading = <Text>{t('pane.meeting.when', { date: when })}</Text>;

  if (done.length > 0) {
    return (
      <Section title={t('pane.meeting.heading')}>
        {heading}
        <div role="status" ref={status} tabIndex={-1}>
          <ul className={styles.logged}>
            {done.map((entry) => <LoggedLine key={entry.actionId} entry={entry} withCustomer={done.length > 1} />)}
          </ul>
          {rescheduled && <Text>{t('pane.meeting.rescheduled', { date: when })}</Text>}
          {future && <Text>{t('pane.meeting.planned', { date: when })}</Text>}
        </div>
      </Section>
    );
  }

  if (meeting.isSeries) {
    return <Section title={t('pane.meeting.heading')}><Text>{t('pane.meeting.series')}</Text></Section>;
  }

  if (customers.length === 0 || !meetingKey) {
    return <Section title={t('pane.meeting.heading')}>{heading}<Text>{t('pane.meeting.noCustomer')}</Text></Section>;
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
    <Section title={t('pane.meeting.heading')}>
      {heading}
      {customers.length > 1 && (
        <fieldset className={styles.choices}>
          <legend className={styles.legend}>{t('pane.log.customers')}</legend>
          {customers.map(({ organization }) => (
            <Checkbox
              key={organization.id}
              label={organization.name}
              checked={chosen.has(organization.id)}
              disabled={logging}
              onChange={(_, data) => toggle(organization.id, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
      <Button
        className={styles.button}
        appearance="primary"
        disabledFocusable={logging || chosen.size === 0}
        icon={logging ? <Spinner size="tiny" /> : undefined}
        onClick={() => void log(customers.filter((c) => chosen.has(c.organization.id)))}
      >
        {logging ? t('pane.log.logging') : t('pane.meeting.button')}
      </Button>
      {future && <Text>{t('pane.meeting.willBePlanned')}</Text>}
      {chosen.size === 0 && <Text>{t('pane.log.chooseOne')}</Text>}
      {phase === 'failed' && error && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.meeting.failed', { message: errorText(t, error) })}</MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}

function LoggedLine({ entry, withCustomer }: { entry: LoggedEntry; withCustomer: boolean }) {
  const t = usePaneT();
  const { dateTime } = useDates();
  const params = { name: entry.loggedBy.name, date: dateTime(entry.loggedAt), organization: entry.organizationName };
  return <li><Text>{withCustomer ? t('pane.log.loggedByFor', params) : t('pane.log.loggedBy', params)}</Text></li>;
}
