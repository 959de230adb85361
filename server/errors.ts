import type { ErrorCode, FieldProblemCode } from '../shared/contract';

/** A field at fault: its path, an English message, and the code clients translate (shared/contract FIELD_PROBLEM_CODES). */
export interface FieldProblem {
  path: string;
  message: string;
  code?: FieldProblemCode;
  limit?: number;
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

  static invalid(path: string, message: string, code: FieldProblemCode = 'invalid'): AppError {
    return new AppError('invalid_input', `${path} ${message}`, [{ path, message, code }]);
  }
  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} was not found`);
  }
  /** Another record has the value already (`duplicate`), or the record is in a state that forbids the change (`invalid`). */
  static conflict(path: string, message: string, code: FieldProblemCode = 'duplicate'): AppError {
    return new AppError('conflict', `${path} ${message}`, [{ path, message, code }]);
  }
  /** Well-formed but not applicable: mostly a reference to nothing (`not_found`). */
  static unprocessable(message: string, path?: string, code: FieldProblemCode = 'not_found'): AppError {
    return new AppError('unprocessable', message, path ? [{ path, message, code }] : undefined);
  }
}
