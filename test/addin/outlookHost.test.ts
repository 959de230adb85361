import { OfficeMockObject } from 'office-addin-mock';
import { createOutlookHost, OfficeCallError } from '../../addin/src/office/outlookHost';

type Callback = (result: { status: string; value?: unknown; error?: { message: string; code: number } }) => void;
type Handler = (args?: unknown) => void;

const succeeded = (value?: unknown) => ({ status: 'succeeded', value });
const failed = (message: string, code = 9000) => ({ status: 'failed', error: { message, code } });

/** A getAsync that answers like Outlook: callback last, options optional. */
const answers = (value: unknown) => (...args: unknown[]) => (args[args.length - 1] as Callback)(succeeded(value));

const readItem = () => ({
  itemType: 'message',
  internetMessageId: '<msg-1@firma.fi>',
  conversationId: 'conv-1',
  subject: 'Koulutustarjous',
  dateTimeCreated: new Date('2025-03-01T08:15:00.000Z'),
  from: { emailAddress: 'matti.meikalainen@firma.fi', displayName: 'Matti Meikäläinen' },
  to: [{ emailAddress: 'anna@omnia.fi', displayName: 'Anna' }],
  cc: [{ emailAddress: 'åsa@företag.se', displayName: 'Åsa' }],
  body: { getAsync: answers('  Hei Anna,\n\n\tkiitos   tarjouksesta.  ') },
});

const composeItem = (overrides: Record<string, unknown> = {}) => ({
  itemType: 'message',
  conversationId: 'conv-2',
  subject: { getAsync: answers('Luonnos') },
  from: { getAsync: answers({ emailAddress: 'anna@omnia.fi', displayName: 'Anna' }) },
  to: { getAsync: answers([{ emailAddress: 'liisa@kaupunki.fi', displayName: 'Liisa' }]) },
  cc: { getAsync: answers([]) },
  body: { getAsync: answers('') },
  ...overrides,
});

interface OutlookOptions {
  mailboxVersion?: string;
  background?: string;
  registrationFails?: boolean;
  /** `Office.context.platform` as office.js reports it (an `Office.PlatformType` value). */
  platform?: string;
  /** Further requirement sets the client reports, such as NestedAppAuth 1.1. */
  sets?: Record<string, string>;
}

function outlook(item: Record<string, unknown> | null, options: OutlookOptions = {}) {
  const mailboxHandlers = new Map<string, Handler>();
  const itemHandlers = new Map<string, Handler>();
  let registrations = 0;
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      displayLanguage: 'fi-FI',
      officeTheme: { bodyBackgroundColor: options.background ?? '#ffffff' },
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === 'Mailbox'
            ? Number(version) <= Number(options.mailboxVersion ?? '1.5')
            : options.sets?.[name] !== undefined && Number(version) <= Number(options.sets[name]),
      },
      ...(options.platform ? { platform: options.platform, diagnostics: { host: 'Outlook', platform: options.platform, version: '4.2450.0' } } : {}),
      mailbox: {
        userProfile: { emailAddress: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava', timeZone: 'FLE Standard Time' },
        addHandlerAsync: (eventType: string, handler: Handler, callback: Callback) => {
          registrations += 1;
          if (options.registrationFails) return callback(failed('Not supported', 5000));
          mailboxHandlers.set(eventType, handler);
          callback(succeeded());
        },
        removeHandlerAsync: (eventType: string, callback: Callback) => {
          mailboxHandlers.delete(eventType);
          callback(succeeded());
        },
      },
    },
    EventType: { ItemChanged: 'olkItemSelectedChanged', RecipientsChanged: 'olkRecipientsChanged', OfficeThemeChanged: 'officeThemeChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  });
  const setItem = (next: Record<string, unknown> | null) => {
    const withHandlers = next && {
      ...next,
      addHandlerAsync: (eventType: string, handler: Handler, callback: Callback) => {
        itemHandlers.set(eventType, handler);
        callback(succeeded());
      },
      removeHandlerAsync: (eventType: string, callback: Callback) => {
        itemHandlers.delete(eventType);
        callback(succeeded());
      },
    };
    mock.context.mailbox.item = withHandlers; // the mock cannot be built with a null item, so it is set afterwards
  };
  setItem(item);
  const host = createOutlookHost(mock as unknown as typeof Office);
  return {
    host,
    setItem,
    fire: (eventType: string, args?: unknown) => mailboxHandlers.get(eventType)?.(args),
    fireOnItem: (eventType: string) => itemHandlers.get(eventType)?.(),
    itemHandlers,
    registrations: () => registrations,
  };
}

describe('the Outlook adapter', () => {
  test('reads a received mail\'s participants and metadata as plain data', async () => {
    const { host } = outlook(readItem());

    await expect(host.currentItem()).resolves.toEqual({
      mode: 'read',
      internetMessageId: '<msg-1@firma.fi>',
      conversationId: 'conv-1',
      subject: 'Koulutustarjous',
      from: { email: 'matti.meikalainen@firma.fi', displayName: 'Matti Meikäläinen' },
      to: [{ email: 'anna@omnia.fi', displayName: 'Anna' }],
      cc: [{ email: 'åsa@företag.se', displayName: 'Åsa' }],
      dateTimeCreated: '2025-03-01T08:15:00.000Z',
    });
  });

  test('tells the signed-in user, the display language and the theme', () => {
    const { host } = outlook(readItem(), { background: '#1f1f1f' });

    expect(host.userProfile()).toEqual({ email: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava', timeZone: 'FLE Standard Time' });
    expect(host.displayLanguage()).toBe('fi-FI');
    expect(host.theme()).toEqual({ isDark: true });
    expect(outlook(readItem(), { background: '#fafafa' }).host.theme()).toEqual({ isDark: false });
  });

  test('a body excerpt is plain text, whitespace collapsed, cut to the length asked', async () => {
    const { host } = outlook(readItem());

    await expect(host.bodyExcerpt(500)).resolves.toBe('Hei Anna, kiitos tarjouksesta.');
    await expect(host.bodyExcerpt(8)).resolves.toBe('Hei Anna');
  });

  test('follows item changes, and a change to no item (a pinned pane) gives null instead of failing', async () => {
    const { host, setItem, fire, registrations } = outlook(readItem());
    const first = jest.fn();
    const second = jest.fn();
    const unsubscribe = await host.onItemChanged(first);
    await host.onItemChanged(second);

    setItem(null);
    fire('olkItemSelectedChanged');

    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(registrations()).toBe(1);
    await expect(host.currentItem()).resolves.toBeNull();
    await expect(host.bodyExcerpt(500)).rejects.toThrow(OfficeCallError);

    unsubscribe();
    fire('olkItemSelectedChanged');
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  test('an appointment is not a mail', async () => {
    const { host } = outlook({ ...readItem(), itemType: 'appointment' });

    await expect(host.currentItem()).resolves.toBeNull();
  });

  test('reads a draft\'s recipients through the asynchronous API', async () => {
    const { host } = outlook(composeItem());

    await expect(host.currentItem()).resolves.toEqual({
      mode: 'compose',
      internetMessageId: null,
      conversationId: 'conv-2',
      subject: 'Luonnos',
      from: { email: 'anna@omnia.fi', displayName: 'Anna' },
      to: [{ email: 'liisa@kaupunki.fi', displayName: 'Liisa' }],
      cc: [],
      dateTimeCreated: null,
    });
  });

  test('a draft in a client without from.getAsync is taken to be from the signed-in user', async () => {
    const { host } = outlook(composeItem({ from: {} }));

    await expect(host.currentItem()).resolves.toMatchObject({ from: { email: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava' } });
  });

  test('reports recipient changes of a draft where Mailbox 1.7 is supported', async () => {
    const { host, fireOnItem, itemHandlers } = outlook(composeItem(), { mailboxVersion: '1.7' });
    const listener = jest.fn();

    expect(host.supportsRecipientsChanged()).toBe(true);
    const unsubscribe = await host.onRecipientsChanged(listener);
    fireOnItem('olkRecipientsChanged');

    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await Promise.resolve();
    expect(itemHandlers.has('olkRecipientsChanged')).toBe(false);
    expect(outlook(composeItem(), { mailboxVersion: '1.5' }).host.supportsRecipientsChanged()).toBe(false);
  });

  test('an Office call that reports failure rejects the promise with Outlook\'s message and code', async () => {
    const broken = composeItem({
      to: { getAsync: (callback: Callback) => callback(failed('Recipients are not available', 9041)) },
    });
    const { host } = outlook(broken);

    const error = await host.currentItem().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeCallError);
    expect(error).toMatchObject({ message: 'Recipients are not available', code: 9041 });
  });

  test('an Office call that throws instead of calling back rejects too, rather than escaping', async () => {
    const throwing = { ...readItem(), body: { getAsync: () => { throw new Error('Host is busy'); } } };
    const { host } = outlook(throwing);

    await expect(host.bodyExcerpt(500)).rejects.toThrow('Host is busy');
  });

  test('a failed event registration rejects, so the pane keeps its manual refresh', async () => {
    const { host } = outlook(readItem(), { registrationFails: true });

    await expect(host.onItemChanged(jest.fn())).rejects.toMatchObject({ message: 'Not supported', code: 5000 });
  });

  test('recipient changes are not watched without a draft', async () => {
    const { host, itemHandlers } = outlook(readItem(), { mailboxVersion: '1.7' });

    const unsubscribe = await host.onRecipientsChanged(jest.fn());

    expect(itemHandlers.size).toBe(0);
    expect(() => unsubscribe()).not.toThrow();
  });
});

// ---------- meetings (appointments) ----------

const attendeeView = (overrides: Record<string, unknown> = {}) => ({
  itemType: 'appointment',
  itemId: 'AAMkADattendee==',
  seriesId: 'AAMkADseries==',
  subject: 'Koulutussuunnitelma 2027',
  start: new Date('2026-03-12T08:00:00.000Z'),
  end: new Date('2026-03-12T09:00:00.000Z'),
  organizer: { emailAddress: 'liisa@kaupunki.fi', displayName: 'Liisa Lehtonen' },
  requiredAttendees: [{ emailAddress: 'anna@omnia.fi', displayName: 'Anna' }, { emailAddress: 'matti@firma.fi', displayName: 'Matti' }],
  optionalAttendees: [{ emailAddress: 'åsa@företag.se', displayName: 'Åsa' }],
  body: { getAsync: answers('Asialista:\n 1. Syksyn koulutukset') },
  ...overrides,
});

const organizerForm = (overrides: Record<string, unknown> = {}) => ({
  itemType: 'appointment',
  subject: { getAsync: answers('Vuosisuunnittelu') },
  start: { getAsync: answers(new Date('2026-04-01T10:30:00.000Z')) },
  requiredAttendees: { getAsync: answers([{ emailAddress: 'liisa@kaupunki.fi', displayName: 'Liisa' }]) },
  optionalAttendees: { getAsync: answers([]) },
  organizer: { getAsync: answers({ emailAddress: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava' }) },
  getItemIdAsync: answers('AAMkADorganizer=='),
  body: { getAsync: answers('') },
  ...overrides,
});

describe('the Outlook adapter on a meeting', () => {
  test('an attendee\'s meeting: organizer, required and optional attendees, start, this mailbox\'s item id and the series', async () => {
    const { host } = outlook(attendeeView());

    await expect(host.currentAppointment()).resolves.toEqual({
      mode: 'read',
      itemId: 'AAMkADattendee==',
      seriesId: 'AAMkADseries==',
      isSeries: false,
      subject: 'Koulutussuunnitelma 2027',
      start: '2026-03-12T08:00:00.000Z',
      organizer: { email: 'liisa@kaupunki.fi', displayName: 'Liisa Lehtonen' },
      requiredAttendees: [{ email: 'anna@omnia.fi', displayName: 'Anna' }, { email: 'matti@firma.fi', displayName: 'Matti' }],
      optionalAttendees: [{ email: 'åsa@företag.se', displayName: 'Åsa' }],
    });
    // a meeting is no mail: the mail view stays out of it
    await expect(host.currentItem()).resolves.toBeNull();
    await expect(host.bodyExcerpt(9)).resolves.toBe('Asialista');
  });

  test('a single meeting has no series', async () => {
    const { host } = outlook(attendeeView({ seriesId: undefined }));
    await expect(host.currentAppointment()).resolves.toMatchObject({ seriesId: null, isSeries: false });
  });

  test('the series itself (a recurrence, no series id) is told apart from one of its occurrences, in read and compose', async () => {
    const weekly = { recurrenceType: 'weekly', seriesTime: {}, recurrenceProperties: { days: ['thu'] } };
    await expect(outlook(attendeeView({ seriesId: undefined, recurrence: weekly })).host.currentAppointment()).resolves.toMatchObject({ isSeries: true });
    await expect(outlook(attendeeView({ recurrence: weekly })).host.currentAppointment()).resolves.toMatchObject({ isSeries: false });
    await expect(outlook(organizerForm({ recurrence: { getAsync: answers(weekly) } })).host.currentAppointment()).resolves.toMatchObject({ isSeries: true });
    await expect(outlook(organizerForm({ recurrence: { getAsync: answers(null) } })).host.currentAppointment()).resolves.toMatchObject({ isSeries: false });
  });

  test('the organizer\'s form is read through getAsync: start, attendees, subject, organizer and the saved item\'s id', async () => {
    const { host } = outlook(organizerForm());

    await expect(host.currentAppointment()).resolves.toEqual({
      mode: 'compose',
      itemId: 'AAMkADorganizer==',
      seriesId: null,
      isSeries: false,
      subject: 'Vuosisuunnittelu',
      start: '2026-04-01T10:30:00.000Z',
      organizer: { email: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava' },
      requiredAttendees: [{ email: 'liisa@kaupunki.fi', displayName: 'Liisa' }],
      optionalAttendees: [],
    });
  });

  test('without Mailbox 1.7/1.8 (no organizer.getAsync, no getItemIdAsync) the organizer is the user and the id is unknown', async () => {
    const { host } = outlook(organizerForm({ organizer: undefined, getItemIdAsync: undefined }));
    await expect(host.currentAppointment()).resolves.toMatchObject({
      organizer: { email: 'anna@omnia.fi', displayName: 'Anna Asiakasvastaava' },
      itemId: null,
    });
  });

  test('a new meeting not saved yet (getItemIdAsync fails) still reads, without an id', async () => {
    const { host } = outlook(organizerForm({ getItemIdAsync: (cb: Callback) => cb(failed('The item has not been saved', 9036)) }));
    await expect(host.currentAppointment()).resolves.toMatchObject({ itemId: null, subject: 'Vuosisuunnittelu' });
  });

  test('a failing read of the form is an OfficeCallError, never an escaped callback exception', async () => {
    const { host } = outlook(organizerForm({ start: { getAsync: (cb: Callback) => cb(failed('Busy', 5001)) } }));
    await expect(host.currentAppointment()).rejects.toThrow(OfficeCallError);
  });

  test('a mail is no meeting', async () => {
    const { host } = outlook(readItem());
    await expect(host.currentAppointment()).resolves.toBeNull();
  });
});

describe('the Outlook adapter on each kind of client', () => {
  test.each([
    ['iOS', 'mobile'],
    ['Android', 'mobile'],
    ['PC', 'desktop'],
    ['Mac', 'desktop'],
    ['Universal', 'desktop'],
    ['OfficeOnline', 'web'],
  ])('Office.context.platform %s is a %s client', (platform, expected) => {
    expect(outlook(readItem(), { platform }).host.platform()).toBe(expected);
  });

  test('a client that reports no platform counts as web, never as desktop', () => {
    expect(outlook(readItem()).host.platform()).toBe('web');
  });

  test.each(['iOS', 'Android'])('Outlook on %s (Mailbox 1.5, NAA, dialogs): the pane reads the mail but does not follow a selection, and has no recipients-changed', async (platform) => {
    const { host } = outlook(readItem(), { platform, mailboxVersion: '1.5', sets: { NestedAppAuth: '1.1', DialogApi: '1.2' } });

    expect(host.features()).toEqual({ mailbox15: true, followsSelection: false, recipientsChanged: false, nestedAppAuth: true, dialog: true, attachFromBase64: false });
    // the read surface works exactly as on the desktop: participants and the body excerpt
    await expect(host.currentItem()).resolves.toMatchObject({ mode: 'read', internetMessageId: '<msg-1@firma.fi>', from: { email: 'matti.meikalainen@firma.fi' } });
    await expect(host.bodyExcerpt(8)).resolves.toBe('Hei Anna');
  });

  test('an older mobile app without NestedAppAuth leaves sign-in to the dialog', () => {
    const { host } = outlook(readItem(), { platform: 'Android', mailboxVersion: '1.5', sets: { DialogApi: '1.1' } });
    expect(host.features()).toMatchObject({ nestedAppAuth: false, dialog: true });
  });

  test('the new Outlook on Windows (OfficeOnline, Mailbox 1.7) follows the selection of a pinned pane', () => {
    const { host } = outlook(readItem(), { platform: 'OfficeOnline', mailboxVersion: '1.7', sets: { NestedAppAuth: '1.1', DialogApi: '1.2' } });
    expect(host.features()).toEqual({ mailbox15: true, followsSelection: true, recipientsChanged: true, nestedAppAuth: true, dialog: true, attachFromBase64: false });
  });

  test('Attach offer: from Mailbox 1.8 the draft gets the file as an attachment, not inline; a read mail refuses', async () => {
    const attached: unknown[] = [];
    const { host, setItem } = outlook(composeItem({
      addFileAttachmentFromBase64Async: (base64: string, name: string, options: unknown, callback: Callback) => {
        attached.push({ base64, name, options });
        callback(succeeded('attachment-1'));
      },
    }), { mailboxVersion: '1.8' });
    expect(host.features().attachFromBase64).toBe(true);
    await host.attachFile('tarjous-2026-0042.pdf', 'JVBERi0=');
    expect(attached).toEqual([{ base64: 'JVBERi0=', name: 'tarjous-2026-0042.pdf', options: { isInline: false } }]);

    setItem(readItem());
    await expect(host.attachFile('tarjous-2026-0042.pdf', 'JVBERi0=')).rejects.toThrow(/only to a draft/);
  });

  test('a client below Mailbox 1.5 says so rather than pretending', () => {
    expect(outlook(readItem(), { platform: 'PC', mailboxVersion: '1.4' }).host.features()).toMatchObject({ mailbox15: false, followsSelection: false });
  });
});
