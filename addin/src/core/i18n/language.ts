/** Which catalog and which Intl locale follow from Outlook's display language. */

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const DEFAULT_LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const primaryOf = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** `fi-FI` → fi, `sv-SE` → sv, anything else → en (the fallback). */
export function languageOf(displayLanguage: string): Language {
  const primary = primaryOf(displayLanguage);
  return (LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

/** The display language itself when Intl knows it and it matches the catalog, else the catalog's default locale. */
export function localeOf(displayLanguage: string, language: Language = languageOf(displayLanguage)): string {
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(displayLanguage.replace('_', '-'));
    if (supported && primaryOf(supported) === language) return supported;
  } catch {
    // an invalid tag: fall through to the default
  }
  return DEFAULT_LOCALE[language];
}
