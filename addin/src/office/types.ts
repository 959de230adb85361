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
  /**
   * The item is a recurring series itself, not one of its occurrences (Mailbox 1.7: a recurrence and
   * no series id). Its start is the first occurrence's, so the pane logs occurrences only.
   */
  isSeries: boolean;
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

/**
 * What this Outlook offers "Log when sent": internet headers on items (Mailbox 1.8) carry the
 * send log's token; the send event (event-based activation on OnMessageSend, Mailbox 1.12)
 * reports the send. Without `headers` the option is unavailable; without `sendEvent` the mail is
 * logged when its sent copy is opened.
 */
export interface SendLogSupport {
  headers: boolean;
  sendEvent: boolean;
}

/** The mail as it leaves, read by the on-send handler. */
export interface OutgoingMail {
  /** The send log's token from the draft's header; null when "Log when sent" is off. */
  token: string | null;
  subject: string;
  to: MailParticipant[];
  cc: MailParticipant[];
  conversationId: string | null;
}

/** The send event as the on-send handler sees it: the mail, and the one way to finish (the send always goes on). */
export interface SendEvent {
  mail(): Promise<OutgoingMail>;
  /** Plain text of the body, whitespace collapsed, at most `maxLength` characters. */
  bodyExcerpt(maxLength: number): Promise<string>;
  /** Lets the send go on; only the first call counts. */
  allowSend(): void;
}

/**
 * Which kind of Outlook client runs the pane, from `Office.context.platform`: `desktop` (classic
 * Outlook on Windows `PC`, Outlook on Mac `Mac`, Windows `Universal`), `web` (Outlook on the web
 * and the new Outlook on Windows, both `OfficeOnline`), `mobile` (Outlook on iOS and iPadOS `iOS`,
 * Outlook on Android `Android`).
 */
export type HostPlatform = 'desktop' | 'web' | 'mobile';

/**
 * What this client supports of what the pane relies on, from the requirement sets it reports
 * (`Office.context.requirements.isSetSupported`) and its platform. Outlook on iOS and Android
 * supports the Mailbox requirement sets up to 1.5 and opens the pane for one mail at a time.
 */
export interface HostFeatures {
  /** Mailbox 1.5 (the manifest's minimum): the pane's own calls (participants, body, events). */
  mailbox15: boolean;
  /** The pane can stay pinned and follows the selected mail (item-changed); not on mobile, which has no pinning. */
  followsSelection: boolean;
  /** Mailbox 1.7: recipients-changed in a draft; otherwise the pane offers a manual refresh. */
  recipientsChanged: boolean;
  /** NestedAppAuth 1.1: Outlook brokers the Entra ID token (./../auth/msal.ts). */
  nestedAppAuth: boolean;
  /** DialogApi 1.1: the sign-in window, the fallback where nested app authentication is missing. */
  dialog: boolean;
  /** Mailbox 1.8: a file attached to the draft from base64 (Attach offer); elsewhere the pane links to the offer instead. */
  attachFromBase64: boolean;
}

export interface OutlookHost {
  platform(): HostPlatform;
  features(): HostFeatures;
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
  sendLogSupport(): SendLogSupport;
  /**
   * The send log's token on the item: the draft's `x-asiakkuus-log` header in compose, the
   * received or sent mail's in read mode; null when there is none or the client cannot tell.
   */
  sendLogToken(): Promise<string | null>;
  /**
   * The Message-IDs the mail in view refers to (`In-Reply-To`, `References`; Mailbox 1.8), newest
   * first: how a later mail finds its tracked conversation. Empty in compose or where the client cannot tell.
   */
  threadReferences(): Promise<string[]>;
  /** Writes the token to the draft's header (compose only). */
  setSendLogToken(token: string): Promise<void>;
  /** Removes the header from the draft (compose only). */
  removeSendLogToken(): Promise<void>;
  /** Attaches a file (its content as base64) to the draft (compose only; `features().attachFromBase64`). */
  attachFile(name: string, base64: string): Promise<void>;
}
