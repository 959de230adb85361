/**
 * CORS, closed: the task pane is served from the API's own origin, so a browser request that
 * carries another `Origin` is refused (403) before it reaches anything, and no
 * `Access-Control-Allow-*` header ever names a foreign origin. Origins listed in
 * configuration (ALLOWED_ORIGINS, for a pane hosted elsewhere) are the only exception.
 */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

const ALLOWED_HEADERS = 'authorization, content-type, accept, x-request-id';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

export function crossOriginGuard(allowedOrigins: readonly string[] = []): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next(); // not a cross-site browser request
    const own = hostOf(origin) !== null && hostOf(origin) === (req.host ?? '').toLowerCase();
    if (own) return next();
    if (!allowed.has(origin.toLowerCase())) {
      return next(new AppError('forbidden', 'Requests from other origins are not allowed'));
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
