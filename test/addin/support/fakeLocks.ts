/**
 * The Web Locks API (`navigator.locks`) for jsdom, which lacks it: exclusive locks by name
 * within one test, shared by every queue that gets it, like the panes of one browser profile.
 * Only what the log queue uses: `request(name, { ifAvailable }, callback)` and waiting.
 */
type Callback = (lock: Lock | null) => unknown;

export interface FakeLocks {
  locks: Pick<LockManager, 'request'>;
  /** Names held right now. */
  held(): string[];
}

export function createFakeLocks(): FakeLocks {
  const held = new Set<string>();
  const waiting = new Map<string, Array<() => void>>();

  async function request(name: string, second: LockOptions | Callback, third?: Callback): Promise<unknown> {
    const options = typeof second === 'function' ? {} : second;
    const callback = (typeof second === 'function' ? second : third)!;
    while (held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve) => waiting.set(name, [...(waiting.get(name) ?? []), resolve]));
    }
    held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' } as Lock);
    } finally {
      held.delete(name);
      const next = waiting.get(name)?.shift();
      next?.();
    }
  }

  return { locks: { request } as Pick<LockManager, 'request'>, held: () => [...held] };
}
