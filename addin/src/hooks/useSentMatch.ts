/**
 * The sent mail, opened: when its headers carry a send log's token, the server links the log's
 * actions to the mail (or logs it now, where no send event ran), and the mail's lookup is asked
 * again, so the pane shows it as logged and never offers a second log. Idempotent on the server,
 * so a retry or a second pane is harmless.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SendLogView } from '../../../shared/contract-sending';
import { EXCERPT_MAX_LENGTH } from '../../../shared/contract';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { matchRequestFor } from '../mail/sendLogRequest';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';
import { lookupKeys } from './useLookup';

export interface SentMatchState {
  /** Still reading the headers or matching: the pane waits before offering to log the mail. */
  matching: boolean;
  /** The send log this mail carried, once matched; null when it carried none. */
  log: SendLogView | null;
}

export function useSentMatch(item: MailItem): SentMatchState {
  const host = useHost();
  const { pane } = useApi();
  const queryClient = useQueryClient();
  const readable = item.mode === 'read' && item.internetMessageId !== null && host.sendLogSupport().headers;
  const query = useQuery({
    queryKey: ['pane', 'sentMatch', item.internetMessageId],
    enabled: readable,
    staleTime: Infinity,
    queryFn: async (): Promise<SendLogView | null> => {
      const token = await host.sendLogToken().catch(() => null);
      if (!token) return null;
      const request = matchRequestFor(item, await host.bodyExcerpt(EXCERPT_MAX_LENGTH).catch(() => undefined));
      if (!request) return null;
      try {
        const log = await pane.matchSentMail(token, request);
        await queryClient.invalidateQueries({ queryKey: lookupKeys(item.internetMessageId) });
        return log;
      } catch (error) {
        // not ours to match (unknown, another mail's, or a role that logs nothing): the pane goes on as usual
        if (error instanceof ApiError && (error.status === 403 || error.status === 404 || error.status === 409)) return null;
        throw error;
      }
    },
    retry: 2,
  });
  return { matching: readable && query.isPending, log: query.data ?? null };
}
