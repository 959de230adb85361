/** Import a CSV file: dry run first, then the real run; the per-row report; exports. */
import {
  Button, Checkbox, Field, ProgressBar, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ImportKind, ImportReport } from '../../../../shared/contract-admin';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import { saveBlob } from '../../api/request';

export function ImportPage() {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [kind, setKind] = useState<ImportKind>('organizations');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<null | { sent: number; total: number }>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setBusy({ sent: 0, total: file.size });
    try {
      setReport(await api.importFile(kind, file, dryRun, (sent, total) => setBusy({ sent, total })));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  const rows = report ? (onlyErrors ? report.rows.filter((r) => r.status === 'error') : report.rows).slice(0, 1000) : [];
  return (
    <section className={s.section} aria-labelledby="import-title">
      <Title3 id="import-title">{t.tabImport}</Title3>
      <div className={s.row}>
        <Field label={t.importKind}>
          <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value as ImportKind)}>
            <Radio value="organizations" label={t.organizations} />
            <Radio value="contacts" label={t.contacts} />
          </RadioGroup>
        </Field>
        <Field label={t.chooseFile}>
          <input type="file" accept=".csv,text/csv,text/plain" aria-label={t.chooseFile} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </Field>
        <Button appearance="secondary" disabled={!file || !!busy} onClick={() => void run(true)}>{t.dryRun}</Button>
        <Button appearance="primary" disabled={!file || !!busy} onClick={() => void run(false)}>{t.runImport}</Button>
        <Button appearance="subtle" onClick={() => void download()}>{t.exportCsv}</Button>
      </div>
      {busy && (
        <Field label={busy.sent < busy.total ? t.uploading : t.importing} validationState="none">
          <ProgressBar value={busy.sent < busy.total && busy.total > 0 ? busy.sent / busy.total : undefined} />
        </Field>
      )}
      {error && <Text role="alert" className={s.error}>{error}</Text>}
      {report && (
        <div className={s.section} aria-live="polite">
          <Title3 as="h3">{report.dryRun ? t.dryRunReport : t.report}</Title3>
          <div className={s.summary} data-testid="import-summary">
            <Text>{t.created}: <strong>{report.summary.created}</strong></Text>
            <Text>{t.updated}: <strong>{report.summary.updated}</strong></Text>
            <Text>{t.unchanged}: <strong>{report.summary.unchanged}</strong></Text>
            <Text>{t.errors}: <strong>{report.summary.errors}</strong></Text>
          </div>
          <Checkbox label={t.onlyErrors} checked={onlyErrors} onChange={(_, d) => setOnlyErrors(!!d.checked)} />
          <div className={s.tableWrap}>
            <Table size="small" aria-label={t.report}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.line}</TableHeaderCell>
                  <TableHeaderCell>{t.status}</TableHeaderCell>
                  <TableHeaderCell>{t.key}</TableHeaderCell>
                  <TableHeaderCell>{t.problems}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.line}>
                    <TableCell>{r.line}</TableCell>
                    <TableCell className={r.status === 'error' ? s.error : undefined}>{t[r.status === 'error' ? 'errors' : r.status]}</TableCell>
                    <TableCell>{r.key ?? ''}</TableCell>
                    <TableCell>{(r.errors ?? []).map((e) => `${e.column}: ${e.message}`).join('; ')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      )}
    </section>
  );

  async function download() {
    // Through the API client: it carries the signed-in user's token, whichever sign-in gave it.
    try {
      saveBlob(await api.exportCsv(kind), `${kind}.csv`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
}
