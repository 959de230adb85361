/**
 * Merges: pick a duplicate customer (or contact) and the one to keep, by name; the server moves
 * every action, contact and identifier to the kept record and writes an audit entry.
 */
import {
  Button, Field, Input, Radio, RadioGroup, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MergeKind } from '../../api/adminApi';
import { useAdminApi } from '../../core/AdminApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { useFormats } from '../common/format';
import { problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { ADMIN_KEYS } from './queries';

interface Candidate { id: string; label: string }
const SEARCH_KEY = ['admin', 'merge-search'] as const;

function RecordPicker({ kind, label, value, onChange }: { kind: MergeKind; label: string; value: Candidate | null; onChange: (c: Candidate | null) => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useAdminStyles();
  const api = useAdminApi();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const found = useQuery({
    queryKey: [...SEARCH_KEY, kind, asked],
    queryFn: async (): Promise<Candidate[]> => (kind === 'organizations'
      ? (await api.searchOrganizations(asked ?? '')).map((o) => ({
        id: o.id,
        label: [o.name, o.businessId, labels.segment(o.segment), o.responsible?.name].filter(Boolean).join(' · '),
      }))
      : (await api.searchContacts(asked ?? '')).map((c) => ({ id: c.id, label: [c.name, c.emails.join(', ')].filter(Boolean).join(' · ') }))),
    enabled: asked !== null,
  });
  const search = () => {
    if (!q.trim()) return;
    setAsked(q.trim());
    onChange(null);
  };
  return (
    <div className={s.picker} role="group" aria-label={label}>
      <Text as="h3" weight="semibold">{label}</Text>
      <div className={s.row}>
        <Field label={t('admin.merges.searchNamed', { record: label })}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } }} />
        </Field>
        <Button aria-label={t('admin.merges.searchButtonNamed', { record: label })} onClick={search} disabled={!q.trim()}>{t('admin.merges.search')}</Button>
      </div>
      {found.isFetching && <Spinner size="tiny" label={t('app.loading')} />}
      {found.error && <Text role="alert" className={s.error}>{problemSentence(t, found.error)}</Text>}
      {found.data && found.data.length === 0 && <Text role="status">{t('admin.merges.noMatches')}</Text>}
      {found.data && found.data.length > 0 && (
        <RadioGroup aria-label={label} value={value?.id ?? ''} onChange={(_, d) => onChange(found.data.find((c) => c.id === d.value) ?? null)}>
          {found.data.map((c) => <Radio key={c.id} value={c.id} label={c.label} />)}
        </RadioGroup>
      )}
    </div>
  );
}

export function MergesPage() {
  const t = useT();
  const fmt = useFormats();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const [kind, setKind] = useState<MergeKind>('organizations');
  const [duplicate, setDuplicate] = useState<Candidate | null>(null);
  const [kept, setKept] = useState<Candidate | null>(null);
  /** Bumped after a merge: the pickers start afresh (the merged record is gone). */
  const [round, setRound] = useState(0);
  const [mistake, setMistake] = useState<string | null>(null);
  const recent = useQuery({ queryKey: ADMIN_KEYS.merges, queryFn: () => api.merges() });
  const merge = useMutation({
    mutationFn: async ({ duplicate: dup, kept: keep }: { duplicate: Candidate; kept: Candidate }) => ({
      result: await api.merge(kind, keep.id, [dup.id]), duplicate: dup.label, kept: keep.label,
    }),
    onSuccess: async () => {
      setDuplicate(null);
      setKept(null);
      setRound((n) => n + 1);
      await Promise.all([
        queries.invalidateQueries({ queryKey: ADMIN_KEYS.merges }),
        queries.invalidateQueries({ queryKey: SEARCH_KEY }),
        queries.invalidateQueries({ queryKey: ADMIN_KEYS.dashboard }),
      ]);
    },
  });

  function submit() {
    if (!duplicate || !kept) return;
    setMistake(null);
    merge.reset();
    if (duplicate.id === kept.id) return setMistake(t('admin.merges.mustDiffer'));
    merge.mutate({ duplicate, kept });
  }

  const done = merge.data;
  return (
    <section className={s.section} aria-labelledby="merges-title">
      <Title3 as="h2" id="merges-title">{t('admin.merges.title')}</Title3>
      <Field label={t('admin.merges.kind')} className={s.form}>
        <Select value={kind} onChange={(_, d) => { setKind(d.value as MergeKind); setDuplicate(null); setKept(null); merge.reset(); }}>
          <option value="organizations">{t('admin.merges.organizations')}</option>
          <option value="contacts">{t('admin.merges.contacts')}</option>
        </Select>
      </Field>
      <div className={s.row} key={`${kind}:${round}`}>
        <RecordPicker kind={kind} label={t('admin.merges.duplicate')} value={duplicate} onChange={setDuplicate} />
        <RecordPicker kind={kind} label={t('admin.merges.keep')} value={kept} onChange={setKept} />
      </div>
      <div className={s.row}>
        <Button appearance="primary" disabled={merge.isPending || !duplicate || !kept} onClick={submit}>{t('admin.merges.merge')}</Button>
      </div>
      <div role="status" aria-live="polite" data-testid="merge-result">
        {mistake && <Text className={s.error}>{mistake}</Text>}
        {merge.error && <Text className={s.error}>{problemSentence(t, merge.error)}</Text>}
        {done && (
          <div className={s.section}>
            <Text weight="semibold" className={s.ok}>{t('admin.merges.done', { duplicate: done.duplicate, kept: done.kept })}</Text>
            <div className={s.summary}>
              <Text>{t('admin.merges.movedActions', { count: done.result.moved.actions })}</Text>
              <Text>{t('admin.merges.movedContacts', { count: done.result.moved.contacts })}</Text>
              <Text>{t('admin.merges.movedKeys', { count: done.result.moved.keys })}</Text>
              {done.result.moved.tasks > 0 && <Text>{t('admin.merges.movedTasks', { count: done.result.moved.tasks })}</Text>}
              {done.result.moved.plannedActions > 0 && <Text>{t('admin.merges.movedPlanned', { count: done.result.moved.plannedActions })}</Text>}
            </div>
          </div>
        )}
      </div>
      <Title3 as="h3" id="recent-merges">{t('admin.merges.recent')}</Title3>
      {recent.isPending && <Spinner size="tiny" label={t('app.loading')} />}
      {recent.error && <Text role="alert" className={s.error}>{problemSentence(t, recent.error)}</Text>}
      <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
        <Table size="small" aria-labelledby="recent-merges">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('admin.merges.when')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.merges.kind')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.merges.mergedAway')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.merges.actionsColumn')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.merges.contactsColumn')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.merges.by')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(recent.data ?? []).map((m) => (
              <TableRow key={m.id}>
                <TableCell>{fmt.dateTime(m.at)}</TableCell>
                <TableCell>{m.kind === 'organization' ? t('admin.merges.organization') : t('admin.merges.contact')}</TableCell>
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
