/**
 * The sign-in page of the Office dialog fallback (`/auth/dialog.html`), for Outlook clients
 * without nested app authentication: it signs in with a redirect to Entra ID and, back on
 * this page, hands the access token to the task pane (`messageParent`), which closes it.
 */
import type { Configuration, IPublicClientApplication, RedirectRequest } from '@azure/msal-browser';
import type { AppConfig } from '../config/appConfig';
import { authorityOf, DIALOG_PATH, type DialogMessage } from './msal';

export interface DialogChild {
  ready(): Promise<void>;
  send(message: string): void;
}

export interface SignInDialogDeps {
  createStandardPublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
  child: DialogChild;
  loadConfig(): Promise<AppConfig>;
  location: Pick<Location, 'origin' | 'search'>;
}

export async function runSignInDialog(deps: SignInDialogDeps): Promise<void> {
  await deps.child.ready();
  const answer = (message: DialogMessage) => deps.child.send(JSON.stringify(message));
  try {
    const config = await deps.loadConfig();
    if (config.authMode !== 'entra' || !config.entra) throw new Error('Entra ID sign-in is not configured on the server');
    const app = await deps.createStandardPublicClientApplication({
      auth: { clientId: config.entra.clientId, authority: authorityOf(config.entra), redirectUri: `${deps.location.origin}${DIALOG_PATH}` },
      cache: { cacheLocation: 'sessionStorage' },
    });
    const result = await app.handleRedirectPromise();
    if (result?.accessToken) {
      answer({ status: 'ok', accessToken: result.accessToken, expiresOn: result.expiresOn ? result.expiresOn.getTime() : null });
      return;
    }
    const loginHint = new URLSearchParams(deps.location.search).get('loginHint');
    const request: RedirectRequest = { scopes: [config.entra.scope], ...(loginHint ? { loginHint } : {}) };
    await app.acquireTokenRedirect(request);
  } catch (error) {
    const code = (error as { errorCode?: unknown }).errorCode;
    answer({ status: 'error', message: `Sign-in failed${typeof code === 'string' ? ` (${code})` : ''}` });
  }
}
