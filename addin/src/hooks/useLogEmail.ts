/**
 * "Log this mail": ready → logging → logged, or queued (network, 5xx; retried by the
 * logger) or failed (4xx). One request per chosen customer. Queued logs that the logger
 * sends later turn into logged here when they belong to this mail. Each answer goes to
 * `onLogged` (it carries the customer's new care plan); when another pane settles a log of
 * this mail, `onLoggedElsewhere` asks for the news.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { EXCERPT_MAX_LENGTH, type LogEmailResponse, type LoggedEntry } from '../../../shared/contract';
import { loggedEntryOf } from '../mail/logAnswer';
import { useServices } from '../api/ServicesContext';
import { ApiError } from '../api/errors';
import { useHost } from '../office/HostContext';
import type { MailItem } from '../office/types';
import { logRequestFor } from '../mail/logRequest';
import type { CustomerOnMail } from '../mail/participants';

export type LogPhase = 'ready' | 'logging' | 'logged' | 'queued' | 'failed';

export interface LogEmailState {
  phase: LogPhase;
  /** What this pane logged. */
  entries: LoggedEntry[];
  error: ApiError | null;
  log: (customers: readonly CustomerOnMail[]) => Promise<void>;
}

export interface LogEmailCallbacks {
  /** The server's answer to one log of this mail. */
  onLogged: (response: LogEmailResponse) => void;
  /** Another pane has sent (or had refused) a queued log of this mail. */
  onLoggedElsewhere: () => void;
}

export function useLogEmail(item: MailItem, customers: readonly CustomerOnMail[], callbacks: LogEmailCallbacks): LogEmailState {
  const host = useHost();
  const { logger } = useServices();
  const messageId = item.internetMessageId;
  const [phase, setPhase] = useState<LogPhase>(() =>
    messageId && customers.some((c) => logger.isQueued(messageId, c.organization.id)) ? 'queued' : 'ready');
  const [entries, setEntries] = useState<LoggedEntry[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  const latest = useRef({ customers, callbacks });
  useEffect(() => {
    latest.current = { customers, callbacks };
  });

  useEffect(() => {
    mounted.current = true;
    const unsubscribe = logger.subscribe((event) => {
      if (!messageId || event.request.internetMessageId !== messageId) return;
      const customer = latest.current.customers.find((c) => c.organization.id === event.request.organizationId);
      const stillQueued = () => latest.current.customers.some((c) => logger.isQueued(messageId, c.organization.id));
      if (event.type === 'dropped') {
        setError(event.error);
        setPhase('failed');
        return;
      }
      if (event.type === 'settled-elsewhere') {
        // the lookup's `logged` list will say who logged it; the button is back if nobody did
        setPhase((current) => (current === 'queued' && !stillQueued() ? 'ready' : current));
        latest.current.callbacks.onLoggedElsewhere();
        return;
      }
      setEntries((list) => [...list, loggedEntryOf(event.response, customer?.organization.name ?? '')]);
      setPhase(stillQueued() ? 'queued' : 'logged');
      latest.current.callbacks.onLogged(event.response);
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
      const responses: LogEmailResponse[] = [];
      let queued = false;
      let failure: ApiError | null = null;
      settled.forEach((result, i) => {
        if (result.status === 'rejected') {
          failure ??= result.reason instanceof ApiError ? result.reason : new ApiError('network', String(result.reason));
        } else if (result.value.status === 'queued') {
          queued = true;
        } else {
          logged.push(loggedEntryOf(result.value.response, jobs[i]!.customer.organization.name));
          responses.push(result.value.response);
        }
      });
      setEntries((list) => [...list, ...logged]);
      setError(failure);
      setPhase(failure ? 'failed' : queued ? 'queued' : jobs.length > 0 ? 'logged' : 'ready');
      responses.forEach((response) => latest.current.callbacks.onLogged(response));
    },
    [host, item, logger],
  );

  return { phase, entries, error, log };
}
