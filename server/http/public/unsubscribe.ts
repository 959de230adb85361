/**
 * The unsubscribe page (`/p/unsubscribe/<token>`), linked from every mailing and named in its
 * `List-Unsubscribe` header. The token names one recipient of one mailing (`<mailingId>:<contactId>`).
 * GET asks (a link scanner that opens it changes nothing); POST unsubscribes, also as the one-click
 * POST of RFC 8058 that mail clients send. Unsubscribing twice is the same as once. The page shows
 * only the college's name: no address, no customer. An unsubscribe is audited with the contact as
 * the actor (`contact.unsubscribe`).
 */
import { Router, type Request, type Response } from 'express';
import type { Language } from '../../../shared/domain/codes';
import { DEFAULT_LETTERHEAD } from '../../documents/offerPdf';
import { auditPublicWrite, type PublicPageDeps } from './index';
import { html, sendPage, visitorLanguage } from './page';
import { PUBLIC_TEXTS } from './texts';

const TEXTS: Record<Language, { title: string; ask: (college: string) => string; button: string; doneTitle: string; done: (college: string) => string }> = {
  fi: {
    title: 'Markkinointiviestien tilauksen peruminen',
    ask: (c) => `Haluatko, ettei ${c} lähetä sinulle enää markkinointiviestejä? Muut viestit, kuten vastaukset kysymyksiisi, tulevat edelleen.`,
    button: 'Peru tilaus',
    doneTitle: 'Tilaus on peruttu',
    done: (c) => `${c} ei lähetä sinulle enää markkinointiviestejä. Voit sulkea tämän sivun.`,
  },
  sv: {
    title: 'Avsluta prenumerationen på marknadsföring',
    ask: (c) => `Vill du att ${c} inte längre skickar marknadsföring till dig? Andra meddelanden, som svar på dina frågor, kommer fortfarande.`,
    button: 'Avsluta prenumerationen',
    doneTitle: 'Prenumerationen är avslutad',
    done: (c) => `${c} skickar inte längre marknadsföring till dig. Du kan stänga den här sidan.`,
  },
  en: {
    title: 'Unsubscribe from marketing mail',
    ask: (c) => `Do you want ${c} to stop sending you marketing mail? Other messages, such as answers to your questions, will still reach you.`,
    button: 'Unsubscribe',
    doneTitle: 'You have unsubscribed',
    done: (c) => `${c} will no longer send you marketing mail. You can close this page.`,
  },
};

const OBJECT_ID = /^[0-9a-f]{24}$/;

export function unsubscribePage(deps: PublicPageDeps): Router {
  const router = Router();
  const college = deps.settings.letterhead?.name ?? DEFAULT_LETTERHEAD.name;
  const now = () => (deps.clock ? deps.clock() : new Date());

  /** The recipient a valid token names, or the refusal page sent. */
  async function recipientOf(req: Request, res: Response) {
    const check = deps.tokens.verify('unsubscribe', String(req.params.token ?? ''), now());
    const lang = visitorLanguage(req.headers['accept-language']);
    if (!check.ok) {
      const t = PUBLIC_TEXTS[lang];
      const [title, body] = check.reason === 'expired' ? [t.expiredTitle, t.expiredBody] : [t.forgedTitle, t.forgedBody];
      sendPage(res, check.reason === 'expired' ? 410 : 400, { lang, title, body: html`<h1>${title}</h1><p>${body}</p>` });
      return null;
    }
    // a subject that is not two ids names nobody (a signed one can only come from a bug of ours, but is no 500)
    const [mailingId, contactId] = check.subject.split(':');
    const ids = !!mailingId && !!contactId && OBJECT_ID.test(mailingId) && OBJECT_ID.test(contactId);
    const [recipient] = ids ? await deps.repos.mailings.recipients(mailingId, [contactId]) : [];
    const contact = ids ? await deps.repos.contacts.get(contactId) : null;
    if (!recipient || !contact) {
      const t = PUBLIC_TEXTS[lang];
      sendPage(res, 404, { lang, title: t.notFoundTitle, body: html`<h1>${t.notFoundTitle}</h1><p>${t.notFoundBody}</p>` });
      return null;
    }
    return { recipient, contact };
  }

  const done = (res: Response, lang: Language) => {
    const t = TEXTS[lang];
    sendPage(res, 200, { lang, title: t.doneTitle, footer: college, body: html`<h1>${t.doneTitle}</h1><p>${t.done(college)}</p>` });
  };

  router.get('/unsubscribe/:token', async (req, res, next) => {
    try {
      const found = await recipientOf(req, res);
      if (!found) return;
      const lang = found.recipient.language;
      if (found.contact.marketingConsent === 'opted_out') return done(res, lang);
      const t = TEXTS[lang];
      sendPage(res, 200, {
        lang, title: t.title, footer: college,
        body: html`<h1>${t.title}</h1><p>${t.ask(college)}</p><form method="post"><button type="submit">${t.button}</button></form>`,
      });
    } catch (err) {
      next(err);
    }
  });

  router.post('/unsubscribe/:token', async (req, res, next) => {
    try {
      const found = await recipientOf(req, res);
      if (!found) return;
      const at = now();
      const changed = found.contact.marketingConsent !== 'opted_out';
      if (changed) await deps.repos.contacts.setMarketing(found.contact.id, { consent: 'opted_out' }, at);
      await deps.repos.mailings.optOut(found.recipient.id, at);
      // the contact's own write, in the audit log as the API's writes are (unsubscribing again changes nothing)
      if (changed) {
        await auditPublicWrite(deps, req, {
          contact: found.contact, action: 'contact.unsubscribe', resource: 'contact', recordId: found.contact.id,
          changedFields: ['marketingConsent'], route: 'POST /p/unsubscribe/:token', at,
        });
      }
      done(res, found.recipient.language);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
