import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBackend } from './support/fakeBackend';
import { domainMatch, knownContact, lookupOf, mail, me, organization, participant, unknown } from './support/fixtures';
import { renderPane } from './support/renderPane';

const personItem = (name: string) => screen.getByText(name).closest('li') as HTMLElement;

describe('people on this mail', () => {
  test('a known contact shows name, title, customer and segment in words; the customer shows group, responsible, backup and classifications', async () => {
    const firma = organization({ name: 'Firma Oy', segment: 'A', customerGroup: 'public' });
    const backend = createFakeBackend(lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma)]));

    renderPane({ item: mail(), backend });

    const matti = await screen.findByText('Matti Meikäläinen');
    const card = within(matti.closest('li') as HTMLElement);
    expect(card.getByText('Koulutuspäällikkö')).toBeTruthy();
    expect(card.getByText('Contact at Firma Oy')).toBeTruthy();
    expect(card.getByText('A – key customer')).toBeTruthy();
    const customer = within(screen.getByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByText('Public sector')).toBeTruthy();
    expect(customer.getByText('Anna Asiakasvastaava')).toBeTruthy();
    expect(customer.getByText('Bertil Bäckström')).toBeTruthy();
    expect(customer.getByText('Metalliala')).toBeTruthy();
    expect(card.queryByRole('button', { name: /add contact/i })).toBeNull();
  });

  test('a person recognised only by the domain of the address is shown as such, with an offer to add the contact', async () => {
    const firma = organization({ name: 'Firma Oy', segment: 'B' });
    renderPane({ item: mail(), backend: createFakeBackend(lookupOf([domainMatch('matti.meikalainen@firma.fi', firma)])) });

    const card = within(await waitForPerson('Matti Meikäläinen'));
    expect(card.getByText('Recognised by domain: Firma Oy')).toBeTruthy();
    expect(card.getByText('B customer')).toBeTruthy();
    expect(card.getByRole('button', { name: 'Add contact: Matti Meikäläinen' })).toBeTruthy();
  });

  test('a person nobody knows is shown as unknown, with an offer to add the contact', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(lookupOf([unknown('matti.meikalainen@firma.fi')])) });

    const card = within(await waitForPerson('Matti Meikäläinen'));
    expect(card.getByText('Unknown')).toBeTruthy();
    expect(card.getByRole('button', { name: 'Add contact: Matti Meikäläinen' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Customers' })).toBeNull();
  });

  test('a colleague on the mail is shown as a colleague by name, with no offer to add a contact or a customer', async () => {
    const colleague = { email: 'mikko.korhonen@omnia.fi', match: 'colleague' as const, colleague: { id: '665f1c2e8a4b3c0012345678', name: 'Mikko Korhonen', email: 'mikko.korhonen@omnia.fi' } };
    renderPane({ item: mail({ from: participant('M. Korhonen', 'mikko.korhonen@omnia.fi') }), backend: createFakeBackend(lookupOf([colleague])) });

    const card = within(await waitForPerson('Mikko Korhonen'));
    expect(card.getByText('Colleague')).toBeTruthy();
    expect(card.queryByText('Unknown')).toBeNull();
    expect(card.queryByRole('button', { name: /add contact/i })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Customers' })).toBeNull();
  });

  test('everyone on from, to and cc is looked up in one call with the message id, the signed-in user left out', async () => {
    const item = mail({
      from: participant('Matti Meikäläinen', 'Matti.Meikalainen@FIRMA.fi'),
      to: [participant(me.displayName, me.email), participant('Liisa', 'liisa@kunta.fi')],
      cc: [participant('Åsa Öberg', 'asa@företag.se'), participant('Matti again', 'matti.meikalainen@firma.fi')],
    });
    const backend = createFakeBackend(lookupOf([
      knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen'),
      unknown('liisa@kunta.fi'),
      unknown('asa@xn--fretag-wxa.se'),
    ]));

    renderPane({ item, backend });

    await screen.findByText('Matti Meikäläinen');
    const lookups = backend.calls('GET', '/api/v1/lookup');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.query.getAll('email')).toEqual(['matti.meikalainen@firma.fi', 'liisa@kunta.fi', 'asa@xn--fretag-wxa.se']);
    expect(lookups[0]!.query.get('messageId')).toBe('<msg-1@firma.fi>');
    expect(lookups[0]!.headers.authorization).toBe('Bearer test-token');
    const people = within(screen.getByRole('region', { name: 'People on this mail' }));
    expect(people.getAllByRole('listitem')).toHaveLength(3);
    expect(people.queryByText(me.displayName)).toBeNull();
    expect(people.getByText('Åsa Öberg')).toBeTruthy();
  });

  test('when the lookup fails, says so and can try again', async () => {
    const backend = createFakeBackend();
    backend.onLookup = () => ({ status: 503, body: { error: { code: 'unavailable', message: 'down' } } });
    const user = userEvent.setup();
    renderPane({ item: mail(), backend });

    expect(await screen.findByText('Could not load customer information: The server had a problem.')).toBeTruthy();
    backend.onLookup = () => ({ status: 200, body: lookupOf([knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen')]) });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Contact at Firma Oy')).toBeTruthy();
  });
});

async function waitForPerson(name: string): Promise<HTMLElement> {
  await screen.findByText(name);
  return personItem(name);
}
