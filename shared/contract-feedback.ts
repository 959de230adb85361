/**
 * The API contract of feedback (palautteet): surveys (NPS, CSAT or a few custom questions, texts in
 * Finnish, Swedish and English), their invitations (one per survey × contact, each with a signed
 * link to the public answer page) and the responses with their scores.
 */
import * as z from 'zod';
import { IdSchema } from './contract';
import { LANGUAGES } from './domain/codes';
import { MAX_CUSTOM_QUESTIONS, QUESTION_KINDS, SURVEY_TYPES } from './domain/feedback';
import { DaySchema } from './contract-tasks';

export * from './contract-feedback-views';

export const LanguageSchema = z.enum(LANGUAGES);
const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });
export const TextsSchema = z.strictObject({ fi: text(500), sv: text(500), en: text(500) });
const PartialTextsSchema = z.strictObject({ fi: text(500).optional(), sv: text(500).optional(), en: text(500).optional() });


/** A custom survey's question as given: a 1–5 scale or free text. */
export const CustomQuestionInputSchema = z.strictObject({ kind: z.enum(['scale', 'text']), text: TextsSchema });


const surveyName = text(200);

/** `POST /surveys`: NPS or CSAT with the default questions (texts may be given), or custom questions. */
export const CreateSurveySchema = z
  .strictObject({
    name: surveyName,
    /** The heading respondents see, in each language (left out: the name). */
    title: TextsSchema.nullable().optional(),
    type: z.enum(SURVEY_TYPES),
    /** NPS/CSAT: the scale question's texts instead of the defaults (any language left out keeps its default). */
    questionText: PartialTextsSchema.optional(),
    commentText: PartialTextsSchema.optional(),
    /** Custom surveys: 1–5 questions. */
    questions: z.array(CustomQuestionInputSchema).min(1, { error: 'must have at least one question' }).max(MAX_CUSTOM_QUESTIONS, { error: `must have at most ${MAX_CUSTOM_QUESTIONS} questions` }).optional(),
    closesOn: DaySchema.nullable().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.type === 'custom' && !s.questions) ctx.addIssue({ code: 'custom', message: 'a custom survey needs its questions', path: ['questions'] });
    if (s.type !== 'custom' && s.questions) ctx.addIssue({ code: 'custom', message: `an ${s.type.toUpperCase()} survey has its own questions: give questionText instead`, path: ['questions'] });
  });

/**
 * `PATCH /surveys/:id` on the version read. `questions` are the survey's questions in order: an NPS or
 * CSAT survey, and a survey that has answers, changes only their texts (the same kinds in the same
 * order: answers name the questions); a custom survey without answers may change them freely.
 * `status`: `open` takes answers (active), `closed` no longer does (retired).
 */
export const UpdateSurveySchema = z.strictObject({
  version: z.number().int().nonnegative(),
  name: surveyName.optional(),
  title: TextsSchema.nullable().optional(),
  questions: z.array(CustomQuestionInputSchema.extend({ kind: z.enum(QUESTION_KINDS) }))
    .min(1, { error: 'must have at least one question' }).max(MAX_CUSTOM_QUESTIONS, { error: `must have at most ${MAX_CUSTOM_QUESTIONS} questions` }).optional(),
  closesOn: DaySchema.nullable().optional(),
  status: z.enum(['open', 'closed']).optional(),
});

export const InviteSelectionSchema = z.strictObject({ selectionId: IdSchema });
export const InviteSelectionResultSchema = z.object({
  /** Customers in the selection, and the contacts invited (new) or invited already. */
  customers: z.number().int(),
  created: z.number().int(),
  existing: z.number().int(),
  /** Contacts without an email address are invited too (a link can be given by hand); counted here. */
  withoutEmail: z.number().int(),
});
export type InviteSelectionResult = z.infer<typeof InviteSelectionResultSchema>;

/** `POST /surveys/:id/link`: the link for one contact (made once; asked again, the same link). */
export const InvitationLinkSchema = z.strictObject({ contactId: IdSchema, language: LanguageSchema.optional() });

export const ResponseSchema = z.object({
  invitationId: z.string(),
  organizationId: IdSchema,
  organizationName: z.string(),
  contactId: IdSchema,
  contactName: z.string(),
  score: z.number().nullable(),
  answers: z.record(z.string(), z.union([z.number(), z.string()])),
  answeredAt: z.string(),
});
export type SurveyResponse = z.infer<typeof ResponseSchema>;
export const ResponseListSchema = z.object({ items: z.array(ResponseSchema) });


/** The dashboard's feedback figures: the reports page's feedback report (`GET /reports/feedback`). */
export { FeedbackScoresReportSchema as FeedbackReportSchema, type FeedbackScoresReport as FeedbackReport } from './contract-reports';
