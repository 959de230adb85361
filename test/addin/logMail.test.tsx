import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LogEmailRequest } from '../../shared/contract';
import { NETWORK_DOWN, createFakeBackend, ok, type Reply } from './support/fakeBackend';
import { action, carePlan, domainMatch, knownContact, loggedEntry, lookupOf, mail, me, organization, participant, person } from './support/fixtures';
import { renderPane } from './support/renderPane';
import { createLogQueue } from '../../addin/src/queue/logQueue';

/** What a pane opened now would find in the offline queue. */
const storedQueue = () => createLogQueue(window.localStorage).all();

const anna = person(me.displayName, me.email);

/** The server's answer to a first log of a mail. */
function created(request: LogEmailRequest): Reply {
  return ok({
    action: action({
      kind: request.direction === 'in' ? 'email_in' : 'email_out',
      subject: request.subject,
      occurredAt: request.occurredAt,
      organizationId: request.organizationId!,
      internetMessageId: request.internetMessageId,
      loggedBy: anna,
      loggedAt: '2025-03-01T12:30:00.000Z',
    }),
    created: true,
    carePlan: carePlan('on_track'),
  }, 201);
}

const logButton = () => screen.getByRole('button', { name: 'Log this mail' });

describe('log this mail', () => {
  test('one click logs the mail to the sender\'s customer: ready → logging → logged', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') });
    const backend = createFakeBackend(lookupOf([matti]));
    let answer: (reply: Reply) => void = () => {};
    backend.onLogEmail = () => new Promise((resolve) => (answer = resolve));
    const body = `Hei Anna,\n\n  kiitos tarjouksesta. ${'Pitkä viesti. '.repeat(100)}`;
    const { host } = renderPane({ item: mail({ cc: [participant('Liisa', 'liisa@firma.fi')] }), backend, body });

    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByRole('heading', { name: 'Care plan Overdue' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));

    expect(await screen.findByRole('button', { name: 'Logging…' })).toBeTruthy();
    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(1));
    const [sent] = backend.calls('POST', '/api/v1/actions/email');
    const request = sent!.body as LogEmailRequest;
    expect(request).toEqual({
      internetMessageId: '<msg-1@firma.fi>',
      conversationId: 'conv-1',
      subject: 'Koulutustarjous syksylle',
      occurredAt: '2025-03-01T08:15:00.000Z',
      direction: 'in',
      from: 'matti.meikalainen@firma.fi',
      to: [me.email],
      cc: ['liisa@firma.fi'],
      excerpt: expect.stringMatching(/^Hei Anna, kiitos tarjouksesta\. Pitkä viesti\./),
      organizationId: firma.id,
      contactIds: [matti.contact!.id],
    });
    expect(request.excerpt!.length).toBeLessThanOrEqual(500);
    expect(host.bodyReads).toBe(1);

    answer(created(request));

    expect(await screen.findByText('Logged by Anna Asiakasvastaava on 01/03/2025, 14:30')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /log this mail/i })).toBeNull();
    // the log's answer carries the customer's care plan with this mail counted: the pane shows it and asks nothing more
    expect(customer.getByRole('heading', { name: 'Care plan On track' })).toBeTruthy();
    expect(within(customer.getByRole('list', { name: 'Recent actions' })).getByText('Koulutustarjous syksylle')).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(1);
    expect(customer.getByRole('heading', { name: 'Care plan On track' })).toBeTruthy();
  });

  test('a queued log that is delivered later also updates the care plan from its answer, without a second lookup', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('due_soon') })]));
    backend.onLogEmail = () => {
      throw NETWORK_DOWN;
    };
    renderPane({ item: mail(), backend, retryAfterMs: 50 });
    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByRole('heading', { name: 'Care plan Due soon' })).toBeTruthy();

    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));
    expect(await screen.findByText('Queued, will retry')).toBeTruthy();
    backend.onLogEmail = (request) => created(request);

    expect(await screen.findByText('Logged by Anna Asiakasvastaava on 01/03/2025, 14:30')).toBeTruthy();
    expect(customer.getByRole('heading', { name: 'Care plan On track' })).toBeTruthy();
    expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(1);
  });

  test('a mail the signed-in user sent is logged as outgoing, to the first recipient\'s customer', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma)]));
    backend.onLogEmail = (request) => created(request);
    const item = mail({ from: participant(me.displayName, me.email.toUpperCase()), to: [participant('Matti Meikäläinen', 'matti.meikalainen@firma.fi')] });
    renderPane({ item, backend });

    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));

    await screen.findByText(/^Logged by Anna Asiakasvastaava/);
    const request = backend.calls('POST', '/api/v1/actions/email')[0]!.body as LogEmailRequest;
    expect(request.direction).toBe('out');
    expect(request.organizationId).toBe(firma.id);
  });

  test('a mail already logged by anyone says who logged it and when, instead of offering the button', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf(
      [knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma)],
      [loggedEntry(firma, person('Bertil Bäckström', 'bertil@omnia.fi'), '2025-02-28T23:10:00.000Z')],
    ));
    renderPane({ item: mail(), backend });

    expect(await screen.findByText('Logged by Bertil Bäckström on 01/03/2025, 01:10')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this mail' })).toBeNull();
  });

  test('with several customers on the mail, the sender\'s is chosen by default and each chosen customer gets one action', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const kunta = organization({ name: 'Kaupunki', customerGroup: 'public', segment: 'B' });
    const other = organization({ name: 'Kumppani Ab', customerGroup: 'partner', segment: 'C' });
    const backend = createFakeBackend(lookupOf([
      knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma),
      knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', kunta),
      domainMatch('info@kumppani.fi', other),
    ]));
    backend.onLogEmail = (request) => created(request);
    const item = mail({ to: [participant(me.displayName, me.email), participant('Liisa', 'liisa@kaupunki.fi')], cc: [participant('', 'info@kumppani.fi')] });
    renderPane({ item, backend });

    const choices = within(await screen.findByRole('group', { name: 'Log to these customers' }));
    expect((choices.getByRole('checkbox', { name: 'Firma Oy' }) as HTMLInputElement).checked).toBe(true);
    expect((choices.getByRole('checkbox', { name: 'Kaupunki' }) as HTMLInputElement).checked).toBe(false);
    expect((choices.getByRole('checkbox', { name: 'Kumppani Ab' }) as HTMLInputElement).checked).toBe(false);
    await user.click(choices.getByRole('checkbox', { name: 'Kaupunki' }));
    await user.click(logButton());

    expect(await screen.findByText(/^Firma Oy: logged by Anna Asiakasvastaava/)).toBeTruthy();
    expect(screen.getByText(/^Kaupunki: logged by Anna Asiakasvastaava/)).toBeTruthy();
    const posted = backend.calls('POST', '/api/v1/actions/email').map((r) => (r.body as LogEmailRequest).organizationId);
    expect(posted.sort()).toEqual([firma.id, kunta.id].sort());
  });

  test('with no customer chosen, the button cannot be used and the pane says why', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const kunta = organization({ name: 'Kaupunki' });
    const backend = createFakeBackend(lookupOf([
      knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma),
      knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', kunta),
    ]));
    renderPane({ item: mail({ to: [participant('Liisa', 'liisa@kaupunki.fi')] }), backend });

    await user.click(await screen.findByRole('checkbox', { name: 'Firma Oy' }));
    await user.click(logButton());

    expect(screen.getByText('Choose at least one customer.')).toBeTruthy();
    expect(logButton().getAttribute('aria-disabled')).toBe('true');
    expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(0);
  });

  test('a mail with nobody from a customer on it cannot be logged, and the pane says so', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(lookupOf([{ email: 'matti.meikalainen@firma.fi', match: 'none' }])) });

    expect(await screen.findByText('No customer is on this mail, so there is nothing to log it to.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this mail' })).toBeNull();
  });

  test('a refusal from the server (4xx) is shown as an error and not queued', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen')]));
    backend.onLogEmail = () => ({ status: 422, body: { error: { code: 'unprocessable', message: 'nope' } } });
    const { logger } = renderPane({ item: mail(), backend });

    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));

    expect(await screen.findByText('Could not log the mail: Some information is not valid.')).toBeTruthy();
    expect(screen.queryByText('Queued, will retry')).toBeNull();
    expect(logger.isQueued('<msg-1@firma.fi>', (backend.calls('POST', '/api/v1/actions/email')[0]!.body as LogEmailRequest).organizationId!)).toBe(false);
    expect(logButton()).toBeTruthy();
  });
});

describe('nothing lost', () => {
  test('when the server cannot be reached, the log is queued ("Queued, will retry") and the retry logs it', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma);
    const backend = createFakeBackend(lookupOf([matti]));
    backend.onLogEmail = () => {
      throw NETWORK_DOWN;
    };
    renderPane({ item: mail(), backend, retryAfterMs: 50 });

    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));

    expect(await screen.findByText('Queued, will retry')).toBeTruthy();
    expect(storedQueue().map((e) => e.request.organizationId)).toEqual([firma.id]);

    backend.onLogEmail = (request) => created(request);
    expect(await screen.findByText('Logged by Anna Asiakasvastaava on 01/03/2025, 14:30')).toBeTruthy();
    expect(storedQueue()).toEqual([]);
    expect(screen.queryByText('Queued, will retry')).toBeNull();
  });

  test('a server error (5xx) is queued the same way', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen')]));
    backend.onLogEmail = () => ({ status: 503, body: { error: { code: 'unavailable', message: 'database down' } } });
    renderPane({ item: mail(), backend });

    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));

    expect(await screen.findByText('Queued, will retry')).toBeTruthy();
  });

  test('a log queued in an earlier session is shown as queued and retried when the pane opens', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma);
    const queued: LogEmailRequest = {
      internetMessageId: '<msg-1@firma.fi>', subject: 'Koulutustarjous syksylle', occurredAt: '2025-03-01T08:15:00.000Z',
      direction: 'in', from: 'matti.meikalainen@firma.fi', to: [me.email], cc: [], organizationId: firma.id,
    };
    window.localStorage.setItem('asiakkuus.logQueue.v1', JSON.stringify([
      { key: `<msg-1@firma.fi>\u0000${firma.id}`, request: queued, attempts: 3, nextAttemptAt: Date.now() + 3_600_000 },
    ]));
    const backend = createFakeBackend(lookupOf([matti]));
    let answer: (reply: Reply) => void = () => {};
    backend.onLogEmail = () => new Promise((resolve) => (answer = resolve));

    renderPane({ item: mail(), backend, flushQueueOnOpen: true });

    expect(await screen.findByText('Queued, will retry')).toBeTruthy();
    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(1));
    answer(created(queued));
    expect(await screen.findByText('Logged by Anna Asiakasvastaava on 01/03/2025, 14:30')).toBeTruthy();
  });

  test('when another pane (a popped-out mail, another tab) delivers the queued log of this mail, this pane shows who logged it', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma);
    const queued: LogEmailRequest = {
      internetMessageId: '<msg-1@firma.fi>', subject: 'Koulutustarjous syksylle', occurredAt: '2025-03-01T08:15:00.000Z',
      direction: 'in', from: 'matti.meikalainen@firma.fi', to: [me.email], cc: [], organizationId: firma.id,
    };
    const key = `<msg-1@firma.fi>\u0000${firma.id}`;
    createLogQueue(window.localStorage).put({ key, request: queued, attempts: 2, nextAttemptAt: Date.now() + 3_600_000 });
    const backend = createFakeBackend(lookupOf([matti]));
    renderPane({ item: mail(), backend });
    expect(await screen.findByText('Queued, will retry')).toBeTruthy();

    // the other pane sends it and removes it from the queue; the browser tells this pane
    const item = Object.keys(window.localStorage).find((k) => k.startsWith('asiakkuus.logQueue.v2:'))!;
    const oldValue = window.localStorage.getItem(item);
    window.localStorage.removeItem(item);
    backend.onLookup = () => ok(lookupOf([matti], [loggedEntry(firma, anna)]));
    window.dispatchEvent(new StorageEvent('storage', { key: item, oldValue, newValue: null, storageArea: window.localStorage }));

    expect(await screen.findByText('Logged by Anna Asiakasvastaava on 01/03/2025, 14:30')).toBeTruthy();
    expect(screen.queryByText('Queued, will retry')).toBeNull();
    expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(0);
  });
});
