import type { LogEmailRequest, LogEmailResponse } from '../../shared/contract';
import { ApiError } from '../../addin/src/api/errors';
import {
  LEGACY_QUEUE_KEY, QUEUE_CLAIM_PREFIX, QUEUE_ITEM_PREFIX, createLogQueue, queueKey,
} from '../../addin/src/queue/logQueue';
import { createMailLogger, defaultBackoffMs, type LoggerEvent } from '../../addin/src/queue/mailLogger';
import { createFakeLocks } from './support/fakeLocks';
import { action, carePlan, id } from './support/fixtures';

const orgId = id();
const request: LogEmailRequest = {
  internetMessageId: '<msg-1@firma.fi>', subject: 'Tarjous', occurredAt: '2025-03-01T08:15:00.000Z',
  direction: 'in', from: 'matti@firma.fi', to: ['anna@omnia.fi'], cc: [], organizationId: orgId,
};
const response: LogEmailResponse = { action: action({ organizationId: orgId }), created: true, carePlan: carePlan() };

type LogEmail = () => Promise<LogEmailResponse>;
const networkDown: LogEmail = () => Promise.reject(new ApiError('network', 'Failed to fetch'));
const serverError: LogEmail = () => Promise.reject(new ApiError('http', 'boom', 500, 'internal'));
const refused: LogEmail = () => Promise.reject(new ApiError('http', 'bad', 400, 'invalid_input'));

const created: { dispose(): void }[] = [];
afterEach(() => created.splice(0).forEach((l) => l.dispose()));

/** What a pane opened now would find in the queue. */
const storedQueue = () => createLogQueue(window.localStorage).all();

function loggerWith(logEmail: jest.Mock, backoffMs = () => 10) {
  const queue = createLogQueue(window.localStorage, { settleMs: 0 });
  const logger = createMailLogger({ api: { logEmail }, queue, backoffMs });
  created.push(logger);
  const events: LoggerEvent[] = [];
  logger.subscribe((e) => events.push(e));
  return { logger, queue, events };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the mail logger', () => {
  test('logs straight away when the server answers', async () => {
    const logEmail = jest.fn(async () => response);
    const { logger, queue } = loggerWith(logEmail);

    await expect(logger.log(request)).resolves.toEqual({ status: 'logged', response });
    expect(queue.all()).toEqual([]);
  });

  test.each([['the network is down', networkDown], ['the server fails', serverError]])(
    'when %s, keeps the log in localStorage under message and customer, and retries it with backoff',
    async (_, failure) => {
      const logEmail = jest.fn(failure).mockImplementationOnce(failure).mockImplementationOnce(failure);
      const { logger, events } = loggerWith(logEmail);

      await expect(logger.log(request)).resolves.toEqual({ status: 'queued' });
      expect(logger.isQueued(request.internetMessageId, orgId)).toBe(true);
      expect(storedQueue()).toEqual([expect.objectContaining({ key: queueKey(request.internetMessageId, orgId), attempts: 1 })]);

      logEmail.mockImplementation(async () => response);
      await until(() => events.length > 0);

      expect(events).toEqual([{ type: 'sent', key: queueKey(request.internetMessageId, orgId), request, response }]);
      expect(logEmail).toHaveBeenCalledTimes(3);
      expect(logger.isQueued(request.internetMessageId, orgId)).toBe(false);
      expect(storedQueue()).toEqual([]);
    },
  );

  test('a refusal (4xx) is reported and never queued', async () => {
    const { logger, queue } = loggerWith(jest.fn(refused));

    await expect(logger.log(request)).rejects.toMatchObject({ status: 400 });
    expect(queue.all()).toEqual([]);
  });

  test('a queued log that the server later refuses is dropped and reported', async () => {
    const logEmail = jest.fn(networkDown);
    const { logger, events } = loggerWith(logEmail);
    await logger.log(request);

    logEmail.mockImplementation(refused);
    await until(() => events.length > 0);

    expect(events[0]).toMatchObject({ type: 'dropped', error: { status: 400 } });
    expect(logger.isQueued(request.internetMessageId, orgId)).toBe(false);
  });

  test('when the pane opens, the logs queued by an earlier pane are sent at once, whatever their backoff', async () => {
    const earlier = createMailLogger({ api: { logEmail: jest.fn(networkDown) }, queue: createLogQueue(window.localStorage), backoffMs: () => 3_600_000 });
    await earlier.log(request);
    earlier.dispose();

    const logEmail = jest.fn(async () => response);
    const { logger, events } = loggerWith(logEmail, () => 3_600_000);
    await logger.flush();

    expect(logEmail).toHaveBeenCalledWith(request);
    expect(events.map((e) => e.type)).toEqual(['sent']);
    expect(logger.isQueued(request.internetMessageId, orgId)).toBe(false);
  });

  test('the same message and customer are sent once at a time', async () => {
    let finish: (r: LogEmailResponse) => void = () => {};
    const logEmail = jest.fn(() => new Promise<LogEmailResponse>((resolve) => (finish = resolve)));
    const { logger } = loggerWith(logEmail);

    const first = logger.log(request);
    const second = logger.log(request);
    await until(() => logEmail.mock.calls.length > 0);
    finish(response);

    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(logEmail).toHaveBeenCalledTimes(1);
  });

  test('backoff doubles from 5 seconds up to 5 minutes', () => {
    expect([1, 2, 3, 7, 20].map(defaultBackoffMs)).toEqual([5_000, 10_000, 20_000, 300_000, 300_000]);
  });

  test('a corrupt stored queue is ignored rather than breaking the pane', () => {
    window.localStorage.setItem(LEGACY_QUEUE_KEY, '{not json');
    expect(createLogQueue(window.localStorage).all()).toEqual([]);
    window.localStorage.setItem(LEGACY_QUEUE_KEY, JSON.stringify([{ key: 1 }, null]));
    expect(createLogQueue(window.localStorage).all()).toEqual([]);
  });
});

/**
 * Several panes of one user (a pinned pane, a popped-out mail, two browser tabs) over the one
 * localStorage: each logger here is a pane, with its own queue object and its own API.
 */
describe.each([
  ['with the Web Locks API', () => createFakeLocks().locks],
  ['without it (leases in localStorage)', () => null],
])('several panes, %s', (_, makeLocks) => {
  let locks: ReturnType<typeof makeLocks>;
  beforeEach(() => {
    locks = makeLocks();
  });

  const mailTo = (n: number): LogEmailRequest => ({ ...request, internetMessageId: `<msg-${n}@firma.fi>`, subject: `Viesti ${n}` });
  const answerFor = (r: LogEmailRequest): LogEmailResponse => ({ ...response, action: action({ organizationId: orgId, internetMessageId: r.internetMessageId }) });
  /** The server, slow to answer, counting what each pane sends. */
  function slowServer(ms = 20) {
    const sent: string[] = [];
    const logEmail = jest.fn(async (r: LogEmailRequest) => {
      sent.push(r.internetMessageId);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return answerFor(r);
    });
    return { logEmail, sent };
  }
  function paneLogger(logEmail: jest.Mock | ((r: LogEmailRequest) => Promise<LogEmailResponse>), options: { backoffMs?: number; busyRetryMs?: number } = {}) {
    const queue = createLogQueue(window.localStorage, { locks, settleMs: 0 });
    const logger = createMailLogger({ api: { logEmail }, queue, backoffMs: () => options.backoffMs ?? 3_600_000, busyRetryMs: options.busyRetryMs ?? 3_600_000 });
    created.push(logger);
    const events: LoggerEvent[] = [];
    logger.subscribe((e) => events.push(e));
    return { logger, queue, events };
  }

  test('two panes queue a different mail each while the API is down; after both close, the next pane delivers both, once each', async () => {
    const pinned = paneLogger(jest.fn(networkDown));
    const poppedOut = paneLogger(jest.fn(networkDown));

    await expect(pinned.logger.log(mailTo(1))).resolves.toEqual({ status: 'queued' });
    await expect(poppedOut.logger.log(mailTo(2))).resolves.toEqual({ status: 'queued' });
    pinned.logger.dispose();
    poppedOut.logger.dispose();

    const server = slowServer(1);
    const next = paneLogger(server.logEmail);
    await next.logger.flush();

    expect(server.sent.sort()).toEqual(['<msg-1@firma.fi>', '<msg-2@firma.fi>']);
    expect(next.events.map((e) => e.type)).toEqual(['sent', 'sent']);
    expect(storedQueue()).toEqual([]);
  });

  test('panes that deliver the queue at the same moment send each entry once', async () => {
    const queue = createLogQueue(window.localStorage, { locks });
    const mails = [1, 2, 3, 4].map(mailTo);
    mails.forEach((r) => queue.put({ key: queueKey(r.internetMessageId, orgId), request: r, attempts: 1, nextAttemptAt: 0 }));
    const server = slowServer();
    const panes = [paneLogger(server.logEmail), paneLogger(server.logEmail), paneLogger(server.logEmail)];

    await Promise.all(panes.map((p) => p.logger.flush()));
    await Promise.all(panes.map((p) => p.logger.flush())); // and again: nothing is left to send

    expect(server.sent.sort()).toEqual(mails.map((r) => r.internetMessageId).sort());
    expect(panes.flatMap((p) => p.events).filter((e) => e.type === 'sent')).toHaveLength(4);
    expect(storedQueue()).toEqual([]);
  });

  test('a pane that logs a mail another pane is sending leaves it to that pane, and learns of the outcome', async () => {
    let finish: () => void = () => {};
    const sent: string[] = [];
    const slow = (r: LogEmailRequest) => {
      sent.push('first');
      return new Promise<LogEmailResponse>((resolve) => (finish = () => resolve(answerFor(r))));
    };
    const first = paneLogger(slow);
    const second = paneLogger(async (r: LogEmailRequest) => {
      sent.push('second');
      return answerFor(r);
    });

    const logging = first.logger.log(mailTo(1));
    await new Promise((r) => setTimeout(r, 5));
    await expect(second.logger.log(mailTo(1))).resolves.toEqual({ status: 'queued' });
    expect(second.logger.isQueued('<msg-1@firma.fi>', orgId)).toBe(true);
    finish();

    await expect(logging).resolves.toMatchObject({ status: 'logged' });
    expect(sent).toEqual(['first']);
    expect(second.logger.isQueued('<msg-1@firma.fi>', orgId)).toBe(false);
  });

  test('a log is in the queue while its request is out, so a pane closed before the answer leaves it to the next pane', async () => {
    let answer: () => void = () => {};
    const closing = paneLogger((r: LogEmailRequest) => new Promise<LogEmailResponse>((resolve) => (answer = () => resolve(answerFor(r)))));
    const logging = closing.logger.log(mailTo(1));
    await new Promise((r) => setTimeout(r, 5));

    // were the pane to close now, this is what the next pane would find
    expect(storedQueue()).toEqual([expect.objectContaining({ request: mailTo(1), attempts: 0 })]);
    answer();
    await logging;
    expect(storedQueue()).toEqual([]);
  });

  test('an entry whose pane closed while sending it is sent by another pane once that claim is gone', async () => {
    const entry = { key: queueKey('<msg-1@firma.fi>', orgId), request: mailTo(1), attempts: 0, nextAttemptAt: Date.now() };
    createLogQueue(window.localStorage).put(entry);
    // what the closed pane leaves: its lease, until it expires, or its lock, until the browser releases it
    const claimGoneAfterMs = 60;
    if (locks) {
      void locks.request(`${QUEUE_ITEM_PREFIX}${encodeURIComponent(entry.key)}`, () => new Promise((r) => setTimeout(r, claimGoneAfterMs)));
    } else {
      const lease = { by: 'the-closed-pane', until: Date.now() + claimGoneAfterMs };
      window.localStorage.setItem(`${QUEUE_CLAIM_PREFIX}${encodeURIComponent(entry.key)}`, JSON.stringify(lease));
    }
    const server = slowServer(1);
    const next = paneLogger(server.logEmail, { busyRetryMs: 20 });

    await next.logger.flush();
    expect(server.sent).toEqual([]);

    await until(() => server.sent.length > 0);
    expect(server.sent).toEqual(['<msg-1@firma.fi>']);
    await until(() => storedQueue().length === 0);
  });

  test('when another pane sends a queued log, this pane hears of it through the storage event', async () => {
    const queue = createLogQueue(window.localStorage, { locks, events: window });
    const logger = createMailLogger({ api: { logEmail: jest.fn(networkDown) }, queue, backoffMs: () => 3_600_000 });
    created.push(logger);
    const events: LoggerEvent[] = [];
    logger.subscribe((e) => events.push(e));
    await logger.log(mailTo(1));
    const [queued] = storedQueue();

    // the other pane removes the item; the browser tells this one (jsdom has one window, so the test plays the browser)
    const item = Object.keys(window.localStorage).find((k) => window.localStorage.getItem(k) === JSON.stringify(queued))!;
    window.localStorage.removeItem(item);
    window.dispatchEvent(new StorageEvent('storage', { key: item, oldValue: JSON.stringify(queued), newValue: null, storageArea: window.localStorage }));

    expect(events).toEqual([{ type: 'settled-elsewhere', key: queued!.key, request: mailTo(1) }]);
    expect(logger.isQueued('<msg-1@firma.fi>', orgId)).toBe(false);
  });
});
