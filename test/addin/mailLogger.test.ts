import type { LogEmailRequest, LogEmailResponse } from '../../shared/contract';
import { ApiError } from '../../addin/src/api/errors';
import { createLogQueue, queueKey, QUEUE_STORAGE_KEY } from '../../addin/src/queue/logQueue';
import { createMailLogger, defaultBackoffMs, type LoggerEvent } from '../../addin/src/queue/mailLogger';
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

function loggerWith(logEmail: jest.Mock, backoffMs = () => 10) {
  const queue = createLogQueue(window.localStorage);
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
      const stored = JSON.parse(window.localStorage.getItem(QUEUE_STORAGE_KEY)!) as { key: string; attempts: number }[];
      expect(stored).toEqual([expect.objectContaining({ key: queueKey(request.internetMessageId, orgId), attempts: 1 })]);

      logEmail.mockImplementation(async () => response);
      await until(() => events.length > 0);

      expect(events).toEqual([{ type: 'sent', key: queueKey(request.internetMessageId, orgId), request, response }]);
      expect(logEmail).toHaveBeenCalledTimes(3);
      expect(logger.isQueued(request.internetMessageId, orgId)).toBe(false);
      expect(JSON.parse(window.localStorage.getItem(QUEUE_STORAGE_KEY)!)).toEqual([]);
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
    finish(response);

    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    expect(logEmail).toHaveBeenCalledTimes(1);
  });

  test('backoff doubles from 5 seconds up to 5 minutes', () => {
    expect([1, 2, 3, 7, 20].map(defaultBackoffMs)).toEqual([5_000, 10_000, 20_000, 300_000, 300_000]);
  });

  test('a corrupt stored queue is ignored rather than breaking the pane', () => {
    window.localStorage.setItem(QUEUE_STORAGE_KEY, '{not json');
    expect(createLogQueue(window.localStorage).all()).toEqual([]);
    window.localStorage.setItem(QUEUE_STORAGE_KEY, JSON.stringify([{ key: 1 }, null]));
    expect(createLogQueue(window.localStorage).all()).toEqual([]);
  });
});
