/** Every /api route needs a user: a verified bearer token, resolved to a stored user. */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { TokenVerifier } from '../auth/tokens';
import { InvalidTokenError, KeySourceUnavailableError } from '../auth/tokens';
import type { Actor, Repositories } from '../usecases/context';
import { recordAudit } from '../usecases/audit';
import { signIn, type Provisioning } from '../usecases/signIn';

declare module 'express-serve-static-core' {
  interface Request {
    user?: Actor;
  }
}

const challenge = (error?: string) => ({
  'WWW-Authenticate': error ? `Bearer realm="asiakkuus", error="${error}"` : 'Bearer realm="asiakkuus"',
});

export interface AuthenticateOptions {
  /** `provisioned`: only users an administrator added may sign in (others get 403). Default `open`. */
  provisioning?: Provisioning;
}

/**
 * 401 with a `WWW-Authenticate` challenge for a missing or invalid token; 403 for a valid token
 * of a person who may not have an account; 503 when the identity provider's keys cannot be fetched.
 * The token itself is never logged or echoed.
 */
export function authenticate(verifier: TokenVerifier, repos: Repositories, opts: AuthenticateOptions = {}): RequestHandler {
  const provisioning = opts.provisioning ?? 'open';
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/i.exec(header);
    if (!match) {
      return next(new AppError('unauthorized', 'Sign in first: the request has no bearer token', undefined, challenge()));
    }
    try {
      const identity = await verifier.verify(match[1]!);
      const { user, created } = await signIn(repos, identity, provisioning);
      if (created) {
        await recordAudit(repos, {
          actor: user, action: 'user.create', resource: 'user', recordId: user.id, changedFields: ['email', 'name', 'role'],
          route: 'first sign-in', status: 200, requestId: req.id === undefined ? null : String(req.id), at: new Date(),
        });
      }
      req.user = user;
      next();
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        return next(new AppError('unauthorized', 'The sign-in token is invalid or has expired', undefined, challenge('invalid_token')));
      }
      if (err instanceof KeySourceUnavailableError) {
        req.log?.warn({ reason: err.message }, 'signing keys unavailable');
        return next(new AppError('unavailable', 'Sign-in cannot be checked right now; try again shortly', undefined, { 'Retry-After': '5' }));
      }
      next(err);
    }
  };
}
