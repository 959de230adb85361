import type { ErrorCode } from '../shared/contract';

export interface FieldProblem {
  path: string;
  message: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The one error type of the application: a code, a message for people, and the fields at fault. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  static invalid(path: string, message: string): AppError {
    return new AppError('invalid_input', `${path} ${message}`, [{ path, message }]);
  }
  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found`);
  }
  static conflict(path: string, message: string): AppError {
    return new AppError('conflict', `${path} ${message}`, [{ path, message }]);
  }
  static unprocessable(message: string, path?: string): AppError {
    return new AppError('unprocessable', message, path ? [{ path, message }] : undefined);
  }
}
