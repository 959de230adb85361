/**
 * Logs mails through the API and keeps those that fail for network or server reasons in
 * the queue, retrying them with backoff and whenever the pane opens (`flush`). The server
 * is idempotent per message and customer, so a retry never makes a second action.
 * A 4xx answer is final: it is reported, not queued.
 *
 * Several panes share one queue (see ./logQueue.ts). Each send runs under the entry's
 * delivery claim, so only one pane sends an entry at a time; a pane that finds the claim
 * taken leaves the entry to the pane that holds it and looks again later. The entry is
 * written to the queue before the request goes out, so a pane closed while it waits for the
 * answer leaves the log for the next pane rather than losing it.
 */
import type { LogEmailRequest, LogEmailResponse } from '../../../shared/contract';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { queueKey, type LogQueue, type QueuedLog } from './logQueue';

export type LogOutcome = { status: 'logged'; response: LogEmailResponse } | { status: 'queued' };

export type LoggerEvent =
  | { type: 'sent'; key: string; request: LogEmailRequest; response: LogEmailResponse }
  | { type: 'dropped'; key: string; request: LogEmailRequest; error: ApiError }
  /** Another pane sent the queued log (or had it refused): it has left the queue. */
  | { type: 'settled-elsewhere'; key: string; request: LogEmailRequest };

export interface MailLogger {
  /** Sends now; resolves `queued` when it must wait, rejects with the `ApiError` of a final failure. */
  log(request: LogEmailRequest): Promise<LogOutcome>;
  /** Tries every queued entry now (the pane has just opened). */
  flush(): Promise<void>;
  isQueued(internetMessageId: string, organizationId: string): boolean;
  subscribe(listener: (event: LoggerEvent) => void): () => void;
  dispose(): void;
}

export interface MailLoggerDeps {
  api: Pick<ApiClient, 'logEmail'>;
  queue: LogQueue;
  /** Wait before try number `attempt + 1` (attempt ≥ 1). */
  backoffMs?: (attempt: number) => number;
  /** Wait before looking again at an entry that another pane was sending. */
  busyRetryMs?: number;
  now?: () => number;
}

/** 5 s, 10 s, 20 s … up to 5 minutes. */
export const defaultBackoffMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 300_000);

/** What one try came to: `skipped` when another pane holds the entry or has already sent it. */
type Delivery = LogOutcome | { status: 'skipped' };

export function createMailLogger(deps: MailLoggerDeps): MailLogger {
  const { api, queue } = deps;
  const backoffMs = deps.backoffMs ?? defaultBackoffMs;
  const busyRetryMs = deps.busyRetryMs ?? 5_000;
  const now = deps.now ?? Date.now;
  const listeners = new Set<(event: LoggerEvent) => void>();
  const inFlight = new Map<string, Promise<Delivery>>();
  /** Entries another pane was sending, by when to look at them again. */
  const busyUntil = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const emit = (event: LoggerEvent) => listeners.forEach((l) => l(event));
  const dueAt = (entry: QueuedLog) => Math.max(entry.nextAttemptAt, busyUntil.get(entry.key) ?? 0);

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed) return;
    const next = Math.min(...queue.all().filter((e) => !inFlight.has(e.key)).map(dueAt));
    if (!Number.isFinite(next)) return;
    timer = setTimeout(() => {
      timer = null;
      // timers may fire a little early; whatever is not yet due gets a new timer
      void retryDue().then(schedule);
    }, Math.max(0, next - now()));
  }

  /** One try of `key`: the user's `request`, or (null) whatever the queue holds for it. */
  function attempt(key: string, request: LogEmailRequest | null): Promise<Delivery> {
    const running = inFlight.get(key);
    if (running) return running;
    const fromQueue = request === null;
    const sending = queue.claim(key, () => send(key, request)).then((claim): Delivery => {
      if (claim.claimed) {
        busyUntil.delete(key);
        return claim.value;
      }
      busyUntil.set(key, now() + busyRetryMs);
      if (fromQueue) return { status: 'skipped' };
      // another pane is sending this very message and customer: the log waits in the queue,
      // put back should that pane have closed before writing it there
      queue.putIfAbsent({ key, request, attempts: 0, nextAttemptAt: now() });
      return { status: 'queued' };
    });
    inFlight.set(key, sending);
    const settle = () => {
      inFlight.delete(key);
      schedule();
    };
    sending.then(settle, settle);
    return sending;
  }

  /** Runs under the entry's claim: every write to the entry happens here. */
  async function send(key: string, fresh: LogEmailRequest | null): Promise<Delivery> {
    const stored = queue.get(key);
    if (!fresh && !stored) return { status: 'skipped' }; // another pane has sent it meanwhile
    const request = fresh ?? stored!.request;
    const fromQueue = fresh === null;
    if (!fromQueue) queue.put({ key, request, attempts: stored?.attempts ?? 0, nextAttemptAt: now() });
    let response: LogEmailResponse;
    try {
      response = await api.logEmail(request);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
      if (!apiError.retryable) {
        queue.remove(key);
        if (fromQueue) emit({ type: 'dropped', key, request, error: apiError });
        throw apiError;
      }
      const attempts = (queue.get(key)?.attempts ?? stored?.attempts ?? 0) + 1;
      queue.put({ key, request, attempts, nextAttemptAt: now() + backoffMs(attempts) });
      return { status: 'queued' };
    }
    queue.remove(key);
    if (fromQueue) emit({ type: 'sent', key, request, response });
    return { status: 'logged', response };
  }

  async function retry(entries: readonly QueuedLog[]) {
    await Promise.all(entries.map((e) => attempt(e.key, null).catch(() => undefined)));
  }

  function retryDue() {
    return retry(queue.all().filter((e) => dueAt(e) <= now()));
  }

  const unsubscribeQueue = queue.subscribe((change) => {
    busyUntil.delete(change.key);
    if (change.entry === null && change.previous && !inFlight.has(change.key)) {
      emit({ type: 'settled-elsewhere', key: change.key, request: change.previous.request });
    }
    schedule();
  });

  return {
    async log(request) {
      const outcome = await attempt(queueKey(request.internetMessageId, request.organizationId), request);
      return outcome.status === 'skipped' ? { status: 'queued' } : outcome;
    },
    flush: () => retry(queue.all()),
    isQueued: (messageId, organizationId) => queue.get(queueKey(messageId, organizationId)) !== undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      unsubscribeQueue();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
