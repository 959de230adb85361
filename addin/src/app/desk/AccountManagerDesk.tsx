/**
 * The account manager's desktop (`GET /desk`): my customers by urgency (table on a wide screen,
 * cards on a phone) with a one-click "Log action" per customer, my open follow-ups, and what
 * colleagues did lately on my customers. What a dialog did is announced in a live region.
 */
import {
  Button, Card, MessageBar, MessageBarActions, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow,
  Text, Title2, ToggleButton,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Action, User } from '../../../../shared/contract';
import { DESK_RECENT_DAYS, DeskSchema, type DeskCustomer } from '../../../../shared/contract-desk';
import { TaskPageSchema } from '../../../../shared/contract-tasks';
import { customerPath, tasksPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { LogActionButton } from '../actions/LogActionDialog';
import { AppLink } from '../common/AppLink';
import { problemText } from '../common/errors';
import { useDialog } from '../common/useDialog';
import { useFormats } from '../common/format';
import { queryKeys } from '../common/queries';
import { ago } from '../common/relative';
import { StatusBadge } from '../common/StatusBadge';
import { Page } from '../Page';
import { TaskCards } from '../tasks/TaskCards';
import { TaskDialog } from '../tasks/TaskDialog';
import { useDeskStyles } from './desk.styles';
import { dueRuleText } from './dueRuleText';
import { SalesReminders } from './SalesReminders';

type Filter = 'all' | 'overdue' | 'due_soon';

function LoadProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{t('app.loadFailed', { problem: problemText(t, error) })}</MessageBarBody>
      <MessageBarActions><Button onClick={onRetry}>{t('app.retry')}</Button></MessageBarActions>
    </MessageBar>
  );
}

function useLogged(announce: (text: string) => void) {
  const t = useT();
  const labels = useCodeLabels();
  const fmt = useFormats();
  return (customer: string) => (action: Action) =>
    announce(action.planned
      ? t('app.action.plannedLogged', { kind: labels.actionKind(action.kind), customer, when: fmt.dateTime(action.occurredAt) })
      : t('app.action.logged', { kind: labels.actionKind(action.kind), customer }));
}

function CustomersSection({ customers, onLogged }: { customers: readonly DeskCustomer[]; onLogged: (customer: string) => (action: Action) => void }) {
  const t = useT();
  const s = useDeskStyles();
  const labels = useCodeLabels();
  const fmt = useFormats();
  const [filter, setFilter] = useState<Filter>('all');
  const counts = useMemo(() => ({
    all: customers.length,
    overdue: customers.filter((c) => c.carePlan?.overall === 'overdue').length,
    due_soon: customers.filter((c) => c.carePlan?.overall === 'due_soon').length,
  }), [customers]);
  const shown = filter === 'all' ? customers : customers.filter((c) => c.carePlan?.overall === filter);
  const last = (c: DeskCustomer) => (c.lastAction
    ? t('app.desk.lastAction', { kind: labels.actionKind(c.lastAction.kind), date: fmt.date(c.lastAction.occurredAt), name: c.lastAction.loggedBy.name })
    : t('app.desk.noAction'));
  const chips: Array<[Filter, string]> = [
    ['all', t('app.desk.filter.all', { count: counts.all })],
    ['overdue', t('app.desk.filter.overdue', { count: counts.overdue })],
    ['due_soon', t('app.desk.filter.dueSoon', { count: counts.due_soon })],
  ];
  return (
    <section className={s.section} aria-labelledby="desk-customers">
      <Title2 as="h2" id="desk-customers">{t('app.desk.customers')}</Title2>
      <Text role="status" data-testid="desk-summary">{t('app.desk.summary', { total: counts.all, overdue: counts.overdue, dueSoon: counts.due_soon })}</Text>
      {customers.length === 0 ? <Text>{t('app.desk.empty')}</Text> : (
        <>
          <div role="group" aria-label={t('app.desk.filter')} className={s.filters}>
            {chips.map(([key, label]) => (
              <ToggleButton key={key} shape="circular" size="small" checked={filter === key} onClick={() => setFilter(key)}>{label}</ToggleButton>
            ))}
          </div>
          {shown.length === 0 && <Text>{t('app.desk.filteredEmpty')}</Text>}
          {shown.length > 0 && (
            <>
              <div className={s.wideOnly}>
                <Table className={s.table} aria-labelledby="desk-customers" data-testid="desk-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('app.desk.col.customer')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.segment')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.status')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.due')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.lastAction')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.tasks')}</TableHeaderCell>
                      <TableHeaderCell>{t('app.desk.col.log')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {shown.map((c) => (
                      <TableRow key={c.organization.id} data-customer={c.organization.name}>
                        <TableCell className={s.nameCell}>
                          <AppLink href={customerPath(c.organization.id)}>{c.organization.name}</AppLink>
                          {c.role === 'backup' && <Text size={200} className={s.muted}> · {t('app.desk.role.backup')}</Text>}
                        </TableCell>
                        <TableCell>{labels.segment(c.organization.segment)}</TableCell>
                        <TableCell><StatusBadge status={c.carePlan?.overall ?? null} /></TableCell>
                        <TableCell>{dueRuleText(t, labels, fmt, c)}</TableCell>
                        <TableCell>{last(c)}</TableCell>
                        <TableCell>{t('app.desk.tasks', { count: c.openTasks })}</TableCell>
                        <TableCell><LogActionButton organization={c.organization} onLogged={onLogged(c.organization.name)} buttonProps={{ size: 'small' }} /></TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              <ul className={`${s.cards} ${s.narrowOnly}`} aria-labelledby="desk-customers" data-testid="desk-cards">
                {shown.map((c) => (
                  <li key={c.organization.id} data-customer={c.organization.name}>
                    <Card className={s.card}>
                      <div className={s.cardHead}>
                        <AppLink href={customerPath(c.organization.id)} className={s.nameCell}>{c.organization.name}</AppLink>
                        <StatusBadge status={c.carePlan?.overall ?? null} />
                      </div>
                      <Text>{dueRuleText(t, labels, fmt, c)}</Text>
                      <Text size={200} className={s.muted}>{labels.segment(c.organization.segment)}{c.role === 'backup' ? ` · ${t('app.desk.role.backup')}` : ''}</Text>
                      <Text size={200}>{t('app.desk.col.lastAction')}: {last(c)}</Text>
                      <Text size={200}>{t('app.desk.col.tasks')}: {t('app.desk.tasks', { count: c.openTasks })}</Text>
                      <div><LogActionButton organization={c.organization} onLogged={onLogged(c.organization.name)} /></div>
                    </Card>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function FollowUps({ me, announce }: { me: User; announce: (text: string) => void }) {
  const t = useT();
  const s = useDeskStyles();
  const { http } = useApi();
  const newTask = useDialog();
  const filters = { assigneeId: 'me', status: 'open' };
  const tasks = useQuery({
    queryKey: queryKeys.tasks(filters),
    queryFn: ({ signal }) => http.request({ path: '/tasks', query: { ...filters, pageSize: 50 }, schema: TaskPageSchema, signal }),
  });
  return (
    <section className={s.section} aria-labelledby="desk-followups">
      <div className={s.sectionHead}>
        <Title2 as="h2" id="desk-followups">{t('app.desk.followUps')}</Title2>
        {me.role !== 'management' && <Button appearance="primary" onClick={() => newTask.show()}>{t('app.task.new')}</Button>}
      </div>
      {tasks.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {tasks.error && <LoadProblem error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data && tasks.data.items.length === 0 && <Text>{t('app.desk.noFollowUps')}</Text>}
      {/* always mounted: its dialogs outlive the card of a task just completed */}
      <TaskCards tasks={tasks.data?.items ?? []} me={me} labelledBy="desk-followups"
        onCompleted={(r) => announce(t('app.task.completed', { title: r.task.title }))}
        onSaved={(task) => announce(t('app.task.saved', { title: task.title }))} />
      <AppLink href={tasksPath()}>{t('app.desk.allTasks')}</AppLink>
      <TaskDialog {...newTask.props} onSaved={(task) => announce(t('app.task.saved', { title: task.title }))} />
    </section>
  );
}

function Recent({ recent }: { recent: ReadonlyArray<{ id: string; kind: string; occurredAt: string; loggedBy: { name: string }; organizationId: string; organizationName: string }> }) {
  const t = useT();
  const s = useDeskStyles();
  const intl = useIntl();
  const fmt = useFormats();
  return (
    <section className={s.section} aria-labelledby="desk-recent">
      <Title2 as="h2" id="desk-recent">{t('app.desk.recent')}</Title2>
      {recent.length === 0 ? <Text>{t('app.desk.noRecent', { days: DESK_RECENT_DAYS })}</Text> : (
        <ul className={s.recent} aria-labelledby="desk-recent">
          {recent.map((a) => (
            <li key={a.id} className={s.recentItem}>
              <Text>
                <FormattedMessage
                  id="app.desk.recentItem"
                  values={{
                    name: a.loggedBy.name,
                    kind: a.kind,
                    customer: <AppLink href={customerPath(a.organizationId)}>{a.organizationName}</AppLink>,
                    ago: <time dateTime={a.occurredAt} title={fmt.dateTime(a.occurredAt)}>{ago(intl, a.occurredAt)}</time>,
                  }}
                />
              </Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AccountManagerDesk({ me }: { me: User }) {
  const t = useT();
  const s = useDeskStyles();
  const { http } = useApi();
  const [notice, setNotice] = useState('');
  const desk = useQuery({ queryKey: queryKeys.desk(), queryFn: ({ signal }) => http.request({ path: '/desk', schema: DeskSchema, signal }) });
  const onLogged = useLogged(setNotice);
  return (
    <Page title={t('app.page.desktop')}>
      <div role="status" aria-live="polite" className={s.notice} data-testid="desk-notice">
        {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      </div>
      {desk.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {desk.error && <LoadProblem error={desk.error} onRetry={() => void desk.refetch()} />}
      {desk.data && <CustomersSection customers={desk.data.customers} onLogged={onLogged} />}
      <FollowUps me={me} announce={setNotice} />
      <SalesReminders />
      {desk.data && <Recent recent={desk.data.recent} />}
    </Page>
  );
}

export { LoadProblem };
