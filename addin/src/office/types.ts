/**
 * What the task pane knows about its Outlook host, as plain data. Only `outlookHost.ts`
 * produces these from `Office.*`; everything else (components, hooks, tests) sees these types.
 */

export interface MailParticipant {
  /** The address as Outlook gives it (not yet normalised). */
  email: string;
  displayName: string;
}

export type ItemMode = 'read' | 'compose';

export interface MailItem {
  mode: ItemMode;
  /** The RFC 5322 Message-ID; null in compose mode (a draft has none yet). */
  internetMessageId: string | null;
  conversationId: string | null;
  subject: string;
  from: MailParticipant | null;
  to: MailParticipant[];
  cc: MailParticipant[];
  /** ISO-8601; null in compose mode. */
  dateTimeCreated: string | null;
}

/**
 * A meeting in the calendar. `read`: the attendee's view of it; `compose`: the organizer's form (an
 * organizer always opens their own meeting for editing).
 */
export interface AppointmentItem {
  mode: ItemMode;
  /** This mailbox's id of the item (differs per mailbox, stays when the meeting moves); null for a meeting not yet saved. */
  itemId: string | null;
  /** For an occurrence of a recurring meeting, the series' id; null for a single meeting. */
  seriesId: string | null;
  subject: string;
  /** ISO-8601 (UTC) start of the occurrence. */
  start: string;
  organizer: MailParticipant | null;
  requiredAttendees: MailParticipant[];
  optionalAttendees: MailParticipant[];
}

export interface UserProfile {
  email: string;
  displayName: string;
  /** As Outlook reports it: an IANA or a Windows zone name. */
  timeZone: string;
}

export interface HostTheme {
  isDark: boolean;
}

export type Unsubscribe = () => void;

export interface OutlookHost {
  userProfile(): UserProfile;
  /** BCP-47 tag of Outlook's display language, such as `fi-FI`. */
  displayLanguage(): string;
  theme(): HostTheme;
  /** The selected or composed mail; null when none is selected (a pinned pane between items) or it is not a mail. */
  currentItem(): Promise<MailItem | null>;
  /** The selected or edited meeting; null when the item is not one. */
  currentAppointment(): Promise<AppointmentItem | null>;
  /** Plain text of the body, whitespace collapsed, at most `maxLength` characters. */
  bodyExcerpt(maxLength: number): Promise<string>;
  /** Called when a pinned pane moves to another item (or to none). */
  onItemChanged(listener: () => void): Promise<Unsubscribe>;
  /** Whether `onRecipientsChanged` works in this client; otherwise the pane offers a manual refresh. */
  supportsRecipientsChanged(): boolean;
  onRecipientsChanged(listener: () => void): Promise<Unsubscribe>;
  onThemeChanged(listener: (theme: HostTheme) => void): Promise<Unsubscribe>;
}
