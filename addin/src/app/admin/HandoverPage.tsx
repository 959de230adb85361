/**
 * Hand-over: a leaving manager's customers (responsible and backup) go to another person in one step;
 * below it, the responsible and backup managers of chosen customers (./ManagerAssignments.tsx).
 */
import { Button, Field, Select, Text, Title3 } from '@fluentui/react-components';
import { useState } from 'react';
import type { HandoverResult } from '../../../../shared/contract-admin';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import { ManagerAssignments } from './ManagerAssignments';
import { useAsync } from './useAsync';

export function HandoverPage() {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const users = useAsync(() => api.users(), []);
  const [fromId, setFromId] = useState('');
  const [toId, setToId] = useState('');
  const [backupId, setBackupId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<HandoverResult | null>(null);
  const options = (users.data ?? []).map((u) => <option key={u.id} value={u.id}>{`${u.name} (${u.email})`}</option>);

  async function submit() {
    setError(null);
    setResult(null);
    if (fromId === toId || fromId === backupId) return setError(t.mustDiffer);
    setBusy(true);
    try {
      setResult(await api.handOver({ fromUserId: fromId, toUserId: toId, ...(backupId ? { backupToUserId: backupId } : {}) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
    <section className={s.section} aria-labelledby="handover-title">
      <Title3 id="handover-title">{t.handoverTitle}</Title3>
      {users.error && <Text role="alert" className={s.error}>{users.error}</Text>}
      <form className={s.form} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <Field label={t.leavingManager} required>
          <Select value={fromId} onChange={(_, d) => setFromId(d.value)} required>
            <option value="">{t.choose}</option>
            {options}
          </Select>
        </Field>
        <Field label={t.receivingManager} required>
          <Select value={toId} onChange={(_, d) => setToId(d.value)} required>
            <option value="">{t.choose}</option>
            {options}
          </Select>
        </Field>
        <Field label={t.backupManager}>
          <Select value={backupId} onChange={(_, d) => setBackupId(d.value)}>
            <option value="">{t.sameAsReceiving}</option>
            {options}
          </Select>
        </Field>
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={busy || !fromId || !toId}>{t.handOver}</Button>
        </div>
      </form>
      <div role="status" aria-live="polite" data-testid="handover-result">
        {error && <Text className={s.error}>{error}</Text>}
        {result && (
          <div className={s.summary}>
            <Text weight="semibold" className={s.ok}>{t.handoverDone}.</Text>
            <Text>{t.responsibleMoved}: <strong>{result.responsibleChanged}</strong></Text>
            <Text>{t.backupMoved}: <strong>{result.backupChanged}</strong></Text>
            <Text>{t.backupCleared}: <strong>{result.backupCleared}</strong></Text>
          </div>
        )}
      </div>
    </section>
    <ManagerAssignments users={users.data ?? []} />
    </>
  );
}
