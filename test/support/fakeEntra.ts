/**
 * Stands in for Entra ID in tests: an RSA signing key and a JWKS endpoint on a loopback port,
 * so that the production verifier (remote key set over HTTP) runs for real. Tokens look like
 * Entra v2 access tokens for our API.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const OTHER_TENANT = '99999999-8888-4777-8666-555555555555';
export const CLIENT_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
export const AUDIENCE = `api://localhost:3000/${CLIENT_ID}`;
export const issuerOf = (tid: string) => `https://login.microsoftonline.com/${tid}/v2.0`;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function makeKey(kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface FakeEntra {
  jwksUri: string;
  /** The keys the endpoint publishes now. */
  published: SigningKey[];
  /** How many times the key set was fetched. */
  fetches: number;
  /** Answer the key set requests with this status (e.g. 503), or 0 to serve it. */
  failWith: number;
  key: SigningKey;
  /** Claims of a valid token for a user of the allowed tenant; override any of them (undefined removes one). */
  claims(overrides?: Record<string, unknown>): JWTPayload;
  sign(overrides?: Record<string, unknown>, opts?: { key?: SigningKey; kid?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeEntra(): Promise<FakeEntra> {
  const key = await makeKey();
  const state = { published: [key], fetches: 0, failWith: 0 };
  const server = http.createServer((req, res) => {
    if (req.url !== '/discovery/v2.0/keys') {
      res.writeHead(404).end();
      return;
    }
    state.fetches += 1;
    if (state.failWith) {
      res.writeHead(state.failWith).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.published.map((k) => k.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const claims = (overrides: Record<string, unknown> = {}): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    const base: Record<string, unknown> = {
      iss: issuerOf(TENANT),
      aud: CLIENT_ID,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      tid: TENANT,
      oid: '0f0f0f0f-1111-4222-8333-444444444444',
      sub: 'pairwise-subject-of-the-user',
      scp: 'access_as_user',
      azp: CLIENT_ID,
      ver: '2.0',
      name: 'Aino Virtanen',
      preferred_username: 'aino.virtanen@omnia.fi',
    };
    for (const [k, v] of Object.entries(overrides)) {
      if (v === undefined) delete base[k];
      else base[k] = v;
    }
    return base as JWTPayload;
  };

  return {
    jwksUri: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    get published() {
      return state.published;
    },
    set published(keys) {
      state.published = keys;
    },
    get fetches() {
      return state.fetches;
    },
    set fetches(n) {
      state.fetches = n;
    },
    get failWith() {
      return state.failWith;
    },
    set failWith(status) {
      state.failWith = status;
    },
    key,
    claims,
    sign(overrides = {}, opts = {}) {
      const signing = opts.key ?? key;
      return new SignJWT(claims(overrides)).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? signing.kid }).sign(signing.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
