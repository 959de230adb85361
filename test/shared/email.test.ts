import { domainOf, domainToAscii, normaliseEmail } from '../../shared/domain/email';
import { isPublicMailDomain } from '../../shared/domain/publicDomains';

describe('email-address normalisation', () => {
  test('trims white space and lower-cases the whole address', () => {
    expect(normaliseEmail('  Matti.Meikalainen@Yritys.FI \t')).toBe('matti.meikalainen@yritys.fi');
  });

  test('turns an internationalised domain into its ASCII form', () => {
    expect(normaliseEmail('x@ÄÄKKÖS.fi')).toBe('x@xn--kks-plaa4i.fi');
    expect(domainToAscii('Ääkkös.FI')).toBe('xn--kks-plaa4i.fi');
  });

  test('keeps a non-ASCII local part, lower-cased', () => {
    expect(normaliseEmail('Käyttäjä@yritys.fi')).toBe('käyttäjä@yritys.fi');
  });

  test('normalises the same address spelt differently to one value', () => {
    const spellings = ['info@ÄÄKKÖS.fi', ' INFO@ääkkös.fi', 'Info@xn--kks-plaa4i.fi'];
    expect(new Set(spellings.map(normaliseEmail))).toEqual(new Set(['info@xn--kks-plaa4i.fi']));
  });

  test.each(['', 'no-at-sign', '@yritys.fi', 'matti@', 'matti@localhost', 'matti@yritys..fi', 'a b@yritys.fi', 'matti@192.168.0.1', 'matti@-yritys.fi', '.matti@yritys.fi'])(
    'rejects %j',
    (raw) => {
      expect(normaliseEmail(raw)).toBeNull();
    },
  );

  test('gives the domain of a normalised address', () => {
    expect(domainOf('matti@xn--kks-plaa4i.fi')).toBe('xn--kks-plaa4i.fi');
  });
});

describe('public mail domains', () => {
  test.each(['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'luukku.com', 'suomi24.fi', 'kolumbus.fi'])(
    '%s says nothing about the customer',
    (domain) => {
      expect(isPublicMailDomain(domain)).toBe(true);
    },
  );

  test('a company domain is not public', () => {
    expect(isPublicMailDomain('kivijalka.fi')).toBe(false);
  });
});
