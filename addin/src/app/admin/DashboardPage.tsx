/** The management dashboard: compliance per manager and segment, the overdue list, CRM use over time. */
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, webLightTheme } from '@fluentui/react-components';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../../../shared/contract-admin';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import { ChartWithTable } from './ChartWithTable';
import { useAsync } from './useAsync';

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

function ComplianceChart({ title, rows, testId }: { title: string; rows: { label: string; onTrack: number; dueSoon: number; overdue: number; noPlan: number; total: number }[]; testId: string }) {
  const { t } = useAdmin();
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
            <Bar dataKey="onTrack" name={t.on_track} stackId="s" fill={STATUS_COLOURS.onTrack} isAnimationActive={false} />
            <Bar dataKey="dueSoon" name={t.due_soon} stackId="s" fill={STATUS_COLOURS.dueSoon} isAnimationActive={false} />
            <Bar dataKey="overdue" name={t.overdue} stackId="s" fill={STATUS_COLOURS.overdue} isAnimationActive={false} />
            <Bar dataKey="noPlan" name={t.noPlan} stackId="s" fill={STATUS_COLOURS.noPlan} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={{
        columns: ['', t.on_track, t.due_soon, t.overdue, t.noPlan, t.total],
        rows: rows.map((r) => [r.label, r.onTrack, r.dueSoon, r.overdue, r.noPlan, r.total]),
      }}
    />
  );
}

function ActivityChart({ title, weeks, series, testId }: { title: string; weeks: string[]; series: { name: string; counts: number[] }[]; testId: string }) {
  const { t } = useAdmin();
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
      table={{ columns: [t.week, ...series.map((s) => s.name)], rows: weeks.map((w, i) => [w, ...series.map((s) => s.counts[i] ?? 0)]) }}
    />
  );
}

export function DashboardPage() {
  const { api, t, locale, timeZone } = useAdmin();
  const s = useAdminStyles();
  const state = useAsync(() => api.dashboard(12), []);
  if (state.error) return <Text role="alert" className={s.error}>{state.error} <Button onClick={state.reload}>{t.retry}</Button></Text>;
  const d: Dashboard | null = state.data;
  if (!d) return <Text>{t.loading}</Text>;
  const day = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'numeric' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const weeks = d.activity.weeks.map((w) => day.format(new Date(w)));
  return (
    <section className={s.section} aria-labelledby="dash-title">
      <Title3 id="dash-title">{t.tabDashboard}</Title3>
      <ComplianceChart
        testId="compliance-by-manager"
        title={t.complianceByManager}
        rows={d.compliance.byManager.map((r) => ({ ...r, label: r.manager?.name ?? t.unassigned }))}
      />
      <ComplianceChart testId="compliance-by-segment" title={t.complianceBySegment} rows={d.compliance.bySegment.map((r) => ({ ...r, label: r.segment }))} />
      <ActivityChart testId="activity-by-manager" title={t.activityByManager} weeks={weeks} series={d.activity.byManager.map((r) => ({ name: r.manager.name, counts: r.counts }))} />
      <ActivityChart testId="activity-by-department" title={t.activityByDepartment} weeks={weeks} series={d.activity.byDepartment.map((r) => ({ name: r.department ?? '—', counts: r.counts }))} />
      <section aria-labelledby="overdue-title">
        <Title3 as="h3" id="overdue-title">{t.overdueList} ({d.overdue.total})</Title3>
        <Table size="small" aria-labelledby="overdue-title">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.customer}</TableHeaderCell>
              <TableHeaderCell>{t.segment}</TableHeaderCell>
              <TableHeaderCell>{t.responsible}</TableHeaderCell>
              <TableHeaderCell>{t.dueAt}</TableHeaderCell>
              <TableHeaderCell>{t.rule}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {d.overdue.items.map((i) => (
              <TableRow key={i.organization.id}>
                <TableCell>{i.organization.name}</TableCell>
                <TableCell>{i.organization.segment}</TableCell>
                <TableCell>{i.responsible?.name ?? t.unassigned}</TableCell>
                <TableCell>{date.format(new Date(i.dueAt))}</TableCell>
                <TableCell>{i.rules.join(', ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
    </section>
  );
}
