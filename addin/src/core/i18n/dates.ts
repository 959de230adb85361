/**
 * Dates and times in the user's locale and zone, through react-intl (the zone is I18nProvider's
 * `timeZone`: the pane passes Outlook's, resolved by ./timeZone.ts). Numeric, as the pane shows
 * them: 1.3.2025 klo 14.30, 01/03/2025, 14:30.
 */
import { useMemo } from 'react';
import { useIntl } from 'react-intl';

export interface DateFormats {
  date(iso: string): string;
  dateTime(iso: string): string;
}

const DATE = { day: 'numeric', month: 'numeric', year: 'numeric' } as const;
const DATE_TIME = { ...DATE, hour: '2-digit', minute: '2-digit' } as const;

export function useDates(): DateFormats {
  const intl = useIntl();
  return useMemo(() => ({
    date: (iso) => intl.formatDate(new Date(iso), DATE),
    dateTime: (iso) => intl.formatDate(new Date(iso), DATE_TIME),
  }), [intl]);
}
