/**
 * The task pane's named API calls, over the shared `request()` (./request.ts): bearer token,
 * one retry with a fresh token after a 401, every failure an `ApiError`, each answer validated
 * against the shared contract, so components and hooks get typed, trusted data.
 */
import type { z } from 'zod';
import {
  ContactSchema, CreateContactSchema, LogEmailResponseSchema, LookupResponseSchema,
  type Contact, type LogEmailRequest, type LogEmailResponse, type LookupResponse,
} from '../../../shared/contract';
import { accountTokenSource, type TokenSource } from '../core/tokens';
import { createHttp, type Http } from './request';

export type CreateContactRequest = z.input<typeof CreateContactSchema>;

export interface LookupQuery {
  emails: readonly string[];
  messageId?: string | null;
}

export interface ApiClient {
  lookup(query: LookupQuery, signal?: AbortSignal): Promise<LookupResponse>;
  /** Idempotent on the server: the same message and customer never make a second action. */
  logEmail(request: LogEmailRequest, signal?: AbortSignal): Promise<LogEmailResponse>;
  createContact(request: CreateContactRequest, signal?: AbortSignal): Promise<Contact>;
}

export type ApiClientDeps =
  | { fetchFn?: typeof fetch; baseUrl?: string; tokens: TokenSource }
  | { fetchFn?: typeof fetch; baseUrl?: string; getToken: () => Promise<string>; clearToken: () => void };

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const tokens = 'tokens' in deps ? deps.tokens : accountTokenSource(deps);
  return paneCalls(createHttp({ tokens, fetchFn: deps.fetchFn, baseUrl: deps.baseUrl }));
}

export function paneCalls(http: Http): ApiClient {
  return {
    lookup({ emails, messageId }, signal) {
      return http.request({ path: '/lookup', query: { email: emails, messageId }, signal, schema: LookupResponseSchema });
    },
    logEmail(body, signal) {
      return http.request({ method: 'POST', path: '/actions/email', body, signal, schema: LogEmailResponseSchema });
    },
    createContact(body, signal) {
      return http.request({ method: 'POST', path: '/contacts', body, signal, schema: ContactSchema });
    },
  };
}
