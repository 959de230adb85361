/**
 * The one module that touches `Office.*`. It turns office.js callbacks into Promises
 * (an error thrown inside an Office callback would escape any try/catch around the call)
 * and hands the rest of the task pane plain data (`./types`).
 */
import { SEND_LOG_HEADER } from '../../../shared/contract-sending';
import { MAX_THREAD_REFERENCES } from '../../../shared/contract-conversations';
import type {
  AppointmentItem, HostFeatures, HostPlatform, HostTheme, MailItem, MailParticipant, OutgoingMail, OutlookHost, SendEvent, SendLogSupport, Unsubscribe, UserProfile,
} from './types';
import type { DialogChild } from '../auth/dialog';
import { DIALOG_CLOSED, type SignInHost } from '../auth/msal';

/** An Office asynchronous call that reported failure. */
export class OfficeCallError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message);
    this.name = 'OfficeCallError';
  }
}

type OfficeNamespace = typeof Office;
type AnyItem = Office.MessageRead | Office.MessageCompose;
type AnyAppointment = Office.AppointmentRead | Office.AppointmentCompose;
type Callback<T> = (result: Office.AsyncResult<T>) => void;

const noop: Unsubscribe = () => {};

/** Waits for office.js and returns the host adapter; nothing should render before this resolves. */
export async function officeReady(): Promise<OutlookHost> {
  await Office.onReady();
  return createOutlookHost(Office);
}

export function createOutlookHost(office: OfficeNamespace): OutlookHost {
  const mailbox = () => office.context.mailbox;
  const item = (): AnyItem | null => (mailbox().item as AnyItem | null | undefined) ?? null;

  /** Runs one office.js async call; settles exactly once whatever the callback does. */
  function call<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        invoke((result) => {
          if (result.status === office.AsyncResultStatus.Failed) {
            reject(new OfficeCallError(result.error?.message ?? 'The Outlook call failed', result.error?.code));
          } else {
            resolve(result.value);
          }
        });
      } catch (error) {
        reject(error instanceof Error ? error : new OfficeCallError(String(error)));
      }
    });
  }

  async function readCompose(draft: Office.MessageCompose): Promise<MailItem> {
    const canReadFrom = typeof draft.from?.getAsync === 'function';
    const [subject, to, cc, from] = await Promise.all([
      call<string>((cb) => draft.subject.getAsync(cb)),
      call<Office.EmailAddressDetails[]>((cb) => draft.to.getAsync(cb)),
      call<Office.EmailAddressDetails[]>((cb) => draft.cc.getAsync(cb)),
      canReadFrom ? call<Office.EmailAddressDetails>((cb) => draft.from.getAsync(cb)) : Promise.resolve(null),
    ]);
    const me = userProfile();
    return {
      mode: 'compose',
      internetMessageId: null,
      conversationId: draft.conversationId || null,
      subject: subject ?? '',
      from: from ? participant(from) : { email: me.email, displayName: me.displayName },
      to: (to ?? []).map(participant),
      cc: (cc ?? []).map(participant),
      dateTimeCreated: null,
    };
  }

  function readMessage(message: Office.MessageRead): MailItem {
    const from = message.from ?? message.sender;
    return {
      mode: 'read',
      internetMessageId: message.internetMessageId || null,
      conversationId: message.conversationId || null,
      subject: message.subject ?? '',
      from: from ? participant(from) : null,
      to: (message.to ?? []).map(participant),
      cc: (message.cc ?? []).map(participant),
      dateTimeCreated: toIso(message.dateTimeCreated),
    };
  }

  /** The attendee's view: everything is a property. */
  function readAppointment(meeting: Office.AppointmentRead): AppointmentItem {
    const start = toIso(meeting.start);
    if (!start) throw new OfficeCallError('The meeting has no start time');
    return {
      mode: 'read',
      itemId: meeting.itemId || null,
      seriesId: meeting.seriesId || null,
      isSeries: !meeting.seriesId && Boolean(meeting.recurrence),
      subject: meeting.subject ?? '',
      start,
      organizer: meeting.organizer ? participant(meeting.organizer) : null,
      requiredAttendees: (meeting.requiredAttendees ?? []).map(participant),
      optionalAttendees: (meeting.optionalAttendees ?? []).map(participant),
    };
  }

  /**
   * The organizer's form: every field through getAsync. The organizer's address needs Mailbox 1.7
   * (`organizer.getAsync`), else it is the signed-in user (who is the organizer on this form); the
   * item id needs Mailbox 1.8 (`getItemIdAsync`) and a saved meeting, else it is null.
   */
  async function readOrganizerForm(form: Office.AppointmentCompose): Promise<AppointmentItem> {
    const canReadOrganizer = typeof form.organizer?.getAsync === 'function';
    const canReadId = typeof form.getItemIdAsync === 'function';
    const canReadRecurrence = typeof form.recurrence?.getAsync === 'function';
    const [subject, start, required, optional, organizer, itemId, recurrence] = await Promise.all([
      call<string>((cb) => form.subject.getAsync(cb)),
      call<Date>((cb) => form.start.getAsync(cb)),
      call<Office.EmailAddressDetails[]>((cb) => form.requiredAttendees.getAsync(cb)),
      call<Office.EmailAddressDetails[]>((cb) => form.optionalAttendees.getAsync(cb)),
      canReadOrganizer ? call<Office.EmailAddressDetails>((cb) => form.organizer.getAsync(cb)).catch(() => null) : Promise.resolve(null),
      canReadId ? call<string>((cb) => form.getItemIdAsync(cb)).catch(() => null) : Promise.resolve(null), // a new meeting has no id yet
      canReadRecurrence ? call<Office.Recurrence | null>((cb) => form.recurrence.getAsync(cb)).catch(() => null) : Promise.resolve(null),
    ]);
    const startIso = toIso(start);
    if (!startIso) throw new OfficeCallError('The meeting has no start time');
    const me = userProfile();
    return {
      mode: 'compose',
      itemId: itemId || null,
      seriesId: form.seriesId || null,
      isSeries: !form.seriesId && Boolean(recurrence),
      subject: subject ?? '',
      start: startIso,
      organizer: organizer ? participant(organizer) : { email: me.email, displayName: me.displayName },
      requiredAttendees: (required ?? []).map(participant),
      optionalAttendees: (optional ?? []).map(participant),
    };
  }

  function userProfile(): UserProfile {
    const profile = mailbox().userProfile;
    return { email: profile.emailAddress ?? '', displayName: profile.displayName ?? '', timeZone: profile.timeZone ?? '' };
  }

  /**
   * Mailbox events: one office.js registration per event type for the adapter's lifetime,
   * fanned out to listeners (removing a mailbox handler removes every handler of the type,
   * so listeners coming and going must not touch the registration).
   */
  const listeners = new Map<Office.EventType, Set<(args: unknown) => void>>();
  const registrations = new Map<Office.EventType, Promise<void>>();

  async function onMailboxEvent(eventType: Office.EventType, listener: (args: unknown) => void): Promise<Unsubscribe> {
    let forType = listeners.get(eventType);
    if (!forType) {
      const created = new Set<(args: unknown) => void>();
      listeners.set(eventType, created);
      forType = created;
    }
    let registration = registrations.get(eventType);
    if (!registration) {
      const fanOut = forType;
      registration = call<void>((cb) => mailbox().addHandlerAsync(eventType, (args: unknown) => [...fanOut].forEach((l) => l(args)), cb));
      registrations.set(eventType, registration);
      registration.catch(() => registrations.delete(eventType));
    }
    await registration;
    forType.add(listener);
    const subscribed = forType;
    return () => {
      subscribed.delete(listener);
    };
  }

  /** Whether the client reports a requirement set; an old client without `requirements` reports none. */
  function supports(name: string, version: string): boolean {
    try {
      return office.context.requirements?.isSetSupported(name, version) === true;
    } catch {
      return false;
    }
  }

  const platform = (): HostPlatform => platformOf(office);

  return {
    platform,
    features(): HostFeatures {
      const mobile = platform() === 'mobile';
      const mailbox15 = supports('Mailbox', '1.5');
      return {
        mailbox15,
        followsSelection: mailbox15 && !mobile,
        recipientsChanged: supports('Mailbox', '1.7'),
        nestedAppAuth: supports('NestedAppAuth', '1.1'),
        dialog: supports('DialogApi', '1.1'),
        attachFromBase64: supports('Mailbox', '1.8'),
      };
    },
    userProfile,
    displayLanguage: () => office.context.displayLanguage || 'en-US',
    theme: () => themeOf(office.context.officeTheme),

    async currentItem() {
      const current = item();
      if (!current || String(current.itemType) !== 'message') return null;
      return isCompose(current) ? readCompose(current) : readMessage(current);
    },

    async currentAppointment() {
      const current = mailbox().item as AnyAppointment | null | undefined;
      if (!current || String(current.itemType) !== 'appointment') return null;
      return isCompose(current as unknown as AnyItem) ? readOrganizerForm(current as Office.AppointmentCompose) : readAppointment(current as Office.AppointmentRead);
    },

    async bodyExcerpt(maxLength) {
      const current = item();
      if (!current) throw new OfficeCallError('No item is selected');
      const text = await call<string>((cb) => current.body.getAsync('text', cb));
      return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, maxLength);
    },

    onItemChanged(listener) {
      return onMailboxEvent(office.EventType.ItemChanged, () => listener());
    },

    supportsRecipientsChanged() {
      return supports('Mailbox', '1.7');
    },

    async onRecipientsChanged(listener) {
      const draft = item();
      if (!draft || !isCompose(draft)) return noop;
      const eventType = office.EventType.RecipientsChanged;
      await call<void>((cb) => draft.addHandlerAsync(eventType, () => listener(), cb));
      return () => {
        call<void>((cb) => draft.removeHandlerAsync(eventType, cb)).catch(() => {});
      };
    },

    sendLogSupport() {
      return sendLogSupportOf(office);
    },

    async sendLogToken() {
      const current = item();
      if (!current || !sendLogSupportOf(office).headers) return null;
      if (isCompose(current)) return draftToken(call, current);
      if (typeof current.getAllInternetHeadersAsync !== 'function') return null;
      return headerToken(await call<string>((cb) => current.getAllInternetHeadersAsync(cb)));
    },

    async threadReferences() {
      const current = item();
      if (!current || isCompose(current) || !sendLogSupportOf(office).headers || typeof current.getAllInternetHeadersAsync !== 'function') return [];
      return threadReferences(await call<string>((cb) => current.getAllInternetHeadersAsync(cb)));
    },

    async setSendLogToken(token) {
      const draft = composeOnly(item());
      await call<void>((cb) => draft.internetHeaders.setAsync({ [SEND_LOG_HEADER]: token }, cb));
    },

    async removeSendLogToken() {
      const draft = composeOnly(item());
      await call<void>((cb) => draft.internetHeaders.removeAsync([SEND_LOG_HEADER], cb));
    },

    async attachFile(name, base64) {
      const current = item();
      if (!current || !isCompose(current) || typeof current.addFileAttachmentFromBase64Async !== 'function') {
        throw new OfficeCallError('A file can be attached only to a draft, in an Outlook with Mailbox 1.8');
      }
      await call<string>((cb) => current.addFileAttachmentFromBase64Async(base64, name, { isInline: false }, cb));
    },

    onThemeChanged(listener) {
      const eventType = office.EventType.OfficeThemeChanged;
      if (eventType === undefined) return Promise.resolve(noop);
      return onMailboxEvent(eventType, (args) => {
        const theme = (args as { officeTheme?: Office.OfficeTheme } | undefined)?.officeTheme;
        listener(themeOf(theme ?? office.context.officeTheme));
      });
    },
  };
}

// ---------- Log when sent: internet headers (Mailbox 1.8) and the send event (Mailbox 1.12) ----------

type Call = <T>(invoke: (callback: Callback<T>) => void) => Promise<T>;

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/;

function isSetSupported(office: OfficeNamespace, version: string): boolean {
  try {
    return office.context.requirements?.isSetSupported('Mailbox', version) === true;
  } catch {
    return false;
  }
}

function sendLogSupportOf(office: OfficeNamespace): SendLogSupport {
  return { headers: isSetSupported(office, '1.8'), sendEvent: isSetSupported(office, '1.12') };
}

function composeOnly(current: AnyItem | null): Office.MessageCompose {
  if (!current || !isCompose(current) || !current.internetHeaders) throw new OfficeCallError('Internet headers can be set only on a draft');
  return current;
}

async function draftToken(call: Call, draft: Office.MessageCompose): Promise<string | null> {
  if (!draft.internetHeaders) return null;
  const headers = await call<Record<string, string>>((cb) => draft.internetHeaders.getAsync([SEND_LOG_HEADER], cb));
  const value = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === SEND_LOG_HEADER)?.[1]?.trim() ?? '';
  return TOKEN.test(value) ? value : null;
}

/** A header's value in a mail's raw headers (RFC 5322: folded lines unfolded, names case-insensitive), or null. */
function headerValue(rawHeaders: string | null | undefined, name: string): string | null {
  const lines = (rawHeaders ?? '').replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return null;
}

/** The token in a mail's raw headers, or null. */
export function headerToken(rawHeaders: string | null | undefined): string | null {
  const value = headerValue(rawHeaders, SEND_LOG_HEADER);
  return value !== null && TOKEN.test(value) ? value : null;
}

/** The Message-IDs a mail refers to (`In-Reply-To`, then `References`, RFC 5322 §3.6.4), each once, the newest `max`. */
export function threadReferences(rawHeaders: string | null | undefined, max = MAX_THREAD_REFERENCES): string[] {
  const ids = ['references', 'in-reply-to'].flatMap((name) => headerValue(rawHeaders, name)?.match(/<[^<>\s]+>/g) ?? []);
  return [...new Set(ids.reverse())].slice(0, max);
}

/** What the event runtime's entry point needs: the handler named in the manifest, bound to Outlook's send event. */
export interface SendEventHost {
  /** The signed-in user (the dev sign-in's identity). */
  userProfile(): UserProfile;
  /** Binds `handler` to the manifest's `onMessageSendHandler`; false where this runtime has no `Office.actions`. */
  onMessageSend(handler: (event: SendEvent) => Promise<void>): boolean;
}

export const SEND_HANDLER_NAME = 'onMessageSendHandler';

export function createSendEventHost(office: OfficeNamespace): SendEventHost {
  const host = createOutlookHost(office);
  function call<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        invoke((result) => {
          if (result.status === office.AsyncResultStatus.Failed) reject(new OfficeCallError(result.error?.message ?? 'The Outlook call failed', result.error?.code));
          else resolve(result.value);
        });
      } catch (error) {
        reject(error instanceof Error ? error : new OfficeCallError(String(error)));
      }
    });
  }

  function sendEventOf(event: { completed(options?: { allowEvent?: boolean }): void }): SendEvent {
    let done = false;
    return {
      async mail(): Promise<OutgoingMail> {
        const draft = composeOnly((office.context.mailbox.item as AnyItem | null | undefined) ?? null);
        const [token, subject, to, cc] = await Promise.all([
          draftToken(call, draft).catch(() => null),
          call<string>((cb) => draft.subject.getAsync(cb)),
          call<Office.EmailAddressDetails[]>((cb) => draft.to.getAsync(cb)),
          call<Office.EmailAddressDetails[]>((cb) => draft.cc.getAsync(cb)),
        ]);
        return {
          token,
          subject: subject ?? '',
          to: (to ?? []).map(participant),
          cc: (cc ?? []).map(participant),
          conversationId: draft.conversationId || null,
        };
      },
      bodyExcerpt: (maxLength) => host.bodyExcerpt(maxLength),
      allowSend() {
        if (done) return;
        done = true;
        event.completed({ allowEvent: true });
      },
    };
  }

  return {
    userProfile: () => host.userProfile(),
    onMessageSend(handler) {
      const actions = (office as unknown as { actions?: { associate(name: string, fn: (event: never) => void): void } }).actions;
      if (!actions || typeof actions.associate !== 'function') return false;
      actions.associate(SEND_HANDLER_NAME, (event: { completed(options?: { allowEvent?: boolean }): void }) => {
        const send = sendEventOf(event);
        // whatever the handler does or throws, the send goes on
        handler(send).then(() => send.allowSend(), () => send.allowSend());
      });
      return true;
    },
  };
}

/**
 * The client's kind from `Office.context.platform` (or, in an older office.js, `diagnostics.platform`;
 * both are `Office.PlatformType` values as strings). Unknown or absent counts as web, the client
 * with the fewest assumptions after mobile.
 */
function platformOf(office: OfficeNamespace): HostPlatform {
  let reported: unknown;
  try {
    reported = office.context.platform ?? office.context.diagnostics?.platform;
  } catch {
    reported = undefined;
  }
  switch (String(reported)) {
    case 'iOS':
    case 'Android':
      return 'mobile';
    case 'PC':
    case 'Mac':
    case 'Universal':
      return 'desktop';
    default:
      return 'web';
  }
}

function isCompose(item: AnyItem): item is Office.MessageCompose {
  const subject: unknown = item.subject;
  return typeof subject === 'object' && subject !== null && typeof (subject as { getAsync?: unknown }).getAsync === 'function';
}

function participant(details: Office.EmailAddressDetails): MailParticipant {
  return { email: details.emailAddress ?? '', displayName: details.displayName ?? '' };
}

function toIso(value: Date | string | undefined): string | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Outlook does not report `isDarkTheme`; the body background's luminance tells instead. */
function themeOf(theme: Office.OfficeTheme | undefined): HostTheme {
  const rgb = parseHexColour(theme?.bodyBackgroundColor);
  if (!rgb) return { isDark: false };
  const [r, g, b] = rgb;
  return { isDark: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5 };
}

function parseHexColour(value: string | undefined): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '');
  if (!m) return null;
  const hex = m[1]!.length === 3 ? m[1]!.replace(/./g, '$&$&') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

// ---------- sign-in (Entra ID; see ../auth/msal.ts and ../auth/dialog.ts) ----------

/** What MSAL's sign-in needs from Outlook: the NAA requirement set, the platform and the dialog API. */
export function createSignInHost(office: OfficeNamespace, ownOrigin: string): SignInHost {
  return {
    isMobile: () => platformOf(office) === 'mobile',

    supportsNestedAppAuth() {
      try {
        return office.context.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;
      } catch {
        return false;
      }
    },

    openSignInDialog(url) {
      return new Promise<string>((resolve, reject) => {
        try {
          office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
            if (result.status === office.AsyncResultStatus.Failed) {
              reject(new OfficeCallError(result.error?.message ?? 'The sign-in window could not be opened', result.error?.code));
              return;
            }
            const dialog = result.value;
            let settled = false;
            const finish = (settle: () => void) => {
              if (settled) return;
              settled = true;
              try {
                dialog.close();
              } catch {
                // already closed
              }
              settle();
            };
            dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
              const { message, origin } = arg as { message?: unknown; origin?: unknown };
              if (typeof origin === 'string' && origin !== ownOrigin) return; // only our own sign-in page may answer
              finish(() => resolve(typeof message === 'string' ? message : ''));
            });
            dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
              const code = (arg as { error?: number }).error;
              finish(() => reject(new OfficeCallError(code === DIALOG_CLOSED ? 'The sign-in window was closed' : 'The sign-in window failed', code)));
            });
          });
        } catch (error) {
          reject(error instanceof Error ? error : new OfficeCallError(String(error)));
        }
      });
    },
  };
}

/** The event runtime's adapter over the global office.js (../events/main.ts). */
export function officeSendEventHost(): SendEventHost {
  return createSendEventHost(Office);
}

export function officeSignInHost(): SignInHost {
  return createSignInHost(Office, window.location.origin);
}

/** The sign-in dialog page's side: wait for office.js, then answer the pane. */
export function officeDialogChild(): DialogChild {
  return {
    ready: async () => {
      await Office.onReady();
    },
    send: (message) => Office.context.ui.messageParent(message),
  };
}
