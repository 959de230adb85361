import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Contact } from '../../shared/contract';
import { createFakeBackend, ok } from './support/fakeBackend';
import { domainMatch, id, knownContact, lookupOf, mail, organization, participant, unknown } from './support/fixtures';
import { renderPane } from './support/renderPane';

function contactFrom(body: Record<string, unknown>, organizationId: string): Contact {
  return {
    id: id(), organizationId, name: String(body.name), emails: body.emails as string[], phone: null,
    title: (body.title as string | undefined) ?? null, classifications: [], language: null, marketingConsent: 'unknown', bouncedAt: null,
    createdAt: '2025-03-01T12:00:00.000Z', updatedAt: '2025-03-01T12:00:00.000Z',
  };
}

describe('unknown sender → add contact', () => {
  test('offers a form prefilled with name and address under a new potential customer; afterwards the pane shows the new contact without a reload', async () => {
    const user = userEvent.setup();
    const item = mail({ from: participant('Pekka Pöntinen', 'Pekka.Pontinen@Uusiyritys.fi') });
    const backend = createFakeBackend(lookupOf([unknown('pekka.pontinen@uusiyritys.fi')]));
    const created = organization({ name: 'Uusiyritys Oy', segment: 'P' });
    backend.onCreateContact = (body) => {
      backend.onLookup = () => ok(lookupOf([knownContact('pekka.pontinen@uusiyritys.fi', 'Pekka Pöntinen', created, { contact: { id: id(), name: 'Pekka Pöntinen', title: 'Toimitusjohtaja', classifications: [] } })]));
      return ok(contactFrom(body, created.id), 201);
    };
    renderPane({ item, backend });

    await user.click(await screen.findByRole('button', { name: 'Add contact: Pekka Pöntinen' }));

    const form = within(await screen.findByRole('form', { name: 'Add contact' }));
    expect(form.getByText('New potential customer')).toBeTruthy();
    expect((form.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Pekka Pöntinen');
    expect((form.getByRole('textbox', { name: 'Email address' }) as HTMLInputElement).value).toBe('pekka.pontinen@uusiyritys.fi');
    expect(document.activeElement).toBe(form.getByRole('textbox', { name: 'Name' }));
    await user.type(form.getByRole('textbox', { name: 'Title' }), 'Toimitusjohtaja');
    await user.clear(form.getByRole('textbox', { name: 'Customer name' }));
    await user.type(form.getByRole('textbox', { name: 'Customer name' }), 'Uusiyritys Oy');
    await user.selectOptions(form.getByRole('combobox', { name: 'Customer group' }), 'Apprenticeship');
    await user.click(form.getByRole('button', { name: 'Save contact' }));

    expect(await screen.findByText('Contact at Uusiyritys Oy')).toBeTruthy();
    expect(screen.getByText('Pekka Pöntinen was added.')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Uusiyritys Oy' })).getByText('P – potential customer')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Add contact' })).toBeNull();
    expect(backend.calls('POST', '/api/v1/contacts')[0]!.body).toEqual({
      name: 'Pekka Pöntinen',
      emails: ['pekka.pontinen@uusiyritys.fi'],
      title: 'Toimitusjohtaja',
      newOrganization: { name: 'Uusiyritys Oy', customerGroup: 'apprenticeship', emailDomains: ['uusiyritys.fi'] },
    });
    expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(2);
  });

  test('a person matched by domain is added under the matched customer', async () => {
    const user = userEvent.setup();
    const firma = organization({ name: 'Firma Oy' });
    const backend = createFakeBackend(lookupOf([domainMatch('matti.meikalainen@firma.fi', firma)]));
    backend.onCreateContact = (body) => ok(contactFrom(body, firma.id), 201);
    renderPane({ item: mail(), backend });

    await user.click(await screen.findByRole('button', { name: 'Add contact: Matti Meikäläinen' }));
    const form = within(await screen.findByRole('form', { name: 'Add contact' }));
    expect(form.getByText('Under the customer Firma Oy')).toBeTruthy();
    expect(form.queryByRole('textbox', { name: 'Customer name' })).toBeNull();
    await user.click(form.getByRole('button', { name: 'Save contact' }));

    await screen.findByText('Matti Meikäläinen was added.');
    expect(backend.calls('POST', '/api/v1/contacts')[0]!.body).toEqual({
      name: 'Matti Meikäläinen', emails: ['matti.meikalainen@firma.fi'], organizationId: firma.id,
    });
  });

  test('an address at a public mail service makes no customer domain, and a missing name is caught before sending', async () => {
    const user = userEvent.setup();
    const item = mail({ from: participant('', 'maija.virtanen@gmail.com') });
    const backend = createFakeBackend(lookupOf([unknown('maija.virtanen@gmail.com')]));
    backend.onCreateContact = (body) => ok(contactFrom(body, id()), 201);
    renderPane({ item, backend });

    await user.click(await screen.findByRole('button', { name: 'Add contact: maija.virtanen@gmail.com' }));
    const form = within(await screen.findByRole('form', { name: 'Add contact' }));
    expect((form.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Maija Virtanen');
    expect((form.getByRole('textbox', { name: 'Customer name' }) as HTMLInputElement).value).toBe('');
    await user.clear(form.getByRole('textbox', { name: 'Name' }));
    await user.click(form.getByRole('button', { name: 'Save contact' }));

    expect(form.getAllByText('Required')).toHaveLength(2);
    expect(backend.calls('POST', '/api/v1/contacts')).toHaveLength(0);

    await user.type(form.getByRole('textbox', { name: 'Name' }), 'Maija Virtanen');
    await user.type(form.getByRole('textbox', { name: 'Customer name' }), 'Toiminimi Virtanen');
    await user.click(form.getByRole('button', { name: 'Save contact' }));
    await screen.findByText('Maija Virtanen was added.');
    expect(backend.calls('POST', '/api/v1/contacts')[0]!.body).toEqual({
      name: 'Maija Virtanen', emails: ['maija.virtanen@gmail.com'],
      newOrganization: { name: 'Toiminimi Virtanen', customerGroup: 'company' },
    });
  });

  test('the server\'s objection is shown beside the field, and cancelling returns focus to the button', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([unknown('matti.meikalainen@firma.fi')]));
    backend.onCreateContact = () => ({
      status: 409, body: { error: { code: 'conflict', message: 'emails.0 already belongs to a contact', fields: [{ path: 'emails.0', message: 'already belongs to a contact' }] } },
    });
    renderPane({ item: mail(), backend });

    await user.click(await screen.findByRole('button', { name: 'Add contact: Matti Meikäläinen' }));
    const form = within(await screen.findByRole('form', { name: 'Add contact' }));
    await user.click(form.getByRole('button', { name: 'Save contact' }));

    expect(await form.findByText('Could not add the contact: Some information is not valid.')).toBeTruthy();
    expect(form.getByRole('textbox', { name: 'Email address' }).getAttribute('aria-invalid')).toBe('true');
    expect(form.getByText('Check this field')).toBeTruthy();

    await user.click(form.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Add contact' })).toBeNull();
    await new Promise((r) => requestAnimationFrame(r));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add contact: Matti Meikäläinen' }));
  });
});
