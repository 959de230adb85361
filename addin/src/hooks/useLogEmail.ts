/**
 * "Log this mail": ready → logging → logged, or queued (network, 5xx; retried by the
 * logger) or failed (4xx). One request per chosen customer. Queued logs that the logger
 * sends later turn into logged here when they belong to this mail.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { EXCERPT_MAX_LENGTH, type LogEmailResponse, type LoggedEntry } from '../../../shared/contract';
import { useServices } from '../api/ServicesContext';
import { ApiError } from '../api/errors';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';
import { logRequestFor } from '../mail/logRequest';
import type { CustomerOnMail } from '../mail/participants';

export type LogPhase = 'ready' | 'logging' | 'logged' | 'queued' | 'failed';

export interface LogEmailState {
  phase: LogPhase;
  /** What this pane logged (the lookup's `logged` list catches up on reload). */
  entries: LoggedEntry[];
  error: ApiError | null;
  log: (customers: readonly CustomerOnMail[]) => Promise<void>;
}

function entryOf(response: LogEmailResponse, organizationName: string): LoggedEntry {
  const { action } = response;
  return { actionId: action.id, organizationId: action.organizationId, organizationName, loggedBy: action.loggedBy, loggedAt: action.loggedAt };
}

export function useLogEmail(item: MailItem, customers: readonly CustomerOnMail[], onLogged: () => void): LogEmailState {
  const host = useHost();
  const { logger } = useServices();
  const messageId = item.internetMessageId;
  const [phase, setPhase] = useState<LogPhase>(() =>
    messageId && customers.some((c) => logger.isQueued(messageId, c.organization.id)) ? 'queued' : 'ready');
  const [entries, setEntries] = useState<LoggedEntry[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  const latest = useRef({ customers, onLogged });
  useEffect(() => {
    latest.current = { customers, onLogged };
  });

  useEffect(() => {
    mounted.current = true;
    const unsubscribe = logger.subscribe((event) => {
      if (!messageId || event.request.internetMessageId !== messageId) return;
      const customer = latest.current.customers.find((c) => c.organization.id === event.request.organizationId);
      if (event.type === 'dropped') {
        setError(event.error);
        setPhase('failed');
        return;
      }
      setEntries((list) => [...list, entryOf(event.response, customer?.organization.name ?? '')]);
      const stillQueued = latest.current.customers.some((c) => logger.isQueued(messageId, c.organization.id));
      setPhase(stillQueued ? 'queued' : 'logged');
      latest.current.onLogged();
    });
    return () => {
      mounted.current = false;
      unsubscribe();
    };
  }, [logger, messageId]);

  const log = useCallback(
    async (chosen: readonly CustomerOnMail[]) => {
      setPhase('logging');
      setError(null);
      const excerpt = await host.bodyExcerpt(EXCERPT_MAX_LENGTH).catch(() => undefined);
      const user = host.userProfile();
      const jobs = chosen.flatMap((customer) => {
        const request = logRequestFor(item, user, customer, excerpt);
        return request ? [{ customer, outcome: logger.log(request) }] : [];
      });
      const settled = await Promise.allSettled(jobs.map((j) => j.outcome));
      if (!mounted.current) return;
      const logged: LoggedEntry[] = [];
      let queued = false;
      let failure: ApiError | null = null;
      settled.forEach((result, i) => {
        if (result.status === 'rejected') {
          failure ??= result.reason instanceof ApiError ? result.reason : new ApiError('network', String(result.reason));
        } else if (result.value.status === 'queued') {
          queued = true;
        } else {
          logged.push(entryOf(result.value.response, jobs[i]!.customer.organization.name));
        }
      });
      setEntries((list) => [...list, ...logged]);
      setError(failure);
      setPhase(failure ? 'failed' : queued ? 'queued' : jobs.length > 0 ? 'logged' : 'ready');
      if (logged.length > 0) latest.current.onLogged();
    },
    [host, item, logger],
  );

  return { phase, entries, error, log };
}
