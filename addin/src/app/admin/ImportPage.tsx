/** Import a CSV file: dry run first, then the real run; the per-row report; exports. */
import {
  Button, Checkbox, Field, ProgressBar, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'wouter';
import { IMPORT_KINDS, type ImportKind, type ImportReport } from '../../../../shared/contract-admin';
import { saveBlob } from '../../api/request';
import { useAdminApi } from '../../core/AdminApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';

const SHOWN_ROWS = 1000;
const ROW_STATUS: Record<ImportReport['rows'][number]['status'], MessageId> = {
  created: 'admin.import.row.created',
  updated: 'admin.import.row.updated',
  unchanged: 'admin.import.row.unchanged',
  error: 'admin.import.row.error',
};

export function ImportPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const asked = params.get('kind');
  // the products page links here with ?kind=products
  const [kind, setKind] = useState<ImportKind>((IMPORT_KINDS as readonly string[]).includes(asked ?? '') ? (asked as ImportKind) : 'organizations');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number }>({ sent: 0, total: 0 });
  const [onlyErrors, setOnlyErrors] = useState(false);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error('no file');
      setProgress({ sent: 0, total: file.size });
      return api.importFile(kind, file, dryRun, (sent, total) => setProgress({ sent, total }));
    },
    // a real run changes customers, contacts and so the dashboard's and care-plan page's counts
    onSuccess: (report) => (report.dryRun ? undefined : queries.invalidateQueries({ queryKey: ['admin'] })),
  });
  const download = useMutation({ mutationFn: async () => saveBlob(await api.exportCsv(kind), `${kind}.csv`) });

  const report = run.data;
  const all = report ? (onlyErrors ? report.rows.filter((r) => r.status === 'error') : report.rows) : [];
  const rows = all.slice(0, SHOWN_ROWS);
  const busy = run.isPending;
  const error = run.error ?? download.error;
  return (
    <section className={s.section} aria-labelledby="import-title">
      <Title3 as="h2" id="import-title">{t('admin.import.title')}</Title3>
      <div className={s.row}>
        <Field label={t('admin.import.kind')}>
          <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as ImportKind)}>
            <Radio value="organizations" label={t('admin.import.organizations')} />
            <Radio value="contacts" label={t('admin.import.contacts')} />
            <Radio value="products" label={t('admin.import.products')} />
          </RadioGroup>
        </Field>
        <Field label={t('admin.import.file')}>
          <input type="file" accept=".csv,text/csv,text/plain" aria-label={t('admin.import.file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Button appearance="secondary" disabled={!file || busy} onClick={() => run.mutate(true)}>{t('admin.import.dryRun')}</Button>
        <Button appearance="primary" disabled={!file || busy} onClick={() => run.mutate(false)}>{t('admin.import.run')}</Button>
        <Button appearance="subtle" disabled={download.isPending} onClick={() => download.mutate()}>{t('admin.import.export')}</Button>
      </div>
      {busy && (
        <Field label={progress.sent < progress.total ? t('admin.import.uploading') : t('admin.import.importing')} validationState="none">
          <ProgressBar value={progress.sent < progress.total && progress.total > 0 ? progress.sent / progress.total : undefined} />
        </Field>
      )}
      <div role="alert">{error && <Text className={s.error}>{problemSentence(t, error)}</Text>}</div>
      {report && (
        <div className={s.section} aria-live="polite">
          <Title3 as="h3">{report.dryRun ? t('admin.import.dryRunReport') : t('admin.import.report')}</Title3>
          <div className={s.summary} data-testid="import-summary">
            <Text>{t('admin.import.created', { count: report.summary.created })}</Text>
            <Text>{t('admin.import.updated', { count: report.summary.updated })}</Text>
            <Text>{t('admin.import.unchanged', { count: report.summary.unchanged })}</Text>
            <Text>{t('admin.import.errors', { count: report.summary.errors })}</Text>
          </div>
          <Checkbox label={t('admin.import.onlyErrors')} checked={onlyErrors} onChange={(_, d) => setOnlyErrors(!!d.checked)} />
          {all.length > SHOWN_ROWS && <Text>{t('admin.import.firstRows', { count: SHOWN_ROWS })}</Text>}
          <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
            <Table size="small" aria-label={t('admin.import.report')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('admin.import.line')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.import.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.import.key')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.import.problems')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.line}>
                    <TableCell>{r.line}</TableCell>
                    <TableCell className={r.status === 'error' ? s.error : undefined}>{t(ROW_STATUS[r.status])}</TableCell>
                    <TableCell>{r.key ?? ''}</TableCell>
                    <TableCell>
                      {(r.errors ?? []).map((e, i) => <div key={i}>{t('admin.import.problem', { column: e.column, message: e.message })}</div>)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
    </section>
  );
}
