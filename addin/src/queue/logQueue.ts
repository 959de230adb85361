/**
 * Mail logs that could not reach the server yet, kept in localStorage so that nothing is lost
 * when the pane closes. One entry per message and customer (`queueKey`). The queue is shared by
 * every pane of the user's browser profile: a pinned pane, a popped-out mail, two tabs of
 * Outlook on the web all open, queue, retry and close at their own moments.
 *
 * How they share it without losing an entry or sending one twice at once:
 *
 * - One storage item per entry (`asiakkuus.logQueue.v2:<key>`), never one list. Every change
 *   reads the entry's item as stored now and writes or removes that item only, so no pane ever
 *   writes another pane's entry, let alone from a copy it read earlier. A lock around a
 *   read-merge-write of one shared list would not be enough: Chromium keeps a copy of
 *   localStorage in each renderer process that hears of other processes' writes a moment
 *   later, so even under a lock a pane can read a list without an entry another pane has just
 *   added, and its write would erase it. Writes to different items cannot erase each other.
 * - Delivery is claimed per entry (`claim`), and every write to an entry happens under its
 *   claim, so two panes never send the same entry at the same moment and a pane never puts
 *   back an entry another pane has just delivered. With the Web Locks API (`navigator.locks`)
 *   the claim is an exclusive lock named after the entry, taken only if free (`ifAvailable`);
 *   the browser releases it when the pane that holds it closes or crashes. Without it (jsdom,
 *   older web views) the claim is a lease item (`asiakkuus.logQueue.v2.claim:<key>`: pane id and
 *   expiry), written, read back after a short settle and renewed while the send runs; the
 *   lease of a pane that died simply expires.
 * - Other panes hear of changes through the `storage` event (`subscribe`), so a pane retries
 *   entries another pane queued and notices when another pane has sent one it shows as queued.
 * - The single list that earlier versions wrote (`asiakkuus.logQueue.v1`) is moved into items
 *   whenever it is seen, and removed only if it did not change while it was being moved.
 *
 * When storage is unavailable or full, entries stay in this pane's memory for the session.
 */
import type { LogEmailRequest } from '../../../shared/contract';

export interface QueuedLog {
  key: string;
  request: LogEmailRequest;
  attempts: number;
  /** Epoch milliseconds of the next try. */
  nextAttemptAt: number;
}

export type Claim<T> = { claimed: true; value: T } | { claimed: false };

/** An entry that another pane added, changed (`entry`) or removed (`entry` null). */
export interface QueueChange {
  key: string;
  entry: QueuedLog | null;
  previous: QueuedLog | null;
}

export interface LogQueue {
  all(): QueuedLog[];
  get(key: string): QueuedLog | undefined;
  /** Stores the entry; only its own item is written. Call it under the entry's claim. */
  put(entry: QueuedLog): void;
  /** Stores the entry unless one with its key is stored; true when it did. */
  putIfAbsent(entry: QueuedLog): boolean;
  remove(key: string): void;
  /**
   * Runs `deliver` while this pane holds the delivery claim of `key`, and hands back its
   * result; `{ claimed: false }` at once when another pane (or another call here) holds it.
   */
  claim<T>(key: string, deliver: () => Promise<T>): Promise<Claim<T>>;
  /** Changes made by other panes (the `storage` event); returns the unsubscribe. */
  subscribe(listener: (change: QueueChange) => void): () => void;
}

export type QueueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface LogQueueOptions {
  /** `navigator.locks` where the browser has it. */
  locks?: Pick<LockManager, 'request'> | null;
  /** Where `storage` events arrive (the window). */
  events?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
  now?: () => number;
  /** How long a lease claims an entry without renewal; longer than a send takes. */
  leaseMs?: number;
  /** How long a new lease settles before it is read back. */
  settleMs?: number;
  /** Tells this pane's leases from other panes'. */
  paneId?: string;
}

/** The list earlier versions kept the whole queue in. */
export const LEGACY_QUEUE_KEY = 'asiakkuus.logQueue.v1';
export const QUEUE_ITEM_PREFIX = 'asiakkuus.logQueue.v2:';
export const QUEUE_CLAIM_PREFIX = 'asiakkuus.logQueue.v2.claim:';

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_SETTLE_MS = 50;

export function queueKey(internetMessageId: string, organizationId: string | undefined): string {
  return `${internetMessageId}\u0000${organizationId ?? ''}`;
}

const itemName = (key: string) => `${QUEUE_ITEM_PREFIX}${encodeURIComponent(key)}`;
const claimName = (key: string) => `${QUEUE_CLAIM_PREFIX}${encodeURIComponent(key)}`;
const NOT_CLAIMED = { claimed: false } as const;

export function createLogQueue(storage: QueueStorage | null, options: LogQueueOptions = {}): LogQueue {
  const items = storageItems(storage);
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const paneId = options.paneId ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const locks = options.locks ?? null;
  /** Entries whose item could not be written (no storage, or storage full). */
  const memory = new Map<string, QueuedLog>();
  /** Keys claimed by this queue right now: a second claim here is refused like another pane's. */
  const claiming = new Set<string>();

  function storedItem(key: string): QueuedLog | undefined {
    const entry = parseEntry(items.get(itemName(key)));
    return entry?.key === key ? entry : undefined;
  }

  const stored = (key: string) => storedItem(key) ?? memory.get(key);

  function write(entry: QueuedLog): boolean {
    if (items.set(itemName(entry.key), JSON.stringify(entry))) {
      memory.delete(entry.key);
      return true;
    }
    memory.set(entry.key, entry);
    return false;
  }

  /** Moves the v1 list into items; gives back the entries it added. */
  function migrate(): QueuedLog[] {
    const moved: QueuedLog[] = [];
    let raw = items.get(LEGACY_QUEUE_KEY);
    while (raw !== null) {
      let allWritten = true;
      for (const entry of parseList(raw)) {
        if (storedItem(entry.key)) continue;
        allWritten = write(entry) && allWritten;
        moved.push(entry);
      }
      if (!allWritten) break; // keep the list for a later try; memory holds the rest meanwhile
      const again = items.get(LEGACY_QUEUE_KEY);
      if (again === raw) {
        items.remove(LEGACY_QUEUE_KEY);
        break;
      }
      raw = again; // an older pane rewrote the list meanwhile: move what it added too
    }
    return moved;
  }

  async function leaseClaim<T>(key: string, deliver: () => Promise<T>): Promise<Claim<T>> {
    const name = claimName(key);
    const holder = () => parseLease(items.get(name));
    const theirs = (lease: Lease | null) => lease !== null && lease.by !== paneId && lease.until > now();
    if (theirs(holder())) return NOT_CLAIMED;
    const renew = () => items.set(name, JSON.stringify({ by: paneId, until: now() + leaseMs }));
    renew();
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    // another pane wrote its lease over ours in the meantime: it goes ahead, this pane does not
    if (theirs(holder())) return NOT_CLAIMED;
    const renewal = setInterval(() => {
      if (holder()?.by === paneId) renew();
    }, Math.max(1, Math.floor(leaseMs / 3)));
    try {
      return { claimed: true, value: await deliver() };
    } finally {
      clearInterval(renewal);
      if (holder()?.by === paneId) items.remove(name);
    }
  }

  function lockClaim<T>(manager: Pick<LockManager, 'request'>, key: string, deliver: () => Promise<T>): Promise<Claim<T>> {
    return manager.request(itemName(key), { ifAvailable: true }, async (lock): Promise<Claim<T>> =>
      (lock ? { claimed: true, value: await deliver() } : NOT_CLAIMED)) as Promise<Claim<T>>;
  }

  return {
    all() {
      migrate();
      const byKey = new Map<string, QueuedLog>();
      for (const itemKey of items.names()) {
        if (!itemKey.startsWith(QUEUE_ITEM_PREFIX)) continue;
        const entry = parseEntry(items.get(itemKey));
        if (entry && itemName(entry.key) === itemKey) byKey.set(entry.key, entry);
      }
      for (const [key, entry] of memory) if (!byKey.has(key)) byKey.set(key, entry);
      return [...byKey.values()];
    },
    get(key) {
      migrate();
      return stored(key);
    },
    put(entry) {
      write(entry);
    },
    putIfAbsent(entry) {
      if (stored(entry.key)) return false;
      write(entry);
      return true;
    },
    remove(key) {
      items.remove(itemName(key));
      memory.delete(key);
    },
    async claim(key, deliver) {
      if (claiming.has(key)) return NOT_CLAIMED;
      claiming.add(key);
      try {
        return await (locks ? lockClaim(locks, key, deliver) : leaseClaim(key, deliver));
      } finally {
        claiming.delete(key);
      }
    },
    subscribe(listener) {
      const events = options.events;
      if (!events) return () => {};
      const onStorage = (event: Event) => {
        const { key: changed, newValue, oldValue, storageArea } = event as StorageEvent;
        if (storage && storageArea && storageArea !== (storage as unknown)) return;
        if (changed === LEGACY_QUEUE_KEY) {
          migrate().forEach((entry) => listener({ key: entry.key, entry, previous: null }));
          return;
        }
        if (!changed?.startsWith(QUEUE_ITEM_PREFIX)) return;
        const key = decodeURIComponent(changed.slice(QUEUE_ITEM_PREFIX.length));
        const entry = parseEntry(newValue);
        const previous = parseEntry(oldValue);
        listener({ key, entry: entry?.key === key ? entry : null, previous: previous?.key === key ? previous : null });
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener('storage', onStorage);
    },
  };
}

interface Items {
  get(name: string): string | null;
  /** False when the item could not be written. */
  set(name: string, value: string): boolean;
  remove(name: string): void;
  names(): string[];
}

/** The storage, each call guarded (a blocked or full storage throws); items in memory when there is none. */
function storageItems(storage: QueueStorage | null): Items {
  if (!storage) {
    const map = new Map<string, string>();
    return {
      get: (name) => map.get(name) ?? null,
      set(name, value) {
        map.set(name, value);
        return true;
      },
      remove: (name) => void map.delete(name),
      names: () => [...map.keys()],
    };
  }
  return {
    get(name) {
      try {
        return storage.getItem(name);
      } catch {
        return null;
      }
    },
    set(name, value) {
      try {
        storage.setItem(name, value);
        return true;
      } catch {
        return false;
      }
    },
    remove(name) {
      try {
        storage.removeItem(name);
      } catch {
        // blocked storage: nothing was stored there either
      }
    },
    names() {
      try {
        const names: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const name = storage.key(i);
          if (name !== null) names.push(name);
        }
        return names;
      } catch {
        return [];
      }
    },
  };
}

interface Lease {
  by: string;
  until: number;
}

function parseJson(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}

function parseEntry(raw: string | null): QueuedLog | null {
  const value = parseJson(raw);
  return isQueuedLog(value) ? value : null;
}

function parseList(raw: string): QueuedLog[] {
  const parsed = parseJson(raw);
  return Array.isArray(parsed) ? parsed.filter(isQueuedLog) : [];
}

function parseLease(raw: string | null): Lease | null {
  const v = parseJson(raw) as Partial<Lease> | null;
  return typeof v?.by === 'string' && typeof v.until === 'number' ? { by: v.by, until: v.until } : null;
}

function isQueuedLog(value: unknown): value is QueuedLog {
  const v = value as Partial<QueuedLog> | null;
  return typeof v?.key === 'string' && typeof v.request?.internetMessageId === 'string'
    && typeof v.attempts === 'number' && typeof v.nextAttemptAt === 'number';
}
