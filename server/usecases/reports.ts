/**
 * The reports page (`/api/v1/reports/...`, management and admins): a registry of reports, each
 * computing its figures over a period of whole months, and the download of any of its tables as
 * CSV or Excel, built by the same function that builds the page's table (shared/report-tables.ts).
 *
 * Where the figures come from, so that a report costs the same at 10,000 customers and 100,000
 * actions as on the demo:
 * - compliance: the care-plan rules, one projected pass over the customers, and the reports' copy
 *   of the actions by month (repositories/activityMonths: the period's months and the care plan's
 *   look-back, read by `_id`), computed by shared/domain/reports.ts (its header gives the definition);
 * - actions: the same copy of the period's months;
 * - pipeline: the sales report's figures (./salesReport), the open stages now and won and lost
 *   per month of the period;
 * - campaigns: the campaigns and their mailings, by `_id`;
 * - feedback: the invitations answered in the period (a query on `answeredAt`, index-backed on
 *   MongoDB), each carrying its score and the customer's segment and group when it answered.
 * A report to be added is an entry in REPORT_COMPUTATIONS and in the contract's REPORTS.
 */
import ExcelJS from 'exceljs';
import {
  REPORTS, type ActionsReport, type CampaignsReport, type ComplianceReport, type FeedbackScoresReport, type PipelineReport, type ReportData, type ReportDownloadQuery, type ReportId,
  type ReportLanguage, type ReportPeriodQuery,
} from '../../shared/contract-reports';
import { isClosedStage } from '../../shared/contract-sales';
import { ACTION_KINDS, CUSTOMER_GROUPS, SEGMENTS, type ActionKind } from '../../shared/domain/codes';
import { npsByMonth, npsOf, SURVEY_TYPES } from '../../shared/domain/feedback';
import {
  addMonths, complianceBy, countPerMonth, evaluationMoments, keptAtMoments, lookbackDays, monthIn, monthsBetween, monthStart,
  type ComplianceCustomer,
} from '../../shared/domain/reports';
import { isReportTable, REPORT_WORDS, reportTable, type Cell, type ReportTable } from '../../shared/report-tables';
import { csvLine, UTF8_BOM } from '../csv/write';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';
import { salesReport } from './salesReport';
import { personRef } from './views';

export interface ReportPeriod {
  months: string[];
}

const DEFAULT_MONTHS = 12;

/** The period asked for, in whole months of the configured zone; none may be after the current month. */
export function periodOf(ctx: UseCaseContext, q: ReportPeriodQuery): ReportPeriod {
  const current = monthIn(ctx.now, ctx.settings.timeZone);
  if (q.from && q.to) {
    if (q.to > current) throw AppError.invalid('to', `must not be after the current month (${current})`);
    return { months: monthsBetween(q.from, q.to) };
  }
  const n = q.months ?? DEFAULT_MONTHS;
  return { months: monthsBetween(addMonths(current, 1 - n), current) };
}

const header = (ctx: UseCaseContext, p: ReportPeriod) => ({ months: p.months, timeZone: ctx.settings.timeZone, generatedAt: ctx.now.toISOString() });

/** The UTC months whose documents hold every action from `since` to the end of the period's last month (zone months straddle UTC ones). */
const utcMonthsOf = (since: Date, lastMonth: string) => monthsBetween(since.toISOString().slice(0, 7), addMonths(lastMonth, 1));

async function compliance(ctx: UseCaseContext, p: ReportPeriod): Promise<ComplianceReport> {
  const tz = ctx.settings.timeZone;
  const [rules, reference] = await Promise.all([ctx.repos.carePlanRules.all(), ctx.repos.reference.get()]);
  const moments = evaluationMoments(p.months, ctx.now, tz);
  const since = new Date(monthStart(p.months[0]!, tz).getTime() - (lookbackDays(rules) + 1) * 86_400_000);
  const customers: ComplianceCustomer[] = [];
  const [actions] = await Promise.all([
    ctx.repos.activity.inMonths(utcMonthsOf(since, p.months.at(-1)!)),
    (async () => {
      for await (const c of ctx.repos.customers.reportSubjects()) customers.push(c);
    })(),
  ]);
  const kept = keptAtMoments(rules, customers, actions, moments, tz);
  const n = p.months.length;
  const byManager = complianceBy(customers, kept, n, (c) => c.responsibleId ?? '');
  const bySegment = complianceBy(customers, kept, n, (c) => c.segment);
  const byGroup = complianceBy(customers, kept, n, (c) => c.customerGroup);
  const none = { kept: new Array<number>(n).fill(0), total: new Array<number>(n).fill(0) };
  const managers = [...byManager].map(([id, s]) => {
    const u = id ? reference.users.get(id) : undefined;
    return { manager: u ? personRef(u) : null, ...s };
  });
  managers.sort((a, b) => (a.manager?.name ?? '\uffff').localeCompare(b.manager?.name ?? '\uffff', 'fi'));
  return {
    ...header(ctx, p),
    total: complianceBy(customers, kept, n, () => 'all').get('all') ?? none,
    byManager: managers,
    bySegment: SEGMENTS.filter((s) => bySegment.has(s)).map((segment) => ({ segment, ...bySegment.get(segment)! })),
    byGroup: CUSTOMER_GROUPS.filter((g) => byGroup.has(g)).map((customerGroup) => ({ customerGroup, ...byGroup.get(customerGroup)! })),
  };
}

async function actions(ctx: UseCaseContext, p: ReportPeriod): Promise<ActionsReport> {
  const tz = ctx.settings.timeZone;
  const [all, reference] = await Promise.all([ctx.repos.activity.inMonths(utcMonthsOf(monthStart(p.months[0]!, tz), p.months.at(-1)!)), ctx.repos.reference.get()]);
  const zeros = () => new Array<number>(p.months.length).fill(0);
  const byKind = countPerMonth(all, p.months, tz, (a) => a.kind);
  const byLogger = countPerMonth(all, p.months, tz, (a) => a.loggedBy);
  const byLoggerKind = countPerMonth(all, p.months, tz, (a) => `${a.loggedBy}:${a.kind}`);
  const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    ...header(ctx, p),
    byKind: ACTION_KINDS.map((kind) => ({ kind, counts: byKind.get(kind) ?? zeros() })),
    byManager: [...byLogger]
      .map(([id, counts]) => {
        const u = reference.users.get(id);
        const kinds: Partial<Record<ActionKind, number>> = {};
        for (const k of ACTION_KINDS) {
          const n = sum(byLoggerKind.get(`${id}:${k}`) ?? []);
          if (n > 0) kinds[k] = n;
        }
        return { manager: u ? personRef(u) : { id, name: id, email: '' }, counts, kinds };
      })
      .sort((a, b) => a.manager.name.localeCompare(b.manager.name, 'fi')),
  };
}

async function pipeline(ctx: UseCaseContext, p: ReportPeriod): Promise<PipelineReport> {
  // The sales report counts back from the current month: as many months as reach the period's first.
  const current = monthIn(ctx.now, ctx.settings.timeZone);
  const [sales, stages] = await Promise.all([salesReport(ctx, { months: monthsBetween(p.months[0]!, current).length }), ctx.repos.pipelineStages.get()]);
  const inPeriod = new Set(p.months);
  const stageNames: PipelineReport['stageNames'] = Object.fromEntries(stages.stages.map((s) => [s.key, { ...s.labels }]));
  for (const closed of ['won', 'lost'] as const) stageNames[closed] = { fi: REPORT_WORDS.fi[closed], sv: REPORT_WORDS.sv[closed], en: REPORT_WORDS.en[closed] };
  return {
    ...header(ctx, p),
    byStage: sales.byStage.filter((s) => !isClosedStage(s.stage)),
    closedByMonth: sales.closedByMonth.filter((m) => inPeriod.has(m.month)),
    stageNames,
  };
}

/** Campaigns whose period meets the report's, with their mailings' counts (the campaigns and their mailings by `_id`). */
async function campaigns(ctx: UseCaseContext, p: ReportPeriod): Promise<CampaignsReport> {
  const first = `${p.months[0]!}-01`;
  const last = `${p.months.at(-1)!}-31`;
  const met = (await ctx.repos.campaigns.all()).filter((c) => c.startsOn <= last && c.endsOn >= first && c.status !== 'cancelled');
  const rows = await Promise.all(met.map(async (c) => {
    const mailings = (await ctx.repos.mailings.getMany(c.mailingIds)).filter((m) => m.state === 'sent' || m.state === 'sending');
    const total = (k: 'sent' | 'failed' | 'skipped') => mailings.reduce((n, m) => n + m.counts[k], 0);
    return {
      id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn, mailings: mailings.length,
      sent: total('sent'), failed: total('failed'), skipped: total('skipped'), optedOut: mailings.reduce((n, m) => n + m.optedOut, 0),
    };
  }));
  return { ...header(ctx, p), campaigns: rows.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name, 'fi')) };
}

/** NPS per month and segment and per month and group, and the answers per survey type and month (the months in the college's zone). */
async function feedback(ctx: UseCaseContext, p: ReportPeriod): Promise<FeedbackScoresReport> {
  const tz = ctx.settings.timeZone;
  const answered = (await ctx.repos.invitations.answeredIn(monthStart(p.months[0]!, tz), monthStart(addMonths(p.months.at(-1)!, 1), tz))).filter((i) => i.answer);
  const monthOf = (at: Date) => monthIn(at, tz);
  const scored = answered
    .filter((i) => i.surveyType === 'nps' && typeof i.answer!.score === 'number')
    .map((i) => ({ score: i.answer!.score!, month: monthOf(i.answer!.at), segment: i.answer!.segment, customerGroup: i.answer!.customerGroup }));
  const overall = npsOf(scored.map((x) => x.score));
  const index = new Map(p.months.map((m, n) => [m, n]));
  const responses = SURVEY_TYPES.map((type) => ({ type, counts: new Array<number>(p.months.length).fill(0) }));
  for (const i of answered) {
    const n = index.get(monthOf(i.answer!.at));
    if (n !== undefined) responses.find((r) => r.type === i.surveyType)!.counts[n]!++;
  }
  return { ...header(ctx, p), overall: { responses: overall.responses, nps: overall.nps }, rows: npsByMonth(scored), responses };
}

/** Every report: how its figures are computed over a period. */
const REPORT_COMPUTATIONS: { [R in ReportId]: (ctx: UseCaseContext, p: ReportPeriod) => Promise<ReportData[R]> } = { compliance, actions, pipeline, campaigns, feedback };

export async function report<R extends ReportId>(ctx: UseCaseContext, id: R, q: ReportPeriodQuery): Promise<ReportData[R]> {
  return REPORT_COMPUTATIONS[id](ctx, periodOf(ctx, q));
}

// ---------- downloads ----------

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A cell as text in a CSV file: numbers with the language's decimal mark (Excel in Finland reads `12,5`), euros with two decimals. */
function csvCell(c: Cell, euro: boolean, lang: ReportLanguage): string {
  if (c === null) return '';
  if (typeof c === 'string') return c;
  const text = euro ? c.toFixed(2) : String(c);
  return lang === 'en' ? text : text.replace('.', ',');
}

function tableCsv(t: ReportTable, lang: ReportLanguage): string {
  const euro = new Set(t.euroColumns ?? []);
  return UTF8_BOM + csvLine(t.columns) + t.rows.map((r) => csvLine(r.map((c, i) => csvCell(c, euro.has(i), lang)))).join('');
}

async function tableXlsx(t: ReportTable, now: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = now;
  // Excel allows 31 characters and none of []:*?/\ in a sheet's name
  const sheet = book.addWorksheet(t.caption.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31));
  sheet.addRow(t.columns).font = { bold: true };
  for (const r of t.rows) sheet.addRow(r.map((c) => c ?? ''));
  const euro = new Set(t.euroColumns ?? []);
  sheet.columns.forEach((c, i) => {
    const longest = Math.max(t.columns[i]!.length, ...t.rows.map((r) => String(r[i] ?? '').length));
    c.width = Math.min(60, Math.max(8, longest + 2));
    if (euro.has(i)) c.numFmt = '#,##0.00';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface ReportFile {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

/** One table of a report as a file: exactly the rows of the page's table, headers in the user's language. */
export async function downloadReport(ctx: UseCaseContext, id: ReportId, q: ReportDownloadQuery): Promise<ReportFile> {
  if (!isReportTable(REPORTS[id], q.table)) throw AppError.invalid('table', `must be one of ${REPORTS[id].join(', ')}`);
  const period = periodOf(ctx, { from: q.from, to: q.to, months: q.months });
  const table = reportTable(id, await REPORT_COMPUTATIONS[id](ctx, period), q.table, q.lang);
  const fileName = `${id}-${q.table}-${period.months[0]}-${period.months.at(-1)}.${q.format}`;
  return q.format === 'csv'
    ? { fileName, contentType: 'text/csv; charset=utf-8', body: tableCsv(table, q.lang) }
    : { fileName, contentType: XLSX, body: await tableXlsx(table, ctx.now) };
}
