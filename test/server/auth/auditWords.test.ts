/**
 * The admin audit view says every entry in words: each action a write route (or a bulk read, or a
 * public page) records has its own sentence, or a kind of record and a verb, in Finnish, Swedish and
 * English — never the `resource.verb` code.
 */
import { en } from '../../../addin/src/core/i18n/messages/app/en';
import { fi } from '../../../addin/src/core/i18n/messages/app/fi';
import { sv } from '../../../addin/src/core/i18n/messages/app/sv';
import { WRITE_METHODS } from '../../../server/http/route';
import { API_ROUTES } from '../../../server/http/routes';

/** What the public pages and the first sign-in record, besides the routes' own. */
const OTHER_ACTIONS = [
  { action: 'contact.unsubscribe', resource: 'contact' },
  { action: 'survey.answer', resource: 'survey' },
  { action: 'user.create', resource: 'user' },
];

test('every audited action reads as words in fi, sv and en', () => {
  const audited = API_ROUTES.filter((d) => (WRITE_METHODS.has(d.method) && !d.readOnly) || d.audited).map((d) => ({ action: d.action, resource: d.resource }));
  const missing: string[] = [];
  for (const { action, resource } of [...audited, ...OTHER_ACTIONS]) {
    for (const [lang, catalog] of Object.entries({ en, fi, sv }) as [string, Record<string, string>][]) {
      if (`admin.audit.action.${action}` in catalog) continue;
      const verb = action.slice(action.indexOf('.') + 1);
      if (!(`admin.audit.resource.${resource}` in catalog)) missing.push(`${lang}: resource ${resource}`);
      if (!(`admin.audit.verb.${verb}` in catalog)) missing.push(`${lang}: verb ${verb} (${action})`);
    }
  }
  expect([...new Set(missing)]).toEqual([]);
  expect(fi['admin.audit.action.contact.unsubscribe']).toBe('Perui markkinointiviestien tilauksen kampanjaviestin linkistä');
  expect(sv['admin.audit.action.survey.answer']).toBe('Svarade på en responsenkät');
});
