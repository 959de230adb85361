/**
 * The Administration section (`/app/admin/:page`) and the dashboard (`/app/dashboard`) inside the
 * shell. Every page speaks through the core's catalogs (`admin.*` messages) and reads and writes
 * through TanStack Query over the shared API client (`useAdminApi()`).
 */
import { mergeClasses } from '@fluentui/react-components';
import type { ComponentType } from 'react';
import { Link, useParams } from 'wouter';
import { adminPath } from '../../../../shared/links';
import type { MessageId } from '../../core/i18n/catalogs';
import { useT } from '../../core/i18n/I18nProvider';
import { useShellStyles } from '../AppShell.styles';
import { Page } from '../Page';
import { AuditPage } from './AuditPage';
import { CarePlansPage } from './CarePlansPage';
import { ClassificationsPage } from './ClassificationsPage';
import { ConversationsPage } from './ConversationsPage';
import { DashboardPage } from './DashboardPage';
import { HandoverPage } from './HandoverPage';
import { ImportPage } from './ImportPage';
import { MergesPage } from './MergesPage';
import { ProductsPage } from './ProductsPage';
import { StagesPage } from './StagesPage';
import { UsersPage } from './UsersPage';

export const ADMIN_PAGES: ReadonlyArray<{ id: string; label: MessageId; Component: ComponentType }> = [
  { id: 'import', label: 'admin.tab.import', Component: ImportPage },
  { id: 'care-plans', label: 'admin.tab.carePlans', Component: CarePlansPage },
  { id: 'products', label: 'admin.tab.products', Component: ProductsPage },
  { id: 'stages', label: 'admin.tab.stages', Component: StagesPage },
  { id: 'users', label: 'admin.tab.users', Component: UsersPage },
  { id: 'handover', label: 'admin.tab.handover', Component: HandoverPage },
  { id: 'classifications', label: 'admin.tab.classifications', Component: ClassificationsPage },
  { id: 'merges', label: 'admin.tab.merges', Component: MergesPage },
  { id: 'conversations', label: 'admin.tab.conversations', Component: ConversationsPage },
  { id: 'audit', label: 'admin.tab.audit', Component: AuditPage },
];

export function AdminSection() {
  const t = useT();
  const s = useShellStyles();
  const { page = '' } = useParams<{ page: string }>();
  const current = ADMIN_PAGES.find((p) => p.id === page);
  return (
    <Page title={current ? t('admin.pageTitle', { page: t(current.label) }) : t('app.page.admin')}>
      <nav aria-label={t('admin.nav')}>
        <ul className={s.subNav}>
          {ADMIN_PAGES.map((p) => (
            <li key={p.id}>
              <Link href={adminPath(p.id)} aria-current={p.id === page ? 'page' : undefined} className={mergeClasses(s.navLink, p.id === page && s.navLinkActive)}>
                {t(p.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current ? <current.Component /> : <p>{t('app.notFound')}</p>}
    </Page>
  );
}

export function DashboardSection() {
  const t = useT();
  return (
    <Page title={t('app.page.dashboard')}>
      <DashboardPage />
    </Page>
  );
}
