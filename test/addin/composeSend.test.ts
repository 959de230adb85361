/**
 * The Outlook adapter's side of "Log when sent", over office-addin-mock: the token in the draft's
 * internet header (Mailbox 1.8), read back from a sent mail's headers, and the send event's handler
 * (Mailbox 1.12), which always lets the send go on.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { createOutlookHost, createSendEventHost, headerToken, SEND_HANDLER_NAME, threadReferences } from '../../addin/src/office/outlookHost';
import { handleSend } from '../../addin/src/events/onSend';
import type { SendReporter } from '../../addin/src/api/client';
import type { SendEvent } from '../../addin/src/office/types';

type Callback = (result: { status: string; value?: unknown; error?: { message: string; code: number } }) => void;
const succeeded = (value?: unknown) => ({ status: 'succeeded', value });
const failed = (message: string, code = 9000) => ({ status: 'failed', error: { message, code } });
const answers = (value: unknown) => (...args: unknown[]) => (args[args.length - 1] as Callback)(succeeded(value));

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';

/** A draft whose internet headers behave like Outlook's: a dictionary set, read and removed by name. */
function draft(headers: Record<string, string> = {}, { setFails = false } = {}) {
  return {
    itemType: 'message',
    conversationId: 'conv-9',
    subject: { getAsync: answers('Tarjous: työturvallisuuskortti') },
    from: { getAsync: answers({ emailAddress: 'anna@omnia.fi', displayName: 'Anna' }) },
    to: { getAsync: answers([{ emailAddress: 'Liisa@Kaupunki.fi', displayName: 'Liisa' }, { emailAddress: 'Ryhmä', displayName: 'Ryhmä' }]) },
    cc: { getAsync: answers([]) },
    body: { getAsync: answers('  Hei Liisa,\n\n tässä   tarjous. ') },
    internetHeaders: {
      setAsync: (values: Record<string, string>, callback: Callback) => {
        if (setFails) return callback(failed('Headers are not available', 5000));
        Object.assign(headers, values);
        callback(succeeded());
      },
      getAsync: (names: string[], callback: Callback) =>
        callback(succeeded(Object.fromEntries(names.filter((n) => n in headers).map((n) => [n, headers[n]!])))),
      removeAsync: (names: string[], callback: Callback) => {
        for (const n of names) delete headers[n];
        callback(succeeded());
      },
    },
  };
}

function outlook(item: Record<string, unknown>, mailboxVersion: string) {
  const associated = new Map<string, (event: unknown) => void>();
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      displayLanguage: 'fi-FI',
      requirements: { isSetSupported: (name: string, version: string) => name === 'Mailbox' && Number(version.split('.')[1]) <= Number(mailboxVersion.split('.')[1]) },
      mailbox: { userProfile: { emailAddress: 'anna@omnia.fi', displayName: 'Anna', timeZone: 'FLE Standard Time' }, addHandlerAsync: answers(undefined) },
    },
    actions: { associate: (name: string, fn: (event: unknown) => void) => associated.set(name, fn) },
    EventType: { ItemChanged: 'olkItemSelectedChanged' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  });
  mock.context.mailbox.item = item;
  const office = mock as unknown as typeof Office;
  return { host: createOutlookHost(office), office, associated };
}

/** Outlook's send event: `completed` records how the handler finished. */
function sendEvent() {
  const completions: unknown[] = [];
  return { completions, event: { completed: (options?: unknown) => completions.push(options) } };
}

describe('the draft carries the send log’s token in an internet header', () => {
  test('set, read back and removed on the draft, under x-asiakkuus-log', async () => {
    const headers: Record<string, string> = {};
    const { host } = outlook(draft(headers), '1.12');
    await expect(host.sendLogToken()).resolves.toBeNull();
    await host.setSendLogToken(TOKEN);
    expect(headers).toEqual({ 'x-asiakkuus-log': TOKEN });
    await expect(host.sendLogToken()).resolves.toBe(TOKEN);
    await host.removeSendLogToken();
    expect(headers).toEqual({});
    await expect(host.sendLogToken()).resolves.toBeNull();
  });

  test('a failed header write is an error the pane can show', async () => {
    const { host } = outlook(draft({}, { setFails: true }), '1.12');
    await expect(host.setSendLogToken(TOKEN)).rejects.toThrow('Headers are not available');
  });

  test('the sent copy’s raw headers give the token back, folded or in any case; other values are ignored', async () => {
    const raw = `Received: from mail.omnia.fi\r\n by x; Mon, 1 Dec 2026\r\nX-Asiakkuus-Log:\r\n ${TOKEN}\r\nSubject: Tarjous\r\n`;
    const sent = { itemType: 'message', internetMessageId: '<s@omnia.fi>', subject: 'Tarjous', getAllInternetHeadersAsync: answers(raw) };
    await expect(outlook(sent, '1.8').host.sendLogToken()).resolves.toBe(TOKEN);
    expect(headerToken('x-asiakkuus-log: <script>\r\n')).toBeNull();
    expect(headerToken('Subject: x-asiakkuus-log: AAAAAAAAAAAAAAAAAAAAAAAA\r\n')).toBeNull();
  });

  test('a read mail’s In-Reply-To and References give the Message-IDs it refers to, newest first, each once; none in compose or before Mailbox 1.8', async () => {
    const raw = 'Message-ID: <c@firma.fi>\r\nReferences: <a@firma.fi>\r\n <b@omnia.fi>\r\nIn-Reply-To: <b@omnia.fi>\r\nSubject: Re: Tarjous\r\n';
    const reply = { itemType: 'message', internetMessageId: '<c@firma.fi>', subject: 'Re: Tarjous', getAllInternetHeadersAsync: answers(raw) };
    await expect(outlook(reply, '1.8').host.threadReferences()).resolves.toEqual(['<b@omnia.fi>', '<a@firma.fi>']);
    await expect(outlook(reply, '1.7').host.threadReferences()).resolves.toEqual([]);
    await expect(outlook(draft(), '1.12').host.threadReferences()).resolves.toEqual([]);
    const many = Array.from({ length: 80 }, (_, i) => `<r${i}@x.fi>`).join(' ');
    expect(threadReferences(`References: ${many}\r\n`)).toHaveLength(50);
    expect(threadReferences(`References: ${many}\r\n`)[0]).toBe('<r79@x.fi>');
    expect(threadReferences('Subject: In-Reply-To: <x@y>\r\n')).toEqual([]);
  });

  test('what the client supports: headers from Mailbox 1.8, the send event from 1.12; without 1.8 no header is read', async () => {
    expect(outlook(draft(), '1.12').host.sendLogSupport()).toEqual({ headers: true, sendEvent: true });
    expect(outlook(draft(), '1.11').host.sendLogSupport()).toEqual({ headers: true, sendEvent: false });
    const old = outlook(draft({ 'x-asiakkuus-log': TOKEN }), '1.7').host;
    expect(old.sendLogSupport()).toEqual({ headers: false, sendEvent: false });
    await expect(old.sendLogToken()).resolves.toBeNull();
  });
});

describe('the on-send handler', () => {
  const reporter = (impl: SendReporter['reportSent']): SendReporter & { calls: unknown[][] } => {
    const calls: unknown[][] = [];
    return { calls, reportSent: (...args) => (calls.push(args), impl(...args)) };
  };
  const ok = () => Promise.resolve({ id: 'x', state: 'sent' as const, organizationIds: [], offerIds: [], internetMessageId: null, actions: [], logged: [] });

  test('is bound to the name the manifest gives, reports the mail as it leaves, then lets the send go on', async () => {
    const { office, associated } = outlook(draft({ 'x-asiakkuus-log': TOKEN }), '1.12');
    const report = reporter(ok);
    let finished: Promise<unknown> = Promise.resolve();
    expect(createSendEventHost(office).onMessageSend((event) => (finished = handleSend(event, { reporter: report })).then(() => undefined))).toBe(true);
    const { completions, event } = sendEvent();
    associated.get(SEND_HANDLER_NAME)!(event);
    await expect(finished).resolves.toBe('reported');
    await new Promise((r) => setTimeout(r, 0));

    expect(report.calls).toEqual([[TOKEN, {
      subject: 'Tarjous: työturvallisuuskortti', to: ['liisa@kaupunki.fi'], cc: [], excerpt: 'Hei Liisa, tässä tarjous.', conversationId: 'conv-9',
    }, expect.any(AbortSignal)]]);
    expect(completions).toEqual([{ allowEvent: true }]);
  });

  test('a draft without the header sends without a report', async () => {
    const { office, associated } = outlook(draft(), '1.12');
    const report = reporter(ok);
    let outcome: Promise<unknown> = Promise.resolve();
    createSendEventHost(office).onMessageSend((e) => (outcome = handleSend(e, { reporter: report })).then(() => undefined));
    const { completions, event } = sendEvent();
    associated.get(SEND_HANDLER_NAME)!(event);
    await expect(outcome).resolves.toBe('not_logged');
    expect(report.calls).toEqual([]);
    expect(completions).toEqual([{ allowEvent: true }]);
  });

  test('an unreachable or slow server still lets the send go on (the log stays pending), exactly once', async () => {
    for (const impl of [() => Promise.reject(new TypeError('Failed to fetch')), () => new Promise<never>(() => {})]) {
      const { completions, event } = sendEvent();
      const completedOnce: SendEvent = {
        mail: async () => ({ token: TOKEN, subject: 's', to: [], cc: [], conversationId: null }),
        bodyExcerpt: async () => '',
        allowSend: () => event.completed({ allowEvent: true }),
      };
      await expect(handleSend(completedOnce, { reporter: reporter(impl as SendReporter['reportSent']), timeoutMs: 20 })).resolves.toBe('left_pending');
      expect(completions).toEqual([{ allowEvent: true }]);
    }
  });

  test('a handler that throws, or an item that cannot be read, still lets the send go on', async () => {
    const { office, associated } = outlook({ itemType: 'message', subject: { getAsync: answers('') } }, '1.12');
    createSendEventHost(office).onMessageSend(async () => {
      throw new Error('boom');
    });
    const { completions, event } = sendEvent();
    associated.get(SEND_HANDLER_NAME)!(event);
    await new Promise((r) => setTimeout(r, 0));
    expect(completions).toEqual([{ allowEvent: true }]);
  });

  test('a runtime without Office.actions (no event-based activation) binds nothing', () => {
    const mock = new OfficeMockObject({ host: 'outlook', context: { mailbox: { userProfile: {} } }, AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' } });
    expect(createSendEventHost(mock as unknown as typeof Office).onMessageSend(async () => {})).toBe(false);
  });
});
