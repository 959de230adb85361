import pino, { type DestinationStream, type Logger } from 'pino';

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
const BEARER = /\bBearer\s+\S+/gi;

/** Takes addresses and tokens out of free text (error messages and stacks quote the values they choke on). */
export function scrub(text: string): string {
  return text.replace(BEARER, 'Bearer [redacted]').replace(JWT, '[token]').replace(EMAIL, '[email]');
}

/**
 * Errors as logged: type, code and scrubbed message and stack; nothing else of the error object
 * (driver errors carry the offending document). Takes an Error or an already serialised one
 * (pino-http hands its serializers the standard serialisation).
 */
export function errorSerializer(err: unknown): Record<string, unknown> {
  if (typeof err !== 'object' || err === null) return { message: scrub(String(err)) };
  const e = err as { name?: unknown; type?: unknown; message?: unknown; stack?: unknown; code?: unknown };
  const type = typeof e.type === 'string' ? e.type : typeof e.name === 'string' ? e.name : 'Error';
  return {
    type,
    message: scrub(typeof e.message === 'string' ? e.message : ''),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.stack === 'string' ? { stack: scrub(e.stack) } : {}),
  };
}

/** JSON logs; tokens, cookies and personal data are redacted wherever they might appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      serializers: { err: errorSerializer },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.excerpt', '*.email', '*.from', '*.to', '*.cc'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
