import { useMemo } from 'react';
import { Button, Spinner } from './fluent';
import { useLookup } from '../hooks/useLookup';
import { useSentMatch } from '../hooks/useSentMatch';
import { usePaneT } from '../core/i18n/I18nProvider';
import { customersOnMail, participantsOf } from '../mail/participants';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';
import { CustomersSection } from './CustomersSection';
import { LoadError } from './LoadError';
import { LogMail } from './LogMail';
import { PeopleSection } from './PeopleSection';

export interface MailViewProps {
  item: MailItem;
  /** Reads the item again: the manual refresh of a draft's recipients. */
  onRefresh: () => void;
}

/** Everything the pane says about one mail. Mounted afresh for each item. */
export function MailView({ item, onRefresh }: MailViewProps) {
  const host = useHost();
  const t = usePaneT();
  const participants = useMemo(() => participantsOf(item, host.userProfile()), [item, host]);
  const emails = useMemo(() => participants.map((p) => p.email), [participants]);
  const lookup = useLookup(emails, item.internetMessageId);
  const sent = useSentMatch(item);
  const needsManualRefresh = item.mode === 'compose' && !host.supportsRecipientsChanged();

  const refreshButton = needsManualRefresh && (
    <Button appearance="secondary" onClick={onRefresh}>{t('pane.compose.refresh')}</Button>
  );

  if (!lookup.data) {
    return (
      <>
        {refreshButton}
        {lookup.status === 'error'
          ? <LoadError error={lookup.error} onRetry={lookup.reload} />
          : <Spinner size="small" label={t('pane.loading')} />}
      </>
    );
  }

  const { people, logged } = lookup.data;
  const customers = customersOnMail(participants, people);
  return (
    <>
      {refreshButton}
      {lookup.status === 'error' && <LoadError error={lookup.error} onRetry={lookup.reload} />}
      <PeopleSection participants={participants} people={people} />
      <LogMail
        key={customers.map((c) => c.organization.id).join(',')}
        item={item}
        customers={customers}
        logged={logged}
        matching={sent.matching}
      />
      <CustomersSection customers={customers} />
    </>
  );
}
