/**
 * The key that makes a meeting one action for the whole team (docs/outlook-integration.md
 * "Meetings"). Outlook's item ids differ per mailbox and office.js exposes no id shared across
 * mailboxes (iCalUId is Graph-only; EWS is retired in Exchange Online), so the key is what every
 * copy of the meeting says alike: the organizer's address, the occurrence's start (UTC, to the
 * minute) and the subject. An occurrence of a series has its own start, so its own key. Pure: the
 * pane asks the lookup with it, the server derives it again from what a log sends.
 */
import { normaliseEmail } from './email';

export interface MeetingIdentity {
  organizer: string;
  /** The occurrence's start: ISO-8601 or a Date. */
  start: string | Date;
  subject: string;
}

/** The subject as every mailbox shows it alike: Unicode NFC, whitespace collapsed, case folded. */
export function normaliseMeetingSubject(subject: string): string {
  return subject.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('und');
}

/** `YYYY-MM-DDTHH:MMZ`: seconds and zones do not tell two copies of a meeting apart. */
export function meetingStartMinute(start: string | Date): string | null {
  const at = start instanceof Date ? start : new Date(start);
  if (Number.isNaN(at.getTime())) return null;
  return `${at.toISOString().slice(0, 16)}Z`;
}

/** The meeting's key, or null when the organizer's address or the start is unusable. */
export function meetingKey(m: MeetingIdentity): string | null {
  const organizer = normaliseEmail(m.organizer);
  const start = meetingStartMinute(m.start);
  if (!organizer || !start) return null;
  // `|` cannot occur in the address or the time, and the subject comes last: unambiguous.
  return `${organizer}|${start}|${normaliseMeetingSubject(m.subject)}`;
}

/** The longest key: an address (254), the time (17), a subject of at most 1000 characters and the separators. */
export const MAX_MEETING_KEY_LENGTH = 1300;
