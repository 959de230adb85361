import { screen, within } from '@testing-library/react';
import { createFakeBackend } from './support/fakeBackend';
import { carePlan, knownContact, loggedEntry, lookupOf, mail, me, organization, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

function renderIn(displayLanguage: string, timeZone = 'Europe/Helsinki') {
  const firma = organization({ name: 'Firma Oy', segment: 'A', customerGroup: 'employment_office' });
  const backend = createFakeBackend(lookupOf(
    [knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') })],
    [loggedEntry(firma, person('Bertil Bäckström', 'bertil@omnia.fi'), '2025-03-01T12:30:00.000Z')],
  ));
  renderPane({ item: mail(), backend, displayLanguage, user: { ...me, timeZone } });
}

describe('the pane follows Outlook\'s display language', () => {
  test('in Finnish', async () => {
    renderIn('fi-FI');

    expect(await screen.findByRole('heading', { name: 'Viestin henkilöt' })).toBeTruthy();
    expect(screen.getByText('Yhteyshenkilö: Firma Oy')).toBeTruthy();
    const customer = within(screen.getByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByText('A – avainasiakas')).toBeTruthy();
    expect(customer.getByText('TE-toimisto')).toBeTruthy();
    expect(customer.getByRole('heading', { name: 'Hoitosuunnitelma Myöhässä' })).toBeTruthy();
    expect(customer.getByText('Viimeksi 1.2.2025 · Seuraava viimeistään 3.3.2025')).toBeTruthy();
    expect(screen.getByText('Kirjannut Bertil Bäckström 1.3.2025 klo 14.30')).toBeTruthy();
    expect(document.documentElement.lang).toBe('fi');
  });

  test('in Swedish', async () => {
    renderIn('sv-FI');

    expect(await screen.findByRole('heading', { name: 'Personer i meddelandet' })).toBeTruthy();
    expect(screen.getByText('Kontaktperson hos Firma Oy')).toBeTruthy();
    const customer = within(screen.getByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByText('A – nyckelkund')).toBeTruthy();
    expect(customer.getByText('Arbets- och näringsbyrå')).toBeTruthy();
    expect(customer.getByRole('heading', { name: 'Kundvårdsplan Försenad' })).toBeTruthy();
    expect(customer.getByText('Senast 1.2.2025 · Nästa senast 3.3.2025')).toBeTruthy();
    expect(screen.getByText('Registrerat av Bertil Bäckström den 1.3.2025 14.30')).toBeTruthy();
    expect(document.documentElement.lang).toBe('sv');
  });

  test('in English, with the date format of the English locale', async () => {
    renderIn('en-US');

    expect(await screen.findByRole('heading', { name: 'People on this mail' })).toBeTruthy();
    const customer = within(screen.getByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByText('Employment office')).toBeTruthy();
    expect(customer.getByRole('heading', { name: 'Care plan Overdue' })).toBeTruthy();
    expect(customer.getByText('Last 2/1/2025 · Due 3/3/2025')).toBeTruthy();
    expect(screen.getByText('Logged by Bertil Bäckström on 3/1/2025, 02:30 PM')).toBeTruthy();
  });

  test('any other language falls back to English', async () => {
    renderIn('de-DE');

    expect(await screen.findByRole('heading', { name: 'People on this mail' })).toBeTruthy();
    expect(screen.getByText('Logged by Bertil Bäckström on 01/03/2025, 14:30')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  test('dates follow the user\'s time zone, also when Outlook names it the Windows way', async () => {
    renderIn('en-GB', 'GMT Standard Time');

    expect(await screen.findByText('Logged by Bertil Bäckström on 01/03/2025, 12:30')).toBeTruthy();
  });
});
