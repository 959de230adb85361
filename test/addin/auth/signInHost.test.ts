/** The Office side of sign-in (outlookHost.ts): the NAA requirement set and the dialog API, with office.js faked. */
import { createSignInHost, OfficeCallError } from '../../../addin/src/office/outlookHost';

type Handler = (arg: unknown) => void;
const ORIGIN = 'https://asiakkuus.omnia.fi';

function office(opts: { naa?: boolean; openFails?: boolean } = {}) {
  const handlers = new Map<string, Handler>();
  const dialog = { close: jest.fn(), addEventHandler: jest.fn((type: string, h: Handler) => handlers.set(type, h)) };
  const displayDialogAsync = jest.fn((_url: string, _options: unknown, cb: (r: unknown) => void) =>
    cb(opts.openFails ? { status: 'failed', error: { message: 'Blocked', code: 12007 } } : { status: 'succeeded', value: dialog }));
  const fake = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      requirements: { isSetSupported: jest.fn((set: string, version: string) => set === 'NestedAppAuth' && version === '1.1' && (opts.naa ?? true)) },
      ui: { displayDialogAsync },
    },
  };
  const host = createSignInHost(fake as unknown as typeof Office, ORIGIN);
  return { host, dialog, handlers, displayDialogAsync };
}

describe('the sign-in host', () => {
  test('reports NestedAppAuth 1.1 support as Outlook does', () => {
    expect(office({ naa: true }).host.supportsNestedAppAuth()).toBe(true);
    expect(office({ naa: false }).host.supportsNestedAppAuth()).toBe(false);
  });

  test('resolves with the message of our own page and closes the dialog', async () => {
    const o = office();
    const answer = o.host.openSignInDialog(`${ORIGIN}/auth/dialog.html`);
    o.handlers.get('dialogMessageReceived')!({ message: 'from-evil', origin: 'https://evil.example' });
    o.handlers.get('dialogMessageReceived')!({ message: '{"status":"ok"}', origin: ORIGIN });
    await expect(answer).resolves.toBe('{"status":"ok"}');
    expect(o.dialog.close).toHaveBeenCalledTimes(1);
    expect(o.displayDialogAsync).toHaveBeenCalledWith(`${ORIGIN}/auth/dialog.html`, expect.objectContaining({ promptBeforeOpen: false }), expect.any(Function));
  });

  test('a closed dialog or one that cannot open is a rejection', async () => {
    const closed = office();
    const answer = closed.host.openSignInDialog(`${ORIGIN}/auth/dialog.html`);
    closed.handlers.get('dialogEventReceived')!({ error: 12006 });
    await expect(answer).rejects.toThrow('The sign-in window was closed');
    await expect(office({ openFails: true }).host.openSignInDialog('x')).rejects.toBeInstanceOf(OfficeCallError);
  });
});

describe('the sign-in host on each platform', () => {
  const on = (platform: string) =>
    createSignInHost({ context: { platform, requirements: { isSetSupported: () => true } } } as unknown as typeof Office, ORIGIN);

  test.each([['iOS', true], ['Android', true], ['PC', false], ['Mac', false], ['OfficeOnline', false]])('Office.context.platform %s: mobile is %s', (platform, mobile) => {
    expect(on(platform).isMobile()).toBe(mobile);
  });
});
