/**
 * The message ids and how a language is chosen (pane: Outlook's display language; web app: the
 * user's choice or the browser's). No message text lives here: the two catalog sets are
 * ./paneCatalogs.ts (the task pane: `code.*` and `pane.*`) and ./appCatalogs.ts (the web app: those
 * plus `app.*` and `admin.*`), handed to the one I18nProvider as its `catalogs`.
 */
import { languageOf, localeOf, LANGUAGES, type Language } from './language';
import type { AppMessageId } from './messages/app/en';
import type { PaneMessageId } from './messages/pane/en';

export { LANGUAGES, languageOf, localeOf, type Language, type AppMessageId, type PaneMessageId };

/** Every message id of the front end (the web app shows them all; the pane only `PaneMessageId`). */
export type MessageId = PaneMessageId | AppMessageId;

/** A catalog set: each language's messages, English under each (a key missing in one language shows in English). */
export type Catalogs = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** The catalog set of an English source catalog and its translations. */
export function withEnglishUnder(en: Readonly<Record<string, string>>, translations: Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<string, string>>>>): Catalogs {
  return { en, fi: { ...en, ...translations.fi }, sv: { ...en, ...translations.sv } };
}

/** The language's own name, as the language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

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
