/**
 * "Log when sent" in the pane (jsdom, the real client over a fake network, a scripted host):
 * the switch registers the draft's send log and writes its token to the draft's header, the
 * customers can be chosen, turning it off cancels, and the client's support is said in words.
 * A read mail that carries a token is matched before the pane offers to log it.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBackend, ok, type FakeBackend, type RecordedRequest, type Reply } from './support/fakeBackend';
import { knownContact, loggedEntry, lookupOf, mail, me, organization, participant, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

const firma = organization({ name: 'Firma Oy' });
const kaupunki = organization({ name: 'Kaupunki' });
const people = [knownContact('matti@firma.fi', 'Matti Meikäläinen', firma), knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', kaupunki)];
const draft = mail({
  mode: 'compose', internetMessageId: null, dateTimeCreated: null, subject: 'Tarjous',
  from: participant(me.displayName, me.email), to: [participant('Matti', 'matti@firma.fi'), participant('Liisa', 'liisa@kaupunki.fi')],
});

/** A backend that also answers `/api/v1/send-logs/<token>[/…]`, whatever the token. */
function withSendLogs(backend: FakeBackend, answer: (r: RecordedRequest, token: string, rest: string) => Reply) {
  const inner = backend.fetch;
  backend.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'https://localhost:3000');
    const m = /^\/api\/v1\/send-logs\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (!m) return inner(input, init);
    const recorded: RecordedRequest = {
      method: init?.method ?? 'GET', path: url.pathname, query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, headers: {},
    };
    backend.requests.push(recorded);
    const { status, body } = answer(recorded, decodeURIComponent(m[1]!), m[2] ?? '');
    return { ok: status < 300, status, json: async () => JSON.parse(JSON.stringify(body ?? null)) } as Response;
  }) as typeof fetch;
  return backend;
}

const view = (organizationIds: string[], state = 'pending') => ok({ id: 'h', state, organizationIds, internetMessageId: null, actions: [], logged: [] });
const sendLogCalls = (backend: FakeBackend) => backend.requests.filter((r) => r.path.startsWith('/api/v1/send-logs/')).map((r) => `${r.method} ${r.path.replace(/send-logs\/[^/]+/, 'send-logs/:token')}`);

describe('Log when sent, while writing', () => {
  test('turning it on registers both customers and writes the token to the draft; unticking one re-registers; turning it off cancels and removes the header', async () => {
    const user = userEvent.setup();
    const backend = withSendLogs(createFakeBackend(lookupOf(people)), (r) => (r.method === 'DELETE' ? { status: 204 } : view((r.body as { organizationIds: string[] }).organizationIds)));
    const { host } = renderPane({ item: draft, backend });

    // the switch is in the forms' chunk: the first test waits for it to load
    const toggle = await screen.findByRole('switch', { name: 'Log when sent' }, { timeout: 10_000 });
    expect(screen.getByRole('checkbox', { name: 'Firma Oy' })).toHaveProperty('checked', true);
    await user.click(toggle);
    expect(await screen.findByText('When you send the mail, it is logged as a sent mail on Firma Oy, Kaupunki.')).toBeTruthy();
    const [put] = backend.requests.filter((r) => r.method === 'PUT');
    expect(put!.body).toEqual({ organizationIds: [firma.id, kaupunki.id], offerIds: [] });
    expect(host.headerToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(put!.path).toBe(`/api/v1/send-logs/${host.headerToken}`);

    await user.click(screen.getByRole('checkbox', { name: 'Kaupunki' }));
    expect(await screen.findByText('When you send the mail, it is logged as a sent mail on Firma Oy.')).toBeTruthy();
    expect(backend.requests.filter((r) => r.method === 'PUT').at(-1)!.body).toEqual({ organizationIds: [firma.id], offerIds: [] });
    // the last customer cannot be unticked while it is on
    expect(screen.getByRole('checkbox', { name: 'Firma Oy' })).toHaveProperty('disabled', true);

    await user.click(toggle);
    await waitFor(() => expect(host.headerToken).toBeNull());
    expect(sendLogCalls(backend)).toEqual(['PUT /api/v1/send-logs/:token', 'PUT /api/v1/send-logs/:token', 'DELETE /api/v1/send-logs/:token']);
    expect(screen.queryByText(/When you send the mail/)).toBeNull();
  });

  test('when the header cannot be written, the log is cancelled again and the pane says so', async () => {
    const user = userEvent.setup();
    const backend = withSendLogs(createFakeBackend(lookupOf(people)), (r) => (r.method === 'DELETE' ? { status: 204 } : view([firma.id])));
    const { host } = renderPane({ item: draft, backend });
    host.setSendLogToken = async () => {
      throw new Error('Internet headers are not available');
    };
    await user.click(await screen.findByRole('switch', { name: 'Log when sent' }));
    expect(await screen.findByText(/^Log when sent could not be changed:/)).toBeTruthy();
    expect(sendLogCalls(backend)).toEqual(['PUT /api/v1/send-logs/:token', 'DELETE /api/v1/send-logs/:token']);
    expect(screen.getByRole('switch', { name: 'Log when sent' })).toHaveProperty('checked', false);
  });

  test('a pane reopened on the draft finds the header and shows the log as it is', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const backend = withSendLogs(createFakeBackend(lookupOf(people)), () => view([kaupunki.id]));
    renderPane({ item: draft, backend, sendLogToken: token });
    expect(await screen.findByText('When you send the mail, it is logged as a sent mail on Kaupunki.')).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Log when sent' })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Firma Oy' })).toHaveProperty('checked', false);
  });

  test('without a send event (Mailbox 1.12) the pane says the mail is logged from Sent Items; without headers (1.8) that the option is not available', async () => {
    const user = userEvent.setup();
    const backend = withSendLogs(createFakeBackend(lookupOf(people)), () => view([firma.id, kaupunki.id]));
    renderPane({ item: draft, backend, sendLogSupport: { headers: true, sendEvent: false } });
    await user.click(await screen.findByRole('switch', { name: 'Log when sent' }));
    expect(await screen.findByText('This Outlook cannot log at the moment of sending: the mail is logged when you open it from Sent Items.')).toBeTruthy();
  });

  test('an Outlook without internet headers is told Log when sent is not available, and offered no switch', async () => {
    renderPane({ item: draft, backend: createFakeBackend(lookupOf(people)), sendLogSupport: { headers: false, sendEvent: false } });
    expect(await screen.findByText('Log when sent is not available in this Outlook. You can log the mail once it has been sent.')).toBeTruthy();
    expect(screen.queryByRole('switch')).toBeNull();
  });
});

describe('the sent copy', () => {
  test('a mail whose headers carry a token is matched, then shown as logged, with no button to log it again', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const sentCopy = mail({ internetMessageId: '<sent@omnia.fi>', from: participant(me.displayName, me.email), to: [participant('Matti', 'matti@firma.fi')] });
    let matched = false;
    const backend = withSendLogs(createFakeBackend(), (r, t, rest) => {
      expect({ t, rest }).toEqual({ t: token, rest: '/match' });
      matched = true;
      expect(r.body).toMatchObject({ internetMessageId: '<sent@omnia.fi>', from: me.email, to: ['matti@firma.fi'] });
      return view([firma.id], 'sent');
    });
    backend.onLookup = () => ok(lookupOf([people[0]!], matched ? [loggedEntry(firma, person(me.displayName, me.email))] : []));
    renderPane({ item: sentCopy, backend, sendLogToken: token });
    expect(await screen.findByText(/^Logged by Anna Asiakasvastaava/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this mail' })).toBeNull();
    expect(backend.calls('GET', '/api/v1/lookup').length).toBeGreaterThanOrEqual(2);
  });
});
