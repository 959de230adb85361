/**
 * Tracked conversations in the pane: "Also track this conversation" with a log, a later mail of a
 * tracked conversation logged by itself once ("logged automatically: tracked conversation"),
 * "Stop tracking", and a failed check that says so and leaves logging by hand.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LogEmailRequest } from '../../shared/contract';
import type { TrackedConversation } from '../../shared/contract-conversations';
import { createFakeBackend, ok, type Reply } from './support/fakeBackend';
import { action, carePlan, knownContact, lookupOf, mail, me, organization, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

const anna = person(me.displayName, me.email);
const firma = organization({ name: 'Firma Oy' });
const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') });

function created(request: LogEmailRequest): Reply {
  return ok({
    action: action({
      kind: request.direction === 'in' ? 'email_in' : 'email_out', subject: request.subject, occurredAt: request.occurredAt,
      organizationId: request.organizationId!, internetMessageId: request.internetMessageId, loggedBy: anna, loggedAt: '2025-03-01T12:30:00.000Z',
    }),
    created: true,
    carePlan: carePlan('on_track'),
  }, 201);
}

const tracking = (overrides: Partial<TrackedConversation> = {}): TrackedConversation => ({
  conversationId: 'AAQk-tracked', organizationId: firma.id, organizationName: 'Firma Oy', subject: 'Tarjouspyyntö',
  trackedBy: person('Bertil Bäckström', 'bertil@omnia.fi'), trackedAt: '2025-02-20T09:00:00.000Z', ...overrides,
});

describe('tracked conversations in the pane', () => {
  test('logging with "Also track this conversation" tracks it; the pane then shows the tracking with Stop tracking', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([matti]));
    let tracked: TrackedConversation[] = [];
    backend.routes['POST /api/v1/conversations/match'] = () => ok({ tracked });
    backend.onLogEmail = (request) => {
      if (request.trackConversation) tracked = [tracking({ conversationId: request.conversationId!, trackedBy: anna, trackedAt: '2025-03-01T12:30:00.000Z' })];
      return created(request);
    };
    renderPane({ item: mail({ conversationId: 'AAQk-mine' }), backend });
    await user.click(await screen.findByRole('checkbox', { name: /Also track this conversation/ }));
    await user.click(screen.getByRole('button', { name: 'Log this mail' }));

    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(1));
    expect(backend.calls('POST', '/api/v1/actions/email')[0]!.body).toMatchObject({ conversationId: 'AAQk-mine', trackConversation: true, organizationId: firma.id });
    expect(await screen.findByText(/Conversation tracked for Firma Oy/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop tracking this conversation for Firma Oy' })).toBeTruthy();
  }, 15_000);

  test('a later mail of a tracked conversation is logged by itself, once, in the tracked conversation, and says so', async () => {
    const backend = createFakeBackend(lookupOf([matti]));
    backend.routes['POST /api/v1/conversations/match'] = () => ok({ tracked: [tracking()] });
    backend.onLogEmail = created;
    renderPane({ item: mail({ conversationId: 'AAQk-my-own-id' }), threadReferences: ['<previous@firma.fi>', '<first@firma.fi>'], backend });

    expect(await screen.findByText('Firma Oy: logged automatically: tracked conversation')).toBeTruthy();
    const logs = backend.calls('POST', '/api/v1/actions/email');
    expect(logs).toHaveLength(1);
    expect(logs[0]!.body).toMatchObject({ organizationId: firma.id, conversationId: 'AAQk-tracked', direction: 'in' });
    expect(logs[0]!.body).not.toHaveProperty('trackConversation');
    expect(backend.calls('POST', '/api/v1/conversations/match')[0]!.body).toEqual({ conversationId: 'AAQk-my-own-id', references: ['<previous@firma.fi>', '<first@firma.fi>'] });
    expect(screen.queryByRole('button', { name: 'Log this mail' })).toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(1);
  });

  test('a mail of a tracked conversation that a colleague logged already is not logged again', async () => {
    const backend = createFakeBackend(lookupOf([matti], [{ actionId: 'a'.repeat(24), organizationId: firma.id, organizationName: 'Firma Oy', loggedBy: person('Bertil Bäckström', 'bertil@omnia.fi'), loggedAt: '2025-03-01T10:00:00.000Z' }]));
    backend.routes['POST /api/v1/conversations/match'] = () => ok({ tracked: [tracking()] });
    backend.onLogEmail = created;
    renderPane({ item: mail({ conversationId: 'AAQk-tracked' }), backend });
    expect(await screen.findByText(/Logged by Bertil Bäckström/)).toBeTruthy();
    expect(await screen.findByText(/Conversation tracked for Firma Oy/)).toBeTruthy();
    expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(0);
  });

  test('Stop tracking stops it and says later mails are no longer logged; a failed stop says why', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([matti]));
    let tracked = [tracking()];
    let refuse = true;
    backend.routes['POST /api/v1/conversations/match'] = () => ok({ tracked });
    backend.routes['POST /api/v1/conversations/stop'] = () => {
      if (refuse) return { status: 503, body: { error: { code: 'unavailable', message: 'The database is not available' } } };
      tracked = [];
      return { status: 204 };
    };
    backend.onLogEmail = created;
    renderPane({ item: mail({ conversationId: 'AAQk-tracked' }), backend });
    expect(await screen.findByText('Firma Oy: logged automatically: tracked conversation')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Stop tracking this conversation for Firma Oy' }));
    expect(await screen.findByText('Could not stop tracking: The server had a problem.')).toBeTruthy();
    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Stop tracking this conversation for Firma Oy' }));
    expect(await screen.findByText('Tracking stopped: later mails of this conversation are no longer logged automatically.')).toBeTruthy();
    expect(backend.calls('POST', '/api/v1/conversations/stop').at(-1)!.body).toEqual({ conversationId: 'AAQk-tracked', organizationId: firma.id });
    expect(screen.queryByText(/Conversation tracked for/)).toBeNull();
  }, 20_000);

  test('when the check fails the pane says so, and the mail can still be logged by hand', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([matti]));
    backend.routes['POST /api/v1/conversations/match'] = () => ({ status: 500, body: { error: { code: 'internal', message: 'boom' } } });
    backend.onLogEmail = created;
    renderPane({ item: mail({ conversationId: 'AAQk-x' }), backend });
    expect(await screen.findByText('Could not check whether this conversation is tracked. You can still log the mail.', {}, { timeout: 4_000 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Log this mail' }));
    expect(await screen.findByText(/Logged by Anna Asiakasvastaava/)).toBeTruthy();
  }, 15_000);

  test('in Finnish', async () => {
    const backend = createFakeBackend(lookupOf([matti]));
    backend.routes['POST /api/v1/conversations/match'] = () => ok({ tracked: [tracking()] });
    backend.onLogEmail = created;
    renderPane({ item: mail({ conversationId: 'AAQk-tracked' }), backend, displayLanguage: 'fi-FI' });
    expect(await screen.findByText('Firma Oy: kirjattu automaattisesti: seurattu keskustelu')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Lopeta tämän keskustelun seuranta asiakkaalle Firma Oy' })).toBeTruthy();
  });
});
