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
 * MSAL itself is loaded only in Entra mode (`loadMsal`), so development mode and the pane's
 * first load do not carry it. Everything outside this file (MSAL, the Office host) comes in as
 * a dependency, which is where the tests mock it. Tokens are never logged.
 */
import type { AuthenticationResult, Configuration, IPublicClientApplication } from '@azure/msal-browser';

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
}

export interface EntraTokenSource {
  /** A token for the API; `forceRefresh` after the API refused the previous one (401). */
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export class EntraSignInError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'EntraSignInError';
  }
}

/** What the dialog page sends back to the pane (see ./dialog.ts). */
export type DialogMessage = { status: 'ok'; accessToken: string; expiresOn: number | null } | { status: 'error'; message: string };

export const DIALOG_PATH = '/auth/dialog.html';
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
  const request = { scopes: [deps.settings.scope] };
  let nested: Promise<IPublicClientApplication | null> | null = null;
  let fromDialog: { token: string; expiresAt: number } | null = null;

  /** The NAA client, or null where Outlook cannot broker tokens (then the dialog is used). */
  async function startNested(): Promise<IPublicClientApplication | null> {
    if (!deps.host.supportsNestedAppAuth()) return null;
    try {
      const msal = await deps.loadMsal();
      return await msal.createNestablePublicClientApplication({
        auth: { clientId: deps.settings.clientId, authority: authorityOf(deps.settings) },
      });
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
        throw new EntraSignInError('Signing in to Asiakkuus did not succeed', error);
      }
    }
    if (result.account) app.setActiveAccount(result.account);
    return result.accessToken;
  }

  async function viaDialog(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && fromDialog && fromDialog.expiresAt - EXPIRY_MARGIN_MS > now()) return fromDialog.token;
    fromDialog = null;
    const hint = deps.loginHint?.();
    const url = hint ? `${deps.dialogUrl}?${new URLSearchParams({ loginHint: hint }).toString()}` : deps.dialogUrl;
    let raw: string;
    try {
      raw = await deps.host.openSignInDialog(url);
    } catch (error) {
      throw new EntraSignInError('The sign-in window could not be opened or was closed', error);
    }
    const message = parseDialogMessage(raw);
    if (message.status === 'error') throw new EntraSignInError(message.message);
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
