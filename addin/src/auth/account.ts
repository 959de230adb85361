/**
 * The one module that owns sign-in. `getToken()` returns a bearer token for the API and
 * caches it; `clearToken()` forgets it (the API client does so on a 401 and asks again).
 * The mode comes from the server's `/config.json`: `dev` asks the server's dev endpoint
 * for a token for the signed-in Outlook user; `entra` gets one from Entra ID through MSAL's
 * nested app authentication (./msal.ts), asking for a fresh one after a 401.
 * Tokens are never logged.
 */
import { DevTokenResponseSchema } from '../../../shared/contract';
import type { AppConfig } from '../config/appConfig';
import type { EntraClientSettings, EntraTokenSource } from './msal';

export interface AccountIdentity {
  email: string;
  displayName: string;
}

export interface AccountDeps {
  loadConfig: () => Promise<AppConfig>;
  /** The signed-in Outlook user (from the Office adapter). */
  identity: () => AccountIdentity;
  fetchFn: typeof fetch;
  baseUrl?: string;
  /** Entra ID sign-in for the settings the server publishes (`createEntraTokenSource`); needed in `entra` mode. */
  entra?: (settings: EntraClientSettings) => EntraTokenSource;
}

export interface Account {
  getToken(): Promise<string>;
  clearToken(): void;
}

/** Outside /api/v1: mounted only when the server runs with AUTH_MODE=dev. */
export const DEV_TOKEN_PATH = '/dev/token';

export function createAccount(deps: AccountDeps): Account {
  let config: Promise<AppConfig> | null = null;
  let token: Promise<string> | null = null;
  let entra: EntraTokenSource | null = null;
  /** Set by clearToken: the API refused the last token, so the next one must not come from a cache. */
  let refresh = false;

  async function devToken(): Promise<string> {
    const { email, displayName } = deps.identity();
    const body = displayName.trim() ? { email, name: displayName.trim() } : { email };
    const response = await deps.fetchFn(`${deps.baseUrl ?? ''}${DEV_TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new SignInError(`Dev sign-in failed with status ${response.status}`, response.status);
    return DevTokenResponseSchema.parse(await response.json()).token;
  }

  async function acquire(): Promise<string> {
    config ??= deps.loadConfig().catch((error: unknown) => {
      config = null;
      throw error;
    });
    const settings = await config;
    if (settings.authMode === 'dev') return devToken();
    if (!settings.entra || !deps.entra) throw new SignInError('Entra ID sign-in is not set up on the server');
    entra ??= deps.entra(settings.entra);
    const forceRefresh = refresh;
    refresh = false;
    return entra.getToken({ forceRefresh });
  }

  return {
    getToken() {
      token ??= acquire().catch((error: unknown) => {
        token = null;
        throw error;
      });
      return token;
    },
    clearToken() {
      token = null;
      refresh = true;
    },
  };
}

export class SignInError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'SignInError';
  }
}

let current: Account | null = null;

/** Sets up the pane's account once at start (see `services.ts`). */
export function initializeAccount(deps: AccountDeps): Account {
  current = createAccount(deps);
  return current;
}

export function getToken(): Promise<string> {
  if (!current) return Promise.reject(new SignInError('The account is not initialised'));
  return current.getToken();
}

export function clearToken(): void {
  current?.clearToken();
}
