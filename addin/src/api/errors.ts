import { ErrorBodySchema, type ErrorCode, type FieldProblem } from '../../../shared/contract';
import type { StoppedAt } from '../../../shared/contract-progress';

/**
 * Why a call failed: `network` (no answer), `http` (an error answer), `invalid_response`
 * (an answer that breaks the contract), `auth` (no token could be had) or `aborted`.
 */
export type ApiErrorKind = 'network' | 'http' | 'invalid_response' | 'auth' | 'aborted';

/** A field the server named: path, English message, and the code (with its limit) that the UI translates. */
export type { FieldProblem };

/**
 * Why no token could be had, where the user can do something about it: `cancelled` (they closed
 * the sign-in), `mobile_client` (Outlook on iOS or Android could not sign in: its known nested
 * app authentication problems, see ../auth/msal.ts).
 */
export type SignInProblem = 'cancelled' | 'mobile_client';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: ErrorCode,
    /** The fields the server named as the problem, such as `reassignTo` (empty when none). */
    readonly fields: FieldProblem[] = [],
    /** With kind `auth`: why sign-in failed, when the user can act on it. */
    readonly signInProblem?: SignInProblem,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Network failures and server errors may succeed later; a 4xx will not. */
  get retryable(): boolean {
    return this.kind === 'network' || (this.status !== undefined && this.status >= 500);
  }
}

/** A long operation that stopped midway: why, and what it had done (`stoppedAt`). */
export class OperationStoppedError extends ApiError {
  constructor(message: string, status: number | undefined, code: ErrorCode, readonly stoppedAt: StoppedAt) {
    super('http', message, status, code);
    this.name = 'OperationStoppedError';
  }
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError('http', message, response.status, code, fields ?? []);
  }
  return new ApiError('http', `The server answered ${response.status}`, response.status);
}

export function isAbort(error: unknown): boolean {
  return (error instanceof ApiError && error.kind === 'aborted') || (error instanceof Error && error.name === 'AbortError');
}
