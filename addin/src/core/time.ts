/**
 * Days and times of the front end (web app and pane) in the user's zone (Europe/Helsinki by default): the wall-clock
 * day and time of an instant, an instant from the date and time inputs, calendar-day arithmetic
 * on `YYYY-MM-DD` days. Formatting for display goes through Intl with the zone (core/i18n/dates.ts, app/common/format.ts).
 */
import { DEFAULT_TIME_ZONE, zoneOffsetMs } from '../../../shared/domain/zonedTime';

export const APP_TIME_ZONE = DEFAULT_TIME_ZONE;

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock day (`YYYY-MM-DD`) and time (`HH:MM`) of an instant in the zone. */
export function zonedDayTime(instant: Date, timeZone: string = APP_TIME_ZONE): { day: string; time: string } {
  const wall = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  return {
    day: `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`,
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
  };
}

export const todayIn = (now: Date = new Date(), timeZone: string = APP_TIME_ZONE) => zonedDayTime(now, timeZone).day;

/** The instant of a wall-clock day and time in the zone; null when the inputs are not a day and a time. */
export function instantOf(day: string, time: string, timeZone: string = APP_TIME_ZONE): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wallMs = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wallMs)) return null;
  let guess = wallMs - zoneOffsetMs(new Date(wallMs), timeZone);
  guess = wallMs - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

const dayMs = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!);
};

/** Calendar days from `from` to `to` (both `YYYY-MM-DD`): positive when `to` is later. */
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / 86_400_000);

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(dayMs(day) + days * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A `YYYY-MM-DD` day as a Date at noon UTC: formatting it in any European zone gives the same day. */
export const dayAsDate = (day: string) => new Date(dayMs(day) + 12 * 3_600_000);
