/**
 * How pages reach the server: `useApi()` gives the pane's named calls (`pane`) and the generic
 * `http.request({ method, path, query, body, schema })` for a new endpoint; the web app's
 * administration pages add `useAdminApi()`, which the pane's bundle never loads (its schemas are not
 * part of the pane's first load). Pair them with TanStack Query
 * (`useQuery({ queryKey, queryFn: () => admin.rules() })`); never `fetch` in a component.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { paneCalls, type ApiClient } from '../api/client';
import { createHttp, type Http } from '../api/request';
import type { TokenSource } from './tokens';

export interface Api {
  http: Http;
  pane: ApiClient;
}

export function createApi(tokens: TokenSource, fetchFn?: typeof fetch): Api {
  const http = createHttp({ tokens, fetchFn });
  return { http, pane: paneCalls(http) };
}

const ApiContext = createContext<Api | null>(null);

/** Builds the calls from a token source (the web app), or hands on calls built already (the pane's composition root, whose mail logger shares them). */
export type ApiProviderProps = { children: ReactNode } & ({ api: Api } | { tokens: TokenSource; fetchFn?: typeof fetch });

export function ApiProvider(props: ApiProviderProps) {
  const given = 'api' in props ? props.api : null;
  const tokens = 'tokens' in props ? props.tokens : null;
  const fetchFn = 'tokens' in props ? props.fetchFn : undefined;
  const api = useMemo(() => given ?? createApi(tokens!, fetchFn), [given, tokens, fetchFn]);
  return <ApiContext.Provider value={api}>{props.children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiProvider');
  return api;
}
