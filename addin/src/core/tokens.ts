/**
 * Where the API client gets its bearer token, asked on every call — the one interface the task
 * pane and the web app share. The pane adapts its account module (dev token for the Outlook user,
 * or Entra ID through nested app authentication, ../auth/account.ts); the web app uses the dev
 * token kept after the dev sign-in, or Entra ID through MSAL's browser flow (../auth/browser.ts).
 * `forceRefresh` comes after the API refused the previous token (401); null means not signed in.
 */
export interface TokenSource {
  getToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
}

/** The pane's account module (`getToken`/`clearToken`) as a token source. */
export function accountTokenSource(account: { getToken(): Promise<string>; clearToken(): void }): TokenSource {
  return {
    getToken({ forceRefresh = false } = {}) {
      if (forceRefresh) account.clearToken();
      return account.getToken();
    },
  };
}

/** A token that is known already (the web app's dev sign-in, tests). */
export function fixedTokenSource(token: string | null): TokenSource {
  return { getToken: () => Promise.resolve(token) };
}
