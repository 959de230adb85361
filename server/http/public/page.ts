/**
 * The public pages' shell: the only HTML the server renders itself, for people who are not users
 * (a contact unsubscribing, answering a survey). No script at all, one inline stylesheet allowed by
 * its nonce, forms that post only to this origin; never framed, cached, indexed or given a referrer
 * (the address carries a token). Every value reaches the page through `text()`, so a customer's
 * name containing markup stays text.
 */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { Language } from '../../../shared/domain/codes';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML of a text: every character that could start markup or end an attribute is escaped. */
export const text = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup built from `text()`ed values and literal tags; a plain string is escaped, an Html is kept. */
export class Html {
  constructor(readonly markup: string) {}
}

/** A tagged template: interpolated strings are escaped, Html (and arrays of it) kept as they are. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | readonly Html[] | null | undefined)[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    if (v instanceof Html) out += v.markup;
    else if (Array.isArray(v)) out += v.map((h: Html) => h.markup).join('');
    else if (v !== null && v !== undefined) out += text(String(v));
    out += strings[i + 1]!;
  });
  return new Html(out);
}

const STYLES = `
:root{color-scheme:light dark;--fg:#242424;--bg:#fff;--muted:#616161;--accent:#0f6cbd;--border:#d1d1d1;--danger:#b10e1c}
@media (prefers-color-scheme:dark){:root{--fg:#f5f5f5;--bg:#1f1f1f;--muted:#adadad;--accent:#479ef5;--border:#525252;--danger:#f1707b}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 "Segoe UI",system-ui,-apple-system,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
p{margin:0 0 1rem}.muted{color:var(--muted)}.error{color:var(--danger)}
fieldset{border:0;margin:0 0 1.25rem;padding:0}legend{font-weight:600;margin-bottom:.5rem;padding:0}
.scale{display:flex;flex-wrap:wrap;gap:.375rem}.scale label{display:inline-flex;align-items:center;justify-content:center;min-width:2.75rem;min-height:2.75rem;border:1px solid var(--border);border-radius:.25rem;cursor:pointer}
.scale input{position:absolute;opacity:0;width:1px;height:1px}.scale input:checked+span{font-weight:700}
.scale label:has(input:checked){background:var(--accent);border-color:var(--accent);color:#fff}.scale label:has(input:focus-visible){outline:2px solid var(--fg);outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.875rem;color:var(--muted);margin-top:.25rem}
textarea,input[type=text]{width:100%;font:inherit;padding:.5rem;border:1px solid var(--border);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{font:inherit;font-weight:600;padding:.625rem 1.25rem;border:0;border-radius:.25rem;background:var(--accent);color:#fff;cursor:pointer;min-height:2.75rem}
button:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
footer{margin-top:2rem;font-size:.875rem;color:var(--muted)}`;

export interface PageContent {
  lang: Language;
  title: string;
  body: Html;
  /** Who the page comes from (the college), in the footer. */
  footer?: string;
}

/** Sends a whole page with the public pages' headers. */
export function sendPage(res: Response, status: number, page: PageContent): void {
  const nonce = randomBytes(16).toString('base64');
  res.status(status);
  res.setHeader(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('X-Frame-Options', 'DENY');
  res.type('html');
  const doc = html`<!doctype html>
<html lang="${page.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${page.title}</title><style nonce="${nonce}">${new Html(STYLES)}</style></head>
<body><main>${page.body}${page.footer ? html`<footer>${page.footer}</footer>` : null}</main></body></html>`;
  res.send(doc.markup);
}

/** The language a visitor without a known language reads: the first of fi/sv/en in Accept-Language, else Finnish. */
export function visitorLanguage(acceptLanguage: string | undefined): Language {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fi' || tag === 'sv' || tag === 'en') return tag;
  }
  return 'fi';
}
