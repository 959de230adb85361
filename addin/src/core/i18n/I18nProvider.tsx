/**
 * The one i18n of the front end: react-intl's `IntlProvider` over the fi/sv/en catalogs (ICU
 * messages, English under every catalog), plus the current language and a way to change it.
 * Components format with `useT()` (typed message ids) or react-intl's `<FormattedMessage>`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { PrimitiveType } from 'intl-messageformat';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/zonedTime';
import { localeOf, messagesOf, type Language, type MessageId } from './catalogs';

interface LanguageState {
  language: Language;
  locale: string;
  /** The IANA zone dates and times are shown in (react-intl's `formatDate`/`formatTime` use it too). */
  timeZone: string;
  /** Absent in the pane, whose language follows Outlook. */
  setLanguage?: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

export interface I18nProviderProps {
  language: Language;
  /** A full tag such as `fi-FI` or the browser's `en-US`, for dates and numbers; derived from the language when absent. */
  displayLanguage?: string;
  /** The user's IANA zone (the pane: Outlook's, resolved by ../../i18n/timeZone.ts); Europe/Helsinki when absent. */
  timeZone?: string;
  onLanguageChange?: (language: Language) => void;
  children: ReactNode;
}

export function I18nProvider({ language, displayLanguage, timeZone = DEFAULT_TIME_ZONE, onLanguageChange, children }: I18nProviderProps) {
  const locale = localeOf(displayLanguage ?? language, language);
  const messages = useMemo(() => messagesOf(language), [language]);
  const state = useMemo<LanguageState>(() => ({ language, locale, timeZone, ...(onLanguageChange ? { setLanguage: onLanguageChange } : {}) }), [language, locale, timeZone, onLanguageChange]);
  useEffect(() => {
    document.documentElement.lang = language; // screen readers pick the voice from it
  }, [language]);
  return (
    <LanguageContext.Provider value={state}>
      <IntlProvider locale={locale} defaultLocale="en" messages={messages} timeZone={timeZone}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (!state) throw new Error('useLanguage needs an I18nProvider');
  return state;
}

export type Values = Record<string, PrimitiveType>;
export type Translate = (id: MessageId, values?: Values) => string;

/** `t('app.customerCount', { count: 3 })`: a message of the current language, ids checked by TypeScript. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback((id: MessageId, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}
