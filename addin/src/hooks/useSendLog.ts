/**
 * "Log when sent" while writing: whether the draft carries a send log (its header, read back when
 * the pane reopens on the draft), the customers chosen, and turning it on and off. Turning it on
 * registers the log first and then writes the header, so the send handler never finds a token
 * without its log; if the header cannot be written, the log is cancelled again.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { newSendLogToken } from '../mail/sendLogRequest';
import { useHost } from '../office/HostContext';
import type { SendLogSupport } from '../office/types';

export interface SendLogState {
  support: SendLogSupport;
  /** Still reading the draft's header (and its log). */
  restoring: boolean;
  on: boolean;
  chosen: ReadonlySet<string>;
  busy: boolean;
  error: unknown;
  setOn(on: boolean): void;
  choose(organizationId: string, checked: boolean): void;
}

interface Draft {
  token: string | null;
  chosen: ReadonlySet<string> | null;
}

type Change = { kind: 'on'; chosen: string[] } | { kind: 'off' } | { kind: 'choose'; chosen: string[] };

export function useSendLog(customerIds: readonly string[]): SendLogState {
  const host = useHost();
  const { pane } = useApi();
  const support = host.sendLogSupport();
  const [draft, setDraft] = useState<Draft | null>(null);

  const restored = useQuery({
    queryKey: ['pane', 'sendLog', 'draft'],
    enabled: support.headers,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    queryFn: async (): Promise<Draft> => {
      const token = await host.sendLogToken();
      if (!token) return { token: null, chosen: null };
      try {
        const log = await pane.sendLog(token);
        return log.state === 'pending' ? { token, chosen: new Set(log.organizationIds) } : { token: null, chosen: null };
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { token: null, chosen: null };
        throw error;
      }
    },
  });

  const current: Draft = draft ?? restored.data ?? { token: null, chosen: null };
  const chosen = current.chosen ?? new Set(customerIds);

  const change = useMutation({
    mutationFn: async (c: Change): Promise<Draft> => {
      if (c.kind === 'on') {
        const token = newSendLogToken();
        await pane.registerSendLog(token, { organizationIds: c.chosen });
        try {
          await host.setSendLogToken(token);
        } catch (error) {
          await pane.cancelSendLog(token).catch(() => undefined);
          throw error;
        }
        return { token, chosen: new Set(c.chosen) };
      }
      const token = current.token;
      if (c.kind === 'off') {
        if (token) {
          await host.removeSendLogToken();
          await pane.cancelSendLog(token);
        }
        return { token: null, chosen };
      }
      if (token) await pane.registerSendLog(token, { organizationIds: c.chosen });
      return { token, chosen: new Set(c.chosen) };
    },
    onSuccess: (next) => setDraft(next),
  });
  const { mutate } = change;

  const setOn = useCallback((on: boolean) => mutate(on ? { kind: 'on', chosen: [...chosen] } : { kind: 'off' }), [mutate, chosen]);
  const choose = useCallback(
    (organizationId: string, checked: boolean) => {
      const next = new Set(chosen);
      if (checked) next.add(organizationId);
      else next.delete(organizationId);
      if (current.token && next.size > 0) mutate({ kind: 'choose', chosen: [...next] });
      else setDraft({ token: current.token, chosen: next });
    },
    [mutate, chosen, current.token],
  );

  return {
    support,
    restoring: support.headers && restored.isPending,
    on: current.token !== null,
    chosen,
    busy: change.isPending,
    error: change.error ?? restored.error,
    setOn,
    choose,
  };
}
