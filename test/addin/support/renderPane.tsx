/** Renders the whole task pane on a fake host and a fake network, with the real client and logger. */
import { render } from '@testing-library/react';
import { App } from '../../../addin/src/App';
import { createApi } from '../../../addin/src/core/ApiContext';
import { createQueryClient } from '../../../addin/src/core/queryClient';
import { fixedTokenSource, type TokenSource } from '../../../addin/src/core/tokens';
import { createLogQueue } from '../../../addin/src/queue/logQueue';
import { createMailLogger, type MailLogger } from '../../../addin/src/queue/mailLogger';
import { createFakeBackend, type FakeBackend } from './fakeBackend';
import { createFakeHost, type FakeHost, type FakeHostOptions } from './fakeHost';

export interface PaneOptions extends FakeHostOptions {
  backend?: FakeBackend;
  /** Milliseconds before each retry of a queued log. */
  retryAfterMs?: number;
  /** Runs before the pane renders, like the pane opening (index.tsx flushes the queue). */
  flushQueueOnOpen?: boolean;
  /** Where the API client gets its token (the sign-in seam); a fixed test token by default. */
  tokens?: TokenSource;
}

export interface RenderedPane {
  host: FakeHost;
  backend: FakeBackend;
  logger: MailLogger;
}

const loggers: MailLogger[] = [];
afterEach(() => loggers.splice(0).forEach((l) => l.dispose()));

export function renderPane(options: PaneOptions = {}): RenderedPane {
  const host = createFakeHost(options);
  const backend = options.backend ?? createFakeBackend();
  const api = createApi(options.tokens ?? fixedTokenSource('test-token'), backend.fetch);
  const queue = createLogQueue(window.localStorage, { events: window });
  const logger = createMailLogger({ api: api.pane, queue, backoffMs: () => options.retryAfterMs ?? 60_000 });
  loggers.push(logger);
  if (options.flushQueueOnOpen) void logger.flush();
  render(<App host={host} services={{ api, logger, queryClient: createQueryClient() }} />);
  return { host, backend, logger };
}
