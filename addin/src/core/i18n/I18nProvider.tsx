/**
 * The one i18n of the front end: react-intl's `IntlProvider` over a catalog set (ICU messages,
 * English under every catalog) — the task pane passes ./paneCatalogs.ts, the web app
 * ./appCatalogs.ts — plus the current language, the user's time zone and a way to change the
 * language. Components format with `useT()` (typed message ids; the pane's `usePaneT()` accepts
 * only the pane's ids) or react-intl's `<FormattedMessage>`, dates with ./dates.ts.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import type { PrimitiveType } from 'intl-messageformat';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/zonedTime';
import { localeOf, type Catalogs, type Language, type MessageId, type PaneMessageId } from './catalogs';

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
  /** The messages of each language: PANE_CATALOGS (./paneCatalogs.ts) or APP_CATALOGS (./appCatalogs.ts). */
  catalogs: Catalogs;
  language: Language;
  /** A full tag such as `fi-FI` or the browser's `en-US`, for dates and numbers; derived from the language when absent. */
  displayLanguage?: string;
  /** The user's IANA zone (the pane: Outlook's, resolved by ./timeZone.ts); Europe/Helsinki when absent. */
  timeZone?: string;
  onLanguageChange?: (language: Language) => void;
  children: ReactNode;
}

export function I18nProvider({ catalogs, language, displayLanguage, timeZone = DEFAULT_TIME_ZONE, onLanguageChange, children }: I18nProviderProps) {
  const locale = localeOf(displayLanguage ?? language, language);
  const messages = catalogs[language];
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
export type Translate<Id extends MessageId = MessageId> = (id: Id, values?: Values) => string;

/** `t('app.customerCount', { count: 3 })`: a message of the current language, ids checked by TypeScript. */
export function useT<Id extends MessageId = MessageId>(): Translate<Id> {
  const intl = useIntl();
  return useCallback((id: Id, values?: Values) => intl.formatMessage({ id }, values), [intl]);
}

/** The task pane's `useT`: only ids of the pane catalog compile, the only ones the pane ships. */
export const usePaneT: () => Translate<PaneMessageId> = useT;
