/** The admin web app: sign-in, then tabs by role (administrators: every page; management: the dashboard). */
import { Button, Field, Input, Tab, TabList, Text, Title2 } from '@fluentui/react-components';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../../../../shared/contract';
import { useAdminStyles } from './admin.styles';
import { AdminProvider, type AdminServices } from './AdminContext';
import { createAdminApi, type AdminTokenSource } from '../../api/adminApi';
import { loadAppConfig, type AppConfig } from '../../config/appConfig';
import { ADMIN_PAGE_PATH, createBrowserTokenSource, type BrowserTokenSource } from '../../auth/browser';
import { loadMsal } from '../../auth/loadMsal';
import type { EntraClientSettings } from '../../auth/msal';
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

function DevSignIn({ t, onToken }: { t: Messages; onToken: (token: string) => void }) {
  const s = useAdminStyles();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
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

/** Entra ID: the button is the user's click, so the browser lets MSAL open its sign-in popup. */
function EntraSignIn({ t, source, problem, onSignedIn }: { t: Messages; source: BrowserTokenSource; problem: string | null; onSignedIn: () => void }) {
  const s = useAdminStyles();
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  async function signIn() {
    setError(false);
    setBusy(true);
    try {
      await source.getToken();
      onSignedIn();
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className={s.row}>
      <Text>{t.entraSignIn}</Text>
      <Button appearance="primary" disabled={busy} onClick={() => void signIn()}>{t.signInMicrosoft}</Button>
      {(error || problem) && <Text role="alert" className={s.error}>{error ? t.signInFailed : problem}</Text>}
    </div>
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

export interface AppProps {
  t: Messages;
  language: Language;
  locale: string;
  /** The server's /config.json (injected in tests). */
  loadConfig?: () => Promise<AppConfig>;
  /** Entra ID sign-in for the published settings (injected in tests). */
  entraSource?: (settings: EntraClientSettings) => BrowserTokenSource;
}

const defaultEntraSource = (settings: EntraClientSettings) =>
  createBrowserTokenSource({ settings, loadMsal: () => loadMsal(), redirectUri: `${window.location.origin}${ADMIN_PAGE_PATH}` });

export function App({ t, language, locale, loadConfig = () => loadAppConfig((i, init) => window.fetch(i, init)), entraSource = defaultEntraSource }: AppProps) {
  const s = useAdminStyles();
  const config = useAsync(loadConfig, []);
  const settings = config.data?.authMode === 'entra' ? config.data.entra ?? null : null;
  const entra = useMemo(() => (settings ? entraSource(settings) : null), [settings, entraSource]);
  const [devToken, setDevToken] = useState<string | null>(() => sessionStorage.getItem(TOKEN_KEY));
  /** Entra mode: whether MSAL holds an account (null while asking it). */
  const [entraSignedIn, setEntraSignedIn] = useState<boolean | null>(null);
  useEffect(() => {
    if (!entra) return;
    let live = true;
    entra.hasAccount().then((has) => live && setEntraSignedIn(has), () => live && setEntraSignedIn(false));
    return () => {
      live = false;
    };
  }, [entra]);

  const tokens = useMemo<AdminTokenSource>(() => entra ?? { getToken: () => Promise.resolve(devToken) }, [entra, devToken]);
  const services = useMemo<AdminServices>(
    () => ({ api: createAdminApi(tokens), t, language, locale, timeZone: 'Europe/Helsinki' }),
    [tokens, t, language, locale],
  );
  const active = entra ? entraSignedIn === true : config.data?.authMode === 'dev' && devToken !== null;
  const me = useAsync(() => (active ? services.api.me() : Promise.resolve(null)), [active, services]);
  const signOut = () => {
    if (entra) {
      void entra.signOut().finally(() => setEntraSignedIn(false));
    } else {
      sessionStorage.removeItem(TOKEN_KEY);
      setDevToken(null);
    }
  };

  let body: ReactNode;
  if (config.error || (config.data?.authMode === 'entra' && !settings)) body = <Text role="alert" className={s.error}>{config.error ?? t.signInFailed}</Text>;
  else if (!config.data || (entra && entraSignedIn === null)) body = <Text>{t.loading}</Text>;
  else if (!active || me.error) {
    body = entra
      ? <EntraSignIn t={t} source={entra} problem={me.error} onSignedIn={() => (entraSignedIn ? me.reload() : setEntraSignedIn(true))} />
      : <DevSignIn t={t} onToken={(tok) => { sessionStorage.setItem(TOKEN_KEY, tok); setDevToken(tok); }} />;
  } else if (me.data) body = <Signed services={services} me={me.data} onSignOut={signOut} />;
  else body = <Text>{t.loading}</Text>;

  return (
    <main className={s.page}>
      <Title2 as="h1">{t.title}</Title2>
      {body}
    </main>
  );
}
