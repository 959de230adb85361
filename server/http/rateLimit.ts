/**
 * Rate limits per client address (before sign-in, so floods of bad tokens are throttled too)
 * and per signed-in user. Over the limit: 429 with `Retry-After` (seconds until a request will
 * be served again).
 *
 * The counters are rate-limiter-flexible's: `RateLimiterMemory` when the server runs alone on
 * its embedded database (no database write per request), `RateLimiterMongo` over the app's
 * connection when several instances share a MongoDB (MONGODB_URI), so that the limit holds
 * across them. The Mongo store answers within STORE_TIMEOUT_MS or its in-memory insurance
 * limiter counts instead, so a database outage never makes a request wait for the limiter;
 * the memory store never waits (no `execEvenly`).
 *
 * Window: an approximated sliding window, "the previous window weighted". Windows are aligned
 * to multiples of the window length; each key has a counter per window (kept two windows
 * long), and a request is served when
 *
 *     previous × max(0, 1 − elapsed − 1/limit) + current + 1 ≤ limit
 *
 * where `elapsed` is the share of the current window gone. This counts the previous window as
 * if its requests were spread evenly over it, and as much of it as a span one request's
 * interval (window/limit) shorter than the window still covers. So a burst at a window
 * boundary cannot double the limit (the limit, plus at most one request, passes on both sides
 * of it), while a client that used its whole limit is served again within one window
 * (Retry-After never exceeds the window). The approximation's known limit: a client that
 * bunches its requests at the very end of a window and then keeps at it all through the next
 * one gets up to about twice the limit over that one window length, never in a short burst.
 * A refused request is taken back from the counter, so refusals do not extend the wait, and a
 * key known to be refused is answered from memory until its Retry-After, so a flood costs the
 * store nothing further.
 */
import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterMongo, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors';

export interface RateLimitPolicy {
  /** Requests per window per signed-in user; 0 turns the user limit off. */
  perUser: number;
  /** Requests per window per client address; 0 turns the address limit off. */
  perIp: number;
  windowSeconds: number;
  now?: () => number;
}

/**
 * Where the counters live: in this process, or in MongoDB so that every instance shares them.
 * `connection` is the app's mongoose connection (rate-limiter-flexible takes it as it is).
 */
export type RateLimitStore = { kind: 'memory' } | { kind: 'mongo'; connection: { collection(name: string): unknown } };

export interface RateLimiters {
  perIp: RequestHandler;
  perUser: RequestHandler;
}

/** The collection of the Mongo store: one document per key and window. */
export const RATE_LIMIT_COLLECTION = 'rate_limit_windows';
const STORE_TIMEOUT_MS = 500;
const CACHE_LIMIT = 10_000;

interface WindowCounter {
  /** Adds `points` to the counter of `key` and returns its new value. */
  add(key: string, points: number): Promise<number>;
  read(key: string): Promise<number>;
}

function windowCounter(store: RateLimitStore, name: string, limit: number, windowSeconds: number): WindowCounter {
  // A window's counter must outlive the next window, which weighs it.
  const options = { keyPrefix: name, points: limit, duration: 2 * windowSeconds + 1 };
  let limiter: RateLimiterAbstract;
  if (store.kind === 'mongo') {
    const insuranceLimiter = new RateLimiterMemory(options);
    const mongo = new RateLimiterMongo({ ...options, storeClient: store.connection, tableName: RATE_LIMIT_COLLECTION, insuranceLimiter });
    limiter = new RLWrapperTimeouts({ limiter: mongo, insuranceLimiter, timeoutMs: STORE_TIMEOUT_MS });
  } else {
    limiter = new RateLimiterMemory(options);
  }
  return {
    // `penalty`/`reward` change a counter without refusing anything: the decision is ours, since it weighs two windows.
    add: async (key, points) => (await (points > 0 ? limiter.penalty(key, points) : limiter.reward(key, -points))).consumedPoints,
    read: async (key) => (await limiter.get(key))?.consumedPoints ?? 0,
  };
}

/** Remembers keys until a time, forgetting expired ones when it is full; at most CACHE_LIMIT keys. */
function boundedMap<V>() {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    get(key: string, t: number): V | undefined {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until > t) return e.value;
      entries.delete(key);
      return undefined;
    },
    set(key: string, value: V, until: number, t: number) {
      if (entries.size >= CACHE_LIMIT) for (const [k, e] of entries) if (e.until <= t) entries.delete(k);
      if (entries.size < CACHE_LIMIT) entries.set(key, { value, until });
    },
  };
}

/** `prefix` keeps the counters of another set of limits (the public pages') apart from the API's. */
export function createRateLimiters(store: RateLimitStore, policy: RateLimitPolicy, prefix = ''): RateLimiters {
  const windowMs = policy.windowSeconds * 1000;
  const now = policy.now ?? Date.now;

  function refuse(waitMs: number, limit: number, what: string): AppError {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    return new AppError('rate_limited', `Too many requests ${what}: at most ${limit} per ${policy.windowSeconds} seconds. Try again in ${seconds} s.`, undefined, {
      'Retry-After': String(seconds),
    });
  }

  /** How long until a key with `previous` and `served` requests in the two windows is served again. */
  function waitMs(previous: number, served: number, elapsed: number, limit: number): number {
    if (served + 1 <= limit && previous > 0) {
      // Within this window, once the previous one weighs little enough.
      const until = 1 - 1 / limit - (limit - served - 1) / previous;
      if (until > elapsed) return (until - elapsed) * windowMs;
    }
    // At the start of the next window: min(served, limit) × (1 − 1/limit) + 1 ≤ limit.
    return (1 - elapsed) * windowMs;
  }

  function limiter(name: string, limit: number, keyOf: (req: Parameters<RequestHandler>[0]) => string | null, what: string): RequestHandler {
    if (limit <= 0) return (_req, _res, next) => next();
    const counter = windowCounter(store, `${prefix}${name}`, limit, policy.windowSeconds);
    /** Until when a refused key is refused from memory (its Retry-After), epoch ms. */
    const blocked = boundedMap<number>();
    // Counts of finished windows do not change: each is read once per key.
    const finished = boundedMap<number>();

    async function previousCount(key: string, window: number, t: number): Promise<number> {
      const id = `${key}:${window}`;
      const known = finished.get(id, t);
      if (known !== undefined) return known;
      const count = await counter.read(id);
      finished.set(id, count, (window + 2) * windowMs, t);
      return count;
    }

    return async (req, _res, next) => {
      const key = keyOf(req);
      if (!key) return next();
      const t = now();
      const window = Math.floor(t / windowMs);
      const elapsed = (t - window * windowMs) / windowMs;
      const blockedUntil = blocked.get(key, t);
      if (blockedUntil !== undefined) return next(refuse(blockedUntil - t, limit, what));
      try {
        const id = `${key}:${window}`;
        const [current, previous] = await Promise.all([counter.add(id, 1), previousCount(key, window - 1, t)]);
        if (previous * Math.max(0, 1 - elapsed - 1 / limit) + current <= limit + 1e-9) return next(); // (rounding slack)
        counter.add(id, -1).catch(() => undefined); // a refused request is not counted
        const wait = waitMs(previous, Math.min(current - 1, limit), elapsed, limit);
        blocked.set(key, t + wait, t + wait, t);
        next(refuse(wait, limit, what));
      } catch (err) {
        next(err);
      }
    };
  }

  return {
    perIp: limiter('ip', policy.perIp, (req) => (req.ip ? req.ip : null), 'from your network address'),
    perUser: limiter('user', policy.perUser, (req) => (req.user ? req.user.id : null), 'from your account'),
  };
}
