/**
 * Helpers of the reliability tests: a real HTTP server around the composed app (so that
 * requests have real sockets, timeouts and keep-alive), a bounded load loop, and a
 * fingerprint of the database to prove that rejected requests changed nothing.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Connection } from 'mongoose';
import type { Express } from 'express';
import { RATE_LIMIT_COLLECTION } from '../../../server/http/rateLimit';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` on a free loopback port. */
export async function listen(app: Express): Promise<Listening> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A free loopback port below Linux's ephemeral range (32768–60999), for a database the test
 * stops and starts again on the same port. A port from `listen(0)` is in that range, so while
 * the database is down another test's server or any outgoing connection of the busy CI machine
 * may be given it, and the restarted database then cannot listen there.
 */
export async function portOutsideEphemeralRange(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

export interface Sent {
  status: number;
  body: unknown;
  ms: number;
  /** The client-side failure (connection refused, reset, timeout) when there was no answer. */
  error?: string;
}

/** One JSON request with a deadline; never throws. */
export async function send(
  url: string,
  init: { method?: string; token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Sent> {
  const started = performance.now();
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | Buffer | undefined = init.rawBody;
  if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body: body as string | undefined, // a Buffer is a valid body; Node's fetch types name only the DOM ones
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { status: 0, body: undefined, ms: performance.now() - started, error: e.cause?.code ?? e.name ?? String(err) };
  }
}

/**
 * Runs `workers` loops of `request` until `stop()` is called or `maxMs` passes, whichever is
 * first; each loop sends its next request as soon as the previous one is answered.
 */
export function loadLoop<T>(workers: number, request: (n: number) => Promise<T>, maxMs = 30_000) {
  let stopped = false;
  let n = 0;
  const results: T[] = [];
  const deadline = Date.now() + maxMs;
  const done = Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stopped && Date.now() < deadline) results.push(await request(n++));
    }),
  );
  return {
    results,
    async stop(): Promise<T[]> {
      stopped = true;
      await done;
      return results;
    },
  };
}

/** Polls until `check` is true or the deadline passes; returns whether it became true. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Every collection's count and a hash of its documents in `_id` order (rate-limit counters aside: they count every request). */
export async function fingerprint(conn: Connection, except: readonly string[] = [RATE_LIMIT_COLLECTION]): Promise<Record<string, { count: number; sha256: string }>> {
  const db = conn.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => !except.includes(n)).sort();
  const out: Record<string, { count: number; sha256: string }> = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = { count: docs.length, sha256: createHash('sha256').update(JSON.stringify(docs)).digest('hex') };
  }
  return out;
}
