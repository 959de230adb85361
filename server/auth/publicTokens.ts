/**
 * Tokens of the public pages (unsubscribe, survey answer): the only proof a request to them has.
 *
 * A token is `<payload>.<mac>`, both base64url: the payload names the purpose, the subject (the
 * one recipient or invitation it is for) and when it expires; the MAC is HMAC-SHA-256 under a key
 * derived from the shared secret *and the purpose*, so a token made for one purpose fails on every
 * other page even with its payload rewritten. 128 bits of MAC: unguessable, and compared in
 * constant time. Nothing in a token is secret (it is in a mail), but nothing in it can be changed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_PURPOSES = ['unsubscribe', 'feedback'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Why a token is refused: its MAC does not hold (forged, cut short, another purpose's) or its time is over. */
export type TokenRefusal = 'forged' | 'expired';

export type TokenCheck = { ok: true; subject: string; expiresAt: Date } | { ok: false; reason: TokenRefusal };

export interface PublicTokens {
  sign(purpose: TokenPurpose, subject: string, expiresAt: Date): string;
  verify(purpose: TokenPurpose, token: string, now: Date): TokenCheck;
}

/** The name of the shared secret in the `secrets` collection. */
export const PUBLIC_TOKEN_SECRET = 'public-token-key';

export const newTokenSecret = (): string => randomBytes(32).toString('base64url');

const MAC_BYTES = 16;
/** Longer than any token this module makes: a longer one is refused before any work. */
const MAX_TOKEN_LENGTH = 512;
const PAYLOAD = /^[A-Za-z0-9_-]{1,400}$/;

export function publicTokens(secret: string): PublicTokens {
  const master = Buffer.from(secret, 'base64url');
  if (master.length < 32) throw new Error('The public token secret must be at least 32 bytes');
  const keys = new Map(TOKEN_PURPOSES.map((p) => [p, createHmac('sha256', master).update(`purpose:${p}`).digest()]));
  const mac = (purpose: TokenPurpose, payload: string) => createHmac('sha256', keys.get(purpose)!).update(payload).digest().subarray(0, MAC_BYTES);
  return {
    sign(purpose, subject, expiresAt) {
      const payload = Buffer.from(JSON.stringify({ p: purpose, s: subject, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
      return `${payload}.${mac(purpose, payload).toString('base64url')}`;
    },
    verify(purpose, token, now) {
      if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'forged' };
      const [payload, given, extra] = token.split('.');
      if (extra !== undefined || !payload || !given || !PAYLOAD.test(payload)) return { ok: false, reason: 'forged' };
      // Compared as text: base64 decoding skips stray characters and ignores the last character's spare
      // bits, so decoded bytes would accept other spellings of the same MAC.
      const expected = Buffer.from(mac(purpose, payload).toString('base64url'));
      const givenMac = Buffer.from(given);
      if (givenMac.length !== expected.length || !timingSafeEqual(givenMac, expected)) return { ok: false, reason: 'forged' };
      let claims: { p?: unknown; s?: unknown; e?: unknown };
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
      } catch {
        return { ok: false, reason: 'forged' };
      }
      if (claims.p !== purpose || typeof claims.s !== 'string' || typeof claims.e !== 'number') return { ok: false, reason: 'forged' };
      const expiresAt = new Date(claims.e * 1000);
      if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, subject: claims.s, expiresAt };
    },
  };
}
