/**
 * The zone arithmetic keeps offsets per UTC day; it must give exactly what Intl gives, around
 * DST changes too, in zones with half-hour offsets and half-hour DST steps.
 */
import { addCalendarDays, zoneOffsetMs } from '../../shared/domain/zonedTime';

/** The offset as Intl's wall-clock fields say it, computed afresh. */
function intlOffset(at: Date, f: Intl.DateTimeFormat): number {
  const p = Object.fromEntries(f.formatToParts(at).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - (at.getTime() - at.getUTCMilliseconds());
}

const ZONES = ['Europe/Helsinki', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Sao_Paulo', 'UTC'];

describe('zone offsets', () => {
  test.each(ZONES)('match Intl every 3 h 7 min over two years in %s', (zone) => {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    const start = Date.UTC(2025, 0, 1);
    const wrong: number[] = [];
    for (let ms = start; ms < start + 2 * 365 * 86_400_000; ms += 187 * 60_000 + 13_001) {
      if (zoneOffsetMs(new Date(ms), zone) !== intlOffset(new Date(ms), f)) wrong.push(ms);
    }
    expect(wrong).toEqual([]);
  });

  test('change at the exact millisecond of a DST transition in Helsinki', () => {
    const change = Date.UTC(2026, 2, 29, 1, 0, 0); // 03:00 EET → 04:00 EEST
    expect(zoneOffsetMs(new Date(change - 1), 'Europe/Helsinki')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(new Date(change), 'Europe/Helsinki')).toBe(3 * 3_600_000);
    const back = Date.UTC(2026, 9, 25, 1, 0, 0); // 04:00 EEST → 03:00 EET
    expect(zoneOffsetMs(new Date(back - 1), 'Europe/Helsinki')).toBe(3 * 3_600_000);
    expect(zoneOffsetMs(new Date(back), 'Europe/Helsinki')).toBe(2 * 3_600_000);
  });

  test('a calendar day across the spring change is 23 hours, across the autumn one 25', () => {
    const before = new Date('2026-03-28T10:00:00Z'); // 12:00 in Helsinki
    expect(addCalendarDays(before, 1, 'Europe/Helsinki').toISOString()).toBe('2026-03-29T09:00:00.000Z');
    const autumn = new Date('2026-10-24T10:00:00Z');
    expect(addCalendarDays(autumn, 1, 'Europe/Helsinki').toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });

  test('an unknown zone is an error, as Intl makes it', () => {
    expect(() => zoneOffsetMs(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
