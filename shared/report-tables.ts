/**
 * The reports' tables: the rows the reports page shows as each chart's table alternative, and
 * exactly those rows in a CSV or Excel download. One builder for both sides, so the file is the
 * table: the page renders `reportTable(...)`, the server writes the same call's result.
 *
 * Cells are text or numbers (counts, whole percentages, euros); an empty cell (`null`) is a month
 * with nothing to count. The words are the page's: code labels as the web app's `code.*` messages
 * say them (test/shared/reportTables.test.ts holds them equal), headers in fi, sv and en.
 */
import type { ActionsReport, CampaignsReport, ComplianceReport, FeedbackScoresReport, PipelineReport, ReportData, ReportId, ReportLanguage, ReportTableId } from './contract-reports';
import { ACTION_KINDS, CUSTOMER_GROUPS, SEGMENTS, type ActionKind, type CustomerGroup, type Segment } from './domain/codes';
import type { SurveyType } from './domain/feedback';
import { percent, periodShare, type ComplianceSeries } from './domain/reports';

export type Cell = string | number | null;

export interface ReportTable {
  /** The table's caption (the chart's title). */
  caption: string;
  columns: string[];
  rows: Cell[][];
  /** Columns whose numbers are euros (formatted as money on the page, two decimals in a file). */
  euroColumns?: number[];
}

export interface ReportWords {
  months: readonly string[];
  kinds: Readonly<Record<ActionKind, string>>;
  segments: Readonly<Record<Segment, string>>;
  groups: Readonly<Record<CustomerGroup, string>>;
  won: string;
  lost: string;
  unassigned: string;
  manager: string;
  segment: string;
  group: string;
  kind: string;
  month: string;
  stage: string;
  total: string;
  period: string;
  count: string;
  value: string;
  weighted: string;
  campaign: { name: string; mailings: string; sent: string; failed: string; skipped: string; optedOut: string };
  surveyTypes: Readonly<Record<SurveyType, string>>;
  surveyType: string;
  captions: { [R in ReportId]: Record<ReportTableId<R>, string> };
}

const FI: ReportWords = {
  months: ['tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'],
  kinds: {
    email_in: 'Saapunut sähköposti', email_out: 'Lähetetty sähköposti', call: 'Puhelu', meeting: 'Tapaaminen', event: 'Tapahtuma',
    review: 'Vuosisuunnittelupalaveri', offer: 'Tarjous', note: 'Muistiinpano', mailing: 'Kampanjaviesti', feedback: 'Palaute',
  },
  segments: { A: 'A – avainasiakas', B: 'B-asiakas', C: 'C-asiakas', P: 'P – potentiaalinen asiakas' },
  groups: { company: 'Yritys', public: 'Julkinen', employment_office: 'TE-toimisto', apprenticeship: 'Oppisopimus', partner: 'Kumppani' },
  won: 'Voitettu', lost: 'Menetetty', unassigned: 'Ei vastuuhenkilöä',
  manager: 'Asiakasvastaava', segment: 'Segmentti', group: 'Asiakasryhmä', kind: 'Toimenpidelaji', month: 'Kuukausi', stage: 'Vaihe',
  total: 'Yhteensä', period: 'Koko jakso', count: 'Määrä', value: 'Arvo (€)', weighted: 'Painotettu arvo (€)',
  campaign: { name: 'Kampanja', mailings: 'Viestejä', sent: 'Lähetetty', failed: 'Epäonnistui', skipped: 'Ohitettu', optedOut: 'Perui tilauksen' },
  surveyTypes: { nps: 'NPS (suositteluhalukkuus)', csat: 'Tyytyväisyys (1–5)', custom: 'Oma kysely' },
  surveyType: 'Kyselyn tyyppi',
  captions: {
    compliance: {
      byManager: 'Hoitosuunnitelman toteutuminen asiakasvastaavittain (% asiakkaista)',
      bySegment: 'Hoitosuunnitelman toteutuminen segmenteittäin (% asiakkaista)',
      byGroup: 'Hoitosuunnitelman toteutuminen asiakasryhmittäin (% asiakkaista)',
    },
    actions: { byKind: 'Toimenpiteet lajeittain kuukausittain', byManager: 'Toimenpiteet kirjaajittain kuukausittain', managerByKind: 'Toimenpiteet kirjaajittain ja lajeittain koko jaksolla' },
    pipeline: { byStage: 'Avoin myyntiputki vaiheittain', closedByMonth: 'Voitetut ja menetetyt kaupat kuukausittain' },
    campaigns: { byCampaign: 'Kampanjoiden tulokset' },
    feedback: { bySegment: 'NPS segmenteittäin kuukausittain', byGroup: 'NPS asiakasryhmittäin kuukausittain', responses: 'Palautevastaukset kyselyn tyypin mukaan kuukausittain' },
  },
};

const SV: ReportWords = {
  months: ['jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'],
  kinds: {
    email_in: 'Inkommande e-post', email_out: 'Skickad e-post', call: 'Samtal', meeting: 'Möte', event: 'Evenemang',
    review: 'Årligt planeringsmöte', offer: 'Offert', note: 'Anteckning', mailing: 'Kampanjutskick', feedback: 'Respons',
  },
  segments: { A: 'A – nyckelkund', B: 'B-kund', C: 'C-kund', P: 'P – potentiell kund' },
  groups: { company: 'Företag', public: 'Offentlig sektor', employment_office: 'Arbets- och näringsbyrå', apprenticeship: 'Läroavtal', partner: 'Partner' },
  won: 'Vunnen', lost: 'Förlorad', unassigned: 'Ingen ansvarig',
  manager: 'Kundansvarig', segment: 'Segment', group: 'Kundgrupp', kind: 'Åtgärdstyp', month: 'Månad', stage: 'Steg',
  total: 'Totalt', period: 'Hela perioden', count: 'Antal', value: 'Värde (€)', weighted: 'Viktat värde (€)',
  campaign: { name: 'Kampanj', mailings: 'Utskick', sent: 'Skickade', failed: 'Misslyckade', skipped: 'Överhoppade', optedOut: 'Avslutade prenumerationen' },
  surveyTypes: { nps: 'NPS (rekommendationsvilja)', csat: 'Nöjdhet (1–5)', custom: 'Egen enkät' },
  surveyType: 'Enkätens typ',
  captions: {
    compliance: {
      byManager: 'Vårdplanen följd per kundansvarig (% av kunderna)',
      bySegment: 'Vårdplanen följd per segment (% av kunderna)',
      byGroup: 'Vårdplanen följd per kundgrupp (% av kunderna)',
    },
    actions: { byKind: 'Åtgärder per typ och månad', byManager: 'Åtgärder per registrerare och månad', managerByKind: 'Åtgärder per registrerare och typ under perioden' },
    pipeline: { byStage: 'Öppen försäljningstratt per steg', closedByMonth: 'Vunna och förlorade affärer per månad' },
    campaigns: { byCampaign: 'Kampanjernas resultat' },
    feedback: { bySegment: 'NPS per segment och månad', byGroup: 'NPS per kundgrupp och månad', responses: 'Svar per enkättyp och månad' },
  },
};

const EN: ReportWords = {
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  kinds: {
    email_in: 'Email received', email_out: 'Email sent', call: 'Call', meeting: 'Meeting', event: 'Event',
    review: 'Annual planning review', offer: 'Offer', note: 'Note', mailing: 'Campaign mailing', feedback: 'Feedback',
  },
  segments: { A: 'A – key customer', B: 'B customer', C: 'C customer', P: 'P – potential customer' },
  groups: { company: 'Company', public: 'Public sector', employment_office: 'Employment office', apprenticeship: 'Apprenticeship', partner: 'Partner' },
  won: 'Won', lost: 'Lost', unassigned: 'No responsible',
  manager: 'Account manager', segment: 'Segment', group: 'Customer group', kind: 'Action kind', month: 'Month', stage: 'Stage',
  total: 'Total', period: 'Whole period', count: 'Count', value: 'Value (€)', weighted: 'Weighted value (€)',
  campaign: { name: 'Campaign', mailings: 'Mailings', sent: 'Sent', failed: 'Failed', skipped: 'Skipped', optedOut: 'Unsubscribed' },
  surveyTypes: { nps: 'NPS (likelihood to recommend)', csat: 'Satisfaction (1–5)', custom: 'Custom survey' },
  surveyType: 'Survey type',
  captions: {
    compliance: {
      byManager: 'Care plan kept per account manager (% of customers)',
      bySegment: 'Care plan kept per segment (% of customers)',
      byGroup: 'Care plan kept per customer group (% of customers)',
    },
    actions: { byKind: 'Actions per kind and month', byManager: 'Actions per person who logged them and month', managerByKind: 'Actions per person and kind over the period' },
    pipeline: { byStage: 'Open pipeline by stage', closedByMonth: 'Deals won and lost per month' },
    campaigns: { byCampaign: 'Campaign results' },
    feedback: { bySegment: 'NPS per segment and month', byGroup: 'NPS per customer group and month', responses: 'Feedback answers per survey type and month' },
  },
};

export const REPORT_WORDS: Readonly<Record<ReportLanguage, ReportWords>> = { fi: FI, sv: SV, en: EN };

/** `2026-03` → "maalis 2026" / "mars 2026" / "Mar 2026". */
export const monthLabel = (month: string, w: ReportWords): string => `${w.months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

const shareRow = (label: string, s: ComplianceSeries): Cell[] => [label, ...s.kept.map((k, i) => percent(k, s.total[i]!)), periodShare(s)];

function complianceTable(r: ComplianceReport, table: ReportTableId<'compliance'>, w: ReportWords): ReportTable {
  const first = table === 'byManager' ? w.manager : table === 'bySegment' ? w.segment : w.group;
  const rows =
    table === 'byManager' ? r.byManager.map((x) => shareRow(x.manager?.name ?? w.unassigned, x))
      : table === 'bySegment' ? r.bySegment.map((x) => shareRow(w.segments[x.segment], x))
        : r.byGroup.map((x) => shareRow(w.groups[x.customerGroup], x));
  return {
    caption: w.captions.compliance[table],
    columns: [first, ...r.months.map((m) => monthLabel(m, w)), w.period],
    rows: [...rows, shareRow(w.total, r.total)],
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function actionsTable(r: ActionsReport, table: ReportTableId<'actions'>, w: ReportWords): ReportTable {
  const months = r.months.map((m) => monthLabel(m, w));
  const totals = r.months.map((_, i) => sum(r.byKind.map((k) => k.counts[i] ?? 0)));
  const totalRow: Cell[] = [w.total, ...totals, sum(totals)];
  if (table === 'byKind') {
    return {
      caption: w.captions.actions.byKind,
      columns: [w.kind, ...months, w.total],
      rows: [...r.byKind.map((k) => [w.kinds[k.kind], ...k.counts, sum(k.counts)]), totalRow],
    };
  }
  if (table === 'byManager') {
    return {
      caption: w.captions.actions.byManager,
      columns: [w.manager, ...months, w.total],
      rows: [...r.byManager.map((m) => [m.manager.name, ...m.counts, sum(m.counts)]), totalRow],
    };
  }
  const kindTotal = (k: ActionKind) => sum(r.byManager.map((m) => m.kinds[k] ?? 0));
  return {
    caption: w.captions.actions.managerByKind,
    columns: [w.manager, ...ACTION_KINDS.map((k) => w.kinds[k]), w.total],
    rows: [
      ...r.byManager.map((m) => [m.manager.name, ...ACTION_KINDS.map((k) => m.kinds[k] ?? 0), sum(m.counts)]),
      [w.total, ...ACTION_KINDS.map(kindTotal), sum(totals)],
    ],
  };
}

/** Euros of cents for a cell: a number with at most two decimals. */
const euros = (cents: number) => cents / 100;

function pipelineTable(r: PipelineReport, table: ReportTableId<'pipeline'>, w: ReportWords, lang: ReportLanguage): ReportTable {
  if (table === 'byStage') {
    const name = (stage: string) => r.stageNames[stage]?.[lang] ?? stage;
    return {
      caption: w.captions.pipeline.byStage,
      columns: [w.stage, w.count, w.value, w.weighted],
      rows: [
        ...r.byStage.map((s) => [name(s.stage), s.count, euros(s.valueCents), euros(s.weightedValueCents)]),
        [w.total, sum(r.byStage.map((s) => s.count)), euros(sum(r.byStage.map((s) => s.valueCents))), euros(sum(r.byStage.map((s) => s.weightedValueCents)))],
      ],
      euroColumns: [2, 3],
    };
  }
  return {
    caption: w.captions.pipeline.closedByMonth,
    columns: [w.month, w.won, w.lost],
    rows: [...r.closedByMonth.map((m) => [monthLabel(m.month, w), m.won, m.lost]), [w.total, sum(r.closedByMonth.map((m) => m.won)), sum(r.closedByMonth.map((m) => m.lost))]],
  };
}

function campaignsTable(r: CampaignsReport, w: ReportWords): ReportTable {
  const c = w.campaign;
  const keys = ['mailings', 'sent', 'failed', 'skipped', 'optedOut'] as const;
  return {
    caption: w.captions.campaigns.byCampaign,
    columns: [c.name, ...keys.map((k) => c[k])],
    rows: [...r.campaigns.map((x) => [x.name, ...keys.map((k) => x[k])]), [w.total, ...keys.map((k) => sum(r.campaigns.map((x) => x[k])))]],
  };
}

/** NPS of counts summed over months: −100…100, null without answers (shared/domain/feedback's rounding). */
function npsOfCounts(rows: readonly { responses: number; promoters: number; detractors: number }[]): number | null {
  const responses = sum(rows.map((r) => r.responses));
  return responses === 0 ? null : Math.round(((sum(rows.map((r) => r.promoters)) - sum(rows.map((r) => r.detractors))) / responses) * 100) + 0;
}

/**
 * NPS per segment (or group) and month, the whole period's last, and the total's row (every answer
 * of the month); a month without answers is an empty cell. Only segments and groups that answered.
 */
function feedbackTable(r: FeedbackScoresReport, table: ReportTableId<'feedback'>, w: ReportWords): ReportTable {
  const months = r.months.map((m) => monthLabel(m, w));
  if (table === 'responses') {
    const totals = r.months.map((_, i) => sum(r.responses.map((x) => x.counts[i] ?? 0)));
    return {
      caption: w.captions.feedback.responses,
      columns: [w.surveyType, ...months, w.total],
      rows: [...r.responses.map((x) => [w.surveyTypes[x.type], ...x.counts, sum(x.counts)]), [w.total, ...totals, sum(totals)]],
    };
  }
  const by = table === 'bySegment' ? 'segment' : 'customerGroup';
  const rows = r.rows.filter((x) => x.by === by);
  const keys: readonly string[] = by === 'segment' ? SEGMENTS : CUSTOMER_GROUPS;
  const label = (k: string) => (by === 'segment' ? w.segments[k as Segment] : w.groups[k as CustomerGroup]) ?? k;
  const line = (name: string, of: typeof rows): Cell[] => [name, ...r.months.map((m) => npsOfCounts(of.filter((x) => x.month === m))), npsOfCounts(of)];
  return {
    caption: w.captions.feedback[table],
    columns: [by === 'segment' ? w.segment : w.group, ...months, w.period],
    rows: [...keys.filter((k) => rows.some((x) => x.key === k)).map((k) => line(label(k), rows.filter((x) => x.key === k))), line(w.total, rows)],
  };
}

/** Is `table` one of the report's tables? */
export const isReportTable = <R extends ReportId>(tables: readonly string[], table: string): table is ReportTableId<R> => tables.includes(table);

/** The table `table` of report `report`, in `lang`. */
export function reportTable<R extends ReportId>(report: R, data: ReportData[R], table: ReportTableId<R>, lang: ReportLanguage): ReportTable {
  const w = REPORT_WORDS[lang];
  switch (report) {
    case 'compliance':
      return complianceTable(data as ComplianceReport, table as ReportTableId<'compliance'>, w);
    case 'actions':
      return actionsTable(data as ActionsReport, table as ReportTableId<'actions'>, w);
    case 'campaigns':
      return campaignsTable(data as CampaignsReport, w);
    case 'feedback':
      return feedbackTable(data as FeedbackScoresReport, table as ReportTableId<'feedback'>, w);
    default:
      return pipelineTable(data as PipelineReport, table as ReportTableId<'pipeline'>, w, lang);
  }
}
