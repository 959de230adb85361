/**
 * The dashboard's sales section (`GET /reports/sales`): the open pipeline by stage and by
 * expected close month, won and lost per month with the reasons, offers sent per account manager
 * and how many became orders. Every chart has its table alternative (ChartWithTable).
 */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, webLightTheme } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SalesReportSchema } from '../../../../shared/contract-sales';
import { useApi } from '../../core/ApiContext';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { useFormats } from '../common/format';
import { salesKeys, useEuros, useStages } from '../pipeline/sales';
import { useAdminStyles } from './admin.styles';
import { ChartWithTable } from './ChartWithTable';
import { LoadState } from './LoadState';

const MONTHS = 6;
// Fluent's palette tokens, resolved: SVG fill attributes cannot read CSS variables.
const VALUE = webLightTheme.colorPaletteBlueBorderActive;
const WEIGHTED = webLightTheme.colorPaletteTealBorderActive;
const WON = webLightTheme.colorPaletteGreenBackground3;
const LOST = webLightTheme.colorPaletteRedBackground3;

/** Whole euros for an axis: "20 000 €". */
function useAxisEuros(): (euros: number) => string {
  const { locale } = useLanguage();
  return useMemo(() => {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
    return (euros: number) => f.format(euros);
  }, [locale]);
}

/** Value and weighted value (in euros, for the chart) per row of `label`. */
function ValueChart({ testId, title, firstColumn, rows }: {
  testId: string; title: string; firstColumn: string;
  rows: { label: string; count: number; valueCents: number; weightedValueCents: number }[];
}) {
  const t = useT();
  const euros = useEuros();
  const axisEuros = useAxisEuros();
  const data = rows.map((r) => ({ label: r.label, value: r.valueCents / 100, weighted: r.weightedValueCents / 100 }));
  return (
    <ChartWithTable
      testId={testId}
      title={title}
      chart={
        <ResponsiveContainer>
          <BarChart data={data} margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis tickFormatter={axisEuros} width={96} />
            <Tooltip formatter={(v) => euros(Math.round(Number(v) * 100))} />
            <Legend />
            <Bar dataKey="value" name={t('admin.sales.value')} fill={VALUE} isAnimationActive={false} />
            <Bar dataKey="weighted" name={t('admin.sales.weighted')} fill={WEIGHTED} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={{
        columns: [firstColumn, t('admin.sales.count'), t('admin.sales.value'), t('admin.sales.weighted')],
        rows: rows.map((r) => [r.label, r.count, euros(r.valueCents), euros(r.weightedValueCents)]),
      }}
    />
  );
}

export function SalesDashboard() {
  const t = useT();
  const s = useAdminStyles();
  const fmt = useFormats();
  const euros = useEuros();
  const stages = useStages();
  const { http } = useApi();
  const report = useQuery({
    // under the pipeline's prefix: every sales write that refreshes the boards refreshes this too
    queryKey: [...salesKeys.pipelines(), 'report', MONTHS],
    queryFn: ({ signal }) => http.request({ path: `/reports/sales?months=${MONTHS}`, schema: SalesReportSchema, signal }),
  });
  const r = report.data;
  if (!r) return <LoadState query={report} size="medium" />;
  const closed = r.closedByMonth.map((m) => ({ ...m, label: fmt.month(m.month) }));
  const { sent, ordered } = r.conversion;
  return (
    <section className={s.section} aria-labelledby="dash-sales">
      <Title3 as="h2" id="dash-sales">{t('admin.sales.title', { months: MONTHS })}</Title3>
      <ValueChart
        testId="sales-by-stage"
        title={t('admin.sales.byStage')}
        firstColumn={t('admin.sales.stage')}
        rows={r.byStage.map((x) => ({ ...x, label: stages.label(x.stage) }))}
      />
      <ValueChart
        testId="sales-by-close-month"
        title={t('admin.sales.byCloseMonth')}
        firstColumn={t('admin.sales.month')}
        rows={r.byCloseMonth.map((x) => ({ ...x, label: fmt.month(x.month) }))}
      />
      <ChartWithTable
        testId="sales-closed"
        title={t('admin.sales.closedByMonth')}
        chart={
          <ResponsiveContainer>
            <BarChart data={closed} margin={{ left: 8, right: 24 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="won" name={t('admin.sales.won')} fill={WON} isAnimationActive={false} />
              <Bar dataKey="lost" name={t('admin.sales.lost')} fill={LOST} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        }
        table={{ columns: [t('admin.sales.month'), t('admin.sales.won'), t('admin.sales.lost')], rows: closed.map((m) => [m.label, m.won, m.lost]) }}
      />
      <section aria-labelledby="dash-lost" className={s.section}>
        <Title3 as="h3" id="dash-lost">{t('admin.sales.lostReasons')}</Title3>
        {r.lostReasons.length === 0 ? <Text>{t('admin.sales.noLost')}</Text> : (
          <div className={s.tableWrap} tabIndex={0}>
            <Table size="small" aria-labelledby="dash-lost">
              <TableHeader><TableRow><TableHeaderCell>{t('admin.sales.reason')}</TableHeaderCell><TableHeaderCell>{t('admin.sales.count')}</TableHeaderCell></TableRow></TableHeader>
              <TableBody>
                {r.lostReasons.map((l) => <TableRow key={l.reason}><TableCell>{l.reason}</TableCell><TableCell>{l.count}</TableCell></TableRow>)}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      {r.offersByManager.length === 0 ? <Text>{t('admin.sales.noOffers')}</Text> : (
        <ChartWithTable
          testId="sales-offers-by-manager"
          title={t('admin.sales.offersByManager')}
          chart={
            <ResponsiveContainer>
              <BarChart data={r.offersByManager.map((m) => ({ label: m.manager.name, count: m.count }))} layout="vertical" margin={{ left: 24, right: 24 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="label" width={160} />
                <Tooltip />
                <Bar dataKey="count" name={t('admin.sales.offers')} fill={VALUE} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          }
          table={{
            columns: [t('admin.sales.manager'), t('admin.sales.offers'), t('admin.sales.offersTotal')],
            rows: r.offersByManager.map((m) => [m.manager.name, m.count, euros(m.grossCents)]),
          }}
        />
      )}
      <section aria-labelledby="dash-conversion" className={s.section}>
        <Title3 as="h3" id="dash-conversion">{t('admin.sales.conversionTitle')}</Title3>
        <Text data-testid="sales-conversion">
          {sent === 0 ? t('admin.sales.noOffers') : t('admin.sales.conversion', { sent, ordered, pct: Math.round((ordered / sent) * 100) })}
        </Text>
      </section>
    </section>
  );
}
