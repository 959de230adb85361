import type { User } from '../../../../shared/contract';
import { useT } from '../../core/i18n/I18nProvider';

/** The people a picker offers, each as "name (email)" (two people may share a name). */
export function PeopleOptions({ users }: { users: readonly User[] }) {
  const t = useT();
  return <>{users.map((u) => <option key={u.id} value={u.id}>{t('admin.userOption', { name: u.name, email: u.email })}</option>)}</>;
}
