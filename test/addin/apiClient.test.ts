import { createApiClient } from '../../addin/src/api/client';
import { ApiError } from '../../addin/src/api/errors';
import { NETWORK_DOWN, createFakeBackend, ok } from './support/fakeBackend';
import { knownContact, lookupOf } from './support/fixtures';

function clientOn(backend = createFakeBackend(), tokens = ['first-token', 'second-token']) {
  const issued = [...tokens];
  const account = { getToken: jest.fn(async () => issued[0]!), clearToken: jest.fn(() => void issued.shift()) };
  return { client: createApiClient({ fetchFn: backend.fetch, ...account }), backend, account };
}

describe('the API client', () => {
  test('sends the bearer token and returns the answer validated against the contract', async () => {
    const answer = lookupOf([knownContact('matti@firma.fi', 'Matti')]);
    const { client, backend } = clientOn(createFakeBackend(answer));

    await expect(client.lookup({ emails: ['matti@firma.fi', 'liisa@firma.fi'], messageId: '<m@x>' })).resolves.toEqual(answer);
    const [request] = backend.requests;
    expect(request!.headers.authorization).toBe('Bearer first-token');
    expect(request!.query.getAll('email')).toEqual(['matti@firma.fi', 'liisa@firma.fi']);
  });

  test('after a 401 it forgets the token, gets a new one and tries once more', async () => {
    const { client, backend, account } = clientOn();
    let calls = 0;
    backend.onLookup = () => (++calls === 1 ? { status: 401, body: { error: { code: 'unauthorized', message: 'expired' } } } : ok(lookupOf([])));

    await expect(client.lookup({ emails: ['a@firma.fi'] })).resolves.toEqual(lookupOf([]));
    expect(account.clearToken).toHaveBeenCalledTimes(1);
    expect(backend.requests.map((r) => r.headers.authorization)).toEqual(['Bearer first-token', 'Bearer second-token']);
  });

  test('a second 401 is not retried again', async () => {
    const { client, backend } = clientOn();
    backend.onLookup = () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'no' } } });

    await expect(client.lookup({ emails: ['a@firma.fi'] })).rejects.toMatchObject({ kind: 'http', status: 401, code: 'unauthorized' });
    expect(backend.requests).toHaveLength(2);
  });

  test('an answer that breaks the contract is an error, not data', async () => {
    const { client, backend } = clientOn();
    backend.onLookup = () => ok({ people: [{ email: 'a@firma.fi', match: 'maybe' }], logged: [] });

    await expect(client.lookup({ emails: ['a@firma.fi'] })).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  test('the server\'s error body is kept: code, message and fields; a 4xx is final', async () => {
    const { client, backend } = clientOn();
    backend.onCreateContact = () => ({ status: 400, body: { error: { code: 'invalid_input', message: 'name must not be empty', fields: [{ path: 'name', message: 'must not be empty' }] } } });

    const error = (await client.createContact({ name: '', emails: ['a@firma.fi'], organizationId: 'a'.repeat(24) }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_input', fields: [{ path: 'name', message: 'must not be empty' }] });
    expect(error.retryable).toBe(false);
  });

  test('no answer at all, or a 5xx, may succeed later', async () => {
    const { client, backend } = clientOn();
    backend.onLookup = () => {
      throw NETWORK_DOWN;
    };
    const down = (await client.lookup({ emails: ['a@firma.fi'] }).catch((e: unknown) => e)) as ApiError;
    backend.onLookup = () => ({ status: 502 });
    const badGateway = (await client.lookup({ emails: ['a@firma.fi'] }).catch((e: unknown) => e)) as ApiError;

    expect(down).toMatchObject({ kind: 'network', retryable: true });
    expect(badGateway).toMatchObject({ kind: 'http', status: 502, retryable: true });
  });

  test('a cancelled request says so', async () => {
    const { client } = clientOn();
    const controller = new AbortController();
    controller.abort();

    await expect(client.lookup({ emails: ['a@firma.fi'] }, controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
