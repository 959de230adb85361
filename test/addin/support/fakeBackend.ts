/**
 * The network boundary for component tests: a `fetch` that answers the API routes from
 * scripted handlers and records every request. Nothing else is faked: the real API client
 * (with its contract validation) and the real mail logger run on top of it.
 */
import type { LogEmailRequest, LookupResponse } from '../../../shared/contract';
import { DEFAULT_PIPELINE_STAGES } from '../../../shared/contract-sales';

export interface Reply {
  status: number;
  body?: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

type Handler<Q> = (request: Q, recorded: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeBackend {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  onLookup: Handler<{ emails: string[]; messageId: string | null }>;
  onLogEmail: Handler<LogEmailRequest>;
  onCreateContact: Handler<Record<string, unknown>>;
  /**
   * Any other route, by `METHOD /path` (`POST /api/v1/actions`, `GET /api/v1/tasks`); a customer's
   * open tasks answer an empty page and the pipeline's stages the defaults unless a test says otherwise.
   */
  routes: Record<string, Handler<unknown>>;
  /** Requests to one route. */
  calls(method: string, path: string): RecordedRequest[];
}

/** An error the way `fetch` reports an unreachable server. */
export const NETWORK_DOWN = Symbol('network down');

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

export function createFakeBackend(lookup: LookupResponse = { people: [], logged: [], moved: [] }): FakeBackend {
  const backend: FakeBackend = {
    requests: [],
    onLookup: () => ok(lookup),
    onLogEmail: () => ({ status: 500, body: { error: { code: 'internal', message: 'no handler' } } }),
    onCreateContact: () => ({ status: 500, body: { error: { code: 'internal', message: 'no handler' } } }),
    routes: {
      'GET /api/v1/tasks': () => ok({ items: [], page: 1, pageSize: 50, hasMore: false }),
      'POST /api/v1/conversations/match': () => ok({ tracked: [] }),
      'GET /api/v1/pipeline/stages': () => ok({ version: 0, stages: DEFAULT_PIPELINE_STAGES }),
    },
    calls: (method, path) => backend.requests.filter((r) => r.method === method && r.path === path),
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'https://localhost:3000');
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      const recorded: RecordedRequest = {
        method, path: url.pathname, query: url.searchParams, body, headers: { ...(init?.headers as Record<string, string>) },
      };
      backend.requests.push(recorded);
      if (init?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      let reply: Reply | typeof NETWORK_DOWN;
      try {
        reply = await route(recorded);
      } catch (error) {
        if (error === NETWORK_DOWN) throw new TypeError('Failed to fetch');
        throw error;
      }
      if (init?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return response(reply as Reply);
    }) as typeof fetch,
  };

  function route(r: RecordedRequest): Reply | Promise<Reply> {
    if (r.method === 'GET' && r.path === '/api/v1/lookup') {
      return backend.onLookup({ emails: r.query.getAll('email'), messageId: r.query.get('messageId') }, r);
    }
    if (r.method === 'POST' && r.path === '/api/v1/actions/email') return backend.onLogEmail(r.body as LogEmailRequest, r);
    if (r.method === 'POST' && r.path === '/api/v1/contacts') return backend.onCreateContact(r.body as Record<string, unknown>, r);
    const other = backend.routes[`${r.method} ${r.path}`];
    if (other) return other(r.body, r);
    return { status: 404, body: { error: { code: 'not_found', message: `${r.method} ${r.path} was not found` } } };
  }

  return backend;
}

/** jsdom has no `Response`; the client needs only these members. */
function response({ status, body }: Reply): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return JSON.parse(JSON.stringify(body));
    },
    // a download (an offer's PDF): a text body as its bytes
    blob: async () => new Blob([typeof body === 'string' ? body : JSON.stringify(body ?? null)]),
  } as Response;
}
