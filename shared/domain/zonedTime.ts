/**
 * Calendar arithmetic in an IANA time zone without a library: Intl gives the wall-clock
 * fields of an instant, and two fixed-point steps turn wall-clock fields back into an instant.
 * Intl is slow (`formatToParts` ~10 µs a call, and a desk of 300 customers needs thousands), so a
 * zone's offsets are kept per UTC day: the offset at the day's first and last millisecond, and where
 * they differ, the exact instant of the change (found by bisection with Intl, to the millisecond).
 * That is exact for every zone whose offset changes at most once within a UTC day, which holds for
 * every transition in the IANA database since the 19th century's local mean times.
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

/** The offset at an instant (ms since the epoch) as Intl computes it. */
function intlOffsetMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY_MS = 86_400_000;
/** Days kept per zone before the cache starts over (~30 years of days; a few hundred KiB). */
const MAX_CACHED_DAYS = 10_000;

/** A zone's offsets on one UTC day: `offset` from its start, `after` from `changeAt` on when it changes that day. */
interface DayOffsets {
  offset: number;
  changeAt: number;
  after: number;
}
const dayOffsets = new Map<string, Map<number, DayOffsets>>();

function offsetsOnDay(day: number, timeZone: string): DayOffsets {
  let days = dayOffsets.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsets.set(timeZone, days);
  }
  let d = days.get(day);
  if (!d) {
    const start = day * DAY_MS;
    const end = start + DAY_MS - 1;
    const offset = intlOffsetMs(start, timeZone);
    const after = intlOffsetMs(end, timeZone);
    let changeAt = end + 1;
    if (after !== offset) {
      // Bisection: `lo` has the day's first offset, `hi` the other one.
      let lo = start;
      let hi = end;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (intlOffsetMs(mid, timeZone) === offset) lo = mid;
        else hi = mid;
      }
      changeAt = hi;
    }
    d = { offset, changeAt, after };
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(day, d);
  }
  return d;
}

/** The zone's offset from UTC at an instant, in milliseconds (Helsinki: +2 h or +3 h). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  const d = offsetsOnDay(Math.floor(ms / DAY_MS), timeZone);
  return ms >= d.changeAt ? d.after : d.offset;
}

/** The same wall-clock time `days` calendar days later in the zone (23 or 25 hours across a DST change). */
export function addCalendarDays(instant: Date, days: number, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wallMs = instant.getTime() + zoneOffsetMs(instant, timeZone) + days * 86_400_000;
  let guess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
  guess = wallMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** The calendar day of an instant in the zone, as `YYYY-MM-DD`. */
export function calendarDay(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone }).format(instant);
}

/** The first instant of a `YYYY-MM-DD` calendar day in the zone (its local midnight). */
export function startOfDay(day: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wallMs = Date.parse(`${day}T00:00:00Z`);
  let guess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
  guess = wallMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}
