/** Every /api route needs a user: a verified bearer token, resolved to a stored user. */
import type { RequestHandler } from 'express';
import { AppError } from '../errors';
import type { TokenVerifier } from '../auth/tokens';
import { InvalidTokenError } from '../auth/tokens';
import type { Models, UserDoc } from '../persistence/models';
import { findOrCreateUser } from '../usecases/users';

declare module 'express-serve-static-core' {
  interface Request {
    user?: UserDoc;
  }
}

const challenge = (error?: string) => ({
  'WWW-Authenticate': error ? `Bearer realm="asiakkuus", error="${error}"` : 'Bearer realm="asiakkuus"',
});

export function authenticate(verifier: TokenVerifier, models: Models): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9\-_.]+)$/.exec(header);
    if (!match) {
      return next(new AppError('unauthorized', 'Sign in first: the request has no bearer token', undefined, challenge()));
    }
    try {
      const identity = await verifier.verify(match[1]!);
      req.user = await findOrCreateUser(models, {
        authSubject: identity.authSubject,
        email: identity.email,
        name: identity.name,
        role: 'account_manager',
      });
      next();
    } catch (err) {
      if (err instanceof InvalidTokenError) {
        return next(new AppError('unauthorized', 'The sign-in token is invalid or has expired', undefined, challenge('invalid_token')));
      }
      next(err);
    }
  };
}
