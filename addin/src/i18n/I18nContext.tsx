import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { languageOf, localeOf, type Language } from './language';
import { resolveTimeZone } from './timeZone';
import { translator, type Translate } from './translate';
import { dateFormatters, type DateFormatters } from './format';

export interface I18n extends DateFormatters {
  language: Language;
  locale: string;
  timeZone: string;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function createI18n(displayLanguage: string, reportedTimeZone: string | null | undefined): I18n {
  const language = languageOf(displayLanguage);
  const locale = localeOf(displayLanguage, language);
  const timeZone = resolveTimeZone(reportedTimeZone);
  return { language, locale, timeZone, t: translator(language), ...dateFormatters(locale, timeZone) };
}

export function I18nProvider(props: { displayLanguage: string; timeZone: string | null | undefined; children: ReactNode }) {
  const { displayLanguage, timeZone, children } = props;
  const value = useMemo(() => createI18n(displayLanguage, timeZone), [displayLanguage, timeZone]);
  useEffect(() => {
    document.documentElement.lang = value.language; // screen readers pick the voice from it
  }, [value.language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider');
  return value;
}
