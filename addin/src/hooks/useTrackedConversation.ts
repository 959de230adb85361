/**
 * Is the mail in view part of a tracked conversation? Asked once per mail (by its conversation id
 * and the Message-IDs it refers to, read from its headers where Outlook can), beside the lookup.
 * `stop` ends one customer's tracking and asks again, so the pane shows it stopped.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrackedConversation } from '../../../shared/contract-conversations';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';

export interface TrackedConversationState {
  /** Still asking: the pane waits before offering to log the mail by hand. */
  matching: boolean;
  /** The customers the conversation is tracked for. */
  tracked: TrackedConversation[];
  /** The question could not be answered (the pane says so; logging by hand still works). */
  failed: boolean;
  stop: (tracking: TrackedConversation) => Promise<void>;
  stopping: boolean;
  /** Why the last stop failed, if it did. */
  stopError: Error | null;
  /** Asks again (after a log that started a tracking). */
  refresh: () => void;
}

export const trackedConversationKeys = (messageId: string | null) => ['pane', 'conversation', messageId] as const;

export function useTrackedConversation(item: MailItem): TrackedConversationState {
  const host = useHost();
  const { pane } = useApi();
  const queryClient = useQueryClient();
  const key = trackedConversationKeys(item.internetMessageId);
  const enabled = item.mode === 'read' && item.internetMessageId !== null;
  const query = useQuery({
    queryKey: key,
    enabled,
    retry: 1,
    queryFn: async ({ signal }): Promise<TrackedConversation[]> => {
      const references = await host.threadReferences().catch(() => []);
      if (!item.conversationId && references.length === 0) return [];
      return (await pane.matchConversation({ ...(item.conversationId ? { conversationId: item.conversationId } : {}), references }, signal)).tracked;
    },
  });
  const stopping = useMutation({
    mutationFn: async (t: TrackedConversation) => {
      try {
        await pane.stopTracking({ conversationId: t.conversationId, organizationId: t.organizationId });
      } catch (error) {
        // stopped already (by a colleague, or an administrator): what the user asked for
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  return {
    matching: enabled && query.isPending,
    tracked: query.data ?? [],
    failed: query.isError,
    stop: async (t) => {
      await stopping.mutateAsync(t).catch(() => undefined); // the list is asked again either way
    },
    stopping: stopping.isPending,
    stopError: stopping.error,
    refresh: () => void queryClient.invalidateQueries({ queryKey: key }),
  };
}
