/** The composition root: wires sign-in, the API calls, the mail logger and the query client to the browser. */
import { outlookAccount } from './auth/outlookAccount';
import { browserFetch } from './api/request';
import type { QueryClient } from '@tanstack/react-query';
import { createApi, type Api } from './core/ApiContext';
import { createQueryClient } from './core/queryClient';
import { createLogQueue } from './queue/logQueue';
import { createMailLogger, type MailLogger } from './queue/mailLogger';
import type { OutlookHost } from './office/types';

/** What the pane talks to the server through: the calls (`useApi()`), the queueing mail logger over the same calls, and the one query client. */
export interface Services {
  api: Api;
  logger: MailLogger;
  queryClient: QueryClient;
}

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The Web Locks API, absent from older web views (the queue then claims with leases). */
function browserLocks(): LockManager | null {
  return (navigator as Partial<Navigator>).locks ?? null;
}

export function createServices(host: OutlookHost): Services {
  const api = createApi(outlookAccount(host), browserFetch);
  const queue = createLogQueue(browserStorage(), { locks: browserLocks(), events: window });
  const logger = createMailLogger({ api: api.pane, queue });
  return { api, logger, queryClient: createQueryClient() };
}
