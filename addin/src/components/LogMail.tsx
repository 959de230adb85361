import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Checkbox, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import type { LoggedEntry } from '../../../shared/contract';
import type { TrackedConversation } from '../../../shared/contract-conversations';
import { useLogEmail } from '../hooks/useLogEmail';
import { useTrackedConversation, type TrackedConversationState } from '../hooks/useTrackedConversation';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { defaultCustomerId, type CustomerOnMail, type LogTarget } from '../mail/participants';
import type { MailItem } from '../office/types';
import { useHost } from '../office/HostContext';
import { errorText } from './errorText';
import { ComposePanel, FormSlot, OpportunityPicker } from './lazyForms';
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

/** The customers of the mail, and those its conversation is tracked for that are not on it. */
function targetsOf(customers: readonly CustomerOnMail[], tracked: readonly TrackedConversation[]): LogTarget[] {
  const extra = tracked
    .filter((t) => !customers.some((c) => c.organization.id === t.organizationId))
    .map((t) => ({ organization: { id: t.organizationId, name: t.organizationName }, contactIds: [] }));
  return [...customers, ...extra];
}

/**
 * "Log this mail": the primary action, or who already logged it. A mail of a tracked conversation
 * is logged on the tracked customers by itself, once, as soon as the pane shows it.
 */
export function LogMail({ item, customers, logged, matching = false }: LogMailProps) {
  const t = usePaneT();
  const styles = useLogMailStyles();
  const conversation = useTrackedConversation(item);
  const { tracked } = conversation;
  const targets = useMemo(() => targetsOf(customers, tracked), [customers, tracked]);
  const { phase, entries, error, log } = useLogEmail(item, targets);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(
    [defaultCustomerId(customers)].filter((id): id is string => id !== null),
  ));
  const [track, setTrack] = useState(false);
  const [opportunityId, setOpportunityId] = useState<string | null>(null);
  // the customers this pane logged the mail on because its conversation is tracked for them
  const [automatic, setAutomatic] = useState<ReadonlySet<string>>(new Set());
  const done = merge(logged, entries);
  const status = useRef<HTMLDivElement>(null);
  const waiting = matching || conversation.matching;

  // the button the user pressed is gone once the mail is logged: keep keyboard focus in the section
  useEffect(() => {
    if (phase === 'logged' && automatic.size === 0) status.current?.focus();
  }, [phase, automatic]);

  useEffect(() => {
    if (item.mode !== 'read' || waiting || phase !== 'ready' || automatic.size > 0) return;
    const pending = tracked.filter((x) => !done.some((d) => d.organizationId === x.organizationId));
    if (pending.length === 0) return;
    setAutomatic(new Set(pending.map((x) => x.organizationId)));
    void log(targets.filter((c) => pending.some((x) => x.organizationId === c.organization.id)), { conversationId: pending[0]!.conversationId });
  }, [item.mode, waiting, phase, automatic, tracked, done, targets, log]);

  if (item.mode === 'compose') return <ComposeLog customers={customers} />;

  if (waiting && done.length === 0) {
    return <Section title={t('pane.log.heading')}><Spinner size="tiny" label={t(matching ? 'pane.send.matching' : 'pane.track.checking')} /></Section>;
  }

  const tracking = <Tracking conversation={conversation} />;

  if (done.length > 0 && phase !== 'queued') {
    return (
      <Section title={t('pane.log.heading')}>
        <div role="status" ref={status} tabIndex={-1}>
          <ul className={styles.logged}>
            {done.map((entry) => (
              <LoggedLine key={entry.actionId} entry={entry} withCustomer={done.length > 1} automatic={automatic.has(entry.organizationId) && entries.some((e) => e.actionId === entry.actionId)} />
            ))}
          </ul>
        </div>
        {tracking}
      </Section>
    );
  }

  if (automatic.size > 0 && phase === 'logging') {
    return <Section title={t('pane.log.heading')}><Spinner size="tiny" label={t('pane.log.autoLogging')} /></Section>;
  }

  if (customers.length === 0 || !item.internetMessageId) {
    return <Section title={t('pane.log.heading')}><Text>{t('pane.log.noCustomer')}</Text>{tracking}</Section>;
  }

  const logging = phase === 'logging';
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // an opportunity is one customer's: the picker shows while exactly one customer is chosen
  const only = chosen.size === 1 ? [...chosen][0]! : null;
  const logChosen = async () => {
    const opportunities = only && opportunityId ? { [only]: opportunityId } : undefined;
    await log(customers.filter((c) => chosen.has(c.organization.id)), { trackConversation: track, opportunities });
    if (track) conversation.refresh();
  };

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
      {only && phase !== 'queued' && (
        <FormSlot quiet>
          <OpportunityPicker key={only} organizationId={only} value={opportunityId} onChange={setOpportunityId} disabled={logging} />
        </FormSlot>
      )}
      {item.conversationId && phase !== 'queued' && (
        <Checkbox
          label={<>{t('pane.track.option')}<br /><Text size={200} className={styles.hint}>{t('pane.track.optionHint')}</Text></>}
          checked={track}
          disabled={logging}
          onChange={(_, data) => setTrack(data.checked === true)}
        />
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
          onClick={() => void logChosen()}
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
      {tracking}
    </Section>
  );
}

/** The conversation's trackings, each with "Stop tracking"; or why the pane could not tell. */
function Tracking({ conversation }: { conversation: TrackedConversationState }) {
  const t = usePaneT();
  const styles = useLogMailStyles();
  const { dateTime } = useDates();
  const [stopped, setStopped] = useState(false);
  const { tracked, failed, stop, stopping, stopError } = conversation;
  return (
    <>
      {tracked.length > 0 && (
        <ul className={styles.logged} aria-label={t('pane.track.option')}>
          {tracked.map((x) => (
            <li key={`${x.conversationId} ${x.organizationId}`} className={styles.tracking}>
              <Text>{t('pane.track.trackedFor', { organization: x.organizationName, name: x.trackedBy.name, date: dateTime(x.trackedAt) })}</Text>
              <Button
                className={styles.button}
                appearance="secondary"
                disabledFocusable={stopping}
                aria-label={t('pane.track.stopLabel', { organization: x.organizationName })}
                onClick={() => void stop(x).then(() => setStopped(true))}
              >
                {t('pane.track.stop')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {stopped && !stopError && tracked.length === 0 && <div role="status"><Text>{t('pane.track.stopped')}</Text></div>}
      {stopError && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.track.stopFailed', { message: errorText(t, stopError) })}</MessageBarBody>
        </MessageBar>
      )}
      {failed && <Text>{t('pane.track.checkFailed')}</Text>}
    </>
  );
}

/**
 * Compose: for a draft to customers, "Log when sent" (where this Outlook can carry the token,
 * Mailbox 1.8, else the reason it cannot) and "Attach offer" (./ComposePanel); else what to do.
 */
function ComposeLog({ customers }: { customers: readonly CustomerOnMail[] }) {
  const t = usePaneT();
  const host = useHost();
  if (customers.length > 0) return <FormSlot><ComposePanel customers={customers} /></FormSlot>;
  return <Section title={t('pane.log.heading')}><Text>{t(host.sendLogSupport().headers ? 'pane.log.compose' : 'pane.send.unavailable')}</Text></Section>;
}

function LoggedLine({ entry, withCustomer, automatic }: { entry: LoggedEntry; withCustomer: boolean; automatic: boolean }) {
  const t = usePaneT();
  const { dateTime } = useDates();
  const params = { name: entry.loggedBy.name, date: dateTime(entry.loggedAt), organization: entry.organizationName };
  if (automatic) return <li><Text>{t('pane.log.auto', params)}</Text></li>;
  return <li><Text>{withCustomer ? t('pane.log.loggedByFor', params) : t('pane.log.loggedBy', params)}</Text></li>;
}
