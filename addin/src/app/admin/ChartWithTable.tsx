/**
 * A chart with its table alternative: the table is always in the document for screen readers
 * (visually hidden while the chart shows), the chart is hidden from them; a toggle shows the
 * table on screen instead of the chart.
 */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title3, ToggleButton } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { useT } from '../../core/i18n/I18nProvider';

const useStyles = makeStyles({
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  chart: { width: '100%', height: '320px' },
  wrap: { overflowX: 'auto' },
});

export interface TableData {
  columns: string[];
  rows: (string | number)[][];
}

export function ChartWithTable({ title, chart, table, testId }: { title: string; chart: ReactNode; table: TableData; testId?: string }) {
  const t = useT();
  const s = useStyles();
  const [asTable, setAsTable] = useState(false);
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <div className={s.head}>
        <Title3 as="h3">{title}</Title3>
        <ToggleButton size="small" checked={asTable} onClick={() => setAsTable((v) => !v)}>{asTable ? t('admin.chart.showChart') : t('admin.chart.showTable')}</ToggleButton>
      </div>
      {!asTable && <div className={s.chart} aria-hidden="true">{chart}</div>}
      <div className={asTable ? s.wrap : s.hidden} tabIndex={asTable ? 0 : undefined}>
        <Table size="small" aria-label={title}>
          <TableHeader>
            <TableRow>{table.columns.map((c) => <TableHeaderCell key={c}>{c}</TableHeaderCell>)}</TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((r, i) => (
              <TableRow key={i}>{r.map((c, j) => <TableCell key={j}>{c}</TableCell>)}</TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </figure>
  );
}
