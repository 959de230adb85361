/**
 * Email-address normalisation (DOMAIN.md "Recognising a sender", step 1):
 * trimmed, lower-cased, the domain in its ASCII (punycode) form.
 * Pure and platform-neutral: WHATWG URL does the IDNA mapping in Node and in browsers.
 */

/** No spaces, specials or control characters (NUL and friends would be stored and matched as they are). */
const LOCAL_PART = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}$/u;

/** Converts a domain to lower-case ASCII (IDNA); null when it is not a valid host name. */
export function domainToAscii(domain: string): string | null {
  const trimmed = domain.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253 || /[\s/?#@:[\]\\%]/.test(trimmed)) return null;
  let host: string;
  try {
    host = new URL(`http://${trimmed}`).hostname;
  } catch {
    return null;
  }
  const labels = host.split('.');
  if (labels.length < 2) return null;
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  if (!labels.every((l) => label.test(l))) return null;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null; // an IP address is not a mail domain
  return host;
}

/** Returns the normalised address, or null when the input is not an email address. */
export function normaliseEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const local = trimmed.slice(0, at).toLowerCase();
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  const domain = domainToAscii(trimmed.slice(at + 1));
  return domain === null ? null : `${local}@${domain}`;
}

/** The domain part of an already normalised address. */
export function domainOf(normalisedEmail: string): string {
  return normalisedEmail.slice(normalisedEmail.lastIndexOf('@') + 1);
}
