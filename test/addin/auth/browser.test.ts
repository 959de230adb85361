/**
 * Entra ID sign-in of the admin pages in a normal browser, with MSAL mocked at its boundary:
 * the standard client from the lazily loaded bundle, silent first, then a popup.
 */
import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { createBrowserTokenSource, isAuthResponse } from '../../../addin/src/auth/browser';
import { EntraSignInError, type BrowserMsalLibrary } from '../../../addin/src/auth/msal';

const SETTINGS = { clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', tenantId: '11111111-2222-4333-8444-555555555555', scope: 'api://asiakkuus.omnia.fi/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/access_as_user' };
const ACCOUNT = { homeAccountId: 'h', environment: 'login.microsoftonline.com', tenantId: SETTINGS.tenantId, username: 'anna@omnia.fi', localAccountId: 'l' };
const REDIRECT = 'https://asiakkuus.omnia.fi/admin.html';
const result = (accessToken: string): AuthenticationResult => ({ accessToken, account: ACCOUNT, expiresOn: new Date(Date.now() + 3600_000) }) as AuthenticationResult;

function fakeMsal(opts: { account?: boolean; silent?: () => Promise<AuthenticationResult>; popup?: () => Promise<AuthenticationResult> } = {}) {
  const pca = {
    getActiveAccount: jest.fn(() => null),
    getAllAccounts: jest.fn(() => (opts.account === false ? [] : [ACCOUNT])),
    setActiveAccount: jest.fn(),
    acquireTokenSilent: jest.fn(opts.silent ?? (async () => result('silent-token'))),
    acquireTokenPopup: jest.fn(opts.popup ?? (async () => result('popup-token'))),
    loginPopup: jest.fn(async () => result('login-token')),
    clearCache: jest.fn(async () => undefined),
  };
  const library: BrowserMsalLibrary = {
    createStandardPublicClientApplication: jest.fn(async () => pca as unknown as IPublicClientApplication),
    broadcastResponseToMainFrame: jest.fn(async () => undefined),
  };
  const loadMsal = jest.fn(async () => library);
  return { pca, library, loadMsal, source: createBrowserTokenSource({ settings: SETTINGS, loadMsal, redirectUri: REDIRECT }) };
}

describe('Entra ID tokens for the admin pages (standard browser flow)', () => {
  test('silent success: the cached account’s token for the API scope, from the standard client on /admin.html; no popup', async () => {
    const msal = fakeMsal();
    await expect(msal.source.getToken()).resolves.toBe('silent-token');
    expect(msal.library.createStandardPublicClientApplication).toHaveBeenCalledWith({
      auth: { clientId: SETTINGS.clientId, authority: `https://login.microsoftonline.com/${SETTINGS.tenantId}`, redirectUri: REDIRECT },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(msal.pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [SETTINGS.scope], account: ACCOUNT, forceRefresh: false });
    expect(msal.pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(msal.pca.loginPopup).not.toHaveBeenCalled();
    expect(msal.pca.setActiveAccount).toHaveBeenCalledWith(ACCOUNT);
  });

  test('silent fails (interaction required) → acquireTokenPopup with the API scope', async () => {
    const msal = fakeMsal({ silent: async () => { throw Object.assign(new Error('interaction_required'), { errorCode: 'interaction_required' }); } });
    await expect(msal.source.getToken()).resolves.toBe('popup-token');
    expect(msal.pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: [SETTINGS.scope], account: ACCOUNT });
  });

  test('no cached account → loginPopup with the API scope, without a silent attempt', async () => {
    const msal = fakeMsal({ account: false });
    await expect(msal.source.hasAccount()).resolves.toBe(false);
    await expect(msal.source.getToken()).resolves.toBe('login-token');
    expect(msal.pca.acquireTokenSilent).not.toHaveBeenCalled();
    expect(msal.pca.loginPopup).toHaveBeenCalledWith({ scopes: [SETTINGS.scope] });
  });

  test('forceRefresh bypasses MSAL’s cache; MSAL is loaded and the client created once', async () => {
    const msal = fakeMsal();
    await msal.source.getToken();
    await msal.source.getToken({ forceRefresh: true });
    expect(msal.pca.acquireTokenSilent).toHaveBeenLastCalledWith({ scopes: [SETTINGS.scope], account: ACCOUNT, forceRefresh: true });
    expect(msal.loadMsal).toHaveBeenCalledTimes(1);
    expect(msal.library.createStandardPublicClientApplication).toHaveBeenCalledTimes(1);
  });

  test('a closed or blocked popup is a sign-in error', async () => {
    const msal = fakeMsal({
      silent: async () => { throw new Error('interaction_required'); },
      popup: async () => { throw Object.assign(new Error('popup_window_error'), { errorCode: 'popup_window_error' }); },
    });
    await expect(msal.source.getToken()).rejects.toBeInstanceOf(EntraSignInError);
  });

  test('sign-out forgets the account locally', async () => {
    const msal = fakeMsal();
    await msal.source.signOut();
    expect(msal.pca.clearCache).toHaveBeenCalled();
    expect(msal.pca.setActiveAccount).toHaveBeenCalledWith(null);
  });

  test('the popup’s return to /admin.html is recognised (hash or query), ordinary loads are not', () => {
    expect(isAuthResponse({ hash: '#code=abc&state=xyz', search: '' })).toBe(true);
    expect(isAuthResponse({ hash: '', search: '?error=access_denied&state=xyz' })).toBe(true);
    expect(isAuthResponse({ hash: '', search: '' })).toBe(false);
    expect(isAuthResponse({ hash: '#import', search: '?lang=fi' })).toBe(false);
  });
});
