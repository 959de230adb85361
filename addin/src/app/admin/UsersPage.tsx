/** Users and roles: who may use Asiakkuus; an administrator changes a role or adds (provisions) a person before their first sign-in. */
import {
  Button, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminUser } from '../../../../shared/contract';
import { ROLES, type Role } from '../../../../shared/domain/codes';
import { useAdminStyles } from './admin.styles';
import { useAdmin } from './AdminContext';
import type { Messages } from './messages';
import { useAsync } from './useAsync';

type Status = { ok: boolean; text: string } | null;
const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
export const roleLabel = (t: Messages, role: Role): string => t[`role_${role}`];

function UserRow({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const [status, setStatus] = useState<Status>(null);
  async function changeRole(role: Role) {
    setStatus(null);
    try {
      await api.updateUser(user.id, { role });
      setStatus({ ok: true, text: t.roleChanged });
      onChanged();
    } catch (e) {
      setStatus({ ok: false, text: errorText(e) });
    }
  }
  return (
    <TableRow>
      <TableCell>{user.name}</TableCell>
      <TableCell>{user.email}</TableCell>
      <TableCell>{user.department ?? ''}</TableCell>
      <TableCell>{user.signedIn ? t.yes : t.no}</TableCell>
      <TableCell>
        <Select value={user.role} aria-label={`${t.role}: ${user.name}`} onChange={(_, d) => void changeRole(d.value as Role)}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(t, r)}</option>)}
        </Select>
        {status && <Text role="status" className={status.ok ? s.ok : s.error}>{status.text}</Text>}
      </TableCell>
    </TableRow>
  );
}

function AddUserForm({ onAdded }: { onAdded: () => void }) {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const empty = { email: '', name: '', department: '', role: 'account_manager' as Role };
  const [draft, setDraft] = useState(empty);
  const [status, setStatus] = useState<Status>(null);
  async function submit() {
    setStatus(null);
    try {
      await api.provisionUser({ email: draft.email, name: draft.name, role: draft.role, department: draft.department.trim() || null });
      setStatus({ ok: true, text: `${t.added}: ${draft.email}` });
      setDraft(empty);
      onAdded();
    } catch (e) {
      setStatus({ ok: false, text: errorText(e) });
    }
  }
  return (
    <form className={s.form} aria-labelledby="add-user-title" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Title3 as="h3" id="add-user-title">{t.addUser}</Title3>
      <Field label={t.email} required>
        <Input type="email" value={draft.email} onChange={(_, d) => setDraft((v) => ({ ...v, email: d.value }))} required />
      </Field>
      <Field label={t.name} required>
        <Input value={draft.name} onChange={(_, d) => setDraft((v) => ({ ...v, name: d.value }))} required />
      </Field>
      <Field label={t.department}>
        <Input value={draft.department} onChange={(_, d) => setDraft((v) => ({ ...v, department: d.value }))} />
      </Field>
      <Field label={t.role}>
        <Select value={draft.role} onChange={(_, d) => setDraft((v) => ({ ...v, role: d.value as Role }))}>
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(t, r)}</option>)}
        </Select>
      </Field>
      <div className={s.row}>
        <Button appearance="primary" type="submit">{t.add}</Button>
        {status && <Text role="status" className={status.ok ? s.ok : s.error}>{status.text}</Text>}
      </div>
    </form>
  );
}

export function UsersPage() {
  const { api, t } = useAdmin();
  const s = useAdminStyles();
  const users = useAsync(() => api.adminUsers(), []);
  return (
    <section className={s.section} aria-labelledby="users-title">
      <Title3 id="users-title">{t.users}</Title3>
      {users.error && <Text role="alert" className={s.error}>{users.error}</Text>}
      <div className={s.tableWrap}>
        <Table size="small" aria-label={t.users}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.name}</TableHeaderCell>
              <TableHeaderCell>{t.email}</TableHeaderCell>
              <TableHeaderCell>{t.department}</TableHeaderCell>
              <TableHeaderCell>{t.signedInYet}</TableHeaderCell>
              <TableHeaderCell>{t.role}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(users.data ?? []).map((u) => <UserRow key={u.id} user={u} onChanged={users.reload} />)}
          </TableBody>
        </Table>
      </div>
      <AddUserForm onAdded={users.reload} />
    </section>
  );
}
