/** The admin web app: sign-in, then tabs by role (administrators: every page; management: the dashboard). */
import { Button, Field, Input, Tab, TabList, Text, Title2 } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { User } from '../../../shared/contract';
import { useAdminStyles } from './admin.styles';
import { AdminProvider, type AdminServices } from './AdminContext';
import { createAdminApi } from './api';
import { CarePlansPage } from './CarePlansPage';
import { ClassificationsPage } from './ClassificationsPage';
import { DashboardPage } from './DashboardPage';
import { HandoverPage } from './HandoverPage';
import { ImportPage } from './ImportPage';
import { MergesPage } from './MergesPage';
import { UsersPage } from './UsersPage';
import type { Language, Messages } from './messages';
import { useAsync } from './useAsync';

export const TOKEN_KEY = 'asiakkuus.admin.token';
type TabId = 'import' | 'carePlans' | 'users' | 'handover' | 'classifications' | 'merges' | 'dashboard';

const ADMIN_TABS: readonly TabId[] = ['import', 'carePlans', 'users', 'handover', 'classifications', 'merges', 'dashboard'];

function SignIn({ t, onToken }: { t: Messages; onToken: (token: string) => void }) {
  const s = useAdminStyles();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const config = useAsync(() => fetch('/config.json').then((r) => r.json() as Promise<{ authMode?: string }>), []);
  if (config.data && config.data.authMode !== 'dev') return <Text>{t.entraSignIn}</Text>;
  async function submit() {
    setError(null);
    const res = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
    const body = (await res.json().catch(() => null)) as { token?: string; error?: { message: string } } | null;
    if (res.ok && body?.token) onToken(body.token);
    else setError(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (
    <form className={s.row} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <Text>{t.signInNeeded}</Text>
      <Field label={t.signInEmail}>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} required />
      </Field>
      <Button appearance="primary" type="submit">{t.signIn}</Button>
      {error && <Text role="alert" className={s.error}>{error}</Text>}
    </form>
  );
}

function Signed({ services, me, onSignOut }: { services: AdminServices; me: User; onSignOut: () => void }) {
  const s = useAdminStyles();
  const { t } = services;
  const tabs: readonly TabId[] = me.role === 'admin' ? ADMIN_TABS : ['dashboard'];
  const [tab, setTab] = useState<TabId>(tabs[0]!);
  const label: Record<TabId, string> = {
    import: t.tabImport, carePlans: t.tabCarePlans, users: t.tabUsers, handover: t.tabHandover,
    classifications: t.tabClassifications, merges: t.tabMerges, dashboard: t.tabDashboard,
  };
  return (
    <AdminProvider value={services}>
      <div className={s.header}>
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)}>
          {tabs.map((id) => <Tab key={id} value={id}>{label[id]}</Tab>)}
        </TabList>
        <div className={s.row}>
          <Text>{me.name} ({me.role})</Text>
          <Button size="small" onClick={onSignOut}>{t.signOut}</Button>
        </div>
      </div>
      {tab === 'import' && <ImportPage />}
      {tab === 'carePlans' && <CarePlansPage />}
      {tab === 'users' && <UsersPage />}
      {tab === 'handover' && <HandoverPage />}
      {tab === 'classifications' && <ClassificationsPage />}
      {tab === 'merges' && <MergesPage />}
      {tab === 'dashboard' && <DashboardPage />}
    </AdminProvider>
  );
}

export function App({ t, language, locale }: { t: Messages; language: Language; locale: string }) {
  const s = useAdminStyles();
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  const services = useMemo<AdminServices>(
    () => ({ api: createAdminApi(() => token), t, language, locale, timeZone: 'Europe/Helsinki' }),
    [token, t, language, locale],
  );
  const me = useAsync(() => (token ? services.api.me() : Promise.resolve(null)), [token]);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
  };
  return (
    <main className={s.page}>
      <Title2 as="h1">{t.title}</Title2>
      {!token || me.error ? (
        <SignIn t={t} onToken={(tok) => { sessionStorage.setItem(TOKEN_KEY, tok); setToken(tok); }} />
      ) : me.data ? (
        <Signed services={services} me={me.data} onSignOut={signOut} />
      ) : (
        <Text>{t.loading}</Text>
      )}
    </main>
  );
}
