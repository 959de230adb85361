/**
 * Logs mails through the API and keeps those that fail for network or server reasons in
 * the queue, retrying them with backoff and whenever the pane opens (`flush`). The server
 * is idempotent per message and customer, so a retry never makes a second action.
 * A 4xx answer is final: it is reported, not queued.
 */
import type { LogEmailRequest, LogEmailResponse } from '../../../shared/contract';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import { queueKey, type LogQueue } from './logQueue';

export type LogOutcome = { status: 'logged'; response: LogEmailResponse } | { status: 'queued' };

export type LoggerEvent =
  | { type: 'sent'; key: string; request: LogEmailRequest; response: LogEmailResponse }
  | { type: 'dropped'; key: string; request: LogEmailRequest; error: ApiError };

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
  now?: () => number;
}

/** 5 s, 10 s, 20 s … up to 5 minutes. */
export const defaultBackoffMs = (attempt: number) => Math.min(5_000 * 2 ** (attempt - 1), 300_000);

export function createMailLogger(deps: MailLoggerDeps): MailLogger {
  const { api, queue } = deps;
  const backoffMs = deps.backoffMs ?? defaultBackoffMs;
  const now = deps.now ?? Date.now;
  const listeners = new Set<(event: LoggerEvent) => void>();
  const inFlight = new Map<string, Promise<LogOutcome>>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const emit = (event: LoggerEvent) => listeners.forEach((l) => l(event));

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed) return;
    const next = Math.min(...queue.all().filter((e) => !inFlight.has(e.key)).map((e) => e.nextAttemptAt));
    if (!Number.isFinite(next)) return;
    timer = setTimeout(() => {
      timer = null;
      // timers may fire a little early; whatever is not yet due gets a new timer
      void retryDue().then(schedule);
    }, Math.max(0, next - now()));
  }

  function attempt(key: string, request: LogEmailRequest, fromQueue: boolean): Promise<LogOutcome> {
    const running = inFlight.get(key);
    if (running) return running;
    const sending = api.logEmail(request).then(
      (response): LogOutcome => {
        queue.remove(key);
        if (fromQueue) emit({ type: 'sent', key, request, response });
        return { status: 'logged', response };
      },
      (error: unknown): LogOutcome => {
        const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
        if (!apiError.retryable) {
          queue.remove(key);
          if (fromQueue) emit({ type: 'dropped', key, request, error: apiError });
          throw apiError;
        }
        const attempts = (queue.get(key)?.attempts ?? 0) + 1;
        queue.put({ key, request, attempts, nextAttemptAt: now() + backoffMs(attempts) });
        return { status: 'queued' };
      },
    );
    inFlight.set(key, sending);
    const settle = () => {
      inFlight.delete(key);
      schedule();
    };
    sending.then(settle, settle);
    return sending;
  }

  async function retry(entries: ReturnType<LogQueue['all']>) {
    await Promise.all(entries.map((e) => attempt(e.key, e.request, true).catch(() => undefined)));
  }

  function retryDue() {
    return retry(queue.all().filter((e) => e.nextAttemptAt <= now()));
  }

  return {
    log(request) {
      return attempt(queueKey(request.internetMessageId, request.organizationId), request, false);
    },
    flush: () => retry(queue.all()),
    isQueued: (messageId, organizationId) => queue.get(queueKey(messageId, organizationId)) !== undefined,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
