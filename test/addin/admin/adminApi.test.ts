/** The admin API client asks for a token on every call and, after a 401, retries once with a fresh one. */
import { createAdminApi, type AdminTokenSource } from '../../../addin/src/api/adminApi';

const ME = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Anna', email: 'anna@omnia.fi', role: 'admin', department: null };
/** jsdom has no Response: the part of one the client reads. */
const json = (status: number, body: unknown) => ({ ok: status >= 200 && status < 300, status, json: async () => body }) as unknown as Response;
const unauthorized = () => json(401, { error: { code: 'invalid_token', message: 'The token is not valid' } });

function wire(statuses: number[], tokens: (forceRefresh: boolean) => string | null) {
  const source: AdminTokenSource & { getToken: jest.Mock } = {
    getToken: jest.fn(async (options?: { forceRefresh?: boolean }) => tokens(options?.forceRefresh ?? false)),
  };
  const sent: Array<string | null> = [];
  const fetchFn = jest.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(((init?.headers ?? {}) as Record<string, string>).authorization ?? null);
    const status = statuses.shift() ?? 200;
    return status === 401 ? unauthorized() : json(status, ME);
  }) as unknown as typeof fetch;
  return { api: createAdminApi(source, fetchFn), source, sent };
}

describe('the admin API client and tokens', () => {
  test('asks for a token on each call', async () => {
    let n = 0;
    const w = wire([200, 200], () => `token-${++n}`);
    await w.api.me();
    await w.api.me();
    expect(w.sent).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  test('401 → one retry with a fresh token (cache bypassed)', async () => {
    const w = wire([401, 200], (force) => (force ? 'fresh-token' : 'stale-token'));
    await expect(w.api.me()).resolves.toMatchObject({ email: 'anna@omnia.fi' });
    expect(w.sent).toEqual(['Bearer stale-token', 'Bearer fresh-token']);
    expect(w.source.getToken).toHaveBeenLastCalledWith({ forceRefresh: true });
  });

  test('a second 401 is the answer: no loop', async () => {
    const w = wire([401, 401, 200], (force) => (force ? 'fresh-token' : 'stale-token'));
    await expect(w.api.me()).rejects.toMatchObject({ status: 401 });
    expect(w.sent).toHaveLength(2);
  });

  test('no retry when there is no different token to try (dev mode keeps one token)', async () => {
    const w = wire([401], () => 'dev-token');
    await expect(w.api.me()).rejects.toMatchObject({ status: 401 });
    expect(w.sent).toEqual(['Bearer dev-token']);
  });
});
