/** The management dashboard: compliance per manager and segment, the overdue list, CRM use over time, and sales. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, webLightTheme } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAdminApi } from '../../core/AdminApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { useFormats } from '../common/format';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { RULES_KEY } from './CarePlansPage';
import { ChartWithTable } from './ChartWithTable';
import { ADMIN_KEYS } from './queries';
import { FeedbackDashboard } from './FeedbackDashboard';
import { SalesDashboard } from './SalesDashboard';

// Fluent's palette tokens, resolved: SVG fill attributes cannot read CSS variables.
const STATUS_COLOURS = {
  onTrack: webLightTheme.colorPaletteGreenBackground3,
  dueSoon: webLightTheme.colorPaletteMarigoldBackground3,
  overdue: webLightTheme.colorPaletteRedBackground3,
  noPlan: webLightTheme.colorNeutralStroke1,
};
const SERIES = [
  webLightTheme.colorPaletteBlueBorderActive, webLightTheme.colorPaletteDarkOrangeBorderActive, webLightTheme.colorPaletteGreenBorderActive,
  webLightTheme.colorPaletteBerryBorderActive, webLightTheme.colorPaletteTealBorderActive, webLightTheme.colorPaletteGrapeBorderActive,
];
const WEEKS = 12;

interface ComplianceRow { label: string; onTrack: number; dueSoon: number; overdue: number; noPlan: number; total: number }

function ComplianceChart({ title, rows, testId }: { title: string; rows: ComplianceRow[]; testId: string }) {
  const t = useT();
  const labels = useCodeLabels();
  const names = { onTrack: labels.carePlanStatus('on_track'), dueSoon: labels.carePlanStatus('due_soon'), overdue: labels.carePlanStatus('overdue'), noPlan: t('admin.dashboard.noPlan') };
  return (
    <ChartWithTable
      testId={testId}
      title={title}
      chart={
        <ResponsiveContainer>
          <BarChart data={rows} layout="vertical" margin={{ left: 24, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="label" width={160} />
            <Tooltip />
            <Legend />
            <Bar dataKey="onTrack" name={names.onTrack} stackId="s" fill={STATUS_COLOURS.onTrack} isAnimationActive={false} />
            <Bar dataKey="dueSoon" name={names.dueSoon} stackId="s" fill={STATUS_COLOURS.dueSoon} isAnimationActive={false} />
            <Bar dataKey="overdue" name={names.overdue} stackId="s" fill={STATUS_COLOURS.overdue} isAnimationActive={false} />
            <Bar dataKey="noPlan" name={names.noPlan} stackId="s" fill={STATUS_COLOURS.noPlan} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={{
        columns: [t('admin.dashboard.group'), names.onTrack, names.dueSoon, names.overdue, names.noPlan, t('admin.dashboard.total')],
        rows: rows.map((r) => [r.label, r.onTrack, r.dueSoon, r.overdue, r.noPlan, r.total]),
      }}
    />
  );
}

function ActivityChart({ title, weeks, series, testId }: { title: string; weeks: string[]; series: { name: string; counts: number[] }[]; testId: string }) {
  const t = useT();
  const data = weeks.map((w, i) => ({ week: w, ...Object.fromEntries(series.map((s) => [s.name, s.counts[i] ?? 0])) }));
  return (
    <ChartWithTable
      testId={testId}
      title={title}
      chart={
        <ResponsiveContainer>
          <LineChart data={data} margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            {series.map((s, i) => (
              <Line key={s.name} type="linear" dataKey={s.name} stroke={SERIES[i % SERIES.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      }
      table={{ columns: [t('admin.dashboard.week'), ...series.map((s) => s.name)], rows: weeks.map((w, i) => [w, ...series.map((s) => s.counts[i] ?? 0)]) }}
    />
  );
}

export function DashboardPage() {
  const t = useT();
  const fmt = useFormats();
  const labels = useCodeLabels();
  const s = useAdminStyles();
  const api = useAdminApi();
  const dashboard = useQuery({ queryKey: [...ADMIN_KEYS.dashboard, WEEKS], queryFn: () => api.dashboard(WEEKS) });
  // the overdue list names rules by their stored label; the rules give the label in the user's language
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api.rules() });
  const ruleName = (label: string) => {
    const rule = rules.data?.find((r) => r.label === label);
    return rule ? labels.rule(rule) : label;
  };
  const d = dashboard.data;
  if (!d) return <LoadState query={dashboard} size="medium" />;
  const weeks = d.activity.weeks.map((w) => fmt.dayMonth(w));
  return (
    <section className={s.section} aria-labelledby="dash-title">
      <Title3 as="h2" id="dash-title">{t('admin.dashboard.title')}</Title3>
      <ComplianceChart
        testId="compliance-by-manager"
        title={t('admin.dashboard.byManager')}
        rows={d.compliance.byManager.map((r) => ({ ...r, label: r.manager?.name ?? t('admin.dashboard.unassigned') }))}
      />
      <ComplianceChart testId="compliance-by-segment" title={t('admin.dashboard.bySegment')} rows={d.compliance.bySegment.map((r) => ({ ...r, label: labels.segment(r.segment) }))} />
      <ActivityChart testId="activity-by-manager" title={t('admin.dashboard.activityByManager')} weeks={weeks} series={d.activity.byManager.map((r) => ({ name: r.manager.name, counts: r.counts }))} />
      <ActivityChart
        testId="activity-by-department"
        title={t('admin.dashboard.activityByDepartment')}
        weeks={weeks}
        series={d.activity.byDepartment.map((r) => ({ name: r.department ?? t('admin.dashboard.noDepartment'), counts: r.counts }))}
      />
      <section aria-labelledby="overdue-title" className={s.section}>
        <Title3 as="h3" id="overdue-title">{t('admin.dashboard.overdue', { count: d.overdue.total })}</Title3>
        {d.overdue.items.length === 0 ? (
          <Text>{t('admin.dashboard.noOverdue')}</Text>
        ) : (
          <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
            <Table size="small" aria-labelledby="overdue-title">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('admin.dashboard.customer')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.dashboard.segment')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.dashboard.responsible')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.dashboard.dueAt')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.dashboard.rules')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.overdue.items.map((i) => (
                  <TableRow key={i.organization.id}>
                    <TableCell>{i.organization.name}</TableCell>
                    <TableCell>{labels.segment(i.organization.segment)}</TableCell>
                    <TableCell>{i.responsible?.name ?? t('admin.dashboard.unassigned')}</TableCell>
                    <TableCell>{fmt.date(i.dueAt)}</TableCell>
                    <TableCell>{i.rules.map(ruleName).join(', ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      <SalesDashboard />
      <FeedbackDashboard />
    </section>
  );
}
