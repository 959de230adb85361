/**
 * Search words: what a customer or a contact can be found by, and how a query is read. Pure, so
 * that the index's writer, its rebuild and the re-check of a hit all agree.
 *
 * Text is normalised to NFD with the combining marks stripped and lower-cased (`Äänekosken` →
 * `aanekosken`), then split into words on every character that is neither a letter nor a digit.
 * A business ID is also kept whole and as its digits (`0112038-9`, `01120389`); an address whole,
 * as the words of its local part, as its domain and the domain's labels (`aanekoskensahko.fi`,
 * `aanekoskensahko`; the top-level label is left out: `fi` would name every customer).
 * A word matches a query word when it starts with it.
 */

/** The shortest query word the prefix index answers (see server/persistence/repositories/searchIndex.ts). */
export const MIN_SEARCH_WORD = 2;

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of a text (names, titles). */
export function textWords(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export function businessIdWords(businessId: string): string[] {
  const whole = foldText(businessId.trim());
  return [whole, whole.replace(/[^\p{L}\p{N}]+/gu, '')];
}

export function domainWords(domain: string): string[] {
  const d = foldText(domain.trim().replace(/^@/, ''));
  const labels = d.split('.').filter((l) => l.length > 0);
  return [d, ...labels.slice(0, -1).flatMap(textWords)];
}

export function emailWords(email: string): string[] {
  const e = foldText(email.trim());
  const at = e.lastIndexOf('@');
  if (at < 0) return [e, ...textWords(e)];
  return [e, ...textWords(e.slice(0, at)), ...domainWords(e.slice(at + 1))];
}

const unique = (words: readonly string[]): string[] => [...new Set(words.filter((w) => w.length > 0))];

/** What a customer is found by: its name, business ID and mail domains. */
export function customerSearchWords(c: { name: string; businessId?: string | null; emailDomains?: readonly string[] }): string[] {
  return unique([...textWords(c.name), ...(c.businessId ? businessIdWords(c.businessId) : []), ...(c.emailDomains ?? []).flatMap(domainWords)]);
}

/** What a contact (and so its customer) is found by: its name and addresses. */
export function contactSearchWords(c: { name: string; emails?: readonly string[] }): string[] {
  return unique([...textWords(c.name), ...(c.emails ?? []).flatMap(emailWords)]);
}

/**
 * One term of a query (a whitespace-separated token): it matches when a word starts with the
 * whole token (`0112038-9`, `virtanen@aanekoskensahko.fi`), or when each of its parts does
 * (`äänekosken-sähkö` → `aanekosken`, `sahko`).
 */
export interface SearchTerm {
  whole: string;
  parts: string[];
}

export function searchTerms(q: string): SearchTerm[] {
  return foldText(q)
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((whole) => ({ whole, parts: textWords(whole) }))
    .filter((t) => t.parts.length > 0);
}

/** The words the index must be asked about: terms shorter than MIN_SEARCH_WORD in every reading are left out. */
export function termWords(t: SearchTerm): string[] {
  return unique([t.whole, ...t.parts]).filter((w) => w.length >= MIN_SEARCH_WORD);
}

/** Does the term match one of the words? */
export function termMatches(t: SearchTerm, words: readonly string[]): boolean {
  const has = (w: string) => words.some((x) => x.startsWith(w));
  if (has(t.whole)) return true;
  const parts = t.parts.filter((p) => p.length >= MIN_SEARCH_WORD);
  return parts.length > 0 && parts.every(has);
}
