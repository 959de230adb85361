/**
 * The web app's sign-in, chosen by the server's /config.json: `dev` keeps the token the dev
 * sign-in gave in sessionStorage; `entra` gets tokens from Entra ID through MSAL's browser flow
 * (../auth/browser.ts). Either way the rest of the app sees one `TokenSource`.
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { devSignIn } from '../api/devSignIn';
import { browserFetch } from '../api/request';
import { APP_PAGE_PATH, createBrowserTokenSource, type BrowserTokenSource } from '../auth/browser';
import { loadMsal } from '../auth/loadMsal';
import type { EntraClientSettings } from '../auth/msal';
import { loadAppConfig, type AppConfig } from '../config/appConfig';
import type { TokenSource } from '../core/tokens';

export const DEV_TOKEN_KEY = 'asiakkuus.app.token';

export interface SessionDeps {
  /** The server's /config.json (injected in tests). */
  loadConfig?: () => Promise<AppConfig>;
  /** Entra ID sign-in for the published settings (injected in tests). */
  entraSource?: (settings: EntraClientSettings) => BrowserTokenSource;
}

const defaultLoadConfig = () => loadAppConfig(browserFetch);
const defaultEntraSource = (settings: EntraClientSettings) =>
  createBrowserTokenSource({ settings, loadMsal: () => loadMsal(), redirectUri: `${window.location.origin}${APP_PAGE_PATH}` });

function readDevToken(): string | null {
  try {
    return sessionStorage.getItem(DEV_TOKEN_KEY);
  } catch {
    return null;
  }
}

export type Session =
  | { status: 'loading' }
  | { status: 'broken'; problem: string | null }
  | { status: 'signedOut'; mode: 'dev'; signIn: (email: string) => Promise<void> }
  | { status: 'signedOut'; mode: 'entra'; signIn: () => Promise<void> }
  | { status: 'signedIn'; tokens: TokenSource; signOut: () => void };

export function useSession({ loadConfig = defaultLoadConfig, entraSource = defaultEntraSource }: SessionDeps): Session {
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Infinity, retry: 1 });
  const settings = config.data?.authMode === 'entra' ? config.data.entra ?? null : null;
  const entra = useMemo(() => (settings ? entraSource(settings) : null), [settings, entraSource]);
  const [devToken, setDevToken] = useState<string | null>(readDevToken);
  const [entraSignedIn, setEntraSignedIn] = useState<boolean | null>(null);
  useEffect(() => {
    if (!entra) return;
    let live = true;
    entra.hasAccount().then((has) => live && setEntraSignedIn(has), () => live && setEntraSignedIn(false));
    return () => {
      live = false;
    };
  }, [entra]);

  const devTokens = useMemo<TokenSource>(() => ({ getToken: () => Promise.resolve(devToken) }), [devToken]);
  const signInDev = useCallback(async (email: string) => {
    const token = await devSignIn(email);
    sessionStorage.setItem(DEV_TOKEN_KEY, token);
    setDevToken(token);
  }, []);
  const signInEntra = useCallback(async () => {
    await entra?.getToken();
    setEntraSignedIn(true);
  }, [entra]);
  const signOut = useCallback(() => {
    if (entra) void entra.signOut().finally(() => setEntraSignedIn(false));
    else {
      sessionStorage.removeItem(DEV_TOKEN_KEY);
      setDevToken(null);
    }
  }, [entra]);

  if (config.error) return { status: 'broken', problem: config.error.message };
  if (!config.data) return { status: 'loading' };
  if (config.data.authMode === 'entra') {
    if (!entra) return { status: 'broken', problem: null };
    if (entraSignedIn === null) return { status: 'loading' };
    return entraSignedIn ? { status: 'signedIn', tokens: entra, signOut } : { status: 'signedOut', mode: 'entra', signIn: signInEntra };
  }
  return devToken ? { status: 'signedIn', tokens: devTokens, signOut } : { status: 'signedOut', mode: 'dev', signIn: signInDev };
}
