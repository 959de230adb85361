/**
 * "Log this mail": ready → logging → logged, or queued (network, 5xx; retried by the
 * logger) or failed (4xx). One request per chosen customer, through the queueing mail logger
 * (../queue/mailLogger.ts) as a TanStack mutation. Queued logs that the logger sends later turn
 * into logged here when they belong to this mail. Each answer carries the customer's new care
 * plan and goes into the mail's lookup in the query cache; when another pane settles a log of
 * this mail, the lookup is asked again.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { EXCERPT_MAX_LENGTH, type LogEmailResponse, type LoggedEntry } from '../../../shared/contract';
import { ApiError } from '../api/errors';
import { loggedEntryOf } from '../mail/logAnswer';
import { logRequestFor, type LogOptions } from '../mail/logRequest';
import type { LogTarget } from '../mail/participants';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';
import { useMailLogger } from '../queue/MailLoggerContext';
import { applyLogAnswer, lookupKeys } from './useLookup';

export type LogPhase = 'ready' | 'logging' | 'logged' | 'queued' | 'failed';

export interface LogEmailState {
  phase: LogPhase;
  /** What this pane logged. */
  entries: LoggedEntry[];
  error: ApiError | null;
  log: (customers: readonly LogTarget[], options?: LogOptions) => Promise<void>;
}

interface Outcome {
  logged: LoggedEntry[];
  responses: LogEmailResponse[];
  queued: boolean;
  attempted: number;
  failure: ApiError | null;
}

export function useLogEmail(item: MailItem, customers: readonly LogTarget[]): LogEmailState {
  const host = useHost();
  const logger = useMailLogger();
  const queryClient = useQueryClient();
  const messageId = item.internetMessageId;
  const [phase, setPhase] = useState<LogPhase>(() =>
    messageId && customers.some((c) => logger.isQueued(messageId, c.organization.id)) ? 'queued' : 'ready');
  const [entries, setEntries] = useState<LoggedEntry[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(customers);
  useEffect(() => {
    latest.current = customers;
  });

  const logged = useCallback((response: LogEmailResponse) => {
    if (messageId) applyLogAnswer(queryClient, messageId, response);
  }, [queryClient, messageId]);

  useEffect(() => {
    return logger.subscribe((event) => {
      if (!messageId || event.request.internetMessageId !== messageId) return;
      const customer = latest.current.find((c) => c.organization.id === event.request.organizationId);
      const stillQueued = () => latest.current.some((c) => logger.isQueued(messageId, c.organization.id));
      if (event.type === 'dropped') {
        setError(event.error);
        setPhase('failed');
        return;
      }
      if (event.type === 'settled-elsewhere') {
        // the lookup's `logged` list will say who logged it; the button is back if nobody did
        setPhase((current) => (current === 'queued' && !stillQueued() ? 'ready' : current));
        void queryClient.invalidateQueries({ queryKey: lookupKeys(messageId) });
        return;
      }
      setEntries((list) => [...list, loggedEntryOf(event.response, customer?.organization.name ?? '')]);
      setPhase(stillQueued() ? 'queued' : 'logged');
      logged(event.response);
    });
  }, [logger, messageId, queryClient, logged]);

  const mutation = useMutation({
    mutationFn: async ({ chosen, options }: { chosen: readonly LogTarget[]; options: LogOptions }): Promise<Outcome> => {
      const excerpt = await host.bodyExcerpt(EXCERPT_MAX_LENGTH).catch(() => undefined);
      const user = host.userProfile();
      const jobs = chosen.flatMap((customer) => {
        const request = logRequestFor(item, user, customer, excerpt, undefined, options);
        return request ? [{ customer, outcome: logger.log(request) }] : [];
      });
      const settled = await Promise.allSettled(jobs.map((j) => j.outcome));
      const outcome: Outcome = { logged: [], responses: [], queued: false, attempted: jobs.length, failure: null };
      settled.forEach((result, i) => {
        if (result.status === 'rejected') {
          outcome.failure ??= result.reason instanceof ApiError ? result.reason : new ApiError('network', String(result.reason));
        } else if (result.value.status === 'queued') {
          outcome.queued = true;
        } else {
          outcome.logged.push(loggedEntryOf(result.value.response, jobs[i]!.customer.organization.name));
          outcome.responses.push(result.value.response);
        }
      });
      return outcome;
    },
    onMutate: () => {
      setPhase('logging');
      setError(null);
    },
    onSuccess: ({ logged: done, responses, queued, attempted, failure }) => {
      setEntries((list) => [...list, ...done]);
      setError(failure);
      setPhase(failure ? 'failed' : queued ? 'queued' : attempted > 0 ? 'logged' : 'ready');
      responses.forEach(logged);
    },
    onError: (failure) => {
      setError(failure instanceof ApiError ? failure : new ApiError('network', String(failure)));
      setPhase('failed');
    },
  });
  const { mutateAsync } = mutation;
  const log = useCallback(async (chosen: readonly LogTarget[], options: LogOptions = {}) => {
    await mutateAsync({ chosen, options }).catch(() => undefined); // a failure is the `failed` phase
  }, [mutateAsync]);

  return { phase, entries, error, log };
}
