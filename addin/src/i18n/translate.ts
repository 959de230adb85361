import { en, type Catalog, type MessageKey } from './messages/en';
import { fi } from './messages/fi';
import { sv } from './messages/sv';
import type { Language } from './language';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Language, Partial<Catalog>> = { en, fi, sv };

/** A translator for one language: the language's text, else English, with `{name}` parameters filled in. */
export function translator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, params) => {
    const text = catalog[key] ?? en[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** Whether a key exists; used where keys are derived from data (rule ids). */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
