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
}
