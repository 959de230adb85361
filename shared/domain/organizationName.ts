/**
 * When two customers' names say they are likely the same organisation: names equal once case
 * and accents are folded, the legal-form words (oy, oyj, ab, ky, tmi, ry, ltd, inc…) are left
 * out and punctuation and whitespace are collapsed. "Äänekosken Sähkö Oy" ≡ "AANEKOSKEN SAHKO".
 */

/** Words that name a legal form (Finnish, Swedish, English, German), not the organisation. */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set([
  'oy', 'oyj', 'ab', 'abp', 'ky', 'ay', 'tmi', 'ry', 'osk', 'sr', 'hb', 'kb', 'ltd', 'inc', 'llc', 'plc', 'corp', 'gmbh',
]);

/** The name as duplicates are compared by; '' when nothing but a legal form is left. */
export function organizationNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '' && !LEGAL_FORM_WORDS.has(word))
    .join(' ');
}
