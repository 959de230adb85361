/**
 * Entra ID tokens for the web app (`/app/`), which run in a normal browser: outside
 * Outlook there is no nested app authentication, so this uses MSAL's standard browser flow
 * from the same lazily loaded bundle as the pane (`/auth/msal.js`):
 *
 *   1. `acquireTokenSilent` for the API scope and the cached account;
 *   2. without a cached account `loginPopup`, and when the silent call needs the user (consent,
 *      MFA, an expired session) `acquireTokenPopup`, both with the API scope.
 *
 * MSAL's popup returns to `/app/` itself (the SPA redirect URI registered for the web app),
 * where `isAuthResponse` tells the page to run MSAL's redirect bridge instead of the app.
 * MSAL comes in as a dependency, which is where the tests mock it. Tokens are never logged.
 */
import type { AccountInfo, AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { authorityOf, EntraSignInError, type BrowserMsalLibrary, type EntraClientSettings, type EntraTokenSource } from './msal';

/** The web app's own address: the SPA redirect URI registered for it (the old /admin.html redirects here). */
export const APP_PAGE_PATH = '/app/';

export interface BrowserTokenSourceDeps {
  settings: EntraClientSettings;
  loadMsal: () => Promise<BrowserMsalLibrary>;
  /** Absolute URL MSAL's popup returns to: `https://<host>/app/`. */
  redirectUri: string;
}

export interface BrowserTokenSource extends EntraTokenSource {
  /** Whether MSAL holds an account from an earlier sign-in (then a token may come without a popup). */
  hasAccount(): Promise<boolean>;
  /** Forgets the account and its tokens in this browser (not a sign-out from Microsoft). */
  signOut(): Promise<void>;
}

export function createBrowserTokenSource(deps: BrowserTokenSourceDeps): BrowserTokenSource {
  const scopes = [deps.settings.scope];
  let started: Promise<IPublicClientApplication> | null = null;

  function client(): Promise<IPublicClientApplication> {
    started ??= deps
      .loadMsal()
      .then((msal) =>
        msal.createStandardPublicClientApplication({
          auth: { clientId: deps.settings.clientId, authority: authorityOf(deps.settings), redirectUri: deps.redirectUri },
          cache: { cacheLocation: 'sessionStorage' },
        }),
      )
      .catch((error: unknown) => {
        started = null;
        throw new EntraSignInError('The sign-in library could not start', error);
      });
    return started;
  }

  const accountOf = (app: IPublicClientApplication): AccountInfo | null => app.getActiveAccount() ?? app.getAllAccounts()[0] ?? null;

  return {
    async getToken({ forceRefresh = false } = {}) {
      const app = await client();
      const account = accountOf(app);
      let result: AuthenticationResult | undefined;
      if (account) {
        try {
          result = await app.acquireTokenSilent({ scopes, account, forceRefresh });
        } catch {
          result = undefined; // the user has to take part: a popup below
        }
      }
      if (!result?.accessToken) {
        try {
          result = account ? await app.acquireTokenPopup({ scopes, account }) : await app.loginPopup({ scopes });
        } catch (error) {
          throw new EntraSignInError('Signing in to Asiakkuus did not succeed', error);
        }
      }
      if (result.account) app.setActiveAccount(result.account);
      return result.accessToken;
    },
    async hasAccount() {
      return accountOf(await client()) !== null;
    },
    async signOut() {
      const app = await client();
      await app.clearCache();
      app.setActiveAccount(null);
    },
  };
}

/** Whether this page load is MSAL's popup (or hidden frame) coming back with Entra ID's answer. */
export function isAuthResponse(location: Pick<Location, 'hash' | 'search'>): boolean {
  return [location.hash, location.search].some((part) => {
    const params = new URLSearchParams(part.replace(/^[#?]/, ''));
    return params.has('state') && (params.has('code') || params.has('error'));
  });
}
