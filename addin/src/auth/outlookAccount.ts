/**
 * The account module set up for an Outlook runtime (the task pane, or the event runtime that runs
 * the on-send handler): the signed-in Outlook user's identity for the dev token, or Entra ID through
 * nested app authentication with the dialog fallback, over the browser's fetch. Both runtimes get
 * their token source here, so they cannot drift apart.
 */
import { browserFetch } from '../api/request';
import { loadAppConfig } from '../config/appConfig';
import { accountTokenSource, type TokenSource } from '../core/tokens';
import { officeSignInHost } from '../office/outlookHost';
import type { UserProfile } from '../office/types';
import { clearToken, getToken, initializeAccount } from './account';
import { loadMsal } from './loadMsal';
import { createEntraTokenSource, DIALOG_PATH } from './msal';

export function outlookAccount(host: { userProfile(): UserProfile }, fetchFn: typeof fetch = browserFetch): TokenSource {
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
  return accountTokenSource({ getToken, clearToken });
}
