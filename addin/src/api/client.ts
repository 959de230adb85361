/**
 * The pane's one API client. It adds the bearer token, retries once with a fresh token
 * after a 401, turns every failure into an `ApiError`, and validates each answer against
 * the shared contract, so components and hooks get typed, trusted data.
 */
import type { z } from 'zod';
import {
  API_PREFIX, ContactSchema, CreateContactSchema, LogEmailResponseSchema, LookupResponseSchema,
  type Contact, type LogEmailRequest, type LogEmailResponse, type LookupResponse,
} from '../../../shared/contract';
import { ApiError, errorFromResponse } from './errors';

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

export interface ApiClientDeps {
  fetchFn: typeof fetch;
  getToken: () => Promise<string>;
  clearToken: () => void;
  baseUrl?: string;
}

interface Call<T> {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  schema: z.ZodType<T>;
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const base = `${deps.baseUrl ?? ''}${API_PREFIX}`;

  async function token(): Promise<string> {
    try {
      return await deps.getToken();
    } catch (error) {
      if (error instanceof TypeError) throw new ApiError('network', error.message);
      const status = (error as { status?: unknown }).status;
      const message = error instanceof Error ? error.message : String(error);
      throw new ApiError(typeof status === 'number' && status >= 500 ? 'http' : 'auth', message, typeof status === 'number' ? status : undefined);
    }
  }

  async function send(call: Call<unknown>, bearer: string): Promise<Response> {
    try {
      return await deps.fetchFn(`${base}${call.path}`, {
        method: call.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${bearer}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: call.signal,
      });
    } catch (error) {
      if (call.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
        throw new ApiError('aborted', 'The request was cancelled');
      }
      throw new ApiError('network', error instanceof Error ? error.message : 'The network request failed');
    }
  }

  async function request<T>(call: Call<T>): Promise<T> {
    let response = await send(call, await token());
    if (response.status === 401) {
      deps.clearToken();
      response = await send(call, await token());
    }
    if (!response.ok) throw await errorFromResponse(response);
    const body: unknown = await response.json().catch(() => undefined);
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) {
      throw new ApiError('invalid_response', `The server's answer to ${call.method} ${call.path} does not match the contract`, response.status);
    }
    return parsed.data;
  }

  return {
    lookup({ emails, messageId }, signal) {
      const params = new URLSearchParams();
      for (const email of emails) params.append('email', email);
      if (messageId) params.set('messageId', messageId);
      return request({ method: 'GET', path: `/lookup?${params.toString()}`, signal, schema: LookupResponseSchema });
    },
    logEmail(body, signal) {
      return request({ method: 'POST', path: '/actions/email', body, signal, schema: LogEmailResponseSchema });
    },
    createContact(body, signal) {
      return request({ method: 'POST', path: '/contacts', body, signal, schema: ContactSchema });
    },
  };
}
