/**
 * Entra ID tokens for the API through MSAL's nested app authentication (NAA): Outlook, already
 * signed in, brokers the token, so the user types nothing.
 *
 *   1. `acquireTokenSilent` for the API's own scope (`api://<host>/<client-id>/access_as_user`);
 *   2. if that needs the user, `acquireTokenPopup` (Outlook shows its own prompt);
 *   3. where Outlook does not support `NestedAppAuth 1.1` (or NAA cannot start), the Office
 *      dialog API opens our sign-in page (`/auth/dialog.html`), which signs in with a redirect
 *      and hands the token back.
 *
 * Outlook on iOS and Android has known NAA failures (public office-js issues), handled so that the
 * pane says what happened instead of waiting for ever:
 *   - `createNestablePublicClientApplication` can hang on Outlook for Android (office-js #4824):
 *     it gets `NAA_START_TIMEOUT_MS`, then the dialog is used;
 *   - a silent request for OpenID scopes only crashes Outlook on iOS and Android (office-js #5001):
 *     the request always carries the API's own scope (a settings scope that is not one is refused);
 *   - Outlook mobile reports NestedAppAuth 1.1 yet the broker's sign-in ends on "Something went
 *     wrong" (office-js #6275; Office-Add-in-samples #932 saw it clear once the old session expired):
 *     on mobile a failed NAA sign-in tries the dialog once, and if that fails too the error says
 *     `mobile_client`, which the pane turns into its own message (fi/sv/en) with a retry.
 *
 * MSAL itself is loaded only in Entra mode (`loadMsal`), so development mode and the pane's
 * first load do not carry it. Everything outside this file (MSAL, the Office host) comes in as
 * a dependency, which is where the tests mock it. Tokens are never logged.
 */
import type { AuthenticationResult, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import type { SignInProblem } from '../api/errors';

/** The part of `@azure/msal-browser` the pane uses. */
export interface MsalLibrary {
  createNestablePublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
}

/** The part the admin pages use in a normal browser (./browser.ts): MSAL's standard flow and its popup redirect bridge. */
export interface BrowserMsalLibrary {
  createStandardPublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
  /** Run on the redirect page inside MSAL's popup (or hidden frame): hands the answer to the opener and closes. */
  broadcastResponseToMainFrame(): Promise<void>;
}

/** Everything /auth/msal.js installs. */
export type MsalBundle = MsalLibrary & BrowserMsalLibrary;

/** What sign-in needs from the Office host (implemented in ../office/outlookHost.ts). */
export interface SignInHost {
  /** Whether Outlook supports nested app authentication (requirement set NestedAppAuth 1.1). */
  supportsNestedAppAuth(): boolean;
  /** Outlook on iOS or Android (where NAA has the known failures above). */
  isMobile(): boolean;
  /** Opens `url` in an Office dialog; resolves with the first message the page sends back. */
  openSignInDialog(url: string): Promise<string>;
}

export interface EntraClientSettings {
  clientId: string;
  /** A tenant id, or `organizations` when several tenants may sign in. */
  tenantId?: string;
  /** The API scope, e.g. `api://asiakkuus.omnia.fi/<client-id>/access_as_user`. */
  scope: string;
}

export interface EntraTokenSourceDeps {
  settings: EntraClientSettings;
  loadMsal: () => Promise<MsalLibrary>;
  host: SignInHost;
  /** Absolute URL of the sign-in dialog page. */
  dialogUrl: string;
  /** The Outlook user's address, so the dialog does not ask which account. */
  loginHint?: () => string | undefined;
  now?: () => number;
  /** How long starting NAA may take before the dialog is used instead (default NAA_START_TIMEOUT_MS). */
  naaStartTimeoutMs?: number;
}

export interface EntraTokenSource {
  /** A token for the API; `forceRefresh` after the API refused the previous one (401). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export class EntraSignInError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
    /** What the pane tells the user (../api/errors.ts); absent: a generic sign-in failure. */
    readonly signInProblem?: SignInProblem,
  ) {
    super(message);
    this.name = 'EntraSignInError';
  }
}

/** Starting NAA longer than this (it can hang on Outlook for Android) falls back to the dialog. */
export const NAA_START_TIMEOUT_MS = 10_000;

/** Scopes that alone make Outlook mobile crash on a silent NAA request (office-js #5001). */
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);

/** MSAL's error for a sign-in the user closed or cancelled. */
const userCancelled = (error: unknown) => (error as { errorCode?: unknown } | null)?.errorCode === 'user_cancelled';

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new EntraSignInError(`No answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What the dialog page sends back to the pane (see ./dialog.ts). */
export type DialogMessage = { status: 'ok'; accessToken: string; expiresOn: number | null } | { status: 'error'; message: string };

export const DIALOG_PATH = '/auth/dialog.html';
/** Office's dialog error when the user closed the window (Office.context.ui.displayDialogAsync). */
export const DIALOG_CLOSED = 12006;
/** A token from the dialog is reused until this long before it expires. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export const authorityOf = (settings: EntraClientSettings): string =>
  `https://login.microsoftonline.com/${settings.tenantId ?? 'organizations'}`;

export function parseDialogMessage(raw: string): DialogMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new EntraSignInError('The sign-in window sent an unreadable answer');
  }
  const v = value as Partial<Record<string, unknown>>;
  if (v?.status === 'ok' && typeof v.accessToken === 'string' && v.accessToken.length > 0) {
    return { status: 'ok', accessToken: v.accessToken, expiresOn: typeof v.expiresOn === 'number' ? v.expiresOn : null };
  }
  if (v?.status === 'error') return { status: 'error', message: typeof v.message === 'string' ? v.message : 'Sign-in failed' };
  throw new EntraSignInError('The sign-in window sent an unexpected answer');
}

export function createEntraTokenSource(deps: EntraTokenSourceDeps): EntraTokenSource {
  const now = deps.now ?? Date.now;
  if (OIDC_SCOPES.has(deps.settings.scope.trim().toLowerCase())) {
    throw new EntraSignInError(`The sign-in scope must be the API's own scope, not "${deps.settings.scope}"`);
  }
  const request = { scopes: [deps.settings.scope] };
  let nested: Promise<IPublicClientApplication | null> | null = null;
  let fromDialog: { token: string; expiresAt: number } | null = null;

  /** The NAA client, or null where Outlook cannot broker tokens (then the dialog is used). */
  async function startNested(): Promise<IPublicClientApplication | null> {
    if (!deps.host.supportsNestedAppAuth()) return null;
    try {
      const msal = await deps.loadMsal();
      const starting = msal.createNestablePublicClientApplication({
        auth: { clientId: deps.settings.clientId, authority: authorityOf(deps.settings) },
      });
      return await withTimeout(starting, deps.naaStartTimeoutMs ?? NAA_START_TIMEOUT_MS);
    } catch {
      return null;
    }
  }

  async function viaNested(app: IPublicClientApplication, forceRefresh: boolean): Promise<string> {
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0] ?? undefined;
    let result: AuthenticationResult | undefined;
    try {
      result = await app.acquireTokenSilent({ ...request, ...(account ? { account } : {}), forceRefresh });
    } catch {
      result = undefined; // consent, MFA or an expired session: ask the user through Outlook
    }
    if (!result?.accessToken) {
      try {
        result = await app.acquireTokenPopup(request);
      } catch (error) {
        if (userCancelled(error)) throw new EntraSignInError('Sign-in was cancelled', error, 'cancelled');
        // Outlook mobile's broker can fail although it reports NAA (office-js #6275): the dialog once.
        if (deps.host.isMobile()) return viaDialog(forceRefresh, 'mobile_client');
        throw new EntraSignInError('Signing in to Asiakkuus did not succeed', error);
      }
    }
    if (result.account) app.setActiveAccount(result.account);
    return result.accessToken;
  }

  /** `onFailure`: what a failed dialog means to the user (on mobile after NAA failed: the client's known problem). */
  async function viaDialog(forceRefresh: boolean, onFailure?: SignInProblem): Promise<string> {
    if (!forceRefresh && fromDialog && fromDialog.expiresAt - EXPIRY_MARGIN_MS > now()) return fromDialog.token;
    fromDialog = null;
    const hint = deps.loginHint?.();
    const url = hint ? `${deps.dialogUrl}?${new URLSearchParams({ loginHint: hint }).toString()}` : deps.dialogUrl;
    let raw: string;
    try {
      raw = await deps.host.openSignInDialog(url);
    } catch (error) {
      const closed = (error as { code?: unknown } | null)?.code === DIALOG_CLOSED;
      throw new EntraSignInError('The sign-in window could not be opened or was closed', error, closed ? 'cancelled' : onFailure ?? (deps.host.isMobile() ? 'mobile_client' : undefined));
    }
    const message = parseDialogMessage(raw);
    if (message.status === 'error') throw new EntraSignInError(message.message, undefined, onFailure);
    fromDialog = { token: message.accessToken, expiresAt: message.expiresOn ?? now() + EXPIRY_MARGIN_MS * 2 };
    return message.accessToken;
  }

  return {
    async getToken({ forceRefresh = false } = {}) {
      nested ??= startNested();
      const app = await nested;
      return app ? viaNested(app, forceRefresh) : viaDialog(forceRefresh);
    },
  };
}
