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

export interface OutlookHost {
  userProfile(): UserProfile;
  /** BCP-47 tag of Outlook's display language, such as `fi-FI`. */
  displayLanguage(): string;
  theme(): HostTheme;
  /** The selected or composed item; null when none is selected (a pinned pane between items). */
  currentItem(): Promise<MailItem | null>;
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
  /** Writes the token to the draft's header (compose only). */
  setSendLogToken(token: string): Promise<void>;
  /** Removes the header from the draft (compose only). */
  removeSendLogToken(): Promise<void>;
}
