/**
 * The Administration section (`/app/admin/:page`) and the dashboard (`/app/dashboard`): the
 * former admin pages inside the shell. They still speak through their own catalog (./messages.ts)
 * and `useAsync`, but every call goes through the shared API client (`useApi().admin`).
 */
import { mergeClasses } from '@fluentui/react-components';
import { useMemo, type ComponentType, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { adminPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { useShellStyles } from '../AppShell.styles';
import { Page } from '../Page';
import { AdminProvider, type AdminServices } from './AdminContext';
import { CarePlansPage } from './CarePlansPage';
import { ClassificationsPage } from './ClassificationsPage';
import { DashboardPage } from './DashboardPage';
import { HandoverPage } from './HandoverPage';
import { ImportPage } from './ImportPage';
import { MergesPage } from './MergesPage';
import { UsersPage } from './UsersPage';
import { CATALOGS, type Messages } from './messages';

export const ADMIN_PAGES: ReadonlyArray<{ id: string; label: keyof Messages; Component: ComponentType }> = [
  { id: 'import', label: 'tabImport', Component: ImportPage },
  { id: 'care-plans', label: 'tabCarePlans', Component: CarePlansPage },
  { id: 'users', label: 'tabUsers', Component: UsersPage },
  { id: 'handover', label: 'tabHandover', Component: HandoverPage },
  { id: 'classifications', label: 'tabClassifications', Component: ClassificationsPage },
  { id: 'merges', label: 'tabMerges', Component: MergesPage },
];

function OldAdminServices({ children }: { children: ReactNode }) {
  const { admin } = useApi();
  const { language, locale } = useLanguage();
  const value = useMemo<AdminServices>(() => ({ api: admin, t: CATALOGS[language], language, locale, timeZone: 'Europe/Helsinki' }), [admin, language, locale]);
  return <AdminProvider value={value}>{children}</AdminProvider>;
}

export function AdminSection() {
  const t = useT();
  const s = useShellStyles();
  const { language } = useLanguage();
  const old = CATALOGS[language];
  const { page = '' } = useParams<{ page: string }>();
  const current = ADMIN_PAGES.find((p) => p.id === page);
  return (
    <OldAdminServices>
      <Page title={current ? `${t('app.page.admin')}: ${String(old[current.label])}` : t('app.page.admin')}>
        <nav aria-label={t('admin.nav')}>
          <ul className={s.subNav}>
            {ADMIN_PAGES.map((p) => (
              <li key={p.id}>
                <Link href={adminPath(p.id)} aria-current={p.id === page ? 'page' : undefined} className={mergeClasses(s.navLink, p.id === page && s.navLinkActive)}>
                  {String(old[p.label])}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {current ? <current.Component /> : <p>{t('app.notFound')}</p>}
      </Page>
    </OldAdminServices>
  );
}

export function DashboardSection() {
  const t = useT();
  return (
    <OldAdminServices>
      <Page title={t('app.page.dashboard')}>
        <DashboardPage />
      </Page>
    </OldAdminServices>
  );
}
