import { createAccount, DEV_TOKEN_PATH, SignInError } from '../../addin/src/auth/account';
import { loadAppConfig } from '../../addin/src/config/appConfig';

type Json = Record<string, unknown>;

function fakeFetch(routes: Record<string, (body: Json | undefined) => { status: number; body?: unknown }>) {
  const calls: { url: string; body: Json | undefined }[] = [];
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Json) : undefined;
    calls.push({ url, body });
    const route = routes[url];
    const reply = route ? route(body) : { status: 404 };
    return { ok: reply.status < 300, status: reply.status, json: async () => reply.body } as Response;
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, calls };
}

const identity = () => ({ email: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava' });

describe('the account module', () => {
  test('in dev mode gets a token for the signed-in Outlook user and reuses it', async () => {
    let issued = 0;
    const { fetchFn, calls } = fakeFetch({
      '/config.json': () => ({ status: 200, body: { authMode: 'dev' } }),
      [DEV_TOKEN_PATH]: () => ({ status: 200, body: { token: `dev-token-${++issued}` } }),
    });
    const account = createAccount({ fetchFn, identity, loadConfig: () => loadAppConfig(fetchFn) });

    await expect(account.getToken()).resolves.toBe('dev-token-1');
    await expect(account.getToken()).resolves.toBe('dev-token-1');

    expect(calls.filter((c) => c.url === DEV_TOKEN_PATH)).toEqual([
      { url: '/dev/token', body: { email: 'anna@omnia.fi', name: 'Anna Asiakasvastaava' } },
    ]);
    expect(calls.filter((c) => c.url === '/config.json')).toHaveLength(1);
  });

  test('after clearToken the next call gets a fresh token', async () => {
    let issued = 0;
    const { fetchFn } = fakeFetch({
      '/config.json': () => ({ status: 200, body: { authMode: 'dev' } }),
      [DEV_TOKEN_PATH]: () => ({ status: 200, body: { token: `dev-token-${++issued}` } }),
    });
    const account = createAccount({ fetchFn, identity, loadConfig: () => loadAppConfig(fetchFn) });

    await account.getToken();
    account.clearToken();

    await expect(account.getToken()).resolves.toBe('dev-token-2');
  });

  test('a failed sign-in is not cached: the next call tries again', async () => {
    let fail = true;
    const { fetchFn } = fakeFetch({
      '/config.json': () => ({ status: 200, body: { authMode: 'dev' } }),
      [DEV_TOKEN_PATH]: () => (fail ? { status: 503 } : { status: 200, body: { token: 'late-token' } }),
    });
    const account = createAccount({ fetchFn, identity, loadConfig: () => loadAppConfig(fetchFn) });

    await expect(account.getToken()).rejects.toMatchObject({ name: 'SignInError', status: 503 });
    fail = false;
    await expect(account.getToken()).resolves.toBe('late-token');
  });

  test('Entra ID mode is configured but not yet available, and says so', async () => {
    const { fetchFn, calls } = fakeFetch({
      '/config.json': () => ({ status: 200, body: { authMode: 'entra', entra: { clientId: 'c1', scope: 'api://asiakkuus/access' } } }),
    });
    const account = createAccount({ fetchFn, identity, loadConfig: () => loadAppConfig(fetchFn) });

    await expect(account.getToken()).rejects.toBeInstanceOf(SignInError);
    expect(calls.map((c) => c.url)).toEqual(['/config.json']);
  });

  test('a config.json of the wrong shape is refused', async () => {
    const { fetchFn } = fakeFetch({ '/config.json': () => ({ status: 200, body: { authMode: 'password' } }) });

    await expect(loadAppConfig(fetchFn)).rejects.toThrow(/config\.json is not valid/);
  });
});
