/**
 * Feedback (palautteet): surveys, their invitations and the answers to them.
 *
 * - A survey is NPS (0–10 and a comment), CSAT (1–5 and a comment) or up to five custom questions
 *   (a 1–5 scale or free text), each in Finnish, Swedish and English (shared/domain/feedback). Account
 *   managers and administrators make and change them; everyone signed in reads them.
 * - An invitation is one per survey × contact (`<surveyId>:<contactId>`), made for a selection's
 *   contacts in bulk or for one contact (the pane's "copy survey link", a mailing's `{{surveyLink}}`:
 *   `invitationLinkFor`). Its link carries a signed token (purpose `feedback`, subject the invitation)
 *   that expires after 90 days or at the end of the survey's closing day, whichever is first; the
 *   token is not stored: signing the same invitation and expiry again gives the same link.
 * - An answer (from the public page, ../http/public/feedback) is stored on the invitation and recorded
 *   on the customer as one `feedback` action with the score, whose `_id` comes from the invitation: a
 *   second submission replaces the answer and revises that action, never adds one.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { PersonRef } from '../../shared/contract';
import type {
  CreateSurveySchema, InvitationLinkResult, InviteSelectionResult, LatestFeedback, Survey, SurveyResponse, UpdateSurveySchema,
} from '../../shared/contract-feedback';
import type { Language } from '../../shared/domain/codes';
import { defaultQuestions, scoreOf, type Answers, type Question } from '../../shared/domain/feedback';
import { addCalendarDays, calendarDay, startOfDay } from '../../shared/domain/zonedTime';
import { AppError } from '../errors';
import { invitationId, type ActionRecord, type InvitationRecord, type Repositories, type SurveyRecord } from '../persistence/repositories';
import type { UseCaseContext, UseCaseSettings } from './context';
import { rebuildActionViews, recordAction } from './recordAction';
import { getSelection, selectionMembers } from './selections';
import { personRef } from './views';

/** How long an invitation's link is valid when the survey closes later (or never). */
export const INVITATION_DAYS = 90;
/** Where links point when neither the settings nor the request name an origin (the development server). */
export const DEFAULT_PUBLIC_ORIGIN = 'http://localhost:3000';
export const FEEDBACK_PATH = '/p/feedback/';

export function surveyView(s: SurveyRecord): Survey {
  return { ...s, title: s.title ? { ...s.title } : null, questions: s.questions.map((q) => ({ ...q, text: { ...q.text } })), owner: { ...s.owner }, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

/** Open when not closed by hand and its closing day (in the college's zone) has not passed. */
export function isOpen(s: SurveyRecord, now: Date, timeZone: string): boolean {
  return s.status === 'open' && (s.closesOn === null || calendarDay(now, timeZone) <= s.closesOn);
}

async function surveyOf(repos: Repositories, id: string): Promise<SurveyRecord> {
  const s = await repos.surveys.get(id);
  if (!s) throw AppError.notFound('The survey');
  return s;
}

const stale = (version: number) => AppError.conflict('version', `is ${version}, but the survey was changed meanwhile: read it again and repeat the change`, 'invalid');

export async function listSurveys(ctx: UseCaseContext): Promise<{ items: Survey[] }> {
  const all = await ctx.repos.surveys.all();
  return { items: all.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id)).map(surveyView) };
}

export async function getSurvey(ctx: UseCaseContext, id: string): Promise<Survey> {
  return surveyView(await surveyOf(ctx.repos, id));
}

export async function createSurvey(ctx: UseCaseContext, input: z.output<typeof CreateSurveySchema>): Promise<Survey> {
  if (input.closesOn && input.closesOn < calendarDay(ctx.now, ctx.settings.timeZone)) throw AppError.invalid('closesOn', 'is in the past: a survey closes today at the earliest');
  const questions: Question[] = input.type === 'custom'
    ? input.questions!.map((q, n) => ({ id: `q${n + 1}`, kind: q.kind, text: { ...q.text } }))
    : defaultQuestions(input.type, input.questionText, input.commentText);
  const fields = { name: input.name, title: input.title ?? null, type: input.type, questions, owner: personRef(ctx.user), closesOn: input.closesOn ?? null };
  return surveyView(await ctx.repos.surveys.insert(ctx.repos.surveys.newId(), fields));
}

type QuestionInput = NonNullable<z.output<typeof UpdateSurveySchema>['questions']>;

/**
 * The questions a change gives, checked against the survey: an NPS or CSAT survey, and one with
 * answers, keeps its questions' kinds and ids (answers name them) and takes only new texts; a custom
 * survey without answers takes new questions (scales and free text only, numbered again).
 */
function changedQuestions(s: SurveyRecord, given: QuestionInput): Question[] {
  const fixed = s.type !== 'custom' || s.responseCount > 0;
  if (fixed) {
    const kinds = s.questions.map((q) => q.kind).join(',');
    if (given.map((q) => q.kind).join(',') !== kinds) {
      const why = s.type !== 'custom' ? `an ${s.type.toUpperCase()} survey keeps its questions` : 'the survey has answers, which name its questions';
      throw AppError.conflict('questions', `${why}: give the same ${s.questions.length} questions (${kinds}) with new texts`, 'invalid');
    }
    return s.questions.map((q, n) => ({ id: q.id, kind: q.kind, text: { ...given[n]!.text } }));
  }
  const wrong = given.findIndex((q) => q.kind !== 'scale' && q.kind !== 'text');
  if (wrong >= 0) throw AppError.invalid(`questions.${wrong}.kind`, 'must be scale or text in a custom survey');
  return given.map((q, n) => ({ id: `q${n + 1}`, kind: q.kind, text: { ...q.text } }));
}

export async function updateSurvey(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateSurveySchema>): Promise<Survey> {
  const current = await surveyOf(ctx.repos, id);
  const { version, questions, ...rest } = patch;
  if (rest.closesOn && rest.closesOn !== current.closesOn && rest.closesOn < calendarDay(ctx.now, ctx.settings.timeZone)) {
    throw AppError.invalid('closesOn', 'is in the past: a survey closes today at the earliest');
  }
  const set = { ...rest, ...(questions ? { questions: changedQuestions(current, questions) } : {}) };
  const updated = await ctx.repos.surveys.update(id, version, set);
  if (!updated) throw stale(version);
  return surveyView(updated);
}

/** Closes a survey: its links show the "survey closed" page from now on. */
export async function closeSurvey(ctx: UseCaseContext, id: string): Promise<Survey> {
  const s = await surveyOf(ctx.repos, id);
  if (s.status === 'closed') return surveyView(s);
  const updated = await ctx.repos.surveys.update(id, s.version, { status: 'closed' });
  if (!updated) throw stale(s.version);
  return surveyView(updated);
}

/** When an invitation made now expires: after INVITATION_DAYS, or at the end of the survey's closing day if sooner. */
function expiryOf(s: SurveyRecord, now: Date, timeZone: string): Date {
  const limit = addCalendarDays(now, INVITATION_DAYS, timeZone);
  if (!s.closesOn) return limit;
  const closes = startOfDay(calendarDay(addCalendarDays(startOfDay(s.closesOn, timeZone), 1, timeZone), timeZone), timeZone);
  return closes < limit ? closes : limit;
}

function requireOpen(s: SurveyRecord, now: Date, timeZone: string): void {
  if (!isOpen(s, now, timeZone)) throw AppError.conflict('surveyId', 'names a closed survey: open it again (or make a new one) to invite', 'invalid');
}

/** The origin links point to: the configured public address, else the request's, else the development server's. */
export const linkOrigin = (settings: UseCaseSettings, requestOrigin?: string): string =>
  (settings.publicUrl ?? requestOrigin ?? DEFAULT_PUBLIC_ORIGIN).replace(/\/+$/, '');

function linkOf(settings: UseCaseSettings, inv: Pick<InvitationRecord, 'id' | 'expiresAt'>, origin?: string): string {
  if (!settings.publicTokens) throw new Error('feedback: no public token signer in the settings (server/compose.ts makes one)');
  return `${linkOrigin(settings, origin)}${FEEDBACK_PATH}${settings.publicTokens.sign('feedback', inv.id, inv.expiresAt)}`;
}

export interface InvitationDeps {
  repos: Repositories;
  settings: UseCaseSettings;
  now?: Date;
  /** The origin of the request that asks, used when `settings.publicUrl` is not set. */
  origin?: string;
}

export interface InvitedContact {
  id: string;
  organizationId: string;
  /** The contact's language when known; Finnish otherwise. */
  language?: Language | null;
}

async function ensureInvitation(deps: InvitationDeps, survey: SurveyRecord, contact: InvitedContact, invitedBy: PersonRef): Promise<InvitationRecord> {
  const now = deps.now ?? new Date();
  const id = invitationId(survey.id, contact.id);
  const existing = await deps.repos.invitations.get(id);
  if (existing) return existing;
  requireOpen(survey, now, deps.settings.timeZone);
  const { created } = await deps.repos.invitations.insertMany([{
    surveyId: survey.id, surveyType: survey.type, organizationId: contact.organizationId, contactId: contact.id,
    language: contact.language ?? 'fi', expiresAt: expiryOf(survey, now, deps.settings.timeZone), invitedBy,
  }]);
  if (created) await deps.repos.surveys.count(survey.id, { invitations: created });
  const made = await deps.repos.invitations.get(id);
  if (!made) throw new Error(`invitation ${id} vanished after insert`);
  return made;
}

/**
 * The survey link of one contact, for a mailing's `{{surveyLink}}` or a link pasted into a mail: the
 * contact's invitation is made the first time (one per survey × contact, whoever asks) and the same
 * link is returned every time after. Refused (409) for a closed survey that has no invitation yet.
 */
export async function invitationLinkFor(deps: InvitationDeps, surveyId: string, contact: InvitedContact, invitedBy?: PersonRef): Promise<string> {
  const survey = await surveyOf(deps.repos, surveyId);
  const inv = await ensureInvitation(deps, survey, contact, invitedBy ?? survey.owner);
  return linkOf(deps.settings, inv, deps.origin);
}

/** `POST /surveys/:id/link`: the link for one contact, as the pane copies it. */
export async function contactInvitationLink(ctx: UseCaseContext, surveyId: string, input: { contactId: string; language?: Language }, origin?: string): Promise<InvitationLinkResult> {
  const survey = await surveyOf(ctx.repos, surveyId);
  const contact = await ctx.repos.contacts.get(input.contactId);
  if (!contact) throw AppError.unprocessable('contactId names no contact', 'contactId');
  const deps = { repos: ctx.repos, settings: ctx.settings, now: ctx.now, origin };
  const inv = await ensureInvitation(deps, survey, { id: contact.id, organizationId: contact.organizationId, language: input.language }, personRef(ctx.user));
  return { invitationId: inv.id, url: linkOf(ctx.settings, inv, origin), expiresAt: inv.expiresAt.toISOString() };
}

/** Invitations for every contact of a selection's customers (those invited already are left as they are). */
export async function inviteSelection(ctx: UseCaseContext, surveyId: string, selectionId: string): Promise<InviteSelectionResult> {
  const { repos } = ctx;
  const survey = await surveyOf(repos, surveyId);
  requireOpen(survey, ctx.now, ctx.settings.timeZone);
  await getSelection(ctx, selectionId); // 404 for a selection this user does not see
  const selection = (await repos.selections.get(selectionId))!;
  const customers = await selectionMembers(ctx, selection);
  const expiresAt = expiryOf(survey, ctx.now, ctx.settings.timeZone);
  const me = personRef(ctx.user);
  const result: InviteSelectionResult = { customers: customers.length, created: 0, existing: 0, withoutEmail: 0 };
  for (let i = 0; i < customers.length; i += 50) {
    const contacts = (await Promise.all(customers.slice(i, i + 50).map((c) => repos.contacts.ofCustomer(c.id)))).flat();
    result.withoutEmail += contacts.filter((c) => c.emails.length === 0).length;
    const { created, existing } = await repos.invitations.insertMany(contacts.map((c) => ({
      surveyId: survey.id, surveyType: survey.type, organizationId: c.organizationId, contactId: c.id, language: 'fi' as const, expiresAt, invitedBy: me,
    })));
    result.created += created;
    result.existing += existing;
  }
  if (result.created) await repos.surveys.count(survey.id, { invitations: result.created });
  return result;
}

export async function surveyResponses(ctx: UseCaseContext, surveyId: string): Promise<{ items: SurveyResponse[] }> {
  await surveyOf(ctx.repos, surveyId);
  const answered = await ctx.repos.invitations.responsesOf(surveyId);
  const [customers, contacts] = await Promise.all([
    ctx.repos.customers.getMany([...new Set(answered.map((i) => i.organizationId))]),
    ctx.repos.contacts.getMany(answered.map((i) => i.contactId)),
  ]);
  const customerName = new Map(customers.map((c) => [c.id, c.name]));
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  return {
    items: answered.map((i) => ({
      invitationId: i.id, organizationId: i.organizationId, organizationName: customerName.get(i.organizationId) ?? '', contactId: i.contactId,
      contactName: contactName.get(i.contactId) ?? '', score: i.answer!.score, answers: { ...i.answer!.answers }, answeredAt: i.answer!.at.toISOString(),
    })),
  };
}

export async function latestFeedback(ctx: UseCaseContext, organizationId: string): Promise<LatestFeedback> {
  const l = await ctx.repos.invitations.latestOf(organizationId);
  return { latest: l ? { type: l.type, score: l.score, answeredAt: l.answeredAt.toISOString(), surveyName: l.surveyName } : null };
}

// ---------- the public answer page ----------

/** The `feedback` action of an invitation: the same `_id` for every submission. */
export const feedbackActionId = (invId: string): string => createHash('sha256').update(`feedback:${invId}`).digest('hex').slice(0, 24);

export interface FoundInvitation {
  state: 'closed' | 'open';
  invitation: InvitationRecord;
  survey: SurveyRecord;
  firstName: string;
  /** The contact's whole name: never shown on the page, only the audit log's actor. */
  contactName: string;
  customerName: string;
}
export type OpenedInvitation = { state: 'forged' | 'expired' } | FoundInvitation;

/** What a token opens: its invitation, survey, and the only data the page shows (first name, college name come from settings). */
export async function openInvitation(deps: InvitationDeps, token: string): Promise<OpenedInvitation> {
  const now = deps.now ?? new Date();
  const check = deps.settings.publicTokens!.verify('feedback', token, now);
  if (!check.ok) return { state: check.reason };
  const invitation = await deps.repos.invitations.get(check.subject);
  const survey = invitation ? await deps.repos.surveys.get(invitation.surveyId) : null;
  // a valid signature on an invitation that is gone (deleted data): the link is no longer good
  if (!invitation || !survey) return { state: 'expired' };
  const [contact, customer] = await Promise.all([deps.repos.contacts.get(invitation.contactId), deps.repos.customers.get(invitation.organizationId)]);
  const firstName = contact ? contact.name.trim().split(/\s+/)[0] ?? '' : '';
  return {
    state: isOpen(survey, now, deps.settings.timeZone) ? 'open' : 'closed', invitation, survey, firstName, contactName: contact?.name ?? '', customerName: customer?.name ?? '',
  };
}

const COMMENT_MAX = 2000;

/** The answers of a submitted form (fields `q_<questionId>`), or the first question that is wrong. */
export function parseAnswers(questions: readonly Question[], form: Record<string, unknown>): { ok: true; answers: Answers } | { ok: false; questionId: string | null } {
  const known = new Set(questions.map((q) => `q_${q.id}`));
  if (Object.keys(form).some((k) => !known.has(k))) return { ok: false, questionId: null };
  const answers: Answers = {};
  for (const q of questions) {
    const raw = form[`q_${q.id}`];
    if (raw !== undefined && typeof raw !== 'string') return { ok: false, questionId: q.id };
    const value = (raw ?? '').trim();
    if (q.kind === 'text') {
      if (value.length > COMMENT_MAX) return { ok: false, questionId: q.id };
      if (value) answers[q.id] = value;
      continue;
    }
    const range = q.kind === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 };
    if (!/^\d{1,2}$/.test(value)) return { ok: false, questionId: q.id };
    const n = Number(value);
    if (n < range.min || n > range.max) return { ok: false, questionId: q.id };
    answers[q.id] = n;
  }
  return { ok: true, answers };
}

/**
 * Stores an answer: on the invitation (replacing an earlier one), as the customer's one `feedback`
 * action with the score (made by the first submission, revised by later ones), and as the customer's
 * newest score. Each step can be repeated, so a submission that failed half-way is completed by the next.
 */
export async function submitAnswer(deps: InvitationDeps, opened: FoundInvitation, answers: Answers): Promise<void> {
  const { repos, settings } = deps;
  const now = deps.now ?? new Date();
  const { invitation, survey } = opened;
  const customer = await repos.customers.get(invitation.organizationId);
  if (!customer) throw AppError.notFound('The customer');
  const score = scoreOf(survey.type, survey.questions, answers);
  const stored = await repos.invitations.answer(invitation.id, { answers, score, at: now, segment: customer.segment, customerGroup: customer.customerGroup });
  if (!stored) throw AppError.notFound('The invitation');
  if (stored.first) await repos.surveys.count(survey.id, { responses: 1 });

  const comment = survey.questions.filter((q) => q.kind === 'text').map((q) => answers[q.id]).filter((v): v is string => typeof v === 'string').join('\n');
  const label = survey.type === 'custom' ? '' : `${survey.type.toUpperCase()} `;
  const subject = score === null ? survey.name : `${survey.name}: ${label}${score}`;
  const excerpt = comment ? comment.slice(0, settings.excerptMaxLength) : null;
  const action: ActionRecord = {
    id: feedbackActionId(invitation.id), kind: 'feedback', occurredAt: now, subject, excerpt, organizationId: invitation.organizationId,
    contactIds: [invitation.contactId], loggedBy: invitation.invitedBy, loggedAt: now, internetMessageId: null, conversationId: null, opportunityId: null,
    ...(score === null ? {} : { feedbackScore: score }),
  };
  const inserted = await repos.actions.insert(action);
  if (inserted.created) await recordAction(repos, action, now);
  else {
    // the one action takes the new answer; the customer's copies of it (newest actions, timeline) are rebuilt from the actions
    const revised = (await repos.actions.reviseFeedback(action.id, { feedbackScore: score, subject, excerpt, occurredAt: now })) ?? action;
    await repos.customers.recordActions(invitation.organizationId, [revised]);
    await rebuildActionViews(repos, invitation.organizationId);
  }
  await repos.invitations.recordLatest({ organizationId: invitation.organizationId, surveyId: survey.id, surveyName: survey.name, type: survey.type, score, answeredAt: now, invitationId: invitation.id });
}
