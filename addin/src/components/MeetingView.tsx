import { useMemo } from 'react';
import { Spinner } from './fluent';
import { meetingKey as keyOf } from '../../../shared/domain/meetingKey';
import { useLookup } from '../hooks/useLookup';
import { usePaneT } from '../core/i18n/I18nProvider';
import { attendeesOf, customersOnMail } from '../mail/participants';
import { useHost } from '../office/HostContext';
import type { AppointmentItem } from '../office/types';
import { CustomersSection } from './CustomersSection';
import { LoadError } from './LoadError';
import { LogMeeting } from './LogMeeting';
import { PeopleSection } from './PeopleSection';

/**
 * Everything the pane says about one meeting: its attendees recognised as on a mail, "Log this
 * meeting", and each customer's card. The lookup asks by the meeting's key (shared/domain/meetingKey),
 * so the pane knows whoever logged it, organizer or attendee. Mounted afresh for each item.
 */
export function MeetingView({ meeting }: { meeting: AppointmentItem }) {
  const host = useHost();
  const t = usePaneT();
  const participants = useMemo(() => attendeesOf(meeting, host.userProfile()), [meeting, host]);
  const emails = useMemo(() => participants.map((p) => p.email), [participants]);
  const key = useMemo(
    () => (meeting.organizer ? keyOf({ organizer: meeting.organizer.email, start: meeting.start, subject: meeting.subject }) : null),
    [meeting],
  );
  const lookup = useLookup(emails, null, { meetingKey: key, itemId: meeting.itemId });

  if (!lookup.data) {
    return lookup.status === 'error'
      ? <LoadError error={lookup.error} onRetry={lookup.reload} />
      : <Spinner size="small" label={t('pane.loading')} />;
  }

  const { people, logged, moved } = lookup.data;
  const customers = customersOnMail(participants, people);
  return (
    <>
      {lookup.status === 'error' && <LoadError error={lookup.error} onRetry={lookup.reload} />}
      <PeopleSection participants={participants} people={people} title={t('pane.meeting.people')} none={t('pane.meeting.nobody')} />
      <LogMeeting
        key={customers.map((c) => c.organization.id).join(',')}
        meeting={meeting}
        meetingKey={key}
        customers={customers}
        logged={logged}
        moved={moved}
      />
      <CustomersSection customers={customers} />
    </>
  );
}
