/**
 * Calendar arithmetic in an IANA time zone without a library: Intl gives the wall-clock
 * fields of an instant, and two fixed-point steps turn wall-clock fields back into an instant.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds (Helsinki: +2 h or +3 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The same wall-clock time `days` calendar days later in the zone (23 or 25 hours across a DST change). */
export function addCalendarDays(instant: Date, days: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wallMs = instant.getTime() + zoneOffsetMs(instant, timeZone) + days * 86_400_000;
  let guess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
  guess = wallMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
