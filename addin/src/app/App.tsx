/**
 * The web app: language (remembered choice or the browser's), data layer (TanStack Query),
 * sign-in, then the shell and the routes below /app. Everything a test needs to replace
 * (config, Entra ID, the router's location) comes in as a prop.
 */
import { QueryClientProvider, useQuery, type QueryClient } from '@tanstack/react-query';
import { Text, Title1 } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Router, type BaseLocationHook } from 'wouter';
import { APP_BASE } from '../../../shared/links';
import { ApiProvider } from '../core/ApiContext';
import { useAdminApi } from '../core/AdminApiContext';
import { APP_CATALOGS } from '../core/i18n/appCatalogs';
import { rememberLanguage, webLanguage, type Language } from '../core/i18n/catalogs';
import { I18nProvider, useT } from '../core/i18n/I18nProvider';
import { createQueryClient } from '../core/queryClient';
import type { TokenSource } from '../core/tokens';
import { AppShell } from './AppShell';
import { useShellStyles } from './AppShell.styles';
import { AppRoutes } from './routes';
import { useSession, type SessionDeps } from './session';
import { SignIn } from './SignIn';

function SignedIn({ tokens, onSignOut, onRefused }: { tokens: TokenSource; onSignOut: () => void; onRefused: (problem: string) => void }) {
  const admin = useAdminApi();
  const t = useT();
  const me = useQuery({ queryKey: ['me', tokens], queryFn: () => admin.me() });
  const problem = me.error?.message ?? null;
  useEffect(() => {
    if (problem) onRefused(problem);
  }, [problem, onRefused]);
  if (!me.data) return <AppShell me={null}><Text role="status">{t('app.loading')}</Text></AppShell>;
  return <AppShell me={me.data} onSignOut={onSignOut}><AppRoutes me={me.data} /></AppShell>;
}

function Gate(deps: SessionDeps) {
  const session = useSession(deps);
  const t = useT();
  const s = useShellStyles();
  /** Why the server refused the last sign-in (shown on the sign-in page that follows). */
  const [refused, setRefused] = useState<string | null>(null);
  const signOut = session.status === 'signedIn' ? session.signOut : null;
  const onRefused = useCallback((problem: string) => {
    setRefused(problem);
    signOut?.();
  }, [signOut]);
  if (session.status === 'loading') return <AppShell me={null}><Text role="status">{t('app.loading')}</Text></AppShell>;
  if (session.status === 'broken') {
    return (
      <AppShell me={null}>
        <div className={s.page}>
          <Title1 as="h1">{t('app.signIn.title')}</Title1>
          <Text role="alert" className={s.error}>{session.problem ?? t('app.signIn.failed')}</Text>
        </div>
      </AppShell>
    );
  }
  if (session.status === 'signedOut') {
    const problem = refused;
    return (
      <AppShell me={null}>
        {session.mode === 'entra'
          ? <SignIn mode="entra" signIn={() => (setRefused(null), session.signIn())} problem={problem} />
          : <SignIn mode="dev" signIn={(email) => (setRefused(null), session.signIn(email))} problem={problem} />}
      </AppShell>
    );
  }
  return (
    <ApiProvider tokens={session.tokens}>
      <SignedIn tokens={session.tokens} onSignOut={session.signOut} onRefused={onRefused} />
    </ApiProvider>
  );
}

export interface AppProps extends SessionDeps {
  /** The language at start; by default the remembered choice or the browser's. */
  initialLanguage?: Language;
  /** The router's location (wouter's memory location in tests); the browser's history by default. */
  locationHook?: BaseLocationHook;
  queryClient?: QueryClient;
}

export function App({ initialLanguage, locationHook, queryClient, ...deps }: AppProps) {
  const [language, setLanguage] = useState<Language>(() => initialLanguage ?? webLanguage());
  const client = useMemo(() => queryClient ?? createQueryClient(), [queryClient]);
  const change = useCallback((next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  }, []);
  return (
    <I18nProvider catalogs={APP_CATALOGS} language={language} onLanguageChange={change}>
      <QueryClientProvider client={client}>
        <Router base={locationHook ? '' : APP_BASE} {...(locationHook ? { hook: locationHook } : {})}>
          <Gate {...deps} />
        </Router>
      </QueryClientProvider>
    </I18nProvider>
  );
}
