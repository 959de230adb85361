/**
 * The dashboard's feedback section (`GET /reports/feedback`): the Net Promoter Score of the period,
 * and NPS per month per segment and per customer group (shared/domain/feedback computes it on the
 * server). Each chart has its table alternative (ChartWithTable).
 */
import { Text, Title3, webLightTheme } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FeedbackReportSchema, type FeedbackReport } from '../../../../shared/contract-feedback';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { useFormats } from '../common/format';
import { useAdminStyles } from './admin.styles';
import { ChartWithTable } from './ChartWithTable';
import { LoadState } from './LoadState';

const MONTHS = 6;
// Fluent's palette tokens, resolved: SVG stroke attributes cannot read CSS variables.
const SERIES = [
  webLightTheme.colorPaletteBlueBorderActive, webLightTheme.colorPaletteDarkOrangeBorderActive, webLightTheme.colorPaletteGreenBorderActive,
  webLightTheme.colorPaletteBerryBorderActive, webLightTheme.colorPaletteTealBorderActive,
];

function NpsChart({ report, by, title, keyColumn, label, testId }: {
  report: FeedbackReport; by: 'segment' | 'customerGroup'; title: string; keyColumn: string; label: (key: string) => string; testId: string;
}) {
  const t = useT();
  const fmt = useFormats();
  const rows = report.rows.filter((r) => r.by === by);
  const keys = [...new Set(rows.map((r) => r.key))].sort();
  const data = report.months.map((m) => ({
    label: fmt.month(m),
    ...Object.fromEntries(keys.map((k) => [k, rows.find((r) => r.month === m && r.key === k)?.nps ?? null])),
  }));
  return (
    <ChartWithTable
      testId={testId}
      title={title}
      chart={
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 12, left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis domain={[-100, 100]} allowDecimals={false} />
            <Tooltip />
            <Legend />
            {keys.map((k, i) => (
              <Line key={k} dataKey={k} name={label(k)} stroke={SERIES[i % SERIES.length]} strokeWidth={2} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      }
      table={{
        columns: [t('admin.feedback.month'), keyColumn, t('admin.feedback.responses'), t('admin.feedback.nps')],
        rows: rows.map((r) => [fmt.month(r.month), label(r.key), r.responses, r.nps ?? '–']),
      }}
    />
  );
}

export function FeedbackDashboard() {
  const t = useT();
  const s = useAdminStyles();
  const labels = useCodeLabels();
  const { http } = useApi();
  const report = useQuery({
    queryKey: ['reports', 'feedback', MONTHS],
    queryFn: ({ signal }) => http.request({ path: `/reports/feedback?months=${MONTHS}`, schema: FeedbackReportSchema, signal }),
  });
  const r = report.data;
  if (!r) return <LoadState query={report} size="medium" />;
  return (
    <section className={s.section} aria-labelledby="dash-feedback" data-testid="feedback-dashboard">
      <Title3 as="h2" id="dash-feedback">{t('admin.feedback.title', { months: MONTHS })}</Title3>
      {r.overall.responses === 0 ? <Text>{t('admin.feedback.none')}</Text> : (
        <>
          <Text data-testid="nps-overall">{t('admin.feedback.overall', { nps: r.overall.nps ?? 0, responses: r.overall.responses })}</Text>
          <NpsChart report={r} by="segment" testId="nps-by-segment" title={t('admin.feedback.bySegment')} keyColumn={t('admin.feedback.segment')} label={(k) => labels.segment(k as never)} />
          <NpsChart report={r} by="customerGroup" testId="nps-by-group" title={t('admin.feedback.byGroup')} keyColumn={t('admin.feedback.group')} label={(k) => labels.customerGroup(k as never)} />
        </>
      )}
    </section>
  );
}
