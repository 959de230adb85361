/**
 * Responsible managers: pick customers by name search and set their responsible and/or backup
 * manager in one step (POST /api/v1/manager-assignments). Shown on the Hand-over page.
 */
import { Button, Checkbox, Field, Input, Select, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';

interface Customer { id: string; label: string }
/** '' leaves the field as it is; NOBODY empties it; anything else is a user id. */
const NOBODY = 'nobody';
const choiceOf = (value: string): string | null | undefined => (value === '' ? undefined : value === NOBODY ? null : value);

export function ManagerAssignments({ users }: { users: readonly User[] }) {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Customer[] | null>(null);
  const [chosen, setChosen] = useState<Customer[]>([]);
  const [responsible, setResponsible] = useState('');
  const [backup, setBackup] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ matched: number; changed: number } | null>(null);
  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

  async function search() {
    setError(null);
    try {
      const items = await api.searchOrganizations(q.trim());
      setFound(items.map((o) => ({ id: o.id, label: [o.name, o.businessId, o.responsible?.name].filter(Boolean).join(' · ') })));
    } catch (e) {
      setError(errorText(e));
    }
  }

  const isChosen = (id: string) => chosen.some((c) => c.id === id);
  const toggle = (customer: Customer, on: boolean) =>
    setChosen((list) => (on ? (list.some((c) => c.id === customer.id) ? list : [...list, customer]) : list.filter((c) => c.id !== customer.id)));

  async function submit() {
    setError(null);
    setResult(null);
    const responsibleId = choiceOf(responsible);
    const backupId = choiceOf(backup);
    if (chosen.length === 0 || (responsibleId === undefined && backupId === undefined)) return setError(t.assignNothing);
    if (responsibleId && responsibleId === backupId) return setError(t.mustDiffer);
    setBusy(true);
    try {
      setResult(await api.assignManagers({
        organizationIds: chosen.map((c) => c.id),
        ...(responsibleId !== undefined ? { responsibleId } : {}),
        ...(backupId !== undefined ? { backupId } : {}),
      }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const options = users.map((u) => <option key={u.id} value={u.id}>{`${u.name} (${u.email})`}</option>);
  return (
    <section className={s.section} aria-labelledby="assign-title">
      <Title3 id="assign-title">{t.assignTitle}</Title3>
      <Text>{t.assignIntro}</Text>
      <div className={s.row}>
        <Field label={t.searchByName}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void search(); } }} />
        </Field>
        <Button onClick={() => void search()} disabled={!q.trim()}>{t.search}</Button>
      </div>
      {found && found.length === 0 && <Text className={s.muted}>{t.noMatches}</Text>}
      {found && found.length > 0 && (
        <div role="group" aria-label={t.searchByName} className={s.picker}>
          {found.map((c) => <Checkbox key={c.id} label={c.label} checked={isChosen(c.id)} onChange={(_, d) => toggle(c, d.checked === true)} />)}
        </div>
      )}
      <div role="group" aria-label={t.chosenCustomers} className={s.picker}>
        <Text weight="semibold">{`${t.chosenCustomers} (${chosen.length})`}</Text>
        {chosen.length === 0 && <Text className={s.muted}>{t.noneChosen}</Text>}
        {chosen.map((c) => <Checkbox key={c.id} label={c.label} checked onChange={() => toggle(c, false)} />)}
      </div>
      <form className={s.form} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t.responsibleManager}>
          <Select value={responsible} onChange={(_, d) => setResponsible(d.value)}>
            <option value="">{t.noChange}</option>
            <option value={NOBODY}>{t.nobody}</option>
            {options}
          </Select>
        </Field>
        <Field label={t.backupManagerOf}>
          <Select value={backup} onChange={(_, d) => setBackup(d.value)}>
            <option value="">{t.noChange}</option>
            <option value={NOBODY}>{t.nobody}</option>
            {options}
          </Select>
        </Field>
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={busy}>{t.assign}</Button>
        </div>
      </form>
      <div role="status" aria-live="polite" data-testid="assign-result">
        {error && <Text className={s.error}>{error}</Text>}
        {result && (
          <div className={s.summary}>
            <Text weight="semibold" className={s.ok}>{t.assignDone}.</Text>
            <Text>{t.customersMatched}: <strong>{result.matched}</strong></Text>
            <Text>{t.customersChanged}: <strong>{result.changed}</strong></Text>
          </div>
        )}
      </div>
    </section>
  );
}
