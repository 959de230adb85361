/**
 * Responsible managers: pick customers by name search and set their responsible and/or backup
 * manager in one step (POST /api/v1/manager-assignments). Shown on the Hand-over page.
 */
import { Button, Checkbox, Field, Input, Select, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { User } from '../../../../shared/contract';
import { useAdminApi } from '../../core/AdminApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { problemSentence } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { PeopleOptions } from './PeopleOptions';
import { ADMIN_KEYS } from './queries';

interface Customer { id: string; label: string }
/** '' leaves the field as it is; NOBODY empties it; anything else is a user id. */
const NOBODY = 'nobody';
const choiceOf = (value: string): string | null | undefined => (value === '' ? undefined : value === NOBODY ? null : value);

export function ManagerAssignments({ users }: { users: readonly User[] }) {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const [q, setQ] = useState('');
  /** The search that was asked for (Enter or the button), not every keystroke. */
  const [asked, setAsked] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Customer[]>([]);
  const [responsible, setResponsible] = useState('');
  const [backup, setBackup] = useState('');
  const [mistake, setMistake] = useState<string | null>(null);
  const found = useQuery({
    queryKey: ['admin', 'organization-search', asked],
    queryFn: async () => (await api.searchOrganizations(asked ?? '')).map((o) => ({ id: o.id, label: [o.name, o.businessId, o.responsible?.name].filter(Boolean).join(' · ') })),
    enabled: asked !== null,
  });
  const assign = useMutation({
    mutationFn: (body: Parameters<typeof api.assignManagers>[0]) => api.assignManagers(body),
    onSuccess: () => Promise.all([
      queries.invalidateQueries({ queryKey: ADMIN_KEYS.dashboard }),
      queries.invalidateQueries({ queryKey: ['admin', 'organization-search'] }),
    ]),
  });

  const search = () => { if (q.trim()) setAsked(q.trim()); };
  const isChosen = (id: string) => chosen.some((c) => c.id === id);
  const toggle = (customer: Customer, on: boolean) =>
    setChosen((list) => (on ? (list.some((c) => c.id === customer.id) ? list : [...list, customer]) : list.filter((c) => c.id !== customer.id)));

  function submit() {
    setMistake(null);
    assign.reset();
    const responsibleId = choiceOf(responsible);
    const backupId = choiceOf(backup);
    if (chosen.length === 0 || (responsibleId === undefined && backupId === undefined)) return setMistake(t('admin.assign.nothing'));
    if (responsibleId && responsibleId === backupId) return setMistake(t('admin.assign.mustDiffer'));
    assign.mutate({
      organizationIds: chosen.map((c) => c.id),
      ...(responsibleId !== undefined ? { responsibleId } : {}),
      ...(backupId !== undefined ? { backupId } : {}),
    });
  }

  const people = <PeopleOptions users={users} />;
  const result = assign.data;
  return (
    <section className={s.section} aria-labelledby="assign-title">
      <Title3 as="h2" id="assign-title">{t('admin.assign.title')}</Title3>
      <Text>{t('admin.assign.intro')}</Text>
      <div className={s.row}>
        <Field label={t('admin.assign.search')}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); search(); } }} />
        </Field>
        <Button onClick={search} disabled={!q.trim()}>{t('admin.assign.searchButton')}</Button>
      </div>
      {found.isFetching && <Spinner size="tiny" label={t('app.loading')} />}
      {found.error && <Text role="alert" className={s.error}>{problemSentence(t, found.error)}</Text>}
      {found.data && found.data.length === 0 && <Text className={s.muted}>{t('admin.assign.noMatches')}</Text>}
      {found.data && found.data.length > 0 && (
        <div role="group" aria-label={t('admin.assign.found')} className={s.choices}>
          {found.data.map((c) => <Checkbox key={c.id} label={c.label} checked={isChosen(c.id)} onChange={(_, d) => toggle(c, d.checked === true)} />)}
        </div>
      )}
      <div role="group" aria-label={t('admin.assign.chosen')} className={s.choices}>
        <Text weight="semibold">{t('admin.assign.chosenCount', { count: chosen.length })}</Text>
        {chosen.length === 0 && <Text className={s.muted}>{t('admin.assign.noneChosen')}</Text>}
        {chosen.map((c) => <Checkbox key={c.id} label={c.label} checked onChange={() => toggle(c, false)} />)}
      </div>
      <form className={s.form} onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Field label={t('admin.assign.responsible')}>
          <Select value={responsible} onChange={(_, d) => setResponsible(d.value)}>
            <option value="">{t('admin.assign.noChange')}</option>
            <option value={NOBODY}>{t('admin.assign.nobody')}</option>
            {people}
          </Select>
        </Field>
        <Field label={t('admin.assign.backup')}>
          <Select value={backup} onChange={(_, d) => setBackup(d.value)}>
            <option value="">{t('admin.assign.noChange')}</option>
            <option value={NOBODY}>{t('admin.assign.nobody')}</option>
            {people}
          </Select>
        </Field>
        <div className={s.row}>
          <Button appearance="primary" type="submit" disabled={assign.isPending}>{t('admin.assign.submit')}</Button>
        </div>
      </form>
      <div role="status" aria-live="polite" data-testid="assign-result">
        {mistake && <Text className={s.error}>{mistake}</Text>}
        {assign.error && <Text className={s.error}>{problemSentence(t, assign.error)}</Text>}
        {result && (
          <div className={s.summary}>
            <Text weight="semibold" className={s.ok}>{t('admin.assign.done')}</Text>
            <Text>{t('admin.assign.matched', { count: result.matched })}</Text>
            <Text>{t('admin.assign.changed', { count: result.changed })}</Text>
          </div>
        )}
      </div>
    </section>
  );
}
