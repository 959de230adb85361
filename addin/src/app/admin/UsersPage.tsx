/** Users and roles: who may use Asiakkuus; an administrator changes a role or adds (provisions) a person before their first sign-in. */
import {
  Button, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AdminUser } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain/codes';
import { ApiError } from '../../api/errors';
import { useAdminApi } from '../../core/AdminApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, problemSentence, problemText } from '../common/errors';
import { useAdminStyles } from './admin.styles';
import { LoadState } from './LoadState';
import { ADMIN_KEYS } from './queries';

function UserRow({ user }: { user: AdminUser }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const change = useMutation({
    mutationFn: (role: Role) => api.updateUser(user.id, { role }),
    onSuccess: () => Promise.all([queries.invalidateQueries({ queryKey: ADMIN_KEYS.users }), queries.invalidateQueries({ queryKey: ADMIN_KEYS.people })]),
  });
  return (
    <TableRow>
      <TableCell>{user.name}</TableCell>
      <TableCell>{user.email}</TableCell>
      <TableCell>{user.department ?? ''}</TableCell>
      <TableCell>{user.signedIn ? t('admin.users.yes') : t('admin.users.no')}</TableCell>
      <TableCell>
        <Select value={user.role} aria-label={t('admin.users.roleOf', { name: user.name })} disabled={change.isPending} onChange={(_, d) => change.mutate(d.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{labels.role(r)}</option>)}
        </Select>
        <div role="status">
          {change.isSuccess && <Text className={s.ok}>{t('admin.users.roleChanged')}</Text>}
          {change.error && <Text className={s.error}>{problemSentence(t, change.error)}</Text>}
        </div>
      </TableCell>
    </TableRow>
  );
}

function AddUserForm() {
  const t = useT();
  const labels = useCodeLabels();
  const s = useAdminStyles();
  const api = useAdminApi();
  const queries = useQueryClient();
  const empty = { email: '', name: '', department: '', role: 'account_manager' as Role };
  const [draft, setDraft] = useState(empty);
  const add = useMutation({
    mutationFn: () => api.provisionUser({ email: draft.email, name: draft.name, role: draft.role, department: draft.department.trim() || null }),
    onSuccess: async () => {
      setDraft(empty);
      await Promise.all([queries.invalidateQueries({ queryKey: ADMIN_KEYS.users }), queries.invalidateQueries({ queryKey: ADMIN_KEYS.people })]);
    },
  });
  const edit = (next: Partial<typeof empty>) => {
    setDraft((v) => ({ ...v, ...next }));
    if (!add.isPending) add.reset();
  };
  const generalError = add.error && !(add.error instanceof ApiError && add.error.fields.length > 0) ? problemText(t, add.error) : null;
  return (
    <form className={s.form} aria-labelledby="add-user-title" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
      <Title3 as="h3" id="add-user-title">{t('admin.users.addTitle')}</Title3>
      <Field label={t('admin.users.email')} required validationMessage={fieldProblem(t, add.error, 'email')}>
        <Input type="email" value={draft.email} onChange={(_, d) => edit({ email: d.value })} required />
      </Field>
      <Field label={t('admin.users.name')} required validationMessage={fieldProblem(t, add.error, 'name')}>
        <Input value={draft.name} onChange={(_, d) => edit({ name: d.value })} required />
      </Field>
      <Field label={t('admin.users.department')} validationMessage={fieldProblem(t, add.error, 'department')}>
        <Input value={draft.department} onChange={(_, d) => edit({ department: d.value })} />
      </Field>
      <Field label={t('admin.users.role')} validationMessage={fieldProblem(t, add.error, 'role')}>
        <Select value={draft.role} onChange={(_, d) => edit({ role: d.value as Role })}>
          {ROLES.map((r) => <option key={r} value={r}>{labels.role(r)}</option>)}
        </Select>
      </Field>
      <div className={s.row}>
        <Button appearance="primary" type="submit" disabled={add.isPending}>{t('admin.users.add')}</Button>
        <div role="status">
          {add.isSuccess && <Text className={s.ok}>{t('admin.users.added', { email: add.data.email })}</Text>}
          {generalError && <Text className={s.error}>{generalError}</Text>}
        </div>
      </div>
    </form>
  );
}

export function UsersPage() {
  const t = useT();
  const s = useAdminStyles();
  const api = useAdminApi();
  const users = useQuery({ queryKey: ADMIN_KEYS.users, queryFn: () => api.adminUsers() });
  return (
    <section className={s.section} aria-labelledby="users-title">
      <Title3 as="h2" id="users-title">{t('admin.users.title')}</Title3>
      <LoadState query={users} />
      <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
        <Table size="small" aria-labelledby="users-title">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('admin.users.name')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.users.email')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.users.department')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.users.signedIn')}</TableHeaderCell>
              <TableHeaderCell>{t('admin.users.role')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(users.data ?? []).map((u) => <UserRow key={u.id} user={u} />)}
          </TableBody>
        </Table>
      </div>
      <AddUserForm />
    </section>
  );
}
