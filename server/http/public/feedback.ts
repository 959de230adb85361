/**
 * The survey answer page, `/p/feedback/<token>`: GET shows the survey's form in the invitation's
 * language, POST stores the answer (../../usecases/feedback `submitAnswer`) and thanks. The page
 * shows nothing of the CRM but the contact's first name and the college's name; a form that does not
 * hold (a value off the scale, an unknown field, a repeated one) is shown again with a 400 and
 * nothing is stored. A forged token (altered, another purpose's) and an expired one get their
 * own pages, and so does a closed survey. A stored answer is audited with the contact as the actor
 * (`survey.answer`, the question ids answered, never the answers).
 */
import { Router, type Request, type Response } from 'express';
import type { Language } from '../../../shared/domain/codes';
import { scaleOf, type Answers, type Question } from '../../../shared/domain/feedback';
import { DEFAULT_LETTERHEAD } from '../../documents/offerPdf';
import { openInvitation, parseAnswers, submitAnswer, type FoundInvitation, type InvitationDeps } from '../../usecases/feedback';
import { auditPublicWrite, type PublicPageDeps, type PublicPageRouter } from './index';
import { html, sendPage, visitorLanguage, type Html } from './page';
import { PUBLIC_TEXTS } from './texts';

interface FeedbackTexts {
  greeting: (firstName: string) => string;
  intro: (college: string) => string;
  answeredBefore: string;
  npsEnds: [string, string];
  scaleEnds: [string, string];
  submit: string;
  required: string;
  errorSummary: string;
  thanksTitle: string;
  thanksBody: string;
  closedTitle: string;
  closedBody: string;
}

export const FEEDBACK_TEXTS: Readonly<Record<Language, FeedbackTexts>> = {
  fi: {
    greeting: (n) => (n ? `Hei ${n}!` : 'Hei!'),
    intro: (c) => `${c} kiittää yhteistyöstä ja pyytää palautettasi. Vastaaminen vie minuutin.`,
    answeredBefore: 'Olet jo vastannut tähän kyselyyn. Voit muuttaa vastaustasi: uusi vastaus korvaa aiemman.',
    npsEnds: ['0 = en lainkaan todennäköisesti', '10 = erittäin todennäköisesti'],
    scaleEnds: ['1 = erittäin tyytymätön', '5 = erittäin tyytyväinen'],
    submit: 'Lähetä vastaus',
    required: 'Valitse yksi vaihtoehto.',
    errorSummary: 'Vastausta ei tallennettu. Tarkista merkityt kohdat ja lähetä uudelleen.',
    thanksTitle: 'Kiitos palautteestasi!',
    thanksBody: 'Vastauksesi on tallennettu. Jos haluat muuttaa sitä, avaa sama linkki uudelleen.',
    closedTitle: 'Kysely on päättynyt',
    closedBody: 'Tähän kyselyyn ei enää voi vastata. Kiitos mielenkiinnostasi.',
  },
  sv: {
    greeting: (n) => (n ? `Hej ${n}!` : 'Hej!'),
    intro: (c) => `${c} tackar för samarbetet och ber om din respons. Det tar en minut att svara.`,
    answeredBefore: 'Du har redan svarat på den här enkäten. Du kan ändra ditt svar: det nya svaret ersätter det tidigare.',
    npsEnds: ['0 = inte alls sannolikt', '10 = mycket sannolikt'],
    scaleEnds: ['1 = mycket missnöjd', '5 = mycket nöjd'],
    submit: 'Skicka svaret',
    required: 'Välj ett alternativ.',
    errorSummary: 'Svaret sparades inte. Kontrollera de markerade punkterna och skicka igen.',
    thanksTitle: 'Tack för din respons!',
    thanksBody: 'Ditt svar har sparats. Om du vill ändra det, öppna samma länk igen.',
    closedTitle: 'Enkäten har avslutats',
    closedBody: 'Det går inte längre att svara på den här enkäten. Tack för ditt intresse.',
  },
  en: {
    greeting: (n) => (n ? `Hello ${n},` : 'Hello,'),
    intro: (c) => `${c} thanks you for working with us and asks for your feedback. Answering takes a minute.`,
    answeredBefore: 'You have answered this survey already. You can change your answer: the new one replaces the earlier one.',
    npsEnds: ['0 = not at all likely', '10 = extremely likely'],
    scaleEnds: ['1 = very dissatisfied', '5 = very satisfied'],
    submit: 'Send answer',
    required: 'Choose one option.',
    errorSummary: 'Your answer was not saved. Check the marked questions and send again.',
    thanksTitle: 'Thank you for your feedback!',
    thanksBody: 'Your answer has been saved. To change it, open the same link again.',
    closedTitle: 'This survey has closed',
    closedBody: 'This survey no longer takes answers. Thank you for your interest.',
  },
};

function question(q: Question, lang: Language, t: FeedbackTexts, values: Answers, invalid: boolean): Html {
  const name = `q_${q.id}`;
  const range = scaleOf(q.kind);
  if (!range) {
    const value = typeof values[q.id] === 'string' ? (values[q.id] as string) : '';
    return html`<p><label for="${name}"><strong>${q.text[lang]}</strong></label></p><p><textarea id="${name}" name="${name}" rows="5" maxlength="2000">${value}</textarea></p>`;
  }
  const ends = q.kind === 'nps' ? t.npsEnds : t.scaleEnds;
  const endsId = `${name}_ends`;
  const errorId = `${name}_error`;
  const options: Html[] = [];
  for (let n = range.min; n <= range.max; n++) {
    const checked = values[q.id] === n ? html` checked` : null;
    options.push(html`<label><input type="radio" name="${name}" value="${String(n)}" required${checked}><span>${String(n)}</span></label>`);
  }
  const describedBy = invalid ? `${errorId} ${endsId}` : endsId;
  return html`<fieldset aria-describedby="${describedBy}"${invalid ? html` aria-invalid="true"` : null}><legend>${q.text[lang]}</legend>
${invalid ? html`<p class="error" id="${errorId}">${t.required}</p>` : null}<div class="scale">${options}</div>
<p class="ends" id="${endsId}"><span>${ends[0]}</span><span>${ends[1]}</span></p></fieldset>`;
}

function formPage(res: Response, status: number, opened: FoundInvitation, college: string, values: Answers, invalid: string | null | undefined): void {
  const lang = opened.invitation.language;
  const t = FEEDBACK_TEXTS[lang];
  const answered = opened.invitation.answer !== null;
  const heading = opened.survey.title?.[lang] ?? opened.survey.name;
  const body = html`<h1>${heading}</h1>
<p>${t.greeting(opened.firstName)}</p><p>${t.intro(college)}</p>
${invalid !== undefined ? html`<p class="error" role="alert">${t.errorSummary}</p>` : null}
${answered && invalid === undefined ? html`<p class="muted">${t.answeredBefore}</p>` : null}
<form method="post">${opened.survey.questions.map((q) => question(q, lang, t, values, invalid === q.id))}<button type="submit">${t.submit}</button></form>`;
  sendPage(res, status, { lang, title: heading, body, footer: college });
}

function messagePage(res: Response, status: number, lang: Language, title: string, text: string, footer?: string): void {
  sendPage(res, status, { lang, title, body: html`<h1>${title}</h1><p>${text}</p>`, footer });
}

export const feedbackPage: PublicPageRouter = (deps: PublicPageDeps) => {
  const router = Router();
  const college = deps.settings.letterhead?.name ?? DEFAULT_LETTERHEAD.name;
  const useCaseDeps = (): InvitationDeps => ({ repos: deps.repos, settings: { ...deps.settings, publicTokens: deps.tokens }, now: deps.clock ? deps.clock() : new Date() });

  /** The invitation the token opens, or the page that says why it opens none (sent here). */
  async function opened(req: Request, res: Response, deps: InvitationDeps): Promise<FoundInvitation | null> {
    const result = await openInvitation(deps, String(req.params.token ?? ''));
    const visitor = visitorLanguage(req.headers['accept-language']);
    if (result.state === 'forged') {
      messagePage(res, 403, visitor, PUBLIC_TEXTS[visitor].forgedTitle, PUBLIC_TEXTS[visitor].forgedBody);
      return null;
    }
    if (result.state === 'expired') {
      messagePage(res, 410, visitor, PUBLIC_TEXTS[visitor].expiredTitle, PUBLIC_TEXTS[visitor].expiredBody);
      return null;
    }
    if (result.state === 'closed') {
      const t = FEEDBACK_TEXTS[result.invitation.language];
      messagePage(res, req.method === 'POST' ? 409 : 200, result.invitation.language, t.closedTitle, t.closedBody, college);
      return null;
    }
    return result as FoundInvitation;
  }

  router.get('/feedback/:token', async (req, res) => {
    const found = await opened(req, res, useCaseDeps());
    if (found) formPage(res, 200, found, college, found.invitation.answer?.answers ?? {}, undefined);
  });

  router.post('/feedback/:token', async (req, res) => {
    const d = useCaseDeps();
    const found = await opened(req, res, d);
    if (!found) return;
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const parsed = parseAnswers(found.survey.questions, form);
    if (!parsed.ok) {
      // shown again with what can be kept; nothing stored
      const kept: Answers = {};
      for (const q of found.survey.questions) {
        const v = form[`q_${q.id}`];
        if (typeof v !== 'string' || v.length > 2000) continue;
        if (!scaleOf(q.kind)) kept[q.id] = v;
        else if (/^\d{1,2}$/.test(v)) kept[q.id] = Number(v);
      }
      formPage(res, 400, found, college, kept, parsed.questionId);
      return;
    }
    await submitAnswer(d, found, parsed.answers);
    await auditPublicWrite(deps, req, {
      contact: { id: found.invitation.contactId, name: found.contactName }, action: 'survey.answer', resource: 'survey', recordId: found.survey.id,
      changedFields: Object.keys(parsed.answers).map((q) => `answers.${q}`), route: 'POST /p/feedback/:token', at: d.now ?? new Date(),
    });
    const t = FEEDBACK_TEXTS[found.invitation.language];
    messagePage(res, 200, found.invitation.language, t.thanksTitle, t.thanksBody, college);
  });
  return router;
};
