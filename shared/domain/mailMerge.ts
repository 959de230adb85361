/**
 * Merge fields of a mailing (`{{firstName}}`, `{{customerName}}`, …): which exist, and a text with
 * them filled in. Filled values are data, never markup or headers: in a subject a value's line
 * breaks become spaces (a name cannot add a header), and the HTML part escapes every value.
 */

export const MERGE_FIELDS = ['firstName', 'lastName', 'fullName', 'customerName', 'senderName', 'unsubscribeLink', 'surveyLink'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

const FIELD = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Merge fields a text names that do not exist. */
export function unknownMergeFields(template: string): string[] {
  const known = new Set<string>(MERGE_FIELDS);
  return [...new Set([...template.matchAll(FIELD)].map((m) => m[1]!).filter((f) => !known.has(f)))];
}

/** A contact's first and last name from their full name ("Matti Meikäläinen" → Matti, Meikäläinen). */
export function nameParts(fullName: string): { firstName: string; lastName: string } {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return { firstName: parts[0] ?? '', lastName: parts.length > 1 ? parts.slice(1).join(' ') : '' };
}

/** The text with each field's value; a field without a value becomes empty. */
export function fillText(template: string, values: MergeValues): string {
  return template.replace(FIELD, (_m, f: string) => values[f as MergeField] ?? '');
}

/** A subject line: values on one line, no control characters, and the result on one line too. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a header must not carry
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export function fillSubject(template: string, values: MergeValues): string {
  const oneLine: MergeValues = {};
  for (const [k, v] of Object.entries(values)) oneLine[k as MergeField] = v.replace(CONTROL, ' ');
  return fillText(template, oneLine).replace(CONTROL, ' ').trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The HTML part of a body: the template's text escaped, paragraphs at blank lines and breaks at
 * line ends; each value escaped; the links made clickable (only the links the server made).
 */
export function fillHtml(template: string, values: MergeValues): string {
  const links = new Set<MergeField>(['unsubscribeLink', 'surveyLink']);
  const paragraphs = template.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  return paragraphs
    .map((p) => {
      const inner = escapeHtml(p).replace(FIELD, (_m, f: string) => {
        const value = values[f as MergeField] ?? '';
        if (links.has(f as MergeField) && /^https?:\/\//.test(value)) return `<a href="${escapeHtml(value)}">${escapeHtml(value)}</a>`;
        return escapeHtml(value);
      });
      return `<p>${inner.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}
