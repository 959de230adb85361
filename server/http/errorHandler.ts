/** Turns every error into the contract's JSON error shape. Unknown errors are a logged 500 without internals. */
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError } from '../errors';
import type { ErrorBody } from '../../shared/contract';
import { isDatabaseUnavailable } from '../db/unavailable';

/** body-parser's error types, by what the client did wrong. */
function fromBodyParser(err: { type?: string; status?: number }): AppError | null {
  switch (err.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'entity.parse.failed':
      return new AppError('invalid_input', 'The request body is not valid JSON', [{ path: 'body', message: 'is not valid JSON', code: 'invalid_format' }]);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'The request body must be UTF-8 JSON');
    default:
      return typeof err.status === 'number' && err.status >= 400 && err.status < 500
        ? new AppError('invalid_input', 'The request could not be read')
        : null;
  }
}

function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    return new AppError('unavailable', 'The database is not reachable right now; try again shortly', undefined, { 'Retry-After': '5' });
  }
  if (typeof err === 'object' && err !== null && 'type' in err) return fromBodyParser(err as { type?: string; status?: number });
  return null;
}

/** The answer to an error: its status, headers and the contract's error body (an unknown error logged, without internals). */
export function errorAnswer(err: unknown, req: Request): { status: number; headers: Record<string, string>; body: ErrorBody } {
  const appError = toAppError(err);
  const requestId = String(req.id ?? '');
  if (!appError) {
    req.log?.error({ err }, 'unhandled error');
    return { status: 500, headers: {}, body: { error: { code: 'internal', message: 'Something went wrong on the server', requestId } } };
  }
  if (appError.status >= 500) req.log?.warn({ code: appError.code, err: err instanceof Error ? err.message : undefined }, appError.message);
  const body: ErrorBody = {
    error: { code: appError.code, message: appError.message, ...(appError.fields ? { fields: appError.fields } : {}), requestId },
  };
  return { status: appError.status, headers: { ...(appError.headers ?? {}) }, body };
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const { status, headers, body } = errorAnswer(err, req);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json(body);
};

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};

/** Writes must be JSON: anything else is a 415 rather than an empty body that fails validation later. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    return next(new AppError('unsupported_media_type', 'The request body must be JSON (Content-Type: application/json)'));
  }
  next();
};
