/**
 * "Log this meeting": ready → logging → logged, or failed. One request per chosen customer
 * (`POST /actions/meeting`); the server makes it one action per meeting and customer for the whole
 * team, and moves the action of a meeting this mailbox logged before it was moved. Each answer
 * carries the customer's new care plan and goes into the meeting's lookup in the query cache.
 * Unlike a mail, a meeting that cannot be logged (no network) is not queued: the pane says so and
 * the button stays (docs/outlook-integration.md "Meetings").
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { EXCERPT_MAX_LENGTH, type LoggedEntry, type LogMeetingRequest } from '../../../shared/contract';
import { normaliseEmail } from '../../../shared/domain/email';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { loggedEntryOf } from '../mail/logAnswer';
import type { CustomerOnMail } from '../mail/participants';
import { useHost } from '../office/HostContext';
import type { AppointmentItem } from '../office/types';
import { applyLogAnswer, meetingLookupId } from './useLookup';

export type MeetingLogPhase = 'ready' | 'logging' | 'logged' | 'failed';

export interface LogMeetingState {
  phase: MeetingLogPhase;
  /** What this pane logged. */
  entries: LoggedEntry[];
  /** A log moved an action logged at the meeting's earlier time. */
  rescheduled: boolean;
  error: ApiError | null;
  log: (customers: readonly CustomerOnMail[]) => Promise<void>;
}

/** The request for one customer, or null when the meeting names no usable organizer. */
export function meetingRequestFor(meeting: AppointmentItem, customer: CustomerOnMail, excerpt: string | undefined): LogMeetingRequest | null {
  const organizer = meeting.organizer ? normaliseEmail(meeting.organizer.email) : null;
  if (!organizer) return null;
  const attendees = [...meeting.requiredAttendees, ...meeting.optionalAttendees].flatMap((p) => {
    const email = normaliseEmail(p.email);
    return email ? [email] : [];
  });
  return {
    organizer,
    start: meeting.start,
    subject: meeting.subject.slice(0, 1000),
    attendees: [...new Set(attendees)],
    organizationId: customer.organization.id,
    contactIds: customer.contactIds,
    ...(excerpt ? { excerpt } : {}),
    ...(meeting.itemId ? { itemId: meeting.itemId } : {}),
  };
}

export function useLogMeeting(meeting: AppointmentItem, meetingKey: string | null): LogMeetingState {
  const host = useHost();
  const { pane } = useApi();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<MeetingLogPhase>('ready');
  const [entries, setEntries] = useState<LoggedEntry[]>([]);
  const [rescheduled, setRescheduled] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const mutation = useMutation({
    mutationFn: async (chosen: readonly CustomerOnMail[]) => {
      const excerpt = await host.bodyExcerpt(EXCERPT_MAX_LENGTH).catch(() => undefined);
      const jobs = chosen.flatMap((customer) => {
        const request = meetingRequestFor(meeting, customer, excerpt);
        return request ? [pane.logMeeting(request).then((response) => ({ response, customer }))] : [];
      });
      return Promise.all(jobs);
    },
    onMutate: () => {
      setPhase('logging');
      setError(null);
    },
    onSuccess: (done) => {
      setEntries((list) => [...list, ...done.map(({ response, customer }) => loggedEntryOf(response, customer.organization.name))]);
      setRescheduled((was) => was || done.some(({ response }) => response.rescheduled));
      setPhase(done.length > 0 ? 'logged' : 'ready');
      if (meetingKey) done.forEach(({ response }) => applyLogAnswer(queryClient, meetingLookupId(meetingKey), response));
    },
    onError: (failure) => {
      setError(failure instanceof ApiError ? failure : new ApiError('network', String(failure)));
      setPhase('failed');
    },
  });
  const { mutateAsync } = mutation;
  const log = useCallback(async (chosen: readonly CustomerOnMail[]) => {
    await mutateAsync(chosen).catch(() => undefined); // a failure is the `failed` phase
  }, [mutateAsync]);

  return { phase, entries, rescheduled, error, log };
}
