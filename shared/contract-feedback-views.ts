/**
 * The answers of the feedback API that the task pane reads too (a survey, a customer's newest score,
 * a contact's link): kept apart from the request schemas (./contract-feedback, which re-exports
 * them) and built only of zod's plainest parts, so that the pane's bundle carries no more of zod
 * than it did.
 */
import * as z from 'zod';
import { IdSchema, PersonRefSchema } from './contract';
import { QUESTION_KINDS, SURVEY_TYPES } from './domain/feedback';

const TextsViewSchema = z.object({ fi: z.string(), sv: z.string(), en: z.string() });
export const QuestionSchema = z.object({ id: z.string(), kind: z.enum(QUESTION_KINDS), text: TextsViewSchema });

export const SurveySchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** The heading respondents see; null: the name. */
  title: TextsViewSchema.nullable(),
  type: z.enum(SURVEY_TYPES),
  questions: z.array(QuestionSchema),
  owner: PersonRefSchema,
  status: z.enum(['open', 'closed']),
  /** The last day answers are taken (in the college's zone); null: until closed. */
  closesOn: z.string().nullable(),
  invitationCount: z.number().int(),
  responseCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof SurveySchema>;
export const SurveyListSchema = z.object({ items: z.array(SurveySchema) });

export const InvitationLinkResultSchema = z.object({ invitationId: z.string(), url: z.string(), expiresAt: z.string() });
export type InvitationLinkResult = z.infer<typeof InvitationLinkResultSchema>;

/** A customer's newest feedback score (the customer page and the pane's card). */
export const LatestFeedbackSchema = z.object({
  latest: z.object({ type: z.enum(SURVEY_TYPES), score: z.number().nullable(), answeredAt: z.string(), surveyName: z.string() }).nullable(),
});
export type LatestFeedback = z.infer<typeof LatestFeedbackSchema>;
