/**
 * Mail logs that could not reach the server, kept in localStorage so that nothing is lost
 * when the pane closes. One entry per message and customer (`queueKey`); a repeated entry
 * replaces the earlier one. When storage is unavailable, the queue lives in memory.
 */
import type { LogEmailRequest } from '../../../shared/contract';

export interface QueuedLog {
  key: string;
  request: LogEmailRequest;
  attempts: number;
  /** Epoch milliseconds of the next try. */
  nextAttemptAt: number;
}

export interface LogQueue {
  all(): QueuedLog[];
  get(key: string): QueuedLog | undefined;
  put(entry: QueuedLog): void;
  remove(key: string): void;
}

export const QUEUE_STORAGE_KEY = 'asiakkuus.logQueue.v1';

export function queueKey(internetMessageId: string, organizationId: string | undefined): string {
  return `${internetMessageId}\u0000${organizationId ?? ''}`;
}

export function createLogQueue(storage: Pick<Storage, 'getItem' | 'setItem'> | null, storageKey = QUEUE_STORAGE_KEY): LogQueue {
  const entries = new Map<string, QueuedLog>(read(storage, storageKey).map((e) => [e.key, e]));

  function save() {
    try {
      storage?.setItem(storageKey, JSON.stringify([...entries.values()]));
    } catch {
      // storage full or blocked: the entry stays in memory for this session
    }
  }

  return {
    all: () => [...entries.values()],
    get: (key) => entries.get(key),
    put(entry) {
      entries.set(entry.key, entry);
      save();
    },
    remove(key) {
      if (entries.delete(key)) save();
    },
  };
}

function read(storage: Pick<Storage, 'getItem'> | null, storageKey: string): QueuedLog[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isQueuedLog) : [];
  } catch {
    return [];
  }
}

function isQueuedLog(value: unknown): value is QueuedLog {
  const v = value as Partial<QueuedLog> | null;
  return typeof v?.key === 'string' && typeof v.request?.internetMessageId === 'string'
    && typeof v.attempts === 'number' && typeof v.nextAttemptAt === 'number';
}
