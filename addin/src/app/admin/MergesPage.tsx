/**
 * Merges: pick a duplicate customer (or contact) and the one to keep, by name; the server moves
 * every action, contact and identifier to the kept record and writes an audit entry.
 */
import {
  Button, Field, Input, Radio, RadioGroup, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { MergeResult } from '../../../../shared/contract-admin';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import type { MergeKind } from '../../api/adminApi';
import { useAsync } from './useAsync';

interface Candidate { id: string; label: string }
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function RecordPicker({ kind, label, value, onChange }: { kind: MergeKind; label: string; value: Candidate | null; onChange: (c: Candidate | null) => void }) {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Candidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function search() {
    setError(null);
    try {
      const items: Candidate[] = kind === 'organizations'
        ? (await api.searchOrganizations(q)).map((o) => ({
          id: o.id,
          label: [o.name, o.businessId, o.segment, o.responsible?.name].filter(Boolean).join(' · '),
        }))
        : (await api.searchContacts(q)).map((c) => ({ id: c.id, label: [c.name, c.emails.join(', ')].filter(Boolean).join(' · ') }));
      setFound(items);
      onChange(null);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <div className={s.picker} role="group" aria-label={label}>
      <Text as="h3" weight="semibold">{label}</Text>
      <div className={s.row}>
        <Field label={`${t.searchByName} (${label})`}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } }} />
        </Field>
        <Button aria-label={`${t.search}: ${label}`} onClick={() => void search()} disabled={!q.trim()}>{t.search}</Button>
      </div>
      {error && <Text role="alert" className={s.error}>{error}</Text>}
      {found && found.length === 0 && <Text role="status">{t.noMatches}</Text>}
      {found && found.length > 0 && (
        <RadioGroup aria-label={label} value={value?.id ?? ''} onChange={(_, d) => onChange(found.find((c) => c.id === d.value) ?? null)}>
          {found.map((c) => <Radio key={c.id} value={c.id} label={c.label} />)}
        </RadioGroup>
      )}
    </div>
  );
}

export function MergesPage() {
  const { api, t, locale, timeZone } = useAdmin();
  const s = useAdminStyles();
  const [kind, setKind] = useState<MergeKind>('organizations');
  const [duplicate, setDuplicate] = useState<Candidate | null>(null);
  const [kept, setKept] = useState<Candidate | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped after a merge: the pickers start afresh (the merged record is gone). */
  const [round, setRound] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ result: MergeResult; duplicate: string; kept: string } | null>(null);
  const recent = useAsync(() => api.merges(), []);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', timeZone });

  async function merge() {
    if (!duplicate || !kept) return;
    setError(null);
    setResult(null);
    if (duplicate.id === kept.id) return setError(t.mustDifferRecords);
    setBusy(true);
    try {
      const r = await api.merge(kind, kept.id, [duplicate.id]);
      setResult({ result: r, duplicate: duplicate.label, kept: kept.label });
      setDuplicate(null);
      setKept(null);
      setRound((n) => n + 1);
      recent.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={s.section} aria-labelledby="merges-title">
      <Title3 id="merges-title">{t.mergeTitle}</Title3>
      <Field label={t.mergeKind} className={s.form}>
        <Select value={kind} onChange={(_, d) => { setKind(d.value as MergeKind); setDuplicate(null); setKept(null); setResult(null); }}>
          <option value="organizations">{t.organizations}</option>
          <option value="contacts">{t.contacts}</option>
        </Select>
      </Field>
      <div className={s.row} key={`${kind}:${round}`}>
        <RecordPicker kind={kind} label={t.duplicate} value={duplicate} onChange={setDuplicate} />
        <RecordPicker kind={kind} label={t.keep} value={kept} onChange={setKept} />
      </div>
      <div className={s.row}>
        <Button appearance="primary" disabled={busy || !duplicate || !kept} onClick={() => void merge()}>{t.merge}</Button>
      </div>
      <div role="status" aria-live="polite" data-testid="merge-result">
        {error && <Text className={s.error}>{error}</Text>}
        {result && (
          <div className={s.section}>
            <Text weight="semibold" className={s.ok}>{t.mergeDone}: {result.duplicate} → {result.kept}</Text>
            <div className={s.summary}>
              <Text>{t.movedActions}: <strong>{result.result.moved.actions}</strong></Text>
              <Text>{t.movedContacts}: <strong>{result.result.moved.contacts}</strong></Text>
              <Text>{t.movedKeys}: <strong>{result.result.moved.keys}</strong></Text>
            </div>
          </div>
        )}
      </div>
      <Text as="h3" weight="semibold" id="recent-merges">{t.recentMerges}</Text>
      {recent.error && <Text role="alert" className={s.error}>{recent.error}</Text>}
      <div className={s.tableWrap}>
        <Table size="small" aria-labelledby="recent-merges">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.when}</TableHeaderCell>
              <TableHeaderCell>{t.mergeKind}</TableHeaderCell>
              <TableHeaderCell>{t.duplicate}</TableHeaderCell>
              <TableHeaderCell>{t.movedActions}</TableHeaderCell>
              <TableHeaderCell>{t.movedContacts}</TableHeaderCell>
              <TableHeaderCell>{t.by}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(recent.data ?? []).map((m) => (
              <TableRow key={m.id}>
                <TableCell>{when.format(new Date(m.at))}</TableCell>
                <TableCell>{m.kind === 'organization' ? t.organizations : t.contacts}</TableCell>
                <TableCell>{m.merged.map((r) => String(r.name ?? '')).join(', ')}</TableCell>
                <TableCell>{m.moved.actions}</TableCell>
                <TableCell>{m.moved.contacts}</TableCell>
                <TableCell>{m.by.name}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
