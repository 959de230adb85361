/**
 * One lookup call for everyone on the mail, as a TanStack Query over `useApi().pane`. Each mail and
 * set of addresses is its own query: a new question cancels the previous one and a late answer to an
 * earlier question lands in that question's cache, never on screen. While the addresses of a draft
 * change, the previous answer stays so that the pane does not flash. A failed lookup is not retried
 * (the pane shows the failure with "Try again" at once); a mail shown again is answered from the
 * cache and asked again in the background.
 */
import { keepPreviousData, useQuery, type QueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { LogEmailResponse, LookupResponse } from '../../../shared/contract';
import { useApi } from '../core/ApiContext';
import { withLogAnswer } from '../mail/logAnswer';

export interface LookupState {
  status: 'loading' | 'ready' | 'error';
  /** The latest answer; kept while a reload runs so the pane does not flash. */
  data: LookupResponse | null;
  error: Error | null;
  reload: () => void;
}

const EMPTY: LookupResponse = { people: [], logged: [], moved: [] };

/** Every lookup of one mail (any addresses), or every lookup when no mail is named. */
export const lookupKeys = (messageId?: string | null) => (messageId === undefined ? ['pane', 'lookup'] as const : ['pane', 'lookup', messageId] as const);
const lookupKey = (messageId: string | null, emails: readonly string[]) => [...lookupKeys(messageId), emails.join('\n')] as const;

/** A log's answer carries the customer's care plan with the mail counted: every lookup of the mail shows it without a second call. */
export function applyLogAnswer(queryClient: QueryClient, messageId: string, response: LogEmailResponse): void {
  queryClient.setQueriesData<LookupResponse>({ queryKey: lookupKeys(messageId) }, (data) => data && withLogAnswer(data, response));
}

/** A meeting's lookup: its key says who logged it, this mailbox's item id where it was logged before it moved. */
export interface MeetingLookup {
  meetingKey: string | null;
  itemId: string | null;
}

/** The cache name of a meeting's lookups, beside the mails' Message-IDs. */
export const meetingLookupId = (meetingKey: string): string => `meeting:${meetingKey}`;

export function useLookup(emails: readonly string[], messageId: string | null, meeting?: MeetingLookup): LookupState {
  const { pane } = useApi();
  const query = emails.join('\n');
  const meetingKey = meeting?.meetingKey ?? null;
  const itemId = meeting?.itemId ?? null;
  const cacheId = meetingKey ? meetingLookupId(meetingKey) : messageId;
  const key = useMemo(() => [...lookupKey(cacheId, query === '' ? [] : query.split('\n')), itemId ?? ''] as const, [cacheId, query, itemId]);
  const enabled = query !== '';
  const lookup = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => pane.lookup(meetingKey ? { emails: query.split('\n'), meetingKey, itemId } : { emails: query.split('\n'), messageId }, signal),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
  });
  const { refetch } = lookup;
  const reload = useCallback(() => void refetch(), [refetch]);

  if (!enabled) return { status: 'ready', data: EMPTY, error: null, reload };
  return {
    status: lookup.isError ? 'error' : lookup.isFetching ? 'loading' : 'ready',
    data: lookup.data ?? null,
    error: lookup.error,
    reload,
  };
}

