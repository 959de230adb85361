import { languageOf, localeOf } from '../../addin/src/i18n/language';
import { resolveTimeZone } from '../../addin/src/i18n/timeZone';
import { translator } from '../../addin/src/i18n/translate';
import { en } from '../../addin/src/i18n/messages/en';
import { fi } from '../../addin/src/i18n/messages/fi';
import { sv } from '../../addin/src/i18n/messages/sv';

describe('languages', () => {
  test('Finnish and Swedish follow Outlook\'s display language; anything else is English', () => {
    expect(['fi-FI', 'sv-SE', 'sv-FI', 'en-US', 'de-DE', ''].map(languageOf)).toEqual(['fi', 'sv', 'sv', 'en', 'en', 'en']);
  });

  test('the Intl locale is the display language where it matches, else the language\'s default', () => {
    expect(localeOf('sv-SE')).toBe('sv-SE');
    expect(localeOf('fi')).toBe('fi');
    expect(localeOf('de-DE')).toBe('en-GB');
    expect(localeOf('not a tag')).toBe('en-GB');
  });

  test('every catalog translates every message', () => {
    for (const catalog of [fi, sv]) {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      expect(Object.values(catalog).every((text) => text.trim() !== '')).toBe(true);
    }
  });

  test('parameters are filled in', () => {
    expect(translator('fi')('log.loggedBy', { name: 'Åsa Öberg', date: '1.3.2025' })).toBe('Kirjannut Åsa Öberg 1.3.2025');
  });
});

describe('time zones', () => {
  test('IANA names are kept, Windows names are mapped, anything else is Helsinki', () => {
    expect(resolveTimeZone('Europe/Stockholm')).toBe('Europe/Stockholm');
    expect(resolveTimeZone('FLE Standard Time')).toBe('Europe/Helsinki');
    expect(resolveTimeZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(resolveTimeZone('Mars Standard Time')).toBe('Europe/Helsinki');
    expect(resolveTimeZone('')).toBe('Europe/Helsinki');
    expect(resolveTimeZone(undefined)).toBe('Europe/Helsinki');
  });
});
