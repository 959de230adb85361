/**
 * The web app's routes (below /app) and who may see them: the one table the navigation and the
 * router both read. A new page adds one entry here (and its `app.nav.*`/`app.page.*` messages).
 */
import { Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import type { User } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/codes';
import { adminPath, customersPath, dashboardPath, desktopPath, pipelinePath, tasksPath } from '../../../shared/links';
import type { MessageId } from '../core/i18n/catalogs';
import { useT } from '../core/i18n/I18nProvider';
import { AdminSection, DashboardSection } from './admin/AdminSection';
import { ContactPage } from './customers/ContactPage';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { Page } from './Page';
import { DesktopPage } from './desk/DesktopPage';
import { PipelinePage } from './pipeline/PipelinePage';
import { TaskPage, TasksPage } from './tasks/TasksPage';

const EVERYONE: readonly Role[] = ['account_manager', 'management', 'admin'];

export interface NavItem {
  path: string;
  label: MessageId;
  roles: readonly Role[];
}

/** The main navigation, in order. */
export const NAV: readonly NavItem[] = [
  { path: desktopPath(), label: 'app.nav.desktop', roles: EVERYONE },
  { path: customersPath(), label: 'app.nav.customers', roles: EVERYONE },
  { path: tasksPath(), label: 'app.nav.tasks', roles: EVERYONE },
  { path: pipelinePath(), label: 'app.nav.pipeline', roles: EVERYONE },
  { path: dashboardPath(), label: 'app.nav.dashboard', roles: ['management', 'admin'] },
  { path: adminPath(), label: 'app.nav.admin', roles: ['admin'] },
];

export const navFor = (role: Role) => NAV.filter((item) => item.roles.includes(role));

function Forbidden() {
  const t = useT();
  return <Page title={t('app.page.notFound')}><Text>{t('app.forbidden')}</Text> <Link href="/">{t('app.toDesktop')}</Link></Page>;
}

function NotFound() {
  const t = useT();
  return <Page title={t('app.page.notFound')}><Text>{t('app.notFound')}</Text> <Link href="/">{t('app.toDesktop')}</Link></Page>;
}

function Allowed({ me, roles, children }: { me: User; roles: readonly Role[]; children: ReactNode }) {
  return roles.includes(me.role) ? <>{children}</> : <Forbidden />;
}

export function AppRoutes({ me }: { me: User }) {
  const staff: readonly Role[] = ['management', 'admin'];
  return (
    <Switch>
      <Route path="/"><DesktopPage me={me} /></Route>
      <Route path="/customers"><CustomersPage me={me} /></Route>
      <Route path="/customers/:id"><CustomerPage me={me} /></Route>
      <Route path="/contacts/:id"><ContactPage me={me} /></Route>
      <Route path="/tasks"><TasksPage me={me} /></Route>
      <Route path="/tasks/:id"><TaskPage me={me} /></Route>
      <Route path="/pipeline"><PipelinePage me={me} /></Route>
      <Route path="/dashboard"><Allowed me={me} roles={staff}><DashboardSection /></Allowed></Route>
      <Route path="/admin"><Redirect to="/admin/import" replace /></Route>
      <Route path="/admin/:page"><Allowed me={me} roles={['admin']}><AdminSection /></Allowed></Route>
      <Route><NotFound /></Route>
    </Switch>
  );
}
