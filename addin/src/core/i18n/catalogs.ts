/** The three catalogs and how a language is chosen (pane: Outlook's display language; web app: the user's choice or the browser's). */
import { languageOf, localeOf, LANGUAGES, type Language } from '../../i18n/language';
import { en, type Catalog, type MessageId } from './messages/en';
import { fi } from './messages/fi';
import { sv } from './messages/sv';

export { LANGUAGES, languageOf, localeOf, type Language, type MessageId, type Catalog };

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, fi, sv };

/** The language's own name, as the language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** A catalog with English under it: a key missing in one language shows in English. */
export function messagesOf(language: Language): Record<string, string> {
  return { ...en, ...CATALOGS[language] };
}

export const LANGUAGE_KEY = 'asiakkuus.language';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The web app's language: the one the user chose (remembered), else the browser's first known one, else English. */
export function webLanguage(store: Pick<Storage, 'getItem'> | null = storage(), preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): Language {
  const saved = store?.getItem(LANGUAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if ((LANGUAGES as readonly string[]).includes(primary ?? '')) return primary as Language;
  }
  return 'en';
}

export function rememberLanguage(language: Language, store: Pick<Storage, 'setItem'> | null = storage()): void {
  try {
    store?.setItem(LANGUAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The task pane's language: Outlook's display language (`fi-FI` → fi), English for anything else. */
export const paneLanguage = (officeDisplayLanguage: string): Language => languageOf(officeDisplayLanguage);
