import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Action, OrganizationListItem } from '../../shared/contract';
import type { Task } from '../../shared/contract-tasks';
import { addDays, todayIn } from '../../addin/src/core/time';
import { ok, createFakeBackend } from './support/fakeBackend';
import { action, carePlan, id, knownContact, lookupOf, mail, me, organization, participant, person, unknown } from './support/fixtures';
import { renderPane } from './support/renderPane';

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: id(), title: 'Soita syksyn kursseista', note: null, organization: { id: id(), name: 'Firma Oy' }, contacts: [],
    dueOn: '2025-03-15', assignee: person('Anna Asiakasvastaava', me.email), createdBy: person('Anna Asiakasvastaava', me.email),
    createdAt: '2025-03-01T08:00:00.000Z', updatedAt: '2025-03-01T08:00:00.000Z', status: 'open', completedAt: null, completedBy: null, actionId: null,
    ...overrides,
  };
}

const page = (items: unknown[]) => ok({ items, page: 1, pageSize: 50, hasMore: false });

describe('acting on a customer from the pane', () => {
  test('logs a call with the mail\'s contact ticked; the card\'s care plan and recent actions show it at once', async () => {
    const user = userEvent.setup();
    const firma = organization();
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') });
    const backend = createFakeBackend(lookupOf([matti]));
    let logged: Action | undefined;
    backend.routes['POST /api/v1/actions'] = (body) => {
      const b = body as Action;
      logged = action({ ...b, organizationId: firma.id, kind: b.kind, occurredAt: b.occurredAt, excerpt: b.excerpt ?? null });
      backend.onLookup = () => ok(lookupOf([{ ...matti, carePlan: carePlan('on_track'), recentActions: [logged!] }]));
      return ok(logged, 201);
    };
    renderPane({ item: mail(), backend });

    const card = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    expect(card.getAllByText('Overdue').length).toBeGreaterThan(0);
    await user.click(card.getByRole('button', { name: 'Log a call or note: Firma Oy' }));
    const form = within(await card.findByRole('form', { name: 'Log an action' }));
    expect((form.getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement).value).toBe('call');
    expect((form.getByRole('checkbox', { name: 'Matti Meikäläinen' }) as HTMLInputElement).checked).toBe(true);
    await user.type(form.getByRole('textbox', { name: /Subject/ }), 'Syksyn koulutustarve');
    await user.type(form.getByRole('textbox', { name: 'Note' }), 'Soittaa takaisin');
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect(await card.findByText('Call was logged.')).toBeTruthy();
    await waitFor(() => expect(card.queryAllByText('Overdue')).toHaveLength(0));
    expect(card.getAllByText('On track').length).toBeGreaterThan(0);
    expect(card.getByText('Syksyn koulutustarve')).toBeTruthy();
    expect(card.queryByRole('form', { name: 'Log an action' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(card.getByRole('button', { name: 'Log a call or note: Firma Oy' })));
    const sent = backend.calls('POST', '/api/v1/actions')[0]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      kind: 'call', subject: 'Syksyn koulutustarve', excerpt: 'Soittaa takaisin', organizationId: firma.id, contactIds: [matti.contact!.id],
    });
    expect(Math.abs(Date.parse(String(sent.occurredAt)) - Date.now())).toBeLessThan(2 * 60_000);
  });

  test('shows the server\'s complaint about a field next to it, in Finnish', async () => {
    const user = userEvent.setup();
    const firma = organization();
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma)]));
    backend.routes['POST /api/v1/actions'] = () => ({
      status: 400,
      body: { error: { code: 'invalid_input', message: 'occurredAt must not be in the future', fields: [{ path: 'occurredAt', message: 'must not be in the future for a call', code: 'future' }] } },
    });
    renderPane({ item: mail(), backend, displayLanguage: 'fi-FI' });

    const card = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    await user.click(card.getByRole('button', { name: 'Kirjaa puhelu tai muistiinpano: Firma Oy' }));
    const form = within(await card.findByRole('form', { name: 'Kirjaa toimenpide' }));
    await user.click(form.getByRole('button', { name: 'Tallenna' }));

    expect(await form.findByText('Tämä aika on tulevaisuudessa.')).toBeTruthy();
    expect(form.getByText('Toimenpidettä ei voitu kirjata: Osa tiedoista on virheellisiä.')).toBeTruthy();
    // an empty subject becomes the kind's name in the user's language
    expect(backend.calls('POST', '/api/v1/actions')[0]!.body).toMatchObject({ subject: 'Puhelu' });
  });

  test('lists the customer\'s open follow-ups, adds one due in two weeks for me, and completes mine only', async () => {
    const user = userEvent.setup();
    const firma = organization();
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma);
    const mine = task({ organization: { id: firma.id, name: firma.name } });
    const bertils = task({ title: 'Tarjous kevääksi', assignee: person('Bertil Bäckström', 'bertil@omnia.fi') });
    let open = [mine, bertils];
    const backend = createFakeBackend(lookupOf([matti]));
    backend.routes['GET /api/v1/tasks'] = () => page(open);
    backend.routes['POST /api/v1/tasks'] = (body) => {
      const created = task({ ...(body as Partial<Task>) });
      open = [...open, created];
      return ok(created, 201);
    };
    backend.routes[`POST /api/v1/tasks/${mine.id}/complete`] = () => {
      open = open.filter((t) => t.id !== mine.id);
      return ok({ task: { ...mine, status: 'done' }, action: null, carePlan: null });
    };
    renderPane({ item: mail(), backend });

    const card = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    const list = within(await card.findByRole('list', { name: 'Open follow-ups' }));
    expect(list.getByText('Due 15/03/2025 · Bertil Bäckström')).toBeTruthy();
    expect(list.queryByRole('button', { name: 'Mark done: Tarjous kevääksi' })).toBeNull();
    expect(backend.calls('GET', '/api/v1/tasks')[0]!.query.get('organizationId')).toBe(firma.id);

    await user.click(card.getByRole('button', { name: 'Add follow-up: Firma Oy' }));
    const form = within(await card.findByRole('form', { name: 'New follow-up' }));
    const due = addDays(todayIn(new Date(), me.timeZone), 14);
    expect((form.getByLabelText(/Due date/) as HTMLInputElement).value).toBe(due);
    expect(form.getByText('Assigned to you')).toBeTruthy();
    await user.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Fill this in.')).toBeTruthy();
    expect(backend.calls('POST', '/api/v1/tasks')).toHaveLength(0);
    await user.type(form.getByRole('textbox', { name: /What to do/ }), 'Soita takaisin');
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect(await card.findByText('Follow-up “Soita takaisin” added.')).toBeTruthy();
    expect(await card.findByText('Soita takaisin')).toBeTruthy();
    expect(backend.calls('POST', '/api/v1/tasks')[0]!.body).toEqual({
      title: 'Soita takaisin', organizationId: firma.id, contactIds: [matti.contact!.id], dueOn: due,
    });

    await user.click(card.getByRole('button', { name: 'Mark done: Soita syksyn kursseista' }));
    expect(await card.findByText('“Soita syksyn kursseista” is done.')).toBeTruthy();
    await waitFor(() => expect(card.queryByRole('button', { name: 'Mark done: Soita syksyn kursseista' })).toBeNull());
    expect(card.getByText('Tarjous kevääksi')).toBeTruthy();
  });
});

describe('unknown sender → an existing customer', () => {
  test('finds the customer by business ID and adds the sender as its contact', async () => {
    const user = userEvent.setup();
    const item = { from: participant('Pekka Pöntinen', 'pekka@gmail.com') };
    const backend = createFakeBackend(lookupOf([unknown('pekka@gmail.com')]));
    const kauppa: OrganizationListItem = {
      ...organization({ name: 'Kauppa Ab' }), businessId: '0737546-2', emailDomains: ['kauppa.fi'], department: null,
      externalIds: {}, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', carePlanStatus: 'on_track', lastActionAt: null,
    };
    backend.routes['GET /api/v1/organizations'] = () => ok({ items: [kauppa], page: 1, pageSize: 8, hasMore: false });
    backend.onCreateContact = (body) => ok({
      id: id(), organizationId: kauppa.id, name: String(body.name), emails: body.emails, phone: null, title: null, classifications: [],
      createdAt: '2025-03-01T12:00:00.000Z', updatedAt: '2025-03-01T12:00:00.000Z',
    }, 201);
    renderPane({ item: mail(item), backend });

    await user.click(await screen.findByRole('button', { name: 'Add contact: Pekka Pöntinen' }));
    const form = within(await screen.findByRole('form', { name: 'Add contact' }));
    await user.type(form.getByRole('searchbox', { name: 'Find a customer (name or business ID)' }), '0737546-2{Enter}');
    expect(await form.findByText('One customer found.')).toBeTruthy();
    expect(backend.calls('GET', '/api/v1/organizations')[0]!.query.get('q')).toBe('0737546-2');
    expect((form.getByRole('combobox', { name: 'Add under' }) as HTMLSelectElement).value).toBe(kauppa.id);
    expect(form.queryByRole('textbox', { name: 'Customer name' })).toBeNull();
    expect(backend.calls('POST', '/api/v1/contacts')).toHaveLength(0); // Enter searched, it did not save
    await user.click(form.getByRole('button', { name: 'Save contact' }));

    await screen.findByText('Pekka Pöntinen was added.');
    expect(backend.calls('POST', '/api/v1/contacts')[0]!.body).toEqual({
      name: 'Pekka Pöntinen', emails: ['pekka@gmail.com'], organizationId: kauppa.id,
    });
  });

  test('management reads the card but is offered no logging or follow-up buttons (their role may not act)', async () => {
    const firma = organization();
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma)]));
    let answered = false;
    backend.routes['GET /api/v1/me'] = () => {
      answered = true;
      return ok({ id: id(), email: me.email, name: me.displayName, role: 'management', department: null });
    };
    renderPane({ item: mail(), backend });

    const card = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    await waitFor(() => expect(answered).toBe(true));
    await waitFor(() => expect(card.queryByRole('button', { name: 'Log a call or note: Firma Oy' })).toBeNull());
    expect(card.queryByRole('button', { name: 'Add follow-up: Firma Oy' })).toBeNull();
    expect(card.getByText('Firma Oy')).toBeTruthy();
  });
});
