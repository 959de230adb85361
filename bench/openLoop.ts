/**
 * An open-loop load: requests sent at a fixed rate whatever the server does, the way mail
 * arrives in a college's inboxes, instead of autocannon's closed loop (a connection sends its
 * next request only when the last one is answered, so a slow server is offered less).
 *
 * Not autocannon's `overallRate`: autocannon 9 spends each connection's share of the rate in a
 * burst at the start of every second (closed loop within the connection), and corrects the
 * latencies for coordinated omission with an expected interval of `ceil(1 / rate)` = 1 ms, which
 * adds a sample per millisecond of every response (a run of 10 ms answers reports a p50 of 5 ms).
 *
 * Here request i is due at start + i / rate; a timer sends every due request on a keep-alive
 * agent (a new socket whenever all open ones are busy), and its latency counts from when it was
 * due, so time spent waiting behind a slow server, or behind this process, is counted too.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Scenario } from './scenarios';

export interface OpenLoopResult {
  name: string;
  /** Requests per second offered. */
  offeredRate: number;
  /** 2xx answers per second, over the offered window or until the last answer if that came later. */
  achievedRate: number;
  sent: number;
  /** 2xx answers. */
  ok: number;
  /** Other statuses, socket errors and timeouts. */
  errors: number;
  /** Milliseconds from when a request was due to its last byte. */
  p50: number;
  p99: number;
  max: number;
  /** Most requests in flight at once (how far the server fell behind). */
  maxInFlight: number;
  /** Latest a request left this process after it was due, in ms (the generator's own lag). */
  maxSendLagMs: number;
  /** Every request was answered 2xx, at no less than 95 % of the offered rate. */
  keptUp: boolean;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runOpenLoop(
  baseUrl: string,
  scenario: Scenario,
  tokens: readonly string[],
  opts: { rate: number; seconds: number; timeoutMs?: number },
): Promise<OpenLoopResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1_000 });
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const interval = 1000 / opts.rate;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let tokenIndex = Math.floor(Math.random() * tokens.length);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let maxSendLagMs = 0;
  let lastDone = 0;

  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const { path, body } = scenario.next();
      const headers: Record<string, string> = { authorization: `Bearer ${tokens[tokenIndex++ % tokens.length]!}` };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      maxSendLagMs = Math.max(maxSendLagMs, performance.now() - due);
      let settled = false;
      const settle = (success: boolean) => {
        if (settled) return;
        settled = true;
        inFlight--;
        lastDone = performance.now();
        if (success) {
          ok++;
          latencies.push(lastDone - due);
        } else errors++;
        resolve();
      };
      const req = http.request(
        { agent, hostname: url.hostname, port: url.port, method: scenario.method, path, headers, timeout: timeoutMs },
        (res) => {
          res.resume();
          res.once('end', () => settle(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300));
          res.once('error', () => settle(false));
        },
      );
      req.once('timeout', () => req.destroy(new Error('timeout')));
      req.once('error', () => settle(false));
      req.end(body);
    });

  const pending: Promise<void>[] = [];
  const start = performance.now();
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) pending.push(send(start + next++ * interval));
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();

  const sorted = latencies.sort((a, b) => a - b);
  // The run's length: the offered window, or longer when the last answers came after it.
  const elapsed = Math.max((lastDone - start) / 1000, total / opts.rate);
  const achievedRate = ok / elapsed;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    name: scenario.name,
    offeredRate: opts.rate,
    achievedRate: round1(achievedRate),
    sent: total,
    ok,
    errors,
    p50: round1(percentile(sorted, 50)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted[sorted.length - 1] ?? NaN),
    maxInFlight,
    maxSendLagMs: round1(maxSendLagMs),
    keptUp: errors === 0 && achievedRate >= 0.95 * opts.rate,
  };
}
