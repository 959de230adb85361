/**
 * Entra ID access tokens, checked by the one JWT verifier (./tokens) with a remote key set.
 * A token is accepted only when all of these hold:
 *  - signed RS256 by a key of the key set (keys cached; an unknown `kid` makes jose fetch
 *    the set again, at most once per cooldown, so key rotation needs no restart);
 *  - `iss` is `https://login.microsoftonline.com/<tid>/v2.0` of an allowed tenant and `tid`
 *    names that same tenant;
 *  - `aud` is our API (its client id, which v2 tokens carry, or its App ID URI);
 *  - `exp`/`nbf` hold within a small clock skew;
 *  - `scp` contains `access_as_user` (a delegated token for a person, never an app-only one);
 *  - `azp`, the app that asked for the token, is our own add-in.
 * The person is keyed by tenant and object id: `entra:<tid>:<oid>`.
 */
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createJwtVerifier, InvalidTokenError, type TokenVerifier, type VerifiedIdentity } from './tokens';

export const ENTRA_SCOPE_NAME = 'access_as_user';
export const ENTRA_LOGIN_HOST = 'https://login.microsoftonline.com';
/** The v2 signing keys; the same set serves every tenant. */
export const ENTRA_DEFAULT_JWKS_URI = `${ENTRA_LOGIN_HOST}/common/discovery/v2.0/keys`;

export const entraIssuer = (tenantId: string): string => `${ENTRA_LOGIN_HOST}/${tenantId}/v2.0`;

export interface EntraSettings {
  /** Tenants whose users may sign in (GUIDs). */
  tenantIds: readonly string[];
  /** The app registration's application (client) id: the add-in and the API are one registration. */
  clientId: string;
  /** The API's App ID URI, e.g. `api://addin.example.fi/<client-id>`. */
  audience: string;
  /** Where the signing keys are fetched; only tests point it elsewhere. */
  jwksUri?: string;
  clockToleranceSeconds?: number;
  /** How long after a fetch an unknown `kid` may trigger another one (ms). */
  jwksCooldownMs?: number;
  /** How long a fetched key set is trusted before it is fetched again (ms). */
  jwksCacheMaxAgeMs?: number;
  /** Key source override (tests); defaults to the remote key set at `jwksUri`. */
  keys?: JWTVerifyGetKey;
}

/** The scope the add-in asks for: the API's own, never only openid/profile. */
export const entraScope = (audience: string): string => `${audience.replace(/\/+$/, '')}/${ENTRA_SCOPE_NAME}`;

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The address to show and to match a provisioned user by; a placeholder when the token has none.
 * Only the sign-in name (`preferred_username`, `upn`) counts, whose domain the tenant has
 * verified; the optional `email` claim is not verified and could name someone else's address.
 */
function addressOf(claims: JWTPayload, tid: string, oid: string): string {
  for (const claim of ['preferred_username', 'upn']) {
    const value = text(claims[claim]).trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+$/.test(value)) return value;
  }
  return `${oid}@${tid}.entra.invalid`;
}

export function createEntraVerifier(settings: EntraSettings): TokenVerifier {
  const tenants = new Set(settings.tenantIds.map((t) => t.toLowerCase()));
  const keys =
    settings.keys ??
    createRemoteJWKSet(new URL(settings.jwksUri ?? ENTRA_DEFAULT_JWKS_URI), {
      cooldownDuration: settings.jwksCooldownMs ?? 30_000,
      cacheMaxAge: settings.jwksCacheMaxAgeMs ?? 60 * 60_000,
      timeoutDuration: 5_000,
    });
  return createJwtVerifier({
    keys,
    issuer: [...tenants].map(entraIssuer),
    audience: [settings.clientId, settings.audience],
    algorithms: ['RS256'],
    clockToleranceSeconds: settings.clockToleranceSeconds ?? 60,
    requiredClaims: ['exp', 'nbf', 'iat', 'tid', 'oid', 'scp', 'azp'],
    toIdentity(claims): VerifiedIdentity {
      const tid = text(claims.tid).toLowerCase();
      const oid = text(claims.oid).toLowerCase();
      if (!tenants.has(tid) || claims.iss !== entraIssuer(tid)) throw new InvalidTokenError('the token is from a tenant that is not allowed');
      if (!/^[0-9a-f-]{36}$/.test(oid)) throw new InvalidTokenError('the token names no user object');
      if (!text(claims.scp).split(' ').includes(ENTRA_SCOPE_NAME)) throw new InvalidTokenError(`the token lacks the ${ENTRA_SCOPE_NAME} scope`);
      if (text(claims.azp).toLowerCase() !== settings.clientId.toLowerCase()) throw new InvalidTokenError('the token was issued to another application');
      const email = addressOf(claims, tid, oid);
      const name = text(claims.name).trim() || email;
      return { authSubject: `entra:${tid}:${oid}`, email, name, claims };
    },
  });
}
