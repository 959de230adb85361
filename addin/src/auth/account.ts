/**
 * The one module that owns sign-in. `getToken()` returns a bearer token for the API and
 * caches it; `clearToken()` forgets it (the API client does so on a 401 and asks again).
 * The mode comes from the server's `/config.json`: `dev` asks the server's dev endpoint
 * for a token for the signed-in Outlook user; `entra` is the seam for MSAL (a later issue).
 * Tokens are never logged.
 */
import { DevTokenResponseSchema } from '../../../shared/contract';
import type { AppConfig } from '../config/appConfig';

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
    const { authMode } = await config;
    if (authMode === 'dev') return devToken();
    throw new SignInError('Entra ID sign-in is not available in this version');
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
