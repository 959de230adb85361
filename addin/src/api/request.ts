/**
 * The one way the front end talks to the API (task pane and web app alike): `request()` adds the
 * bearer token from a `TokenSource`, retries once with a fresh token after a 401, turns every
 * failure into an `ApiError` (status, code, `fields`), and validates the answer with the shared
 * zod schema. `download()` fetches a file (CSV exports) the same way and hands back a Blob;
 * `upload()` sends a file with progress; `withProgress()` sends a long operation and reads its
 * progress lines as they come (fetch and the body's ReadableStream), resolving with its result.
 * Components never call `fetch`: they use the named methods
 * of ./client.ts and ./adminApi.ts through hooks.
 */
import type { z } from 'zod';
import { API_PREFIX, ErrorBodySchema } from '../../../shared/contract';
import type { TokenSource } from '../core/tokens';
import { parseProgressLine, PROGRESS_CONTENT_TYPE, type ProgressStep } from '../../../shared/contract-progress';
import { ApiError, errorFromResponse, OperationStoppedError, type SignInProblem } from './errors';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined | ReadonlyArray<string | number>;

export interface RequestOptions<T> {
  method?: Method;
  /** Below /api/v1, such as `/organizations`. */
  path: string;
  /** Appended as the query string; null/undefined values are left out, arrays repeat the key. */
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** What the answer must match; null for answers without a body (204). */
  schema: z.ZodType<T> | null;
  signal?: AbortSignal | undefined;
}

export interface ProgressOptions<T> extends RequestOptions<T> {
  schema: z.ZodType<T>;
  /** Each progress line, as it arrives. */
  onProgress(step: ProgressStep): void;
}

export interface DownloadOptions {
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  signal?: AbortSignal;
}

export interface HttpDeps {
  tokens: TokenSource;
  fetchFn?: typeof fetch;
  /** Origin of the API when it is not the page's own (tests). */
  baseUrl?: string;
}

export interface Http {
  request<T>(options: RequestOptions<T>): Promise<T>;
  /** A long operation (a selection's list operations): its progress told as it comes; the result, or the error with what was done. */
  withProgress<T>(options: ProgressOptions<T>): Promise<T>;
  download(options: DownloadOptions): Promise<Blob>;
  upload(options: { path: string; query?: Readonly<Record<string, QueryValue>>; file: Blob; contentType: string; onProgress?: (sent: number, total: number) => void }): Promise<unknown>;
}

/** The browser's own `fetch`, for the composition roots (pane, web app, sign-in dialog) to hand to the client and the config loader. */
export const browserFetch: typeof fetch = (input, init) => window.fetch(input, init);

export function urlOf(base: string, path: string, query?: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return `${base}${API_PREFIX}${path}${qs ? `${path.includes('?') ? '&' : '?'}${qs}` : ''}`;
}

export function createHttp(deps: HttpDeps): Http {
  const fetchFn: typeof fetch = deps.fetchFn ?? ((input, init) => window.fetch(input, init));
  const base = deps.baseUrl ?? '';

  async function token(forceRefresh: boolean): Promise<string | null> {
    try {
      return await deps.tokens.getToken(forceRefresh ? { forceRefresh } : undefined);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof TypeError) throw new ApiError('network', error.message);
      const { status, signInProblem } = error as { status?: unknown; signInProblem?: SignInProblem };
      const message = error instanceof Error ? error.message : String(error);
      if (typeof status === 'number' && status >= 500) throw new ApiError('http', message, status);
      throw new ApiError('auth', message, typeof status === 'number' ? status : undefined, undefined, [], signInProblem);
    }
  }

  /** Sends once with a token; after a 401, once more with a fresh token if there is a different one. */
  async function withToken<R extends { status: number }>(send: (bearer: string | null) => Promise<R>): Promise<R> {
    const first = await token(false);
    const answer = await send(first);
    if (answer.status !== 401) return answer;
    const fresh = await token(true);
    return fresh && fresh !== first ? send(fresh) : answer;
  }

  async function send(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    try {
      return await fetchFn(url, { ...init, signal });
    } catch (error) {
      if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) throw new ApiError('aborted', 'The request was cancelled');
      throw new ApiError('network', error instanceof Error ? error.message : 'The network request failed');
    }
  }

  const headers = (bearer: string | null, accept: string, json: boolean): Record<string, string> => ({
    accept,
    ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    ...(json ? { 'content-type': 'application/json' } : {}),
  });

  return {
    async request<T>({ method = 'GET', path, query, body, schema, signal }: RequestOptions<T>): Promise<T> {
      const url = urlOf(base, path, query);
      const response = await withToken((bearer) =>
        send(url, { method, headers: headers(bearer, 'application/json', body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) }, signal));
      if (!response.ok) throw await errorFromResponse(response);
      if (response.status === 204 || !schema) return undefined as T;
      const answer: unknown = await response.json().catch(() => undefined);
      const parsed = schema.safeParse(answer);
      if (!parsed.success) throw new ApiError('invalid_response', `The server's answer to ${method} ${path} does not match the contract`, response.status);
      return parsed.data;
    },

    async withProgress<T>({ method = 'POST', path, query, body, schema, signal, onProgress }: ProgressOptions<T>): Promise<T> {
      const url = urlOf(base, path, query);
      const response = await withToken((bearer) =>
        send(url, { method, headers: headers(bearer, `${PROGRESS_CONTENT_TYPE}, application/json;q=0.5`, body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) }, signal));
      if (!response.ok) throw await errorFromResponse(response);
      const invalid = () => new ApiError('invalid_response', `The server's answer to ${method} ${path} does not match the contract`, response.status);
      let outcome: { result: T } | null = null;
      const take = (text: string) => {
        if (!text.trim()) return;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw invalid();
        }
        const parsed = parseProgressLine(raw, schema);
        if (parsed.kind === 'step') onProgress(parsed.step);
        else if (parsed.kind === 'result') outcome = { result: parsed.result };
        else if (parsed.kind === 'error') {
          const { error, stoppedAt } = parsed.error;
          throw stoppedAt ? new OperationStoppedError(error.message, response.status, error.code, stoppedAt) : new ApiError('http', error.message, response.status, error.code, error.fields ?? []);
        } else throw invalid();
      };
      if (!(response.headers.get('content-type') ?? '').includes(PROGRESS_CONTENT_TYPE)) {
        // a server that answers plain JSON: the result at once
        take(JSON.stringify({ result: await response.json().catch(() => undefined) }));
      } else await readLines(response, take);
      if (!outcome) throw invalid();
      return (outcome as { result: T }).result;
    },

    async download({ path, query, signal }) {
      const url = urlOf(base, path, query);
      const response = await withToken((bearer) => send(url, { method: 'GET', headers: headers(bearer, '*/*', false) }, signal));
      if (!response.ok) throw await errorFromResponse(response);
      return response.blob();
    },

    /** XMLHttpRequest: fetch cannot report upload progress. */
    async upload({ path, query, file, contentType, onProgress }) {
      const url = urlOf(base, path, query);
      const xhr = await withToken((bearer) => xhrUpload(url, bearer, file, contentType, onProgress));
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        throw new ApiError('invalid_response', 'The server answered something other than JSON', xhr.status);
      }
      if (xhr.status >= 200 && xhr.status < 300) return json;
      const err = ErrorBodySchema.safeParse(json);
      if (!err.success) throw new ApiError('http', `The server answered ${xhr.status}`, xhr.status);
      throw new ApiError('http', err.data.error.message, xhr.status, err.data.error.code, err.data.error.fields ?? []);
    },
  };
}

/** Hands each line of the answer to `take` as soon as it has arrived whole (the last one without a newline too). */
async function readLines(response: Response, take: (line: string) => void): Promise<void> {
  if (!response.body) {
    for (const l of (await response.text()).split('\n')) take(l);
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      pending += decoder.decode(value, { stream: !done });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) take(l);
      if (done) break;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof ApiError) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw new ApiError('aborted', 'The request was cancelled');
    throw new ApiError('network', error instanceof Error ? error.message : 'The answer stopped before its end');
  } finally {
    reader.releaseLock();
  }
  take(pending);
}

function xhrUpload(url: string, bearer: string | null, file: Blob, contentType: string, onProgress?: (sent: number, total: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (bearer) xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
    xhr.onerror = () => reject(new ApiError('network', 'The network request failed'));
    xhr.onload = () => resolve(xhr);
    xhr.send(file);
  });
}

/** Saves a downloaded Blob under a file name (the browser's download bar). */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
