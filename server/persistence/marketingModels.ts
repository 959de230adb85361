/**
 * Collections of campaigns and mailings. Laid out to be read by `_id` (the embedded engine reads
 * nothing else from an index) and written by `_id` with atomic operators:
 * - `campaigns`: one document each, changed by compare-and-set on `version`; its mailings' ids
 *   listed on it (`$addToSet`), so its page reads them by `_id`.
 * - `mailings`: one document each; texts changed while a draft on `version`; the per-state counts
 *   moved with `$inc` by the sender; a sender's `lease` (owner, until) taken by compare-and-set, so
 *   of several instances one sends a mailing at a time.
 * - `mailing_batches` (`<mailingId>:<n>`): the recipients' contact ids, 1,000 per document, in the
 *   order they are sent; written once when the mailing starts.
 * - `mailing_recipients` (`<mailingId>:<contactId>`): one recipient's state, moved only by
 *   compare-and-set on `state` (queued → sending → sent | failed), so a mail is handed to the relay
 *   at most once however many senders run.
 */
import { Schema, type InferSchemaType } from 'mongoose';
import { CAMPAIGN_STATUSES, MAILING_STATES, RECIPIENT_STATES } from '../../shared/contract-campaigns';
import { LANGUAGES } from '../../shared/domain/codes';

const personRef = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, name: String, email: String }, { _id: false });
const perLanguage = new Schema({ fi: { type: String, required: true }, sv: String, en: String }, { _id: false });

export const campaignSchema = new Schema(
  {
    name: { type: String, required: true },
    purpose: { type: String, default: '' },
    startsOn: { type: String, required: true },
    endsOn: { type: String, required: true },
    owner: { type: personRef, required: true },
    status: { type: String, enum: CAMPAIGN_STATUSES, required: true },
    targetSelectionIds: { type: [String], default: [] },
    exclusionSelectionIds: { type: [String], default: [] },
    mailingIds: { type: [String], default: [] },
    version: { type: Number, default: 0 },
  },
  { collection: 'campaigns', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);

const counts = { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };

export const mailingSchema = new Schema(
  {
    campaignId: { type: String, required: true },
    subject: { type: perLanguage, required: true },
    body: { type: perLanguage, required: true },
    surveyId: { type: String, default: null },
    state: { type: String, enum: MAILING_STATES, required: true },
    scheduledAt: { type: Date, default: null },
    startedAt: { type: Date, default: null },
    finishedAt: { type: Date, default: null },
    counts: {
      type: new Schema(Object.fromEntries(Object.keys(counts).map((k) => [k, { type: Number, default: 0 }])), { _id: false }),
      default: () => ({ ...counts }),
    },
    excludedCustomers: { type: Number, default: 0 },
    optedOut: { type: Number, default: 0 },
    /** How many `mailing_batches` documents its recipients fill (0 until they are made). */
    batches: { type: Number, default: 0 },
    /** Recipients made (the batches written): a sender that finds it false makes them first. */
    prepared: { type: Boolean, default: false },
    lease: { type: new Schema({ owner: String, until: Date }, { _id: false }), default: null },
    createdBy: { type: personRef, required: true },
    version: { type: Number, default: 0 },
  },
  { collection: 'mailings', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);
// The sender's look for work: mailings being sent or due (few documents; a scan on the embedded engine).
mailingSchema.index({ state: 1, scheduledAt: 1 });

export const mailingBatchSchema = new Schema(
  { _id: { type: String, required: true }, contactIds: { type: [String], default: [] } },
  { collection: 'mailing_batches', versionKey: false, strict: 'throw' },
);

export const mailingRecipientSchema = new Schema(
  {
    _id: { type: String, required: true },
    mailingId: { type: String, required: true },
    contactId: { type: String, required: true },
    contactName: { type: String, required: true },
    organizationId: { type: String, required: true },
    organizationName: { type: String, required: true },
    email: { type: String, default: null },
    language: { type: String, enum: LANGUAGES, required: true },
    state: { type: String, enum: RECIPIENT_STATES, required: true },
    reason: { type: String, default: null },
    error: { type: String, default: null },
    claimedAt: { type: Date, default: null },
    sentAt: { type: Date, default: null },
    messageId: { type: String, default: null },
    /** When the recipient unsubscribed through this mailing's link. */
    optedOutAt: { type: Date, default: null },
  },
  { collection: 'mailing_recipients', versionKey: false, strict: 'throw' },
);

export type CampaignDoc = InferSchemaType<typeof campaignSchema> & { _id: import('mongoose').Types.ObjectId; createdAt: Date; updatedAt: Date };
export type MailingDoc = InferSchemaType<typeof mailingSchema> & { _id: import('mongoose').Types.ObjectId; createdAt: Date; updatedAt: Date };
export type MailingBatchDoc = InferSchemaType<typeof mailingBatchSchema>;
export type MailingRecipientDoc = InferSchemaType<typeof mailingRecipientSchema>;
