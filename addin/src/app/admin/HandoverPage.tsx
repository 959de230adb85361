/**
 * Hand-over: a leaving manager's customers (responsible and backup) go to another person in one step;
 * below it, the responsible and backup managers of chosen customers (./ManagerAssignments.tsx).
 */
import { Button, Field, Select, Text, Title3 } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAdminApi } from '../../core/AdminApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { ManagerAssignments } from './ManagerAssignments';
import { PeopleOptions } from './PeopleOptions';
import { ADMIN_KEYS } from './queries';

export function HandoverPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const users = useQuery({ queryKey: ADMIN_KEYS.people, queryFn: () => api.users() });
  const [fromId, setFromId] = useState('');
  const [toId, setToId] = useState('');
  const [backupId, setBackupId] = useState('');
  const [mistake, setMistake] = useState<string | null>(null);
  const handOver = useMutation({
    mutationFn: () => api.handOver({ fromUserId: fromId, toUserId: toId, ...(backupId ? { backupToUserId: backupId } : {}) }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ADMIN_KEYS.dashboard }),
  });

  function submit() {
    setMistake(null);
    handOver.reset();
    if (fromId === toId || fromId === backupId) return setMistake(t('admin.handover.mustDiffer'));
    handOver.mutate();
  }

  const people = <PeopleOptions users={users.data ?? []} />;
  const result = handOver.data;
  return (
    <>
      <section className={s.section} aria-labelledby="handover-title">
        <Title3 as="h2" id="handover-title">{t('admin.handover.title')}</Title3>
        <LoadState query={users} />
        <form className={s.form} onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <Field label={t('admin.handover.leaving')} required>
            <Select value={fromId} onChange={(_, d) => setFromId(d.value)} required>
              <option value="">{t('admin.handover.choose')}</option>
              {people}
            </Select>
          </Field>
          <Field label={t('admin.handover.receiving')} required>
            <Select value={toId} onChange={(_, d) => setToId(d.value)} required>
              <option value="">{t('admin.handover.choose')}</option>
              {people}
            </Select>
          </Field>
          <Field label={t('admin.handover.backup')}>
            <Select value={backupId} onChange={(_, d) => setBackupId(d.value)}>
              <option value="">{t('admin.handover.sameAsReceiving')}</option>
              {people}
            </Select>
          </Field>
          <div className={s.row}>
            <Button appearance="primary" type="submit" disabled={handOver.isPending || !fromId || !toId}>{t('admin.handover.submit')}</Button>
          </div>
        </form>
        <div role="status" aria-live="polite" data-testid="handover-result">
          {mistake && <Text className={s.error}>{mistake}</Text>}
          {handOver.error && <Text className={s.error}>{problemSentence(t, handOver.error)}</Text>}
          {result && (
            <div className={s.summary}>
              <Text weight="semibold" className={s.ok}>{t('admin.handover.done')}</Text>
              <Text>{t('admin.handover.responsibleMoved', { count: result.responsibleChanged })}</Text>
              <Text>{t('admin.handover.backupMoved', { count: result.backupChanged })}</Text>
              <Text>{t('admin.handover.backupCleared', { count: result.backupCleared })}</Text>
            </div>
          )}
        </div>
      </section>
      <ManagerAssignments users={users.data ?? []} />
    </>
  );
}
