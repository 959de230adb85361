import pino, { type Logger } from 'pino';

/** JSON logs; tokens, cookies and personal data are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.excerpt', '*.email', '*.from', '*.to', '*.cc'],
      censor: '[redacted]',
    },
  });
}
