/**
 * The web app's routes (below /app) and who may see them: the one table the navigation and the
 * router both read. A new page adds one entry here (and its `app.nav.*`/`app.page.*` messages).
 */
import { Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import type { User } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/codes';
import { adminPath, campaignsPath, customersPath, dashboardPath, desktopPath, ordersPath, outboxPath, pipelinePath, reportsPath, selectionsPath, surveysPath, tasksPath } from '../../../shared/links';
import type { MessageId } from '../core/i18n/catalogs';
import { useT } from '../core/i18n/I18nProvider';
import { AdminSection, DashboardSection } from './admin/AdminSection';
import { CampaignPage, CampaignsPage } from './campaigns/CampaignsPage';
import { MailingPage } from './campaigns/MailingPage';
import { OutboxPage } from './campaigns/OutboxPage';
import { ContactPage } from './customers/ContactPage';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { Page } from './Page';
import { DesktopPage } from './desk/DesktopPage';
import { OrdersPage } from './orders/OrdersPage';
import { OfferPage } from './pipeline/OfferPage';
import { OpportunityPage } from './pipeline/OpportunityPage';
import { PipelinePage } from './pipeline/PipelinePage';
import { ReportsPage } from './reports/ReportsPage';
import { SelectionPage, SelectionsPage } from './selections/SelectionsPage';
import { SurveyPage, SurveysPage } from './surveys/SurveysPage';
import { TaskPage, TasksPage } from './tasks/TasksPage';

const EVERYONE: readonly Role[] = ['account_manager', 'management', 'admin'];

export interface NavItem {
  path: string;
  label: MessageId;
  roles: readonly Role[];
  /** Shown only where the server has a development outbox (`GET /dev/outbox` answers `enabled: true`). */
  devOutbox?: boolean;
}

/** The main navigation, in order. */
export const NAV: readonly NavItem[] = [
  { path: desktopPath(), label: 'app.nav.desktop', roles: EVERYONE },
  { path: customersPath(), label: 'app.nav.customers', roles: EVERYONE },
  { path: tasksPath(), label: 'app.nav.tasks', roles: EVERYONE },
  { path: pipelinePath(), label: 'app.nav.pipeline', roles: EVERYONE },
  { path: ordersPath(), label: 'app.nav.orders', roles: EVERYONE },
  { path: selectionsPath(), label: 'app.nav.selections', roles: EVERYONE },
  { path: campaignsPath(), label: 'app.nav.campaigns', roles: EVERYONE },
  { path: surveysPath(), label: 'app.nav.surveys', roles: EVERYONE },
  { path: dashboardPath(), label: 'app.nav.dashboard', roles: ['management', 'admin'] },
  { path: reportsPath(), label: 'app.nav.reports', roles: ['management', 'admin'] },
  { path: adminPath(), label: 'app.nav.admin', roles: ['admin'] },
  { path: outboxPath(), label: 'app.nav.outbox', roles: EVERYONE, devOutbox: true },
];

export const navFor = (role: Role, devOutbox = false) => NAV.filter((item) => item.roles.includes(role) && (!item.devOutbox || devOutbox));

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
      <Route path="/orders"><OrdersPage me={me} /></Route>
      <Route path="/opportunities/:id"><OpportunityPage me={me} /></Route>
      <Route path="/offers/:id"><OfferPage me={me} /></Route>
      <Route path="/selections"><SelectionsPage me={me} /></Route>
      <Route path="/selections/:id"><SelectionPage me={me} /></Route>
      <Route path="/campaigns"><CampaignsPage me={me} /></Route>
      <Route path="/campaigns/:id"><CampaignPage me={me} /></Route>
      <Route path="/mailings/:id"><MailingPage me={me} /></Route>
      <Route path="/surveys"><SurveysPage me={me} /></Route>
      <Route path="/surveys/:id"><SurveyPage me={me} /></Route>
      <Route path="/outbox"><OutboxPage /></Route>
      <Route path="/dashboard"><Allowed me={me} roles={staff}><DashboardSection /></Allowed></Route>
      <Route path="/reports"><Allowed me={me} roles={staff}><ReportsPage /></Allowed></Route>
      <Route path="/admin"><Redirect to="/admin/import" replace /></Route>
      <Route path="/admin/:page"><Allowed me={me} roles={['admin']}><AdminSection /></Allowed></Route>
      <Route><NotFound /></Route>
    </Switch>
  );
}
