import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LogMeetingRequest } from '../../shared/contract';
import { meetingKey } from '../../shared/domain/meetingKey';
import type { AppointmentItem } from '../../addin/src/office/types';
import { createFakeBackend, ok, type Reply } from './support/fakeBackend';
import { action, carePlan, knownContact, loggedEntry, lookupOf, me, organization, participant, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

const anna = person(me.displayName, me.email);
const hour = 3_600_000;
const minute = (offset: number) => new Date(Math.floor((Date.now() + offset) / 60_000) * 60_000).toISOString();

function meeting(overrides: Partial<AppointmentItem> = {}): AppointmentItem {
  return {
    mode: 'read',
    itemId: 'AAMk-anna',
    seriesId: null,
    isSeries: false,
    subject: 'Koulutussuunnitelma 2027',
    start: minute(-2 * hour),
    organizer: participant('Liisa Lehtonen', 'liisa@firma.fi'),
    requiredAttendees: [participant(me.displayName, me.email), participant('Matti', 'matti@firma.fi')],
    optionalAttendees: [participant('Åsa', 'asa@foretag.se')],
    ...overrides,
  };
}

function logged(request: LogMeetingRequest, extra: { rescheduled?: boolean; planned?: boolean } = {}): Reply {
  return ok({
    action: action({ kind: 'meeting', subject: request.subject, occurredAt: request.start, organizationId: request.organizationId, contactIds: request.contactIds ?? [], loggedBy: anna, planned: extra.planned ?? false }),
    created: !extra.rescheduled,
    rescheduled: extra.rescheduled ?? false,
    carePlan: carePlan('on_track'),
  }, extra.rescheduled ? 200 : 201);
}

describe('the pane on a meeting', () => {
  test('recognises the organizer and every attendee but me, asks by the meeting\'s key, and logs it as a meeting on the customer', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const liisa = knownContact('liisa@firma.fi', 'Liisa Lehtonen', firma, { carePlan: carePlan('overdue') });
    const matti = knownContact('matti@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') });
    const backend = createFakeBackend(lookupOf([liisa, matti, { email: 'asa@foretag.se', match: 'none' }]));
    backend.routes['POST /api/v1/actions/meeting'] = (body) => logged(body as LogMeetingRequest);
    const item = meeting();
    renderPane({ appointment: item, backend, body: 'Asialista:  syksyn koulutukset' });

    const people = within(await screen.findByRole('region', { name: 'People at this meeting' }));
    expect(people.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Liisa Lehtonen'), expect.stringContaining('Matti Meikäläinen'), expect.stringContaining('asa@foretag.se'),
    ]);
    const [lookup] = backend.calls('GET', '/api/v1/lookup');
    expect(lookup!.query.getAll('email')).toEqual(['liisa@firma.fi', 'matti@firma.fi', 'asa@foretag.se']);
    expect(lookup!.query.get('meetingKey')).toBe(meetingKey({ organizer: 'liisa@firma.fi', start: item.start, subject: item.subject }));
    expect(lookup!.query.get('itemId')).toBe('AAMk-anna');
    expect(within(screen.getByRole('region', { name: 'Firma Oy' })).getByRole('heading', { name: 'Care plan Overdue' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Log this meeting' }));
    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/meeting')).toHaveLength(1));
    expect(backend.calls('POST', '/api/v1/actions/meeting')[0]!.body).toEqual({
      organizer: 'liisa@firma.fi',
      start: item.start,
      subject: 'Koulutussuunnitelma 2027',
      attendees: [me.email, 'matti@firma.fi', 'asa@foretag.se'],
      organizationId: firma.id,
      contactIds: [liisa.contact!.id, matti.contact!.id],
      excerpt: 'Asialista: syksyn koulutukset',
      itemId: 'AAMk-anna',
    });
    expect(await screen.findByText(/^Logged by Anna Asiakasvastaava on /)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Firma Oy' })).getByRole('heading', { name: 'Care plan On track' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this meeting' })).toBeNull();
  });

  test('a meeting a colleague logged says who, with no button', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('liisa@firma.fi', 'Liisa Lehtonen', firma)], [loggedEntry(firma)]));
    renderPane({ appointment: meeting(), backend });
    expect(await screen.findByText(/^Logged by Bertil Bäckström on /)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this meeting' })).toBeNull();
  });

  test('a meeting still to come says it will be planned, and once logged that it is planned for its time', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('liisa@firma.fi', 'Liisa Lehtonen', firma)]));
    backend.routes['POST /api/v1/actions/meeting'] = (body) => logged(body as LogMeetingRequest, { planned: true });
    renderPane({ appointment: meeting({ start: minute(48 * hour) }), backend });
    expect(await screen.findByText(/^The meeting is still to come/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Log this meeting' }));
    expect(await screen.findByText(/^Logged as planned for .+: it counts for the care plan once it has taken place\.$/)).toBeTruthy();
  });

  test('a meeting this mailbox logged before it moved is logged again at once, which moves its action', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend({ ...lookupOf([knownContact('liisa@firma.fi', 'Liisa Lehtonen', firma)]), moved: [loggedEntry(firma, anna)] });
    backend.routes['POST /api/v1/actions/meeting'] = (body) => logged(body as LogMeetingRequest, { rescheduled: true, planned: true });
    renderPane({ appointment: meeting({ start: minute(72 * hour) }), backend });
    expect(await screen.findByText(/^The meeting was moved: its logged action now says /)).toBeTruthy();
    expect(backend.calls('POST', '/api/v1/actions/meeting')).toHaveLength(1);
  });

  test('the organizer\'s form: the user is not listed among the people, and the log names her as organizer', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('matti@firma.fi', 'Matti', firma)]));
    backend.routes['POST /api/v1/actions/meeting'] = (body) => logged(body as LogMeetingRequest);
    renderPane({ appointment: meeting({ mode: 'compose', organizer: participant(me.displayName, me.email), requiredAttendees: [participant('Matti', 'matti@firma.fi')], optionalAttendees: [], itemId: null }), backend });
    const people = within(await screen.findByRole('region', { name: 'People at this meeting' }));
    expect(people.getAllByRole('listitem')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Log this meeting' }));
    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/meeting')).toHaveLength(1));
    expect(backend.calls('POST', '/api/v1/actions/meeting')[0]!.body).toMatchObject({ organizer: me.email, attendees: ['matti@firma.fi'] });
    expect(backend.calls('POST', '/api/v1/actions/meeting')[0]!.body).not.toHaveProperty('itemId');
  });

  test('the whole recurring series is not logged (its start is only the first occurrence\'s): the pane asks for one occurrence', async () => {
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([knownContact('liisa@firma.fi', 'Liisa Lehtonen', firma)]));
    renderPane({ appointment: meeting({ isSeries: true }), backend });
    expect(await screen.findByText('This is the whole recurring series. Open one occurrence in the calendar to log that meeting.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Log this meeting' })).toBeNull();
    expect(within(await screen.findByRole('region', { name: 'Firma Oy' })).getByRole('heading', { name: /^Care plan/ })).toBeTruthy();
  });
});
