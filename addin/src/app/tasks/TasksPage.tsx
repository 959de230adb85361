/**
 * `/app/tasks`: open and done tasks (tabs), the user's own; management and administrators may pick
 * whose. `/app/tasks/:id`: one task with complete / reopen / edit / delete for whoever may change it
 * (management reads only; the server's 403 stays the truth).
 */
import {
  Badge, Button, Card, DialogActions, DialogBody, DialogContent, DialogTitle, DialogTrigger,
  Field, makeStyles, MessageBar, MessageBarBody, Select, Tab, TabList, Text, tokens,
} from '@fluentui/react-components';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import { TaskPageSchema, TaskSchema, type Task } from '../../../../shared/contract-tasks';
import { contactPath, customerPath, tasksPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { AppDialog } from '../common/AppDialog';
import { problemText } from '../common/errors';
import { useDialog } from '../common/useDialog';
import { useFormats } from '../common/format';
import { invalidateCustomerWork, queryKeys, useAssignees } from '../common/queries';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { CompleteTaskDialog } from './CompleteTaskDialog';
import { TaskCards } from './TaskCards';
import { TaskDialog } from './TaskDialog';
import { dueText, mayKeep } from './taskText';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  details: { display: 'grid', gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0, '@media (max-width: 479px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  term: { fontWeight: tokens.fontWeightSemibold },
  def: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  live: { minHeight: 0 },
});

export function TasksPage({ me }: { me: User }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [assigneeId, setAssigneeId] = useState<string>('me');
  const newTask = useDialog();
  const [notice, setNotice] = useState('');
  const { assignees } = useAssignees(me);
  const mayPick = me.role !== 'account_manager';
  const filters = { assigneeId, status };
  const tasks = useInfiniteQuery({
    // its own key: the desktop's plain query of the same filters caches one page, not pages
    queryKey: [...queryKeys.tasks(filters), 'pages'],
    initialPageParam: 1,
    queryFn: ({ pageParam, signal }) => http.request({ path: '/tasks', query: { ...filters, page: pageParam, pageSize: 50 }, schema: TaskPageSchema, signal }),
    getNextPageParam: (last) => (last.hasMore ? last.page + 1 : undefined),
  });
  const items = tasks.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Page title={t('app.page.tasks')}>
      <div role="status" aria-live="polite" className={s.live}>
        {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      </div>
      <div className={s.bar}>
        {mayPick && (
          <Field label={t('app.tasks.whose')}>
            <Select value={assigneeId} onChange={(_, d) => setAssigneeId(d.value)}>
              <option value="me">{t('app.tasks.mine')}</option>
              {assignees.filter((a) => a.id !== me.id).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </Select>
          </Field>
        )}
        {me.role !== 'management' && <Button appearance="primary" onClick={() => newTask.show()}>{t('app.task.new')}</Button>}
      </div>
      <TabList selectedValue={status} onTabSelect={(_, d) => setStatus(d.value as 'open' | 'done')} aria-label={t('app.page.tasks')}>
        <Tab value="open">{t('app.tasks.open')}</Tab>
        <Tab value="done">{t('app.tasks.done')}</Tab>
      </TabList>
      <section className={s.section} aria-labelledby="tasks-count" role="tabpanel">
        {tasks.isLoading && <Text role="status">{t('app.loading')}</Text>}
        {tasks.error && <LoadProblem error={tasks.error} onRetry={() => void tasks.refetch()} />}
        {tasks.data && <Text id="tasks-count" role="status">{items.length === 0 ? (status === 'open' ? t('app.tasks.emptyOpen') : t('app.tasks.emptyDone')) : t('app.tasks.count', { count: items.length })}</Text>}
        {/* always mounted: its dialogs outlive the card of a task just completed */}
        <TaskCards tasks={items} me={me} showAssignee={mayPick} labelledBy="tasks-count"
          onCompleted={(r) => setNotice(t('app.task.completed', { title: r.task.title }))}
          onSaved={(task) => setNotice(t('app.task.saved', { title: task.title }))} />
        {tasks.hasNextPage && <div><Button onClick={() => void tasks.fetchNextPage()} disabled={tasks.isFetchingNextPage}>{t('app.tasks.more')}</Button></div>}
      </section>
      <TaskDialog {...newTask.props} onSaved={(task) => setNotice(t('app.task.saved', { title: task.title }))} />
    </Page>
  );
}

function DeleteTaskDialog({ open, onOpenChange, ...props }: { task: Task; open: boolean; onOpenChange: (open: boolean) => void; onDeleted: () => void }) {
  return <AppDialog open={open} onOpenChange={onOpenChange} modalType="alert"><DeleteTaskForm {...props} /></AppDialog>;
}

function DeleteTaskForm({ task, onDeleted }: { task: Task; onDeleted: () => void }) {
  const t = useT();
  const { http } = useApi();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => http.request({ method: 'DELETE', path: `/tasks/${encodeURIComponent(task.id)}`, schema: null }),
    onSuccess: async () => {
      client.removeQueries({ queryKey: queryKeys.task(task.id) });
      await invalidateCustomerWork(client, task.organization.id);
      onDeleted();
    },
  });
  return (
        <DialogBody>
          <DialogTitle>{t('app.task.deleteConfirmTitle')}</DialogTitle>
          <DialogContent>
            <Text>{t('app.task.deleteConfirm', { title: task.title })}</Text>
            {remove.error && <MessageBar intent="error" role="alert"><MessageBarBody>{problemText(t, remove.error)}</MessageBarBody></MessageBar>}
          </DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" onClick={() => remove.mutate()} disabled={remove.isPending}>{t('app.task.delete')}</Button>
            <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
          </DialogActions>
        </DialogBody>
  );
}

export function TaskPage({ me }: { me: User }) {
  const t = useT();
  const s = useStyles();
  const fmt = useFormats();
  const { http } = useApi();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const { id = '' } = useParams<{ id: string }>();
  const completeDialog = useDialog();
  const editDialog = useDialog();
  const deleteDialog = useDialog();
  const [deleted, setDeleted] = useState(false);
  // away to the list only once the dialog is closed: a dialog unmounted while open would leave the page hidden from assistive technology
  useEffect(() => {
    if (deleted && !deleteDialog.open) navigate(tasksPath());
  }, [deleted, deleteDialog.open, navigate]);
  const [notice, setNotice] = useState('');
  const task = useQuery({ queryKey: queryKeys.task(id), queryFn: ({ signal }) => http.request({ path: `/tasks/${encodeURIComponent(id)}`, schema: TaskSchema, signal }) });
  const reopen = useMutation({
    mutationFn: () => http.request({ method: 'POST', path: `/tasks/${encodeURIComponent(id)}/reopen`, schema: TaskSchema }),
    onSuccess: async (saved) => {
      client.setQueryData(queryKeys.task(id), saved);
      await invalidateCustomerWork(client, saved.organization.id);
      setNotice(t('app.task.reopened', { title: saved.title }));
    },
  });
  const data = task.data;
  const keep = data ? mayKeep(me, data) : false;
  return (
    <Page title={data ? data.title : t('app.page.task')}>
      <AppLink href={tasksPath()}>{t('app.task.back')}</AppLink>
      <div role="status" aria-live="polite" className={s.live}>
        {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
        {reopen.error && <MessageBar intent="error"><MessageBarBody>{problemText(t, reopen.error)}</MessageBarBody></MessageBar>}
      </div>
      {task.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {task.error && <LoadProblem error={task.error} onRetry={() => void task.refetch()} />}
      {data && (
        <Card>
          <dl className={s.details} aria-label={t('app.task.details')}>
            <dt className={s.term}>{t('app.tasks.col.customer')}</dt>
            <dd className={s.def}><AppLink href={customerPath(data.organization.id)}>{data.organization.name}</AppLink></dd>
            <dt className={s.term}>{t('app.task.dueOn')}</dt>
            <dd className={s.def}>
              {fmt.day(data.dueOn)}{' '}
              {data.status === 'open' && (() => {
                const due = dueText(t, fmt, data.dueOn);
                return <Badge appearance="tint" shape="rounded" color={due.overdue ? 'danger' : due.today ? 'warning' : 'informative'}>{due.text}</Badge>;
              })()}
            </dd>
            <dt className={s.term}>{t('app.desk.col.status')}</dt>
            <dd className={s.def}>
              <Badge appearance="filled" shape="rounded" color={data.status === 'done' ? 'success' : 'brand'}>{t(`app.task.status.${data.status}`)}</Badge>
              {data.status === 'done' && data.completedAt && <Text> {t('app.task.doneBy', { date: fmt.dateTime(data.completedAt), name: data.completedBy?.name ?? '' })}</Text>}
            </dd>
            <dt className={s.term}>{t('app.task.assignee')}</dt>
            <dd className={s.def}>{data.assignee.name}</dd>
            {data.contacts.length > 0 && (
              <>
                <dt className={s.term}>{t('app.action.contacts')}</dt>
                <dd className={s.def}>
                  {data.contacts.map((c, i) => <span key={c.id}>{i > 0 && ', '}<AppLink href={contactPath(c.id)}>{c.name}</AppLink></span>)}
                </dd>
              </>
            )}
            {data.note && (
              <>
                <dt className={s.term}>{t('app.task.note')}</dt>
                <dd className={s.def}>{data.note}</dd>
              </>
            )}
            <dt className={s.term}>{t('app.task.details')}</dt>
            <dd className={s.def}>
              {t('app.task.createdBy', { date: fmt.dateTime(data.createdAt), name: data.createdBy.name })}
              {data.actionId && <><br />{t('app.task.actionLogged')}</>}
            </dd>
          </dl>
          {keep ? (
            <div className={s.buttons}>
              {data.status === 'open'
                ? <Button appearance="primary" onClick={() => completeDialog.show()}>{t('app.task.complete')}</Button>
                : <Button onClick={() => reopen.mutate()} disabled={reopen.isPending}>{t('app.task.reopen')}</Button>}
              <Button onClick={() => editDialog.show()}>{t('app.task.edit')}</Button>
              <Button onClick={() => deleteDialog.show()}>{t('app.task.delete')}</Button>
            </div>
          ) : me.role === 'management' && <Text>{t('app.task.readOnly')}</Text>}
        </Card>
      )}
      {data && (
        <>
          <CompleteTaskDialog {...completeDialog.props} task={data} onCompleted={(r) => setNotice(t('app.task.completed', { title: r.task.title }))} />
          <TaskDialog {...editDialog.props} task={data} onSaved={(saved) => setNotice(t('app.task.saved', { title: saved.title }))} />
          <DeleteTaskDialog {...deleteDialog.props} task={data} onDeleted={() => { setDeleted(true); deleteDialog.close(); }} />
        </>
      )}
    </Page>
  );
}
