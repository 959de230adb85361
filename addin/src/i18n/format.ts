/** Dates and times in the user's locale and time zone. */

export interface DateFormatters {
  date(iso: string): string;
  dateTime(iso: string): string;
}

export function dateFormatters(locale: string, timeZone: string): DateFormatters {
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric', year: 'numeric' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone, day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  return {
    date: (iso) => date.format(new Date(iso)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
  };
}
