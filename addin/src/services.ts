/** The composition root: wires sign-in, the API client and the mail logger to the browser. */
import { initializeAccount, clearToken, getToken } from './auth/account';
import { loadMsal } from './auth/loadMsal';
import { createEntraTokenSource, DIALOG_PATH } from './auth/msal';
import { officeSignInHost } from './office/outlookHost';
import { loadAppConfig } from './config/appConfig';
import { createApiClient } from './api/client';
import { browserFetch } from './api/request';
import { accountTokenSource } from './core/tokens';
import { createLogQueue } from './queue/logQueue';
import { createMailLogger } from './queue/mailLogger';
import type { Services } from './api/ServicesContext';
import type { OutlookHost } from './office/types';

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
  const fetchFn = browserFetch;
  initializeAccount({
    fetchFn,
    loadConfig: () => loadAppConfig(fetchFn),
    identity: () => {
      const { email, displayName } = host.userProfile();
      return { email, displayName };
    },
    entra: (settings) =>
      createEntraTokenSource({
        settings,
        loadMsal: () => loadMsal(),
        host: officeSignInHost(),
        dialogUrl: new URL(DIALOG_PATH, window.location.origin).href,
        loginHint: () => host.userProfile().email || undefined,
      }),
  });
  const api = createApiClient({ fetchFn, tokens: accountTokenSource({ getToken, clearToken }) });
  const queue = createLogQueue(browserStorage(), { locks: browserLocks(), events: window });
  const logger = createMailLogger({ api, queue });
  return { api, logger };
}
