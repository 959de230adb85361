/**
 * The reports page's sections, in order: one entry per report of the contract's REPORTS, naming
 * its title, its explanation, and how each of its tables is drawn. A report to come is one entry
 * here, one in the contract and one on the server.
 */
import { REPORTS, type ReportId, type ReportTableId } from '../../../../shared/contract-reports';
import type { MessageId } from '../../core/i18n/catalogs';

/**
 * How a table is drawn (the chart shows exactly the table's figures):
 * - `lines`: a line per row over the month columns: a share, 0–100 % (`scale: 'percent'`, the default)
 *   or a Net Promoter Score, −100…100 (`scale: 'nps'`);
 * - `stackedMonths`: a bar per month column, the rows but the total stacked;
 * - `stackedRows`: a bar per row but the total, the columns between the first and the last stacked;
 * - `groupedRows`: a bar per row but the total, the given columns side by side.
 */
export type ChartKind = { kind: 'lines'; scale?: 'percent' | 'nps' } | { kind: 'stackedMonths' } | { kind: 'stackedRows' } | { kind: 'groupedRows'; columns: number[] };

export interface ReportSection {
  id: ReportId;
  title: MessageId;
  help: MessageId;
  /** How each of the report's tables is drawn. */
  charts: Readonly<Record<string, ChartKind>>;
}

/** A section, its charts checked against the report's tables. */
const section = <R extends ReportId>(s: { id: R; title: MessageId; help: MessageId; charts: Record<ReportTableId<R>, ChartKind> }): ReportSection => s;

export const REPORT_SECTIONS: readonly ReportSection[] = [
  section({
    id: 'compliance', title: 'app.reports.compliance', help: 'app.reports.complianceHelp',
    charts: { byManager: { kind: 'lines' }, bySegment: { kind: 'lines' }, byGroup: { kind: 'lines' } },
  }),
  section({
    id: 'actions', title: 'app.reports.actions', help: 'app.reports.actionsHelp',
    charts: { byKind: { kind: 'stackedMonths' }, byManager: { kind: 'stackedMonths' }, managerByKind: { kind: 'stackedRows' } },
  }),
  section({
    id: 'pipeline', title: 'app.reports.pipeline', help: 'app.reports.pipelineHelp',
    charts: { byStage: { kind: 'groupedRows', columns: [2, 3] }, closedByMonth: { kind: 'groupedRows', columns: [1, 2] } },
  }),
  section({
    id: 'campaigns', title: 'app.reports.campaigns', help: 'app.reports.campaignsHelp',
    charts: { byCampaign: { kind: 'groupedRows', columns: [2, 3, 4, 5] } },
  }),
  section({
    id: 'feedback', title: 'app.reports.feedback', help: 'app.reports.feedbackHelp',
    charts: { bySegment: { kind: 'lines', scale: 'nps' }, byGroup: { kind: 'lines', scale: 'nps' }, responses: { kind: 'stackedMonths' } },
  }),
];

/** The tables of a report, in the contract's order. */
export const tablesOf = (id: ReportId): readonly string[] => REPORTS[id];

/** The tab label of a table. */
export const tableLabel = (id: ReportId, table: string): MessageId => `app.reports.table.${id}.${table}` as MessageId;
