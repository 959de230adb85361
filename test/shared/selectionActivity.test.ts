/** A selection's activity criteria over a customer's newest action of each kind, by Helsinki calendar days. */
import { meetsActivity } from '../../shared/domain/selectionActivity';
import { startOfDay } from '../../shared/domain/zonedTime';

const tz = 'Europe/Helsinki';
const at = (iso: string) => new Date(iso);
// a call late on 28 Feb (Helsinki) and a meeting in the small hours of 1 Mar (Helsinki), 23:30 UTC the day before
const customer = { call: at('2026-02-28T20:00:00Z'), meeting: at('2026-02-28T23:30:00Z') };

test('a day starts at Helsinki midnight, in winter and in summer', () => {
  expect(startOfDay('2026-03-01', tz).toISOString()).toBe('2026-02-28T22:00:00.000Z');
  expect(startOfDay('2026-07-01', tz).toISOString()).toBe('2026-06-30T21:00:00.000Z');
});

test.each([
  ['no action since 1.3. (the meeting at 01.30 on 1.3. is one)', { noActionSince: '2026-03-01' }, false],
  ['no action since 2.3.', { noActionSince: '2026-03-02' }, true],
  ['an action since 1.3.', { actionSince: '2026-03-01' }, true],
  ['an action since 2.3.', { actionSince: '2026-03-02' }, false],
  ['a call since 1.3.', { kind: 'call', kindSince: '2026-03-01' }, false],
  ['no call since 1.3.', { kind: 'call', kindSince: '2026-03-01', hasKind: false }, true],
  ['a call since 28.2.', { kind: 'call', kindSince: '2026-02-28' }, true],
  ['a review since 1.1. (never had one)', { kind: 'review', kindSince: '2026-01-01' }, false],
  ['no criteria', {}, true],
] as const)('%s → %s', (_why, criteria, expected) => {
  expect(meetsActivity(customer, criteria, tz)).toBe(expected);
});

test('a customer without any action has no action since any day, and no action of a kind', () => {
  expect(meetsActivity({}, { noActionSince: '2000-01-01' }, tz)).toBe(true);
  expect(meetsActivity({}, { actionSince: '2000-01-01' }, tz)).toBe(false);
  expect(meetsActivity({}, { kind: 'call', kindSince: '2000-01-01', hasKind: false }, tz)).toBe(true);
});
