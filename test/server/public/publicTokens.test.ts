import { newTokenSecret, publicTokens } from '../../../server/auth/publicTokens';

const now = new Date('2026-12-03T12:00:00Z');
const later = new Date('2027-03-01T00:00:00Z');

describe('public page tokens', () => {
  const tokens = publicTokens(newTokenSecret());

  it('a token names its subject for its own purpose until it expires', () => {
    const token = tokens.sign('unsubscribe', 'mailing1:contact1', later);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(tokens.verify('unsubscribe', token, now)).toEqual({ ok: true, subject: 'mailing1:contact1', expiresAt: later });
    expect(tokens.verify('unsubscribe', token, new Date(later.getTime() + 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token of one purpose is refused by the other, even with its payload rewritten to claim it', () => {
    const token = tokens.sign('feedback', 'invitation1', later);
    expect(tokens.verify('unsubscribe', token, now)).toEqual({ ok: false, reason: 'forged' });
    const [, mac] = token.split('.');
    const claimed = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: 'invitation1', e: later.getTime() / 1000 })).toString('base64url');
    expect(tokens.verify('unsubscribe', `${claimed}.${mac}`, now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('an altered subject, a changed expiry, a cut MAC, another key and junk are all forged', () => {
    const token = tokens.sign('unsubscribe', 'a', now);
    const [payload, mac] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ p: 'unsubscribe', s: 'b', e: later.getTime() / 1000 })).toString('base64url');
    // the same MAC bytes spelt otherwise: spare bits of the last character, a stray character
    const last = mac.slice(-1);
    const spare = 'AQgw'.includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : last;
    for (const bad of [`${payload}.${mac}A`, `${payload}.${mac.slice(0, -1)}${spare}`, `${payload}.${mac.slice(0, 10)}\u0000${mac.slice(10)}`, `${other}.${mac}`, `${payload}.${mac.slice(0, 20)}`, `${payload}.${mac}.x`, `${payload}`, '', '.', 'x'.repeat(600), '<script>.x']) {
      expect(tokens.verify('unsubscribe', bad, new Date(0))).toEqual({ ok: false, reason: 'forged' });
    }
    expect(publicTokens(newTokenSecret()).verify('unsubscribe', tokens.sign('unsubscribe', 'a', later), now)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => publicTokens(Buffer.alloc(16).toString('base64url'))).toThrow(/32 bytes/);
  });
});
