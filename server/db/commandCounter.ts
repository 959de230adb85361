/**
 * Counts the database commands a piece of work sends (the driver's command monitoring; the
 * connection must be opened with `monitorCommands: true`), and how many of them had to wait for
 * another: `sequential` is the longest chain of commands each started after the one before it
 * finished — the round trips a request waits through one after another. Used by the tests
 * (`count`: everything sent while one piece of work runs) and the benchmark's server (`track`:
 * the commands sent from one request's async context, many requests at once).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection } from 'mongoose';

export interface CommandCount {
  /** Commands sent, by name and collection (e.g. `find organizations`). */
  commands: string[];
  sequential: number;
}

class Tally {
  private readonly seen: { name: string; ended: number; wave: number }[] = [];

  started(name: string, now: number) {
    // A command waits for every command of the tally that had finished before it started.
    const wave = 1 + Math.max(0, ...this.seen.filter((s) => s.ended > 0 && s.ended <= now).map((s) => s.wave));
    const entry = { name, ended: 0, wave };
    this.seen.push(entry);
    return entry;
  }

  result(): CommandCount {
    return { commands: this.seen.map((s) => s.name), sequential: Math.max(0, ...this.seen.map((s) => s.wave)) };
  }
}

export function commandCounter(conn: Connection) {
  const client = conn.getClient();
  const perContext = new AsyncLocalStorage<Tally>();
  let whole: Tally | null = null;
  const open = new Map<number, { ended: number }>();
  const totals = { sent: 0, unattributed: 0 };
  const tick = () => Number(process.hrtime.bigint());

  client.on('commandStarted', (e) => {
    totals.sent++;
    // The driver emits the event in the async context of the code that sent the command.
    const tally = perContext.getStore() ?? whole;
    if (!tally) {
      totals.unattributed++;
      return;
    }
    const collection = (e.command as Record<string, unknown>)[e.commandName];
    open.set(e.requestId, tally.started(`${e.commandName}${typeof collection === 'string' ? ` ${collection}` : ''}`, tick()));
  });
  const finish = (e: { requestId: number }) => {
    const entry = open.get(e.requestId);
    if (entry) entry.ended = tick();
    open.delete(e.requestId);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);

  return {
    /** Runs `work` and counts every command sent meanwhile (run one piece of work at a time). */
    async count<T>(work: () => Promise<T>): Promise<{ result: T } & CommandCount> {
      whole = new Tally();
      try {
        const result = await work();
        return { result, ...whole.result() };
      } finally {
        whole = null;
      }
    },
    /** Runs `fn` with a tally of its own for everything sent from its async context; read it when the work is done. */
    track<T>(fn: () => T): { result: T; tally(): CommandCount } {
      const tally = new Tally();
      const result = perContext.run(tally, fn);
      return { result, tally: () => tally.result() };
    },
    /** Commands sent so far, and how many of them no tally claimed. */
    totals: (): Readonly<typeof totals> => ({ ...totals }),
  };
}
