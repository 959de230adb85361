/** Dates and times for display: Intl in the user's language and zone (hooks over react-intl's locale). */
import { useMemo } from 'react';
import { useLanguage } from '../../core/i18n/I18nProvider';
import { APP_TIME_ZONE, dayAsDate } from './time';

export interface Formats {
  /** 3.2.2027 / 3 Feb 2027 */
  date(iso: string | Date): string;
  /** 3.2.2027 klo 14.30 / 3 Feb 2027, 14:30 */
  dateTime(iso: string | Date): string;
  /** A `YYYY-MM-DD` day. */
  day(day: string): string;
}

/** English dates day first (en-GB) whatever the English variant: 21 Oct 2026, never 10/21/2026. */
const dateLocale = (locale: string) => (/^en(-|_|$)/i.test(locale) ? 'en-GB' : locale);

export function formats(uiLocale: string, timeZone: string = APP_TIME_ZONE): Formats {
  const locale = dateLocale(uiLocale);
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  const numericDate = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
  // Finnish writes dates as 3.2.2027; "3. helmik. 2027" reads worse in a table
  const d = locale.startsWith('fi') ? numericDate : date;
  return {
    date: (v) => d.format(typeof v === 'string' ? new Date(v) : v),
    dateTime: (v) => dateTime.format(typeof v === 'string' ? new Date(v) : v),
    day: (day) => d.format(dayAsDate(day)),
  };
}

export function useFormats(): Formats {
  const { locale } = useLanguage();
  return useMemo(() => formats(locale), [locale]);
}
