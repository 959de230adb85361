/**
 * Counts the database commands a piece of work sends (the driver's command monitoring; the
 * connection must be opened with `monitorCommands: true`), and how many of them had to wait for
 * another: `sequential` is the longest chain of commands each started after the one before it
 * finished — the round trips a request waits through one after another. Used by the tests and
 * the benchmark; costs nothing when nothing listens.
 */
import type { Connection } from 'mongoose';

export interface CommandCount {
  /** Commands sent, by name and collection (e.g. `find organizations`). */
  commands: string[];
  sequential: number;
}

interface Seen {
  name: string;
  started: number;
  ended: number;
  wave: number;
}

export function commandCounter(conn: Connection) {
  const client = conn.getClient();
  let seen: Seen[] | null = null;
  const open = new Map<number, Seen>();
  const tick = () => Number(process.hrtime.bigint());

  client.on('commandStarted', (e) => {
    if (!seen) return;
    const started = tick();
    // A command waits for every command that had finished before it started.
    const wave = 1 + Math.max(0, ...seen.filter((s) => s.ended > 0 && s.ended <= started).map((s) => s.wave));
    const collection = (e.command as Record<string, unknown>)[e.commandName];
    const entry = { name: `${e.commandName}${typeof collection === 'string' ? ` ${collection}` : ''}`, started, ended: 0, wave };
    seen.push(entry);
    open.set(e.requestId, entry);
  });
  const finish = (e: { requestId: number }) => {
    const entry = open.get(e.requestId);
    if (entry) entry.ended = tick();
    open.delete(e.requestId);
  };
  client.on('commandSucceeded', finish);
  client.on('commandFailed', finish);

  return {
    /** Runs `work` and counts what it sent (run one piece of work at a time). */
    async count<T>(work: () => Promise<T>): Promise<{ result: T } & CommandCount> {
      seen = [];
      try {
        const result = await work();
        return { result, commands: seen.map((s) => s.name), sequential: Math.max(0, ...seen.map((s) => s.wave)) };
      } finally {
        seen = null;
      }
    },
  };
}
