/**
 * Collections of feedback (palautteet), laid out to be read by `_id`:
 * - `surveys`: one document per survey; changed by compare-and-set on `version`, its counters by `$inc`.
 * - `invitations`: one per survey × contact, `_id` = `<surveyId>:<contactId>`, so inviting twice is
 *   one invitation (an insert whose duplicate is the idempotency check). The answer lives on it and is
 *   `$set` by `_id`: a second submission replaces the first, never adds one.
 * - `feedback_latest`: a customer's newest answer (`_id` = the customer's id), the score the customer
 *   page and the pane show; one writer (repositories/invitations), a `$set` that only moves forward in time.
 */
import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { CUSTOMER_GROUPS, LANGUAGES, SEGMENTS } from '../../shared/domain/codes';
import { SURVEY_TYPES } from '../../shared/domain/feedback';

const personRef = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, name: String, email: String }, { _id: false });

export const surveySchema = new Schema(
  {
    name: { type: String, required: true },
    /** `{ fi, sv, en }`: the heading respondents see; null: the name. */
    title: { type: Schema.Types.Mixed, default: null },
    type: { type: String, enum: SURVEY_TYPES, required: true },
    /** [{ id, kind, text: { fi, sv, en } }]; once answered only their texts change (answers name the question ids). */
    questions: { type: Schema.Types.Mixed, required: true },
    owner: { type: personRef, required: true },
    status: { type: String, enum: ['open', 'closed'], default: 'open' },
    /** The last day answers are taken, `YYYY-MM-DD` in the college's zone; null: until closed. */
    closesOn: { type: String, default: null },
    invitationCount: { type: Number, default: 0 },
    responseCount: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { collection: 'surveys', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);

const answerSchema = new Schema(
  {
    answers: { type: Schema.Types.Mixed, default: {} },
    score: { type: Number, default: null },
    at: { type: Date, required: true },
    /** The customer's segment and group when it answered: the report's extended reference. */
    segment: { type: String, enum: SEGMENTS },
    customerGroup: { type: String, enum: CUSTOMER_GROUPS },
    /** How many times it was submitted (the last one counts). */
    submissions: { type: Number, default: 1 },
  },
  { _id: false, minimize: false },
);

export const invitationSchema = new Schema(
  {
    _id: { type: String, required: true },
    surveyId: { type: Schema.Types.ObjectId, required: true },
    surveyType: { type: String, enum: SURVEY_TYPES, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    contactId: { type: Schema.Types.ObjectId, required: true },
    /** The page's language: the contact's when known, else Finnish. */
    language: { type: String, enum: LANGUAGES, default: 'fi' },
    expiresAt: { type: Date, required: true },
    invitedBy: { type: personRef, required: true },
    answer: { type: answerSchema, default: null },
    answeredAt: { type: Date, default: null },
  },
  { collection: 'invitations', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);
invitationSchema.index({ surveyId: 1, answeredAt: -1 });
invitationSchema.index({ answeredAt: 1, surveyType: 1 });

export const feedbackLatestSchema = new Schema(
  {
    _id: { type: String, required: true },
    surveyId: { type: Schema.Types.ObjectId, required: true },
    surveyName: { type: String, default: '' },
    type: { type: String, enum: SURVEY_TYPES, required: true },
    score: { type: Number, default: null },
    answeredAt: { type: Date, required: true },
    invitationId: { type: String, required: true },
  },
  { collection: 'feedback_latest', versionKey: false, strict: 'throw' },
);

export type SurveyDoc = InferSchemaType<typeof surveySchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: string; createdAt: Date; updatedAt: Date };
export type FeedbackLatestDoc = InferSchemaType<typeof feedbackLatestSchema> & { _id: string };
