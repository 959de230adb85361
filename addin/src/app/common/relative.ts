/** "2 days ago" / "2 päivää sitten" with Intl.RelativeTimeFormat in the user's language. */
import type { IntlShape } from 'react-intl';

export function ago(intl: Pick<IntlShape, 'formatRelativeTime'>, iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return intl.formatRelativeTime(0, 'minute', { numeric: 'auto' });
  if (abs < 3600) return intl.formatRelativeTime(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return intl.formatRelativeTime(Math.round(seconds / 3600), 'hour');
  return intl.formatRelativeTime(Math.round(seconds / 86_400), 'day', { numeric: 'auto' });
}
