/**
 * The web app's one date formatting: dates, times and lists for display, through Intl in the
 * user's language and the app's zone (Europe/Helsinki). Every page uses `useFormats()`; nothing
 * else in the app formats a date (no `toLocale…`, no `intl.formatDate`, no raw ISO strings).
 */
import { useMemo } from 'react';
import { useLanguage } from '../../core/i18n/I18nProvider';
import { APP_TIME_ZONE, dayAsDate } from './time';

export interface Formats {
  /** 3.2.2027 / 3 Feb 2027 */
  date(iso: string | Date): string;
  /** 3.2.2027 klo 14.30 / 3 Feb 2027, 14:30 */
  dateTime(iso: string | Date): string;
  /** A `YYYY-MM-DD` day: 3.2.2027 / 3 Feb 2027. */
  day(day: string): string;
  /** Day and month only, for a chart's axis: 3.2. / 03/02 */
  dayMonth(iso: string | Date): string;
  /** A `YYYY-MM` month, for a chart's axis: 2/2027 / Feb 2027 */
  month(month: string): string;
  /** "Anna, Ben ja Cecilia" / "Anna, Ben and Cecilia" */
  list(items: readonly string[]): string;
}

/** English dates day first (en-GB) whatever the English variant: 21 Oct 2026, never 10/21/2026. */
const dateLocale = (locale: string) => (/^en(-|_|$)/i.test(locale) ? 'en-GB' : locale);

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant, or a `YYYY-MM-DD` day (read as that calendar day in any European zone). */
const asDate = (v: string | Date) => (typeof v !== 'string' ? v : DAY_ONLY.test(v) ? dayAsDate(v) : new Date(v));

export function formats(uiLocale: string, timeZone: string = APP_TIME_ZONE): Formats {
  const locale = dateLocale(uiLocale);
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  const numericDate = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });
  const dayMonth = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric' });
  // Finnish "helmik. 2027" reads worse on an axis than 2/2027
  const month = new Intl.DateTimeFormat(locale, { timeZone, month: locale.startsWith('fi') ? 'numeric' : 'short', year: 'numeric' });
  const list = new Intl.ListFormat(uiLocale, { type: 'conjunction' });
  // Finnish writes dates as 3.2.2027; "3. helmik. 2027" reads worse in a table
  const d = locale.startsWith('fi') ? numericDate : date;
  return {
    date: (v) => d.format(asDate(v)),
    dateTime: (v) => dateTime.format(asDate(v)),
    day: (day) => d.format(dayAsDate(day)),
    dayMonth: (v) => dayMonth.format(asDate(v)),
    month: (m) => month.format(dayAsDate(`${m}-15`)),
    list: (items) => list.format(items),
  };
}

export function useFormats(): Formats {
  const { locale } = useLanguage();
  return useMemo(() => formats(locale), [locale]);
}
