/**
 * The reports page (`/app/reports`, management and admins): a period of whole months, then each
 * report of REPORT_SECTIONS with its tables as tabs. Each table is a chart with its table
 * alternative (a real <table> with caption and headers, always in the document for screen readers)
 * and its CSV and Excel downloads, which the server builds with the same `reportTable` as this page:
 * the file holds exactly the rows shown.
 */
import { Button, Field, MessageBar, MessageBarBody, Select, Tab, TabList, Text, Title2, ToggleButton, webLightTheme } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { z } from 'zod';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { REPORT_SCHEMAS, type ReportData, type ReportFormat, type ReportId } from '../../../../shared/contract-reports';
import { addMonths, MAX_REPORT_MONTHS, monthIn } from '../../../../shared/domain/reports';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/zonedTime';
import { monthLabel, REPORT_WORDS, reportTable, type Cell, type ReportTable } from '../../../../shared/report-tables';
import { saveBlob } from '../../api/request';
import { useApi } from '../../core/ApiContext';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { LoadState } from '../admin/LoadState';
import { problemSentence } from '../common/errors';
import { Page } from '../Page';
import { REPORT_SECTIONS, tableLabel, tablesOf, type ChartKind, type ReportSection } from './sections';
import { useReportStyles } from './reports.styles';

// Fluent's palette tokens, resolved: SVG attributes cannot read CSS variables.
const SERIES = [
  webLightTheme.colorPaletteBlueBorderActive, webLightTheme.colorPaletteDarkOrangeBorderActive, webLightTheme.colorPaletteGreenBorderActive,
  webLightTheme.colorPaletteBerryBorderActive, webLightTheme.colorPaletteTealBorderActive, webLightTheme.colorPaletteGrapeBorderActive,
  webLightTheme.colorPaletteMarigoldBorderActive, webLightTheme.colorPaletteSteelBorderActive,
];
const colour = (i: number) => SERIES[i % SERIES.length]!;

interface Period {
  from: string;
  to: string;
}

function defaultPeriod(): Period {
  const current = monthIn(new Date(), DEFAULT_TIME_ZONE);
  return { from: addMonths(current, -11), to: current };
}

/** A cell as the page shows it: numbers in the user's locale, euros as money, an empty month as a dash. */
function useCellText(): (c: Cell, euro: boolean) => string {
  const { locale } = useLanguage();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    return (c, euro) => (c === null ? '–' : typeof c === 'string' ? c : euro ? money.format(c) : number.format(c));
  }, [locale]);
}

function TableView({ table, id }: { table: ReportTable; id: string }) {
  const s = useReportStyles();
  const text = useCellText();
  const euro = new Set(table.euroColumns ?? []);
  return (
    <div className={s.tableWrap} role="region" aria-labelledby={`${id}-caption`} tabIndex={0 /* a scrollable region must be reachable by keyboard */}>
      <table className={s.table} data-testid={`${id}-table`}>
        <caption id={`${id}-caption`} className={s.caption}>{table.caption}</caption>
        <thead>
          <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">{text(r[0] ?? null, false)}</th>
              {r.slice(1).map((c, j) => <td key={j}>{text(c, euro.has(j + 1))}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart of a table: exactly its figures, drawn as the section says. */
function TableChart({ table, chart }: { table: ReportTable; chart: ChartKind }) {
  const text = useCellText();
  const inner = table.columns.slice(1, -1);
  const body = table.rows.slice(0, -1); // the rows but the total
  if (chart.kind === 'lines' || chart.kind === 'stackedMonths') {
    const series = chart.kind === 'lines' ? table.rows : body;
    const data = inner.map((label, m) => ({ label, ...Object.fromEntries(series.map((r, i) => [`s${i}`, r[m + 1] ?? null])) }));
    return (
      <ResponsiveContainer>
        {chart.kind === 'lines' ? (
          <LineChart data={data} accessibilityLayer={false} margin={{ left: 0, right: 16, top: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            {chart.scale === 'nps' ? <YAxis domain={[-100, 100]} ticks={[-100, -50, 0, 50, 100]} width={48} /> : <YAxis domain={[0, 100]} unit=" %" width={56} />}
            <Tooltip />
            <Legend />
            {series.map((r, i) => (
              <Line key={i} type="linear" dataKey={`s${i}`} name={String(r[0])} stroke={colour(i)} strokeWidth={i === series.length - 1 ? 3 : 2} isAnimationActive={false} connectNulls={chart.scale === 'nps'} />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data} accessibilityLayer={false} margin={{ left: 0, right: 16, top: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} width={48} />
            <Tooltip />
            <Legend />
            {series.map((r, i) => <Bar key={i} dataKey={`s${i}`} name={String(r[0])} stackId="s" fill={colour(i)} isAnimationActive={false} />)}
          </BarChart>
        )}
      </ResponsiveContainer>
    );
  }
  const columns = chart.kind === 'stackedRows' ? inner.map((_, i) => i + 1) : chart.columns;
  const euro = new Set(table.euroColumns ?? []);
  const data = body.map((r) => ({ label: String(r[0]), ...Object.fromEntries(columns.map((c) => [`c${c}`, r[c] ?? 0])) }));
  const money = columns.some((c) => euro.has(c));
  return (
    <ResponsiveContainer>
      <BarChart data={data} accessibilityLayer={false} layout="vertical" margin={{ left: 8, right: 16, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" allowDecimals={money} tickFormatter={money ? (v: number) => text(v, false) : undefined} />
        <YAxis type="category" dataKey="label" width={150} />
        <Tooltip formatter={money ? (v) => text(Number(v), true) : undefined} />
        <Legend />
        {columns.map((c, i) => (
          <Bar key={c} dataKey={`c${c}`} name={table.columns[c]} fill={colour(i)} isAnimationActive={false} {...(chart.kind === 'stackedRows' ? { stackId: 's' } : {})} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

function Downloads({ report, table, period }: { report: ReportId; table: string; period: Period }) {
  const t = useT();
  const s = useReportStyles();
  const { http } = useApi();
  const { language } = useLanguage();
  const download = useMutation({
    mutationFn: async (format: ReportFormat) => {
      const blob = await http.download({ path: `/reports/${report}/download`, query: { ...period, table, format, lang: language } });
      saveBlob(blob, `${report}-${table}-${period.from}-${period.to}.${format}`);
    },
  });
  return (
    <>
      <Button icon={<ArrowDownloadRegular />} disabled={download.isPending} onClick={() => download.mutate('csv')}>{t('app.reports.downloadCsv')}</Button>
      <Button icon={<ArrowDownloadRegular />} disabled={download.isPending} onClick={() => download.mutate('xlsx')}>{t('app.reports.downloadXlsx')}</Button>
      {download.error && <Text role="alert" className={s.error}>{problemSentence(t, download.error)}</Text>}
    </>
  );
}

function Section({ section, period }: { section: ReportSection; period: Period }) {
  const t = useT();
  const s = useReportStyles();
  const { http } = useApi();
  const { language } = useLanguage();
  const tables = tablesOf(section.id);
  const [table, setTable] = useState(tables[0]!);
  const [asTable, setAsTable] = useState(false);
  const query = useQuery({
    queryKey: ['reports', section.id, period.from, period.to],
    queryFn: ({ signal }) => http.request({ path: `/reports/${section.id}`, query: { ...period }, schema: REPORT_SCHEMAS[section.id] as z.ZodType<ReportData[ReportId]>, signal }),
  });
  const titleId = `report-${section.id}`;
  const figureId = `${section.id}-${table}`;
  const shown = query.data ? reportTable(section.id, query.data, table as never, language) : null;
  return (
    <section className={s.section} aria-labelledby={titleId} data-testid={`report-${section.id}`}>
      <Title2 as="h2" id={titleId}>{t(section.title)}</Title2>
      <Text className={s.help}>{t(section.help)}</Text>
      {tables.length > 1 && (
        <TabList className={s.tabs} selectedValue={table} onTabSelect={(_, d) => setTable(String(d.value))} aria-label={`${t(section.title)}: ${t('app.reports.view')}`}>
          {tables.map((x) => <Tab key={x} value={x}>{t(tableLabel(section.id, x))}</Tab>)}
        </TabList>
      )}
      {!shown ? <LoadState query={query} size="medium" /> : (
        <figure style={{ margin: 0, minWidth: 0 }} data-testid={figureId}>
          <div className={s.toolbar}>
            <ToggleButton checked={asTable} onClick={() => setAsTable((v) => !v)}>{asTable ? t('app.reports.showChart') : t('app.reports.showTable')}</ToggleButton>
            <Downloads report={section.id} table={table} period={period} />
          </div>
          {shown.rows.length <= 1 && <Text>{t('app.reports.empty')}</Text>}
          {!asTable && <div className={s.chart} aria-hidden="true"><TableChart table={shown} chart={section.charts[table]!} /></div>}
          <div className={asTable ? undefined : s.hidden}><TableView table={shown} id={figureId} /></div>
        </figure>
      )}
    </section>
  );
}

/** How many months back the period picker offers (the reports span at most 24 of them). */
const CHOICES = 48;

/** A month chosen from a list, named in the user's language (a browser's own month input speaks the browser's language). */
function MonthField({ label, value, onChange }: { label: string; value: string; onChange: (month: string) => void }) {
  const s = useReportStyles();
  const { language } = useLanguage();
  const current = monthIn(new Date(), DEFAULT_TIME_ZONE);
  const months = Array.from({ length: CHOICES }, (_, i) => addMonths(current, -i));
  return (
    <Field label={label}>
      <Select className={s.monthInput} value={value} onChange={(_, d) => onChange(d.value)}>
        {months.map((m) => <option key={m} value={m}>{monthLabel(m, REPORT_WORDS[language])}</option>)}
      </Select>
    </Field>
  );
}

export function ReportsPage() {
  const t = useT();
  const s = useReportStyles();
  const [period, setPeriod] = useState<Period>(defaultPeriod);
  // the server refuses these too (naming the field); said here in the user's words, before asking
  const problem = period.from > period.to ? t('app.reports.fromAfterTo')
    : addMonths(period.from, MAX_REPORT_MONTHS - 1) < period.to ? t('app.reports.tooLong', { count: MAX_REPORT_MONTHS }) : null;
  return (
    <Page title={t('app.page.reports')}>
      <div className={s.page}>
        <fieldset className={s.period} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className={s.hidden}>{t('app.reports.period')}</legend>
          <MonthField label={t('app.reports.from')} value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
          <MonthField label={t('app.reports.to')} value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
        </fieldset>
        {problem ? (
          <MessageBar intent="warning"><MessageBarBody>{problem}</MessageBarBody></MessageBar>
        ) : (
          REPORT_SECTIONS.map((section) => <Section key={section.id} section={section} period={period} />)
        )}
      </div>
    </Page>
  );
}
