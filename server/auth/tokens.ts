/**
 * Bearer-token verification: one verifier, whose key source is configuration. In development
 * the server signs its own tokens with a key pair made at start; Entra ID (./entra) plugs in
 * a remote JWKS through the same verifier.
 */
import { errors, exportJWK, generateKeyPair, jwtVerify, SignJWT, createLocalJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export interface VerifiedIdentity {
  /** Stable key of the person at the identity provider: `dev:<email>` or `entra:<tid>:<oid>`. */
  authSubject: string;
  email: string;
  name: string;
  claims: JWTPayload;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedIdentity>;
}

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The key source could not be reached (the identity provider's key set is down): not the token's fault. */
export class KeySourceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySourceUnavailableError';
  }
}

export interface JwtVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string | string[];
  audience: string | string[];
  /** Pinned: a token whose header names another algorithm (`none`, HS256…) is refused before any key is used. */
  algorithms: string[];
  clockToleranceSeconds?: number;
  requiredClaims?: string[];
  toIdentity(claims: JWTPayload): VerifiedIdentity;
}

/** A failure to fetch the key set, as opposed to a token that fails verification. */
function isKeySourceFailure(err: unknown): boolean {
  if (err instanceof errors.JWKSTimeout) return true;
  if (err instanceof errors.JOSEError) return /JSON Web Key Set HTTP response/i.test(err.message);
  return err instanceof TypeError && /fetch failed/i.test(err.message); // fetch() itself failed: refused, reset, DNS
}

export function createJwtVerifier(opts: JwtVerifierOptions): TokenVerifier {
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, opts.keys, {
          issuer: opts.issuer,
          audience: opts.audience,
          algorithms: opts.algorithms,
          clockTolerance: opts.clockToleranceSeconds ?? 60,
          requiredClaims: opts.requiredClaims ?? ['exp'],
        }));
      } catch (err) {
        if (isKeySourceFailure(err)) throw new KeySourceUnavailableError((err as Error).message);
        throw new InvalidTokenError((err as Error).message);
      }
      return opts.toIdentity(payload);
    },
  };
}

export const DEV_ISSUER = 'asiakkuus-dev';
export const DEV_AUDIENCE = 'asiakkuus-api';

export interface DevTokenIssuer {
  verifier: TokenVerifier;
  sign(identity: { email: string; name: string }): Promise<string>;
}

/** Development sign-in: a key pair made at start, tokens valid for 12 hours. */
export async function createDevTokenIssuer(): Promise<DevTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'dev', alg: 'RS256', use: 'sig' };
  const verifier = createJwtVerifier({
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    algorithms: ['RS256'],
    toIdentity(claims) {
      const email = typeof claims.email === 'string' ? claims.email : '';
      const name = typeof claims.name === 'string' ? claims.name : email;
      if (!email) throw new InvalidTokenError('token has no email claim');
      return { authSubject: `dev:${email}`, email, name, claims };
    },
  });
  return {
    verifier,
    sign: ({ email, name }) =>
      new SignJWT({ email, name })
        .setProtectedHeader({ alg: 'RS256', kid: 'dev' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(`dev:${email}`)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(privateKey),
  };
}
