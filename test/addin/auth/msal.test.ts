/**
 * Entra ID sign-in in the pane, with MSAL and the Office host mocked at their boundary:
 * silent first, then Outlook's popup, and the Office dialog where nested app authentication
 * is not supported; the API client asks again once after a 401.
 */
import type { AuthenticationResult, IPublicClientApplication } from '@azure/msal-browser';
import { createAccount } from '../../../addin/src/auth/account';
import { runSignInDialog } from '../../../addin/src/auth/dialog';
import { loadMsal, MSAL_SCRIPT_PATH } from '../../../addin/src/auth/loadMsal';
import { createEntraTokenSource, EntraSignInError, type MsalBundle, type MsalLibrary, type SignInHost } from '../../../addin/src/auth/msal';
import { createApiClient } from '../../../addin/src/api/client';
import type { AppConfig } from '../../../addin/src/config/appConfig';

const SETTINGS = { clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', tenantId: '11111111-2222-4333-8444-555555555555', scope: 'api://asiakkuus.omnia.fi/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/access_as_user' };
const ACCOUNT = { homeAccountId: 'h', environment: 'login.microsoftonline.com', tenantId: SETTINGS.tenantId, username: 'anna@omnia.fi', localAccountId: 'l' };
const result = (accessToken: string): AuthenticationResult => ({ accessToken, account: ACCOUNT, expiresOn: new Date(Date.now() + 3600_000) }) as AuthenticationResult;

class InteractionRequired extends Error {
  errorCode = 'interaction_required';
}

function fakeMsal(behaviour: { silent?: () => Promise<AuthenticationResult>; popup?: () => Promise<AuthenticationResult>; create?: () => Promise<void> } = {}) {
  const pca = {
    getActiveAccount: jest.fn(() => null),
    getAllAccounts: jest.fn(() => []),
    setActiveAccount: jest.fn(),
    acquireTokenSilent: jest.fn(behaviour.silent ?? (async () => result('silent-token'))),
    acquireTokenPopup: jest.fn(behaviour.popup ?? (async () => result('popup-token'))),
  };
  const library: MsalLibrary = {
    createNestablePublicClientApplication: jest.fn(async () => {
      await behaviour.create?.();
      return pca as unknown as IPublicClientApplication;
    }),
  };
  return { pca, library, loadMsal: jest.fn(async () => library) };
}

function fakeHost(opts: { naa?: boolean; mobile?: boolean; dialog?: (url: string) => Promise<string> } = {}) {
  const host: SignInHost & { openSignInDialog: jest.Mock } = {
    supportsNestedAppAuth: () => opts.naa ?? true,
    isMobile: () => opts.mobile ?? false,
    openSignInDialog: jest.fn(opts.dialog ?? (async () => JSON.stringify({ status: 'ok', accessToken: 'dialog-token', expiresOn: Date.now() + 3600_000 }))),
  };
  return host;
}

const DIALOG_URL = 'https://asiakkuus.omnia.fi/auth/dialog.html';

function source(msal: ReturnType<typeof fakeMsal>, host: SignInHost, extra: { naaStartTimeoutMs?: number } = {}) {
  return createEntraTokenSource({ settings: SETTINGS, loadMsal: msal.loadMsal, host, dialogUrl: DIALOG_URL, loginHint: () => 'anna@omnia.fi', ...extra });
}

describe('Entra ID tokens through nested app authentication', () => {
  test('a silent token comes first, for the API’s own scope and the tenant’s authority; no popup, no dialog', async () => {
    const msal = fakeMsal();
    const host = fakeHost();
    await expect(source(msal, host).getToken()).resolves.toBe('silent-token');
    expect(msal.library.createNestablePublicClientApplication).toHaveBeenCalledWith({
      auth: { clientId: SETTINGS.clientId, authority: `https://login.microsoftonline.com/${SETTINGS.tenantId}` },
    });
    expect(msal.pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [SETTINGS.scope], forceRefresh: false });
    expect(msal.pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(host.openSignInDialog).not.toHaveBeenCalled();
  });

  test('when the silent request needs the user, Outlook’s popup asks them, and the account is remembered', async () => {
    const msal = fakeMsal({ silent: async () => Promise.reject(new InteractionRequired('consent_required')) });
    const host = fakeHost();
    await expect(source(msal, host).getToken()).resolves.toBe('popup-token');
    expect(msal.pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: [SETTINGS.scope] });
    expect(msal.pca.setActiveAccount).toHaveBeenCalledWith(ACCOUNT);
    expect(host.openSignInDialog).not.toHaveBeenCalled();
  });

  test('when the popup fails too (the user cancelled), sign-in fails clearly and no dialog opens', async () => {
    const msal = fakeMsal({ silent: async () => Promise.reject(new InteractionRequired()), popup: async () => Promise.reject(new Error('user_cancelled')) });
    const host = fakeHost();
    await expect(source(msal, host).getToken()).rejects.toBeInstanceOf(EntraSignInError);
    expect(host.openSignInDialog).not.toHaveBeenCalled();
  });

  test('the account MSAL knows is used for the silent request, and a refresh can be forced', async () => {
    const msal = fakeMsal();
    msal.pca.getAllAccounts.mockReturnValue([ACCOUNT] as never);
    const tokens = source(msal, fakeHost());
    await tokens.getToken({ forceRefresh: true });
    expect(msal.pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: [SETTINGS.scope], account: ACCOUNT, forceRefresh: true });
  });

  test('MSAL is started once for many calls', async () => {
    const msal = fakeMsal();
    const tokens = source(msal, fakeHost());
    await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
    expect(msal.library.createNestablePublicClientApplication).toHaveBeenCalledTimes(1);
  });
});

describe('the Office dialog fallback', () => {
  test('where NestedAppAuth 1.1 is not supported, the dialog signs in; MSAL is not even loaded in the pane', async () => {
    const msal = fakeMsal();
    const host = fakeHost({ naa: false });
    await expect(source(msal, host).getToken()).resolves.toBe('dialog-token');
    expect(host.openSignInDialog).toHaveBeenCalledWith(`${DIALOG_URL}?loginHint=anna%40omnia.fi`);
    expect(msal.loadMsal).not.toHaveBeenCalled();
  });

  test('where NAA cannot start, the dialog is used too', async () => {
    const msal = fakeMsal({ create: async () => Promise.reject(new Error('nested app auth unavailable')) });
    const host = fakeHost();
    await expect(source(msal, host).getToken()).resolves.toBe('dialog-token');
  });

  test('the dialog’s token is reused until near its expiry, and a forced refresh opens the dialog again', async () => {
    const host = fakeHost({ naa: false });
    const tokens = source(fakeMsal(), host);
    await tokens.getToken();
    await tokens.getToken();
    expect(host.openSignInDialog).toHaveBeenCalledTimes(1);
    await tokens.getToken({ forceRefresh: true });
    expect(host.openSignInDialog).toHaveBeenCalledTimes(2);
  });

  test.each([
    ['the page reports an error', async () => JSON.stringify({ status: 'error', message: 'Sign-in failed (access_denied)' }), /access_denied/],
    ['the user closes the window', async () => Promise.reject(new Error('The sign-in window was closed')), /could not be opened or was closed/],
    ['the answer is not ours', async () => '<html>', /unreadable/],
    ['the answer has no token', async () => JSON.stringify({ status: 'ok', accessToken: '' }), /unexpected/],
  ])('when %s, sign-in fails with a clear error', async (_what, dialog, message) => {
    await expect(source(fakeMsal(), fakeHost({ naa: false, dialog })).getToken()).rejects.toThrow(message);
  });
});

describe('the sign-in dialog page', () => {
  const config: AppConfig = { authMode: 'entra', entra: SETTINGS };

  function page(redirectResult: AuthenticationResult | null, search = '?loginHint=anna%40omnia.fi') {
    const app = { handleRedirectPromise: jest.fn(async () => redirectResult), acquireTokenRedirect: jest.fn(async () => undefined) };
    const sent: string[] = [];
    const create = jest.fn(async () => app as unknown as IPublicClientApplication);
    const run = () => runSignInDialog({
      createStandardPublicClientApplication: create,
      child: { ready: async () => undefined, send: (m) => sent.push(m) },
      loadConfig: async () => config,
      location: { origin: 'https://asiakkuus.omnia.fi', search },
    });
    return { app, sent, create, run };
  }

  test('first visit: redirects to Entra ID for the API scope, with the Outlook user as the hint, back to this page', async () => {
    const p = page(null);
    await p.run();
    expect(p.create).toHaveBeenCalledWith(expect.objectContaining({ auth: expect.objectContaining({ redirectUri: 'https://asiakkuus.omnia.fi/auth/dialog.html' }) }));
    expect(p.app.acquireTokenRedirect).toHaveBeenCalledWith({ scopes: [SETTINGS.scope], loginHint: 'anna@omnia.fi' });
    expect(p.sent).toEqual([]);
  });

  test('back from Entra ID: hands the token to the pane', async () => {
    const p = page(result('redirect-token'));
    await p.run();
    expect(JSON.parse(p.sent[0]!)).toMatchObject({ status: 'ok', accessToken: 'redirect-token' });
    expect(p.app.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  test('a failure is reported to the pane by its code, never with a token', async () => {
    const p = page(null);
    p.app.handleRedirectPromise.mockRejectedValue(Object.assign(new Error('AADSTS50011 … secret'), { errorCode: 'redirect_uri_mismatch' }));
    await p.run();
    expect(JSON.parse(p.sent[0]!)).toEqual({ status: 'error', message: 'Sign-in failed (redirect_uri_mismatch)' });
  });
});

describe('MSAL is loaded on demand', () => {
  afterEach(() => {
    delete window.AsiakkuusMsal;
    document.head.innerHTML = '';
  });

  test('one script tag for any number of callers, resolved with the library it installs', async () => {
    const calls = [loadMsal(), loadMsal()];
    const scripts = document.head.querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.getAttribute('src')).toBe(MSAL_SCRIPT_PATH);
    const library = fakeMsal().library as MsalBundle;
    window.AsiakkuusMsal = library;
    scripts[0]!.dispatchEvent(new Event('load'));
    await expect(Promise.all(calls)).resolves.toEqual([library, library]);
  });
});

describe('the account module and the API client in Entra mode', () => {
  function wire(apiStatuses: number[]) {
    const msal = fakeMsal();
    let issued = 0;
    msal.pca.acquireTokenSilent.mockImplementation(async () => result(`token-${++issued}`));
    const account = createAccount({
      fetchFn: jest.fn() as unknown as typeof fetch,
      identity: () => ({ email: 'anna@omnia.fi', displayName: 'Anna' }),
      loadConfig: async () => ({ authMode: 'entra', entra: SETTINGS }),
      entra: (settings) => createEntraTokenSource({ settings, loadMsal: msal.loadMsal, host: fakeHost(), dialogUrl: DIALOG_URL }),
    });
    const seen: string[] = [];
    const fetchFn = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(String((init?.headers as Record<string, string>).authorization));
      const status = apiStatuses.shift() ?? 200;
      const body = status === 200 ? { id: '0123456789abcdef01234567', organizationId: '0123456789abcdef01234567', name: 'X', emails: [], phone: null, title: null, classifications: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' }
        : { error: { code: 'unauthorized', message: 'The sign-in token is invalid or has expired' } };
      return { ok: status < 300, status, json: async () => body } as Response;
    });
    const api = createApiClient({ fetchFn: fetchFn as unknown as typeof fetch, getToken: () => account.getToken(), clearToken: () => account.clearToken() });
    return { api, msal, seen, fetchFn };
  }
  const contact = { name: 'X', emails: ['x@x-oy.fi'], organizationId: '0123456789abcdef01234567' };

  test('a 401 makes the client ask once more with a freshly forced token, and the call succeeds', async () => {
    const { api, msal, seen } = wire([401, 200]);
    await expect(api.createContact(contact)).resolves.toMatchObject({ name: 'X' });
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(msal.pca.acquireTokenSilent.mock.calls.map((c) => (c as unknown as [{ forceRefresh: boolean }])[0].forceRefresh)).toEqual([false, true]);
  });

  test('a second 401 is not retried again: the call fails as an auth problem after two requests', async () => {
    const { api, fetchFn } = wire([401, 401, 200]);
    await expect(api.createContact(contact)).rejects.toMatchObject({ status: 401 });
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  test('a token is reused while the API accepts it', async () => {
    const { api, msal } = wire([200, 200]);
    await api.createContact(contact);
    await api.createContact(contact);
    expect(msal.pca.acquireTokenSilent).toHaveBeenCalledTimes(1);
  });
});

/** Outlook's broker error page after a failed NAA sign-in on mobile (office-js #6275). */
class BrokerFailure extends Error {
  errorCode = 'unknown_error';
}
class UserCancelled extends Error {
  errorCode = 'user_cancelled';
}
const closedDialog = async (): Promise<string> => Promise.reject(Object.assign(new Error('The sign-in window was closed'), { code: 12006 }));

describe('sign-in on Outlook for iOS and Android, and its known NAA problems', () => {
  test('where NAA works on the phone, the token is silent as on the desktop and no window opens', async () => {
    const msal = fakeMsal();
    const host = fakeHost({ mobile: true });
    await expect(source(msal, host).getToken()).resolves.toBe('silent-token');
    expect(host.openSignInDialog).not.toHaveBeenCalled();
  });

  test('NAA that never finishes starting (Outlook for Android, office-js #4824) gives way to the dialog instead of a pane that waits for ever', async () => {
    const msal = fakeMsal({ create: () => new Promise<void>(() => {}) });
    const host = fakeHost({ mobile: true });
    await expect(source(msal, host, { naaStartTimeoutMs: 30 }).getToken()).resolves.toBe('dialog-token');
    expect(host.openSignInDialog).toHaveBeenCalledWith(`${DIALOG_URL}?loginHint=anna%40omnia.fi`);
  });

  test('NAA reported but the broker fails ("Something went wrong", office-js #6275): the dialog is tried once and signs in', async () => {
    const msal = fakeMsal({ silent: async () => Promise.reject(new InteractionRequired()), popup: async () => Promise.reject(new BrokerFailure('Something went wrong [5objp]')) });
    const host = fakeHost({ mobile: true });
    await expect(source(msal, host).getToken()).resolves.toBe('dialog-token');
    expect(host.openSignInDialog).toHaveBeenCalledTimes(1);
  });

  test('when the dialog fails too, the error names the mobile client problem, for the pane to explain', async () => {
    const msal = fakeMsal({ silent: async () => Promise.reject(new InteractionRequired()), popup: async () => Promise.reject(new BrokerFailure('Something went wrong [5objp]')) });
    const host = fakeHost({ mobile: true, dialog: async () => JSON.stringify({ status: 'error', message: 'AADSTS50011' }) });
    const failure = await source(msal, host).getToken().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EntraSignInError);
    expect((failure as EntraSignInError).signInProblem).toBe('mobile_client');
  });

  test('a user who cancels is told so, and no second window is pushed on them', async () => {
    const msal = fakeMsal({ silent: async () => Promise.reject(new InteractionRequired()), popup: async () => Promise.reject(new UserCancelled('user_cancelled')) });
    const host = fakeHost({ mobile: true });
    const failure = await source(msal, host).getToken().catch((e: unknown) => e);
    expect((failure as EntraSignInError).signInProblem).toBe('cancelled');
    expect(host.openSignInDialog).not.toHaveBeenCalled();
  });

  test('without NAA on the phone, a closed sign-in window is a cancellation, any other failure the mobile problem', async () => {
    const closed = await source(fakeMsal(), fakeHost({ naa: false, mobile: true, dialog: closedDialog })).getToken().catch((e: unknown) => e);
    expect((closed as EntraSignInError).signInProblem).toBe('cancelled');
    const blocked = await source(fakeMsal(), fakeHost({ naa: false, mobile: true, dialog: async () => Promise.reject(new Error('12007')) })).getToken().catch((e: unknown) => e);
    expect((blocked as EntraSignInError).signInProblem).toBe('mobile_client');
  });

  test('the silent request always carries the API scope: OpenID scopes alone crash Outlook mobile (office-js #5001), so they are refused up front', async () => {
    const msal = fakeMsal();
    await source(msal, fakeHost({ mobile: true })).getToken();
    expect(msal.pca.acquireTokenSilent).toHaveBeenCalledWith(expect.objectContaining({ scopes: [SETTINGS.scope] }));
    expect(() => createEntraTokenSource({ settings: { ...SETTINGS, scope: 'openid' }, loadMsal: msal.loadMsal, host: fakeHost(), dialogUrl: DIALOG_URL })).toThrow(EntraSignInError);
  });

  test('the API client carries the sign-in problem to the pane (kind auth, the problem named)', async () => {
    const client = createApiClient({
      fetchFn: jest.fn() as unknown as typeof fetch,
      getToken: async () => Promise.reject(new EntraSignInError('no', undefined, 'mobile_client')),
      clearToken: () => {},
    });
    const failure = await client.lookup({ emails: ['a@b.fi'], messageId: null }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'auth', signInProblem: 'mobile_client' });
  });
});
