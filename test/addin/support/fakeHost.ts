/** A scripted Outlook host for component tests: items, item changes, recipients, language, theme. */
import type { AppointmentItem, HostFeatures, HostPlatform, HostTheme, MailItem, OutlookHost, SendLogSupport, UserProfile } from '../../../addin/src/office/types';
import { me } from './fixtures';

export interface FakeHostOptions {
  item?: MailItem | null;
  appointment?: AppointmentItem | null;
  user?: UserProfile;
  displayLanguage?: string;
  theme?: HostTheme;
  body?: string;
  supportsRecipientsChanged?: boolean;
  /** Mailbox 1.8 (headers) and 1.12 (send event); both by default. */
  sendLogSupport?: SendLogSupport;
  /** The item's `x-asiakkuus-log` header. */
  sendLogToken?: string | null;
  /** The Message-IDs the item refers to (In-Reply-To, References), newest first. */
  threadReferences?: string[];
  /** The kind of Outlook client (web by default). */
  platform?: HostPlatform;
  features?: Partial<HostFeatures>;
}

export interface FakeHost extends OutlookHost {
  /** The pinned pane moves to another item (or to none). */
  selectItem(item: MailItem | null): void;
  /** The user edits a draft's recipients. */
  editDraft(change: Partial<MailItem>): void;
  bodyReads: number;
  /** The draft's header as the pane left it. */
  readonly headerToken: string | null;
  /** Files attached to the draft: name and base64 content. */
  readonly attachments: { name: string; base64: string }[];
}

export function createFakeHost(options: FakeHostOptions = {}): FakeHost {
  let item = options.item === undefined ? null : options.item;
  const itemListeners = new Set<() => void>();
  const recipientListeners = new Set<() => void>();
  let token = options.sendLogToken ?? null;
  const host: FakeHost = {
    bodyReads: 0,
    attachments: [],
    async attachFile(name, base64) {
      if (item?.mode !== 'compose') throw new Error('no draft open');
      host.attachments.push({ name, base64 });
    },
    get headerToken() {
      return token;
    },
    sendLogSupport: () => options.sendLogSupport ?? { headers: true, sendEvent: true },
    sendLogToken: async () => token,
    threadReferences: async () => (item?.mode === 'read' ? options.threadReferences ?? [] : []),
    async setSendLogToken(next) {
      token = next;
    },
    async removeSendLogToken() {
      token = null;
    },
    platform: () => options.platform ?? 'web',
    features: () => ({
      mailbox15: true,
      followsSelection: (options.platform ?? 'web') !== 'mobile',
      recipientsChanged: options.supportsRecipientsChanged ?? true,
      nestedAppAuth: true,
      dialog: true,
      attachFromBase64: true,
      ...options.features,
    }),
    userProfile: () => options.user ?? me,
    displayLanguage: () => options.displayLanguage ?? 'en-GB',
    theme: () => options.theme ?? { isDark: false },
    currentItem: async () => item,
    currentAppointment: async () => (item ? null : options.appointment ?? null),
    async bodyExcerpt(maxLength) {
      host.bodyReads += 1;
      return (options.body ?? 'Hei, tässä tarjous.').replace(/\s+/g, ' ').trim().slice(0, maxLength);
    },
    async onItemChanged(listener) {
      itemListeners.add(listener);
      return () => itemListeners.delete(listener);
    },
    supportsRecipientsChanged: () => options.supportsRecipientsChanged ?? true,
    async onRecipientsChanged(listener) {
      recipientListeners.add(listener);
      return () => recipientListeners.delete(listener);
    },
    async onThemeChanged() {
      return () => {};
    },
    selectItem(next) {
      item = next;
      itemListeners.forEach((l) => l());
    },
    editDraft(change) {
      if (!item) throw new Error('no draft open');
      item = { ...item, ...change };
      recipientListeners.forEach((l) => l());
    },
  };
  return host;
}
