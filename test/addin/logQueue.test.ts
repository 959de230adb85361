/**
 * The offline queue as several panes share it: each test's queues stand for panes of one
 * browser profile (a pinned pane, a popped-out mail, another tab) over the one localStorage.
 */
import type { LogEmailRequest } from '../../shared/contract';
import {
  LEGACY_QUEUE_KEY, QUEUE_CLAIM_PREFIX, QUEUE_ITEM_PREFIX, createLogQueue, queueKey, type LogQueue, type LogQueueOptions, type QueueChange,
  type QueuedLog,
} from '../../addin/src/queue/logQueue';
import { createFakeLocks } from './support/fakeLocks';
import { id } from './support/fixtures';

function entry(messageId: string, organizationId = id(), attempts = 1): QueuedLog {
  const request: LogEmailRequest = {
    internetMessageId: messageId, subject: `Viesti ${messageId}`, occurredAt: '2025-03-01T08:15:00.000Z',
    direction: 'in', from: 'matti@firma.fi', to: ['anna@omnia.fi'], cc: [], organizationId,
  };
  return { key: queueKey(messageId, organizationId), request, attempts, nextAttemptAt: Date.now() + 60_000 };
}

const pane = (options: LogQueueOptions = {}) => createLogQueue(window.localStorage, { settleMs: 0, ...options });
const keysIn = (queue: LogQueue) => queue.all().map((e) => e.key).sort();
/** What a pane opened now would find. */
const stored = () => keysIn(pane());

const deferred = () => {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('the log queue shared by several panes', () => {
  test('two panes that each queue a different mail both keep theirs', () => {
    const pinned = pane();
    const poppedOut = pane();
    const a = entry('<a@firma.fi>');
    const b = entry('<b@firma.fi>');

    pinned.put(a);
    poppedOut.put(b);

    expect(stored()).toEqual([a.key, b.key].sort());
    expect(keysIn(pinned)).toEqual([a.key, b.key].sort());
    expect(keysIn(poppedOut)).toEqual([a.key, b.key].sort());
  });

  test('a pane that sends its entry removes only that one: the other pane\'s entry is kept, and the sent one stays gone', () => {
    const a = entry('<a@firma.fi>');
    const b = entry('<b@firma.fi>');
    const first = pane();
    first.put(a);
    const second = pane(); // opened while A waits: it has seen A

    second.put(b);
    first.remove(a.key);
    expect(stored()).toEqual([b.key]);

    second.put({ ...b, attempts: 2 });
    expect(stored()).toEqual([b.key]);
    expect(pane().get(b.key)?.attempts).toBe(2);
    const c = entry('<c@firma.fi>');
    second.remove(b.key);
    first.put(c);
    expect(stored()).toEqual([c.key]);
  });

  test('each entry is an item of its own in localStorage, under the message and customer', () => {
    const a = entry('<a@firma.fi>');
    pane().put(a);

    expect(JSON.parse(window.localStorage.getItem(`${QUEUE_ITEM_PREFIX}${encodeURIComponent(a.key)}`)!)).toEqual(a);
  });

  test('put-if-absent never overwrites an entry that is there', () => {
    const a = entry('<a@firma.fi>', id(), 3);
    pane().put(a);

    expect(pane().putIfAbsent({ ...a, attempts: 0 })).toBe(false);
    expect(pane().get(a.key)?.attempts).toBe(3);
  });

  test('logs queued by an earlier version (one list) are moved into items, not lost, and the list is removed', () => {
    const a = entry('<a@firma.fi>');
    const b = entry('<b@firma.fi>');
    window.localStorage.setItem(LEGACY_QUEUE_KEY, JSON.stringify([a, b]));
    const queue = pane();

    expect(keysIn(queue)).toEqual([a.key, b.key].sort());
    expect(window.localStorage.getItem(LEGACY_QUEUE_KEY)).toBeNull();

    // an older pane still open writes its list again: what it adds is moved too
    const c = entry('<c@firma.fi>');
    window.localStorage.setItem(LEGACY_QUEUE_KEY, JSON.stringify([c]));
    queue.remove(a.key);
    expect(keysIn(queue)).toEqual([b.key, c.key].sort());
  });

  test('a corrupt stored entry or list is ignored rather than breaking the pane', () => {
    window.localStorage.setItem(LEGACY_QUEUE_KEY, '{not json');
    window.localStorage.setItem(`${QUEUE_ITEM_PREFIX}x`, '{not json');
    window.localStorage.setItem(`${QUEUE_ITEM_PREFIX}y`, JSON.stringify({ key: 1 }));
    expect(pane().all()).toEqual([]);
  });

  test('when storage is full, the entry stays in this pane\'s memory', () => {
    const full: Parameters<typeof createLogQueue>[0] = {
      getItem: (k) => window.localStorage.getItem(k),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: (k) => window.localStorage.removeItem(k),
      key: (i) => window.localStorage.key(i),
      get length() {
        return window.localStorage.length;
      },
    };
    const queue = createLogQueue(full, { settleMs: 0 });
    const a = entry('<a@firma.fi>');

    queue.put(a);

    expect(keysIn(queue)).toEqual([a.key]);
    queue.remove(a.key);
    expect(queue.all()).toEqual([]);
  });

  test('a change another pane makes arrives through the storage event', () => {
    const a = entry('<a@firma.fi>');
    const queue = pane({ events: window });
    const changes: QueueChange[] = [];
    const unsubscribe = queue.subscribe((c) => changes.push(c));
    const item = `${QUEUE_ITEM_PREFIX}${encodeURIComponent(a.key)}`;

    // the browser tells the other panes; jsdom has only one, so the test plays the browser
    window.dispatchEvent(new StorageEvent('storage', { key: item, oldValue: null, newValue: JSON.stringify(a), storageArea: window.localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: item, oldValue: JSON.stringify(a), newValue: null, storageArea: window.localStorage }));
    window.dispatchEvent(new StorageEvent('storage', { key: `${QUEUE_CLAIM_PREFIX}x`, oldValue: null, newValue: '{}', storageArea: window.localStorage }));
    unsubscribe();
    window.dispatchEvent(new StorageEvent('storage', { key: item, oldValue: null, newValue: JSON.stringify(a), storageArea: window.localStorage }));

    expect(changes).toEqual([{ key: a.key, entry: a, previous: null }, { key: a.key, entry: null, previous: a }]);
  });
});

describe.each([
  ['with the Web Locks API', () => ({ locks: createFakeLocks().locks })],
  ['without it (leases in localStorage)', () => ({ locks: null })],
])('claiming an entry for delivery, %s', (_, claims) => {
  test('only one pane at a time holds an entry; another entry can be claimed meanwhile', async () => {
    const shared = claims();
    const first = pane(shared);
    const second = pane(shared);
    const sending = deferred();
    const a = entry('<a@firma.fi>');
    const b = entry('<b@firma.fi>');

    const held = first.claim(a.key, async () => {
      await sending.promise;
      return 'sent by first';
    });
    await new Promise((r) => setTimeout(r, 5));

    await expect(second.claim(a.key, async () => 'sent by second')).resolves.toEqual({ claimed: false });
    await expect(first.claim(a.key, async () => 'sent twice by first')).resolves.toEqual({ claimed: false });
    await expect(second.claim(b.key, async () => 'b by second')).resolves.toEqual({ claimed: true, value: 'b by second' });
    sending.resolve();
    await expect(held).resolves.toEqual({ claimed: true, value: 'sent by first' });
    await expect(second.claim(a.key, async () => 'retried by second')).resolves.toEqual({ claimed: true, value: 'retried by second' });
  });

  test('a failed delivery releases the claim', async () => {
    const shared = claims();
    const a = entry('<a@firma.fi>');

    await expect(pane(shared).claim(a.key, async () => {
      throw new Error('network');
    })).rejects.toThrow('network');

    await expect(pane(shared).claim(a.key, async () => 'sent')).resolves.toEqual({ claimed: true, value: 'sent' });
  });
});

describe('leases, where the browser has no Web Locks', () => {
  const a = entry('<a@firma.fi>');
  const lease = (by: string, until: number) =>
    window.localStorage.setItem(`${QUEUE_CLAIM_PREFIX}${encodeURIComponent(a.key)}`, JSON.stringify({ by, until }));

  test('the lease of a pane that died expires, and another pane can then claim the entry', async () => {
    let clock = 1_000_000;
    lease('pane-that-closed', clock + 60_000);
    const queue = pane({ now: () => clock });

    await expect(queue.claim(a.key, async () => 'sent')).resolves.toEqual({ claimed: false });
    clock += 60_001;
    await expect(queue.claim(a.key, async () => 'sent')).resolves.toEqual({ claimed: true, value: 'sent' });
  });

  test('a long delivery renews its lease, so no other pane takes over while it runs', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const first = pane({ now, leaseMs: 30, paneId: 'first' });
    const second = pane({ now, leaseMs: 30, paneId: 'second' });
    const sending = deferred();
    const held = first.claim(a.key, () => sending.promise);

    // the page's clock moves slower than the timers, so a busy machine cannot starve the renewal
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 15));
      clock += 5;
      await expect(second.claim(a.key, async () => 'second')).resolves.toEqual({ claimed: false });
    }
    sending.resolve();
    await held;
    expect(window.localStorage.getItem(`${QUEUE_CLAIM_PREFIX}${encodeURIComponent(a.key)}`)).toBeNull();
  });

  test('when two panes write their leases at once, only the one whose lease stays goes ahead', async () => {
    const first = pane({ paneId: 'first', settleMs: 10 });
    const delivered: string[] = [];
    const claiming = first.claim(a.key, async () => delivered.push('first'));
    lease('second', Date.now() + 60_000); // the other pane's write lands during the settle

    await expect(claiming).resolves.toEqual({ claimed: false });
    expect(delivered).toEqual([]);
  });
});
