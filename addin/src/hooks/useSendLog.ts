/**
 * "Log when sent" while writing: whether the draft carries a send log (its header, read back when
 * the pane reopens on the draft), the customers chosen, and turning it on and off. Turning it on
 * registers the log first and then writes the header, so the send handler never finds a token
 * without its log; if the header cannot be written, the log is cancelled again. An offer attached
 * to the draft (Attach offer) joins the log, turning it on for the offer's customer if it was off:
 * the server marks it sent when the mail is sent.
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
  /** The offers attached to the draft that the log marks sent. */
  offerIds: readonly string[];
  busy: boolean;
  error: unknown;
  setOn(on: boolean): void;
  choose(organizationId: string, checked: boolean): void;
  /** Adds an attached offer to the log (on the offer's customer, turning the log on if it is off). */
  addOffer(offerId: string, organizationId: string): Promise<void>;
}

interface Draft {
  token: string | null;
  chosen: ReadonlySet<string> | null;
  offerIds: readonly string[];
}

const NONE: Draft = { token: null, chosen: null, offerIds: [] };

type Change =
  | { kind: 'on'; chosen: string[]; offerIds: string[] }
  | { kind: 'off' }
  | { kind: 'choose'; chosen: string[] }
  | { kind: 'offer'; offerId: string; organizationId: string };

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
      if (!token) return NONE;
      try {
        const log = await pane.sendLog(token);
        return log.state === 'pending' ? { token, chosen: new Set(log.organizationIds), offerIds: log.offerIds } : NONE;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return NONE;
        throw error;
      }
    },
  });

  const current: Draft = draft ?? restored.data ?? NONE;
  const chosen = current.chosen ?? new Set(customerIds);

  const change = useMutation({
    mutationFn: async (c: Change): Promise<Draft> => {
      if (c.kind === 'offer') {
        const organizationIds = [...new Set([...chosen, c.organizationId])];
        const offerIds = [...new Set([...current.offerIds, c.offerId])];
        if (current.token) {
          await pane.registerSendLog(current.token, { organizationIds, offerIds });
          return { token: current.token, chosen: new Set(organizationIds), offerIds };
        }
        return turnOn(organizationIds, offerIds);
      }
      if (c.kind === 'on') return turnOn(c.chosen, c.offerIds);
      const token = current.token;
      if (c.kind === 'off') {
        if (token) {
          await host.removeSendLogToken();
          await pane.cancelSendLog(token);
        }
        return { token: null, chosen, offerIds: [] };
      }
      if (token) await pane.registerSendLog(token, { organizationIds: c.chosen, offerIds: [...current.offerIds] });
      return { token, chosen: new Set(c.chosen), offerIds: current.offerIds };
    },
    onSuccess: (next) => setDraft(next),
  });
  async function turnOn(organizationIds: string[], offerIds: string[]): Promise<Draft> {
    const token = newSendLogToken();
    await pane.registerSendLog(token, { organizationIds, offerIds });
    try {
      await host.setSendLogToken(token);
    } catch (error) {
      await pane.cancelSendLog(token).catch(() => undefined);
      throw error;
    }
    return { token, chosen: new Set(organizationIds), offerIds };
  }
  const { mutate, mutateAsync } = change;

  const setOn = useCallback((on: boolean) => mutate(on ? { kind: 'on', chosen: [...chosen], offerIds: [] } : { kind: 'off' }), [mutate, chosen]);
  const choose = useCallback(
    (organizationId: string, checked: boolean) => {
      const next = new Set(chosen);
      if (checked) next.add(organizationId);
      else next.delete(organizationId);
      if (current.token && next.size > 0) mutate({ kind: 'choose', chosen: [...next] });
      else setDraft({ ...current, chosen: next });
    },
    [mutate, chosen, current],
  );
  const addOffer = useCallback(async (offerId: string, organizationId: string) => {
    await mutateAsync({ kind: 'offer', offerId, organizationId });
  }, [mutateAsync]);

  return {
    support,
    restoring: support.headers && restored.isPending,
    on: current.token !== null,
    chosen,
    offerIds: current.offerIds,
    busy: change.isPending,
    error: change.error ?? restored.error,
    setOn,
    choose,
    addOffer,
  };
}
