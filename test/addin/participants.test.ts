import { customersOnMail, defaultCustomerId, directionOf, participantsOf } from '../../addin/src/mail/participants';
import { logRequestFor } from '../../addin/src/mail/logRequest';
import { domainMatch, knownContact, lookupOf, mail, me, organization, participant, unknown } from './support/fixtures';

describe('who is on a mail', () => {
  test('everyone on from, to and cc once, normalised, without the signed-in user or unusable addresses', () => {
    const item = mail({
      from: participant('Matti', ' Matti@Firma.FI '),
      to: [participant('Anna', me.email.toUpperCase()), participant('Liisa', 'liisa@kaupunki.fi'), participant('Exchange', '/o=ExchangeLabs/ou=Exchange')],
      cc: [participant('Matti', 'matti@firma.fi'), participant('Åsa', 'åsa@företag.se')],
    });

    expect(participantsOf(item, me)).toEqual([
      { email: 'matti@firma.fi', displayName: 'Matti', role: 'from' },
      { email: 'liisa@kaupunki.fi', displayName: 'Liisa', role: 'to' },
      { email: 'åsa@xn--fretag-wxa.se', displayName: 'Åsa', role: 'cc' },
    ]);
  });

  test('the direction is out when the signed-in user sent the mail, else in', () => {
    expect(directionOf(mail({ from: participant('Anna', me.email.toUpperCase()) }), me)).toBe('out');
    expect(directionOf(mail(), me)).toBe('in');
  });

  test('customers come once each, in mail order, with their contacts on the mail; the first is the default', () => {
    const firma = organization({ name: 'Firma Oy' });
    const kunta = organization({ name: 'Kaupunki' });
    const item = mail({ to: [participant('Liisa', 'liisa@kaupunki.fi'), participant('Pekka', 'pekka@firma.fi')], cc: [participant('X', 'x@gmail.com')] });
    const matti = knownContact('matti.meikalainen@firma.fi', 'Matti', firma);
    const pekka = knownContact('pekka@firma.fi', 'Pekka', firma);
    const people = [domainMatch('liisa@kaupunki.fi', kunta), pekka, matti, unknown('x@gmail.com')];

    const customers = customersOnMail(participantsOf(item, me), lookupOf(people).people);

    expect(customers.map((c) => c.organization.name)).toEqual(['Firma Oy', 'Kaupunki']);
    expect(customers[0]!.contactIds).toEqual([matti.contact!.id, pekka.contact!.id]);
    expect(customers[1]!.contactIds).toEqual([]);
    expect(defaultCustomerId(customers)).toBe(firma.id);
    expect(defaultCustomerId([])).toBeNull();
  });
});

describe('the log request', () => {
  const firma = organization();
  const customer = { organization: firma, carePlan: null, recentActions: [], contactIds: [], contacts: [] };

  test('carries metadata and at most 500 characters of excerpt, never the body', () => {
    const request = logRequestFor(mail(), me, customer, 'x'.repeat(2000));

    expect(request).toMatchObject({ internetMessageId: '<msg-1@firma.fi>', direction: 'in', organizationId: firma.id });
    expect(request!.excerpt).toHaveLength(500);
    expect(request).not.toHaveProperty('contactIds');
  });

  test('a draft cannot be logged', () => {
    expect(logRequestFor(mail({ mode: 'compose', internetMessageId: null }), me, customer, undefined)).toBeNull();
  });
});
