/**
 * Whether a customer's activity meets a selection's activity criteria (pure): its newest action of
 * each kind against "no action since", "an action since" and "an action of a kind since (or none)".
 * Days are calendar days in the college's zone: "since 1.3." means from the start of that day.
 */
import type { ActionKind } from './codes';
import { startOfDay } from './zonedTime';

export interface ActivityCriteria {
  noActionSince?: string;
  actionSince?: string;
  kind?: ActionKind;
  kindSince?: string;
  hasKind?: boolean;
}

export function meetsActivity(lastActionAt: Partial<Record<ActionKind, Date>>, c: ActivityCriteria, timeZone: string): boolean {
  const newest = Object.values(lastActionAt).reduce<number>((m, d) => (d ? Math.max(m, d.getTime()) : m), -Infinity);
  const since = (day: string) => startOfDay(day, timeZone).getTime();
  if (c.noActionSince !== undefined && newest >= since(c.noActionSince)) return false;
  if (c.actionSince !== undefined && newest < since(c.actionSince)) return false;
  if (c.kind !== undefined && c.kindSince !== undefined) {
    const has = (lastActionAt[c.kind]?.getTime() ?? -Infinity) >= since(c.kindSince);
    if (has !== (c.hasKind ?? true)) return false;
  }
  return true;
}
