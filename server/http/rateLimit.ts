/**
 * Rate limits per client address (before sign-in, so floods of bad tokens are throttled too)
 * and per signed-in user. Over the limit: 429 with `Retry-After` (seconds until the window
 * ends). The counters live in the database (../persistence/rateLimits).
 * A key known to be over its limit is refused from memory until its window ends, so a flood
 * costs the database nothing further.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { Models } from '../persistence/models';
import { createRateCounter, type RateCounter } from '../persistence/rateLimits';

export interface RateLimitPolicy {
  /** Requests per window per signed-in user; 0 turns the user limit off. */
  perUser: number;
  /** Requests per window per client address; 0 turns the address limit off. */
  perIp: number;
  windowSeconds: number;
  now?: () => number;
}

export interface RateLimiters {
  perIp: RequestHandler;
  perUser: RequestHandler;
}

const BLOCK_CACHE_LIMIT = 10_000;

export function createRateLimiters(models: Models, policy: RateLimitPolicy, counter: RateCounter = createRateCounter(models)): RateLimiters {
  const windowMs = policy.windowSeconds * 1000;
  const now = policy.now ?? Date.now;
  const blockedUntil = new Map<string, number>();

  function refuse(resetAt: number, t: number, limit: number, what: string): AppError {
    const seconds = Math.max(1, Math.ceil((resetAt - t) / 1000));
    return new AppError('rate_limited', `Too many requests ${what}: at most ${limit} per ${policy.windowSeconds} seconds. Try again in ${seconds} s.`, undefined, {
      'Retry-After': String(seconds),
    });
  }

  function limiter(limit: number, keyOf: (req: Parameters<RequestHandler>[0]) => string | null, what: string): RequestHandler {
    if (limit <= 0) return (_req, _res, next) => next();
    return async (req, _res, next) => {
      const key = keyOf(req);
      if (!key) return next();
      const t = now();
      const blocked = blockedUntil.get(key);
      if (blocked !== undefined) {
        if (blocked > t) return next(refuse(blocked, t, limit, what));
        blockedUntil.delete(key);
      }
      try {
        const { count, resetAt } = await counter.hit(key, windowMs, t);
        if (count <= limit) return next();
        if (blockedUntil.size >= BLOCK_CACHE_LIMIT) {
          for (const [k, until] of blockedUntil) if (until <= t) blockedUntil.delete(k);
        }
        if (blockedUntil.size < BLOCK_CACHE_LIMIT) blockedUntil.set(key, resetAt);
        next(refuse(resetAt, t, limit, what));
      } catch (err) {
        next(err);
      }
    };
  }

  return {
    perIp: limiter(policy.perIp, (req) => (req.ip ? `ip:${req.ip}` : null), 'from your network address'),
    perUser: limiter(policy.perUser, (req) => (req.user ? `user:${req.user.id}` : null), 'from your account'),
  };
}
