import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LookupResponse } from '../../shared/contract';
import { createFakeBackend, ok, type Reply } from './support/fakeBackend';
import { carePlan, knownContact, lookupOf, mail, me, organization, participant, unknown } from './support/fixtures';
import { renderPane } from './support/renderPane';

const fromFirma = mail({ internetMessageId: '<first@firma.fi>', subject: 'First' });
const fromKunta = mail({ internetMessageId: '<second@kaupunki.fi>', subject: 'Second', from: participant('Liisa Virtanen', 'liisa@kaupunki.fi') });

function lookupByAddress(answers: Record<string, LookupResponse>) {
  return ({ emails }: { emails: string[] }): Reply => ok(answers[emails[0]!] ?? lookupOf([]));
}

describe('pinned pane', () => {
  test('follows the selected item when the user moves to another mail', async () => {
    const backend = createFakeBackend();
    backend.onLookup = lookupByAddress({
      'matti.meikalainen@firma.fi': lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', organization({ name: 'Firma Oy' }))]),
      'liisa@kaupunki.fi': lookupOf([knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', organization({ name: 'Kaupunki', segment: 'B', customerGroup: 'public' }))]),
    });
    const { host } = renderPane({ item: fromFirma, backend });
    await screen.findByText('Contact at Firma Oy');

    act(() => host.selectItem(fromKunta));

    expect(await screen.findByText('Contact at Kaupunki')).toBeTruthy();
    expect(screen.queryByText('Contact at Firma Oy')).toBeNull();
    expect(backend.calls('GET', '/api/v1/lookup').map((r) => r.query.get('messageId'))).toEqual(['<first@firma.fi>', '<second@kaupunki.fi>']);
  });

  test('back on a mail seen a moment ago, shows its people at once and asks the server again in the background', async () => {
    const backend = createFakeBackend();
    const answers = lookupByAddress({
      'matti.meikalainen@firma.fi': lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', organization({ name: 'Firma Oy' }))]),
      'liisa@kaupunki.fi': lookupOf([knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', organization({ name: 'Kaupunki' }))]),
    });
    backend.onLookup = answers;
    const { host } = renderPane({ item: fromFirma, backend });
    await screen.findByText('Contact at Firma Oy');
    act(() => host.selectItem(fromKunta));
    await screen.findByText('Contact at Kaupunki');

    let answerAgain: ((reply: Reply) => void) | null = null;
    backend.onLookup = () => new Promise((resolve) => (answerAgain = resolve));
    act(() => host.selectItem(fromFirma));

    // the cached answer, while the server has not answered again yet
    expect(await screen.findByText('Contact at Firma Oy')).toBeTruthy();
    await waitFor(() => expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(3));
    expect(screen.queryByText('Loading…')).toBeNull();
    const changed = lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', organization({ name: 'Firma Oyj' }))]);
    await act(async () => answerAgain!(ok(changed)));
    expect(await screen.findByText('Contact at Firma Oyj')).toBeTruthy();
  });

  test('with no item selected (a pinned pane between items), asks the user to select a mail', async () => {
    const { host } = renderPane({ item: fromFirma, backend: createFakeBackend(lookupOf([unknown('matti.meikalainen@firma.fi')])) });
    await screen.findByText('Unknown');

    act(() => host.selectItem(null));

    expect(await screen.findByText('Select a mail to see who is on it.')).toBeTruthy();
  });

  test('a late answer for the previous mail never overwrites the current one', async () => {
    const backend = createFakeBackend();
    const pending: Record<string, (reply: Reply) => void> = {};
    backend.onLookup = ({ emails }) => new Promise((resolve) => (pending[emails[0]!] = resolve));
    const { host } = renderPane({ item: fromFirma, backend });
    await waitFor(() => expect(pending['matti.meikalainen@firma.fi']).toBeDefined());

    act(() => host.selectItem(fromKunta));
    await waitFor(() => expect(pending['liisa@kaupunki.fi']).toBeDefined());
    await act(async () => {
      pending['liisa@kaupunki.fi']!(ok(lookupOf([knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', organization({ name: 'Kaupunki' }))])));
    });
    expect(await screen.findByText('Contact at Kaupunki')).toBeTruthy();

    await act(async () => {
      pending['matti.meikalainen@firma.fi']!(ok(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', organization({ name: 'Firma Oy' }))])));
    });

    expect(screen.queryByText('Contact at Firma Oy')).toBeNull();
    expect(screen.getByText('Contact at Kaupunki')).toBeTruthy();
    const [first] = backend.calls('GET', '/api/v1/lookup');
    expect(first!.query.get('messageId')).toBe('<first@firma.fi>');
  });
});

describe('compose mode', () => {
  const draft = mail({
    mode: 'compose', internetMessageId: null, dateTimeCreated: null, subject: '',
    from: participant(me.displayName, me.email), to: [], cc: [],
  });

  test('recognises recipients as they are added and shows their segment and care-plan status while writing', async () => {
    const backend = createFakeBackend();
    backend.onLookup = lookupByAddress({
      'liisa@kaupunki.fi': lookupOf([knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', organization({ name: 'Kaupunki', segment: 'B' }), { carePlan: carePlan('overdue') })]),
    });
    const { host } = renderPane({ item: draft, backend });
    expect(await screen.findByText('Nobody else is on this mail.')).toBeTruthy();
    expect(screen.getByText('The mail can be logged once it has been sent.')).toBeTruthy();

    act(() => host.editDraft({ to: [participant('Liisa Virtanen', 'liisa@kaupunki.fi')] }));

    const customer = within(await screen.findByRole('region', { name: 'Kaupunki' }));
    expect(customer.getByRole('heading', { name: 'Care plan Overdue' })).toBeTruthy();
    expect(screen.getAllByText('B customer').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Log this mail' })).toBeNull();
  });

  test('where the client cannot report recipient changes, a refresh button reads them again', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    backend.onLookup = lookupByAddress({ 'liisa@kaupunki.fi': lookupOf([unknown('liisa@kaupunki.fi')]) });
    const { host } = renderPane({ item: draft, backend, supportsRecipientsChanged: false });
    await screen.findByText('Nobody else is on this mail.');

    host.editDraft({ to: [participant('Liisa Virtanen', 'liisa@kaupunki.fi')] }); // nobody listens
    expect(screen.queryByText('Liisa Virtanen')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Refresh recipients' }));

    expect(await screen.findByText('Liisa Virtanen')).toBeTruthy();
  });
});
