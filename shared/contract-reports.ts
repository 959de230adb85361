/**
 * The API contract of the reports page (`/api/v1/reports/...`, management and admins): each
 * report over a period of whole months, its figures as JSON, and each of its tables as a CSV or
 * Excel download of exactly the rows the page's table shows (shared/report-tables.ts builds both).
 *
 * The reports are a registry (`REPORTS`): a report is an id, its tables and its figures' schema.
 */
import * as z from 'zod';
import { ActionKindSchema, CustomerGroupSchema, PersonRefSchema, SegmentSchema } from './contract';
import { SalesReportSchema } from './contract-sales';
import { SURVEY_TYPES } from './domain/feedback';
import { addMonths, MAX_REPORT_MONTHS } from './domain/reports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MonthSchema = z.string().regex(MONTH, { error: 'must be a month as YYYY-MM' });

export const REPORT_LANGUAGES = ['fi', 'sv', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

const periodFields = {
  from: MonthSchema.optional(),
  to: MonthSchema.optional(),
  months: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: `must be 1–${MAX_REPORT_MONTHS}` })
    .max(MAX_REPORT_MONTHS, { error: `must be 1–${MAX_REPORT_MONTHS}` })
    .optional(),
};

function checkPeriod(q: { from?: string | undefined; to?: string | undefined; months?: number | undefined }, ctx: z.RefinementCtx): void {
  if (q.months !== undefined && (q.from || q.to)) ctx.addIssue({ code: 'custom', message: 'give either months or from and to', path: ['months'] });
  if (!q.from !== !q.to) ctx.addIssue({ code: 'custom', message: 'from and to go together', path: [q.from ? 'to' : 'from'] });
  // a month that is not one has its own issue already
  if (q.from && q.to && MONTH.test(q.from) && MONTH.test(q.to)) {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', message: 'must not be after to', path: ['from'] });
    else if (addMonths(q.from, MAX_REPORT_MONTHS - 1) < q.to) ctx.addIssue({ code: 'custom', message: `the period may span at most ${MAX_REPORT_MONTHS} months`, path: ['to'] });
  }
}

/**
 * A period of whole months: `from` and `to` (`YYYY-MM`, both included), or the last `months`
 * months up to the current one; neither: the last 12. At most MAX_REPORT_MONTHS months, none after
 * the current one (checked against the clock by the server).
 */
export const ReportPeriodQuerySchema = z.strictObject(periodFields).superRefine(checkPeriod);
export type ReportPeriodQuery = z.infer<typeof ReportPeriodQuerySchema>;

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The reports and their tables: what the page shows and what can be downloaded. */
export const REPORTS = {
  compliance: ['byManager', 'bySegment', 'byGroup'],
  actions: ['byKind', 'byManager', 'managerByKind'],
  pipeline: ['byStage', 'closedByMonth'],
  campaigns: ['byCampaign'],
  feedback: ['bySegment', 'byGroup', 'responses'],
} as const;
export type ReportId = keyof typeof REPORTS;
export const REPORT_IDS = Object.keys(REPORTS) as ReportId[];
export type ReportTableId<R extends ReportId = ReportId> = (typeof REPORTS)[R][number];

export const ReportParamsSchema = z.strictObject({ report: z.enum(REPORT_IDS as [ReportId, ...ReportId[]], { error: `must be one of ${REPORT_IDS.join(', ')}` }) });

/** `GET /reports/:report/download`: one table of the report (a name of `REPORTS[report]`, checked by the server), in the user's language. */
export const ReportDownloadQuerySchema = z
  .strictObject({
    ...periodFields,
    table: z.string({ error: 'is required' }).max(40),
    format: z.enum(REPORT_FORMATS, { error: 'must be csv or xlsx' }),
    lang: z.enum(REPORT_LANGUAGES, { error: 'must be fi, sv or en' }).default('fi'),
  })
  .superRefine(checkPeriod);
export type ReportDownloadQuery = z.infer<typeof ReportDownloadQuerySchema>;

/** The period a report covers, as the server resolved it. */
export const ReportPeriodSchema = z.object({
  /** `YYYY-MM`, oldest first. */
  months: z.array(MonthSchema),
  timeZone: z.string(),
  generatedAt: z.string(),
});

const SeriesSchema = z.object({
  /** Per month: customers counted (existing, with a plan) and those kept (not overdue at the month's end). */
  kept: z.array(z.number().int()),
  total: z.array(z.number().int()),
});

export const ComplianceReportSchema = ReportPeriodSchema.extend({
  total: SeriesSchema,
  byManager: z.array(SeriesSchema.extend({ manager: PersonRefSchema.nullable() })),
  bySegment: z.array(SeriesSchema.extend({ segment: SegmentSchema })),
  byGroup: z.array(SeriesSchema.extend({ customerGroup: CustomerGroupSchema })),
});
export type ComplianceReport = z.infer<typeof ComplianceReportSchema>;

export const ActionsReportSchema = ReportPeriodSchema.extend({
  /** Actions per month by kind (every kind, zeros included). */
  byKind: z.array(z.object({ kind: ActionKindSchema, counts: z.array(z.number().int()) })),
  /** Actions per month by who logged them, and their kinds over the period. */
  byManager: z.array(z.object({ manager: PersonRefSchema, counts: z.array(z.number().int()), kinds: z.record(z.string(), z.number().int()) })),
});
export type ActionsReport = z.infer<typeof ActionsReportSchema>;

/** The pipeline: the sales report's open stages now, and won and lost per month of the period. */
export const PipelineReportSchema = ReportPeriodSchema.extend({
  byStage: SalesReportSchema.shape.byStage,
  closedByMonth: SalesReportSchema.shape.closedByMonth,
  /** The stages' names in each language, for the tables (`won`/`lost` are named by the page). */
  stageNames: z.record(z.string(), z.object({ fi: z.string(), sv: z.string(), en: z.string() })),
});
export type PipelineReport = z.infer<typeof PipelineReportSchema>;

/** Campaign results: each campaign whose period meets the report's, with what its mailings did. */
export const CampaignsReportSchema = ReportPeriodSchema.extend({
  campaigns: z.array(z.object({
    id: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(),
    /** Mailings sent (or being sent) of the campaign. */
    mailings: z.number().int(),
    sent: z.number().int(), failed: z.number().int(), skipped: z.number().int(),
    /** Recipients who unsubscribed through the campaign's mailings. */
    optedOut: z.number().int(),
  })),
});
export type CampaignsReport = z.infer<typeof CampaignsReportSchema>;

/** NPS of one month and one segment or customer group (shared/domain/feedback `npsByMonth`). */
export const NpsRowSchema = z.object({
  month: z.string(), by: z.enum(['segment', 'customerGroup']), key: z.string(),
  responses: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(), nps: z.number().nullable(),
});

/**
 * Feedback scores: the NPS answers of the period per month and segment and per month and customer
 * group (the segment and group the customer had when it answered), and the answers of every survey
 * type per month. The dashboard's feedback section reads the same figures.
 */
export const FeedbackScoresReportSchema = ReportPeriodSchema.extend({
  /** NPS over the whole period. */
  overall: z.object({ responses: z.number().int(), nps: z.number().nullable() }),
  rows: z.array(NpsRowSchema),
  /** Answers per month of each survey type (every type, zeros included). */
  responses: z.array(z.object({ type: z.enum(SURVEY_TYPES), counts: z.array(z.number().int()) })),
});
export type FeedbackScoresReport = z.infer<typeof FeedbackScoresReportSchema>;

export interface ReportData {
  compliance: ComplianceReport;
  actions: ActionsReport;
  pipeline: PipelineReport;
  campaigns: CampaignsReport;
  feedback: FeedbackScoresReport;
}

export const REPORT_SCHEMAS = {
  compliance: ComplianceReportSchema, actions: ActionsReportSchema, pipeline: PipelineReportSchema, campaigns: CampaignsReportSchema, feedback: FeedbackScoresReportSchema,
} as const;
