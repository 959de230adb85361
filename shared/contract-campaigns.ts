/**
 * The API contract of campaigns and their mailings (markkinointiviestintä).
 *
 * A **campaign** is a purpose over a period, aimed at the customers of its target selections minus
 * those of its exclusion selections. A **mailing** of the campaign is one mail to the contacts of
 * those customers, written in Finnish (and, when given, Swedish and English: each recipient gets
 * their own language, else Finnish), with merge fields, sent now or at a set time. Each recipient's
 * state is kept: queued → sending → sent, failed (the relay's answer) or skipped (the reason).
 */
import * as z from 'zod';
import { IdSchema, IsoDateTimeSchema, PersonRefSchema } from './contract';
import { DaySchema } from './contract-tasks';
import { LANGUAGES } from './domain/codes';
import { unknownMergeFields, MERGE_FIELDS } from './domain/mailMerge';

export const CAMPAIGN_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const MARKETING_CONSENTS = ['unknown', 'granted', 'opted_out'] as const;
export type MarketingConsent = (typeof MARKETING_CONSENTS)[number];

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });
const selectionIds = z.array(IdSchema).max(20, { error: 'must name at most 20 selections' });

export const CampaignSchema = z.object({
  id: IdSchema,
  name: z.string(),
  purpose: z.string(),
  startsOn: DaySchema,
  endsOn: DaySchema,
  owner: PersonRefSchema,
  status: z.enum(CAMPAIGN_STATUSES),
  targetSelectionIds: z.array(IdSchema),
  exclusionSelectionIds: z.array(IdSchema),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** `GET /campaigns`: each campaign with how many mailings it has and how many of them are sent (the list's column). */
export const CampaignListItemSchema = CampaignSchema.extend({ mailingCount: z.number().int(), sentMailingCount: z.number().int() });
export type CampaignListItem = z.infer<typeof CampaignListItemSchema>;
export const CampaignListSchema = z.object({ items: z.array(CampaignListItemSchema) });

const campaignFields = {
  name: text(200),
  purpose: z.string().trim().max(2000, { error: 'must be at most 2000 characters' }),
  startsOn: DaySchema,
  endsOn: DaySchema,
  status: z.enum(CAMPAIGN_STATUSES),
  targetSelectionIds: selectionIds,
  exclusionSelectionIds: selectionIds,
};

const periodInOrder = (c: { startsOn?: string; endsOn?: string }) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn;

export const CreateCampaignSchema = z
  .strictObject({
    ...campaignFields,
    purpose: campaignFields.purpose.default(''),
    status: campaignFields.status.default('planned'),
    targetSelectionIds: selectionIds.default([]),
    exclusionSelectionIds: selectionIds.default([]),
  })
  .refine(periodInOrder, { error: 'must not be before the start', path: ['endsOn'] });
export type CreateCampaign = z.input<typeof CreateCampaignSchema>;

export const UpdateCampaignSchema = z
  .strictObject({ version: z.number().int().min(0), ...campaignFields })
  .partial()
  .required({ version: true })
  .refine((v) => Object.keys(v).length > 1, { error: 'must change at least one field' })
  .refine(periodInOrder, { error: 'must not be before the start', path: ['endsOn'] });
export type UpdateCampaign = z.input<typeof UpdateCampaignSchema>;

export const MAILING_STATES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type MailingState = (typeof MAILING_STATES)[number];

export const RECIPIENT_STATES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/**
 * Why a recipient got no mail: no address, opted out of marketing, an address that bounced, the
 * same address as an earlier recipient of the mailing; `interrupted`: the server stopped while
 * the mail was being handed to the relay (it may have gone; it is not sent again).
 */
export const SKIP_REASONS = ['no_email', 'opted_out', 'bounced', 'duplicate_address'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Text per language: Finnish always, Swedish and English when written (else the Finnish goes). */
const perLanguage = (max: number) =>
  z.strictObject({ fi: text(max), sv: text(max).optional(), en: text(max).optional() });

const mergeFieldsKnown = (value: { fi: string; sv?: string; en?: string }, ctx: z.RefinementCtx) => {
  for (const lang of LANGUAGES) {
    const v = value[lang];
    if (v === undefined) continue;
    const unknown = unknownMergeFields(v);
    if (unknown.length) ctx.addIssue({ code: 'custom', path: [lang], message: `has unknown merge fields ${unknown.map((f) => `{{${f}}}`).join(', ')}; known are ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}` });
  }
};

export const MailingTextSchema = z.strictObject({
  /** A survey whose invitation each recipient gets as `{{surveyLink}}` (null: none). */
  surveyId: IdSchema.nullable().optional(),
  subject: perLanguage(200).superRefine((v, ctx) => {
    mergeFieldsKnown(v, ctx);
    for (const lang of LANGUAGES) if (v[lang] && /[\r\n]/.test(v[lang]!)) ctx.addIssue({ code: 'custom', path: [lang], message: 'must be one line' });
  }),
  body: perLanguage(20_000).superRefine(mergeFieldsKnown),
});

export const RecipientCountsSchema = z.object({
  total: z.number().int(), queued: z.number().int(), sending: z.number().int(), sent: z.number().int(), failed: z.number().int(), skipped: z.number().int(),
});
export type RecipientCounts = z.infer<typeof RecipientCountsSchema>;

export const MailingSchema = z.object({
  id: IdSchema,
  campaignId: IdSchema,
  subject: z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() }),
  body: z.object({ fi: z.string(), sv: z.string().optional(), en: z.string().optional() }),
  surveyId: IdSchema.nullable(),
  state: z.enum(MAILING_STATES),
  /** When a scheduled mailing starts (null: a draft, or sent at once). */
  scheduledAt: IsoDateTimeSchema.nullable(),
  startedAt: IsoDateTimeSchema.nullable(),
  finishedAt: IsoDateTimeSchema.nullable(),
  counts: RecipientCountsSchema,
  /** Customers left out because an exclusion selection has them (when the recipients were made). */
  excludedCustomers: z.number().int(),
  /** Recipients who unsubscribed through this mailing's link. */
  optedOut: z.number().int(),
  createdBy: PersonRefSchema,
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Mailing = z.infer<typeof MailingSchema>;

const surveyLinkUsed = (v: { surveyId?: string | null; body?: { fi: string; sv?: string; en?: string } }, ctx: z.RefinementCtx) => {
  if (!v.surveyId || !v.body) return;
  for (const lang of LANGUAGES) {
    const text = v.body[lang];
    if (text !== undefined && !/\{\{\s*surveyLink\s*\}\}/.test(text)) ctx.addIssue({ code: 'custom', path: ['body', lang], message: 'must have {{surveyLink}}: the mailing invites to a survey' });
  }
};

export const CreateMailingSchema = MailingTextSchema.superRefine(surveyLinkUsed);
export type CreateMailing = z.input<typeof CreateMailingSchema>;

/** `PATCH /mailings/:id`: a draft's texts, on the version read. */
export const UpdateMailingSchema = MailingTextSchema.partial()
  .extend({ version: z.number().int().min(0) })
  .refine((v) => v.subject !== undefined || v.body !== undefined || v.surveyId !== undefined, { error: 'must change the subject, the body or the survey' })
  .superRefine(surveyLinkUsed);
export type UpdateMailing = z.input<typeof UpdateMailingSchema>;

/** `POST /mailings/:id/send`: now (no `at`) or at a time to come; the recipient count confirmed first. */
export const SendMailingSchema = z.strictObject({
  version: z.number().int().min(0),
  at: IsoDateTimeSchema.optional(),
  /** The number of customers the sender was shown (the campaign's targets minus exclusions): a different count now is a 409. */
  expectedCustomers: z.number().int().min(0),
});
export type SendMailing = z.input<typeof SendMailingSchema>;

/** `POST /mailings/:id/cancel`: a scheduled mailing, or one being sent (those not yet sent stay unsent). */
export const CancelMailingSchema = z.strictObject({ version: z.number().int().min(0) });

export const MailingAudienceSchema = z.object({
  /** Customers of the target selections, without those of the exclusion selections. */
  customers: z.number().int(),
  excludedCustomers: z.number().int(),
});
export type MailingAudience = z.infer<typeof MailingAudienceSchema>;

export const RecipientSchema = z.object({
  contactId: IdSchema,
  contactName: z.string(),
  organizationId: IdSchema,
  organizationName: z.string(),
  email: z.string().nullable(),
  language: z.enum(LANGUAGES),
  state: z.enum(RECIPIENT_STATES),
  /** A skipped recipient's reason, or `interrupted`. */
  reason: z.string().nullable(),
  /** A failed recipient's error from the relay. */
  error: z.string().nullable(),
  sentAt: IsoDateTimeSchema.nullable(),
});
export type Recipient = z.infer<typeof RecipientSchema>;

export const RecipientQuerySchema = z.strictObject({
  state: z.enum(RECIPIENT_STATES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const RecipientPageSchema = z.object({ items: z.array(RecipientSchema), page: z.number(), pageSize: z.number(), total: z.number(), hasMore: z.boolean() });
export type RecipientPage = z.infer<typeof RecipientPageSchema>;

/** A campaign's page: the campaign, its mailings and what came of them. */
export const CampaignResultsSchema = z.object({
  campaign: CampaignSchema,
  mailings: z.array(MailingSchema),
  totals: RecipientCountsSchema.extend({ optedOut: z.number().int() }),
});
export type CampaignResults = z.infer<typeof CampaignResultsSchema>;

/** `PUT /contacts/:id/marketing`: the contact's consent to marketing mail, and whether the address bounces. */
export const ContactMarketingSchema = z
  .strictObject({ consent: z.enum(MARKETING_CONSENTS), bounced: z.boolean() })
  .partial()
  .refine((v) => v.consent !== undefined || v.bounced !== undefined, { error: 'must set consent or bounced' });
export type ContactMarketing = z.input<typeof ContactMarketingSchema>;

/** The development outbox: what the local SMTP sink received (development only). */
export const OutboxMessageSchema = z.object({
  id: z.string(), receivedAt: IsoDateTimeSchema, from: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string(),
  headers: z.record(z.string(), z.string()),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export const OutboxSchema = z.object({ enabled: z.boolean(), items: z.array(OutboxMessageSchema), total: z.number() });
export type Outbox = z.infer<typeof OutboxSchema>;
