/** How the pane picks its language, locale and time zone from what Outlook reports. */
import { paneLanguage } from '../../../addin/src/core/i18n/catalogs';
import { languageOf, localeOf } from '../../../addin/src/core/i18n/language';
import { resolveTimeZone } from '../../../addin/src/core/i18n/timeZone';

describe('languages', () => {
  test('Finnish and Swedish follow Outlook\'s display language; anything else is English', () => {
    expect(['fi-FI', 'sv-SE', 'sv-FI', 'en-US', 'de-DE', ''].map(paneLanguage)).toEqual(['fi', 'sv', 'sv', 'en', 'en', 'en']);
    expect(languageOf('FI_fi')).toBe('fi');
  });

  test('the Intl locale is the display language where it matches, else the language\'s default', () => {
    expect(localeOf('sv-SE')).toBe('sv-SE');
    expect(localeOf('fi')).toBe('fi');
    expect(localeOf('de-DE')).toBe('en-GB');
    expect(localeOf('not a tag')).toBe('en-GB');
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
