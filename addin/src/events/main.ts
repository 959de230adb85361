/**
 * The event runtime's entry point (commands.html → events/events.js; the manifest names both):
 * binds the on-send handler at load, as Outlook expects, and composes what it needs — the same
 * account module as the pane (the dev token for the Outlook user, or Entra ID through nested app
 * authentication; no sign-in dialog can open during a send, so a sign-in that needs the user
 * leaves the log pending) and the one call of the API client it makes.
 */
import { initializeAccount, clearToken, getToken } from '../auth/account';
import { loadMsal } from '../auth/loadMsal';
import { createEntraTokenSource, DIALOG_PATH } from '../auth/msal';
import { sendReporterCalls } from '../api/client';
import { browserFetch, createHttp } from '../api/request';
import { loadAppConfig } from '../config/appConfig';
import { accountTokenSource } from '../core/tokens';
import { officeSendEventHost, officeSignInHost } from '../office/outlookHost';
import { handleSend } from './onSend';

const host = officeSendEventHost();
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
const reporter = sendReporterCalls(createHttp({ tokens: accountTokenSource({ getToken, clearToken }), fetchFn }));

host.onMessageSend((event) => handleSend(event, { reporter }).then(() => undefined));
