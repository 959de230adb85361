/**
 * Create or change a follow-up task: title, customer (given, or picked by name), contacts of that
 * customer, due day, assignee (the user by default; account managers to choose from for those who
 * may list users), note. `POST /tasks` or `PATCH /tasks/:id` with only what changed.
 */
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger,
  Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Textarea, tokens,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { User } from '../../../../shared/contract';
import { TaskSchema, type CreateTask, type Task, type UpdateTask } from '../../../../shared/contract-tasks';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { fieldProblem, otherProblems, problemText } from '../common/errors';
import { invalidateCustomerWork, useAssignees, useCustomerContacts, useMe } from '../common/queries';
import { addDays, todayIn } from '../common/time';
import { CustomerPicker, type CustomerRef } from './CustomerPicker';

export interface TaskDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The task to change; absent: a new task. */
  task?: Task;
  /** The customer of a new task; absent: the dialog has a customer picker. */
  organization?: CustomerRef;
  /** Prefill of a new task. */
  defaults?: { title?: string; dueOn?: string; contactIds?: string[]; note?: string };
  onSaved?: (task: Task) => void;
}

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  contacts: { display: 'flex', flexDirection: 'column', maxHeight: '160px', overflowY: 'auto' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const SHOWN = ['title', 'organizationId', 'contactIds', 'dueOn', 'assigneeId', 'note'];

function TaskForm({ me, task, organization, defaults, onSaved, onOpenChange }: Omit<TaskDialogProps, 'open'> & { me: User }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const client = useQueryClient();
  const contactsId = useId();
  const [title, setTitle] = useState(task?.title ?? defaults?.title ?? '');
  const [customer, setCustomer] = useState<CustomerRef | null>(task?.organization ?? organization ?? null);
  const [contactIds, setContactIds] = useState<string[]>(task?.contacts.map((c) => c.id) ?? defaults?.contactIds ?? []);
  const [dueOn, setDueOn] = useState(task?.dueOn ?? defaults?.dueOn ?? addDays(todayIn(), 7));
  const [assigneeId, setAssigneeId] = useState(task?.assignee.id ?? me.id);
  const [note, setNote] = useState(task?.note ?? defaults?.note ?? '');
  const [touched, setTouched] = useState(false);
  const contacts = useCustomerContacts(customer?.id ?? null);
  const { assignees } = useAssignees(me);
  const people = task && !assignees.some((a) => a.id === task.assignee.id) ? [...assignees, { ...task.assignee, role: 'account_manager' as const, department: null }] : assignees;

  const save = useMutation({
    mutationFn: async () => {
      if (task) {
        const patch: UpdateTask = {};
        if (title.trim() !== task.title) patch.title = title.trim();
        if ((note.trim() || null) !== task.note) patch.note = note.trim() || null;
        if (dueOn !== task.dueOn) patch.dueOn = dueOn;
        if (assigneeId !== task.assignee.id) patch.assigneeId = assigneeId;
        const before = task.contacts.map((c) => c.id).sort().join();
        if ([...contactIds].sort().join() !== before) patch.contactIds = contactIds;
        if (Object.keys(patch).length === 0) return task;
        return http.request({ method: 'PATCH', path: `/tasks/${encodeURIComponent(task.id)}`, body: patch, schema: TaskSchema });
      }
      const body: CreateTask = {
        title: title.trim(), organizationId: customer!.id, contactIds, dueOn,
        ...(assigneeId !== me.id ? { assigneeId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      return http.request({ method: 'POST', path: '/tasks', body, schema: TaskSchema });
    },
    onSuccess: async (saved) => {
      client.setQueryData(['task', saved.id], saved);
      await invalidateCustomerWork(client, saved.organization.id);
      onSaved?.(saved);
      onOpenChange(false);
    },
  });

  const local = {
    title: title.trim() ? undefined : t('app.field.required'),
    customer: customer ? undefined : t('app.task.customerMissing'),
    dueOn: /^\d{4}-\d{2}-\d{2}$/.test(dueOn) ? undefined : t('app.field.badDate'),
  };
  const shown = (server: string | undefined, mine: string | undefined) => server ?? (touched ? mine : undefined);
  const problems = {
    title: shown(fieldProblem(t, save.error, 'title'), local.title),
    customer: shown(fieldProblem(t, save.error, 'organizationId'), local.customer),
    dueOn: shown(fieldProblem(t, save.error, 'dueOn'), local.dueOn),
    assignee: fieldProblem(t, save.error, 'assigneeId'),
    contacts: fieldProblem(t, save.error, 'contactIds'),
    note: fieldProblem(t, save.error, 'note'),
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (local.title || local.customer || local.dueOn) return;
    save.mutate();
  };
  const rest = otherProblems(t, save.error, SHOWN);
  const options = contacts.data ?? [];
  const state = (m: string | undefined) => (m ? 'error' : 'none') as 'error' | 'none';
  return (
    <form onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{task ? t('app.task.editTitle') : t('app.task.newTitle')}</DialogTitle>
        <DialogContent className={s.fields}>
          <Field label={t('app.task.title')} required validationMessage={problems.title} validationState={state(problems.title)}>
            <Input value={title} maxLength={200} onChange={(_, d) => setTitle(d.value)} />
          </Field>
          {task || organization
            ? <Field label={t('app.task.customer')}><Text>{customer?.name}</Text></Field>
            : <CustomerPicker value={customer} onChange={(c) => { setCustomer(c); setContactIds([]); }} validationMessage={problems.customer} />}
          {customer && (
            <fieldset className={s.fieldset} aria-describedby={problems.contacts ? `${contactsId}-error` : undefined}>
              <legend className={s.legend}>{t('app.action.contacts')}</legend>
              {contacts.isLoading ? <Text>{t('app.loading')}</Text>
                : options.length === 0 ? <Text>{t('app.action.noContacts')}</Text>
                  : (
                    <div className={s.contacts}>
                      {options.map((c) => (
                        <Checkbox key={c.id} label={c.name} checked={contactIds.includes(c.id)}
                          onChange={(_, d) => setContactIds(d.checked ? [...contactIds, c.id] : contactIds.filter((id) => id !== c.id))} />
                      ))}
                    </div>
                  )}
              {problems.contacts && <Text id={`${contactsId}-error`} className={s.error}>{problems.contacts}</Text>}
            </fieldset>
          )}
          <Field label={t('app.task.dueOn')} required validationMessage={problems.dueOn} validationState={state(problems.dueOn)}>
            <Input type="date" value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
          </Field>
          <Field label={t('app.task.assignee')} validationMessage={problems.assignee} validationState={state(problems.assignee)}
            hint={me.role === 'account_manager' && !task ? t('app.task.assigneeSelf') : undefined}>
            <Select value={assigneeId} onChange={(_, d) => setAssigneeId(d.value)} disabled={people.length < 2}>
              {people.map((p) => <option key={p.id} value={p.id}>{p.id === me.id ? t('app.task.me', { name: p.name }) : p.name}</option>)}
            </Select>
          </Field>
          <Field label={t('app.task.note')} validationMessage={problems.note} validationState={state(problems.note)}>
            <Textarea value={note} resize="vertical" maxLength={2000} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <div aria-live="assertive">
            {save.error && (
              <MessageBar intent="error">
                <MessageBarBody>{problemText(t, save.error)}{rest.length > 0 && ` ${rest.join('; ')}`}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </DialogContent>
        <DialogActions fluid>
          <Button type="submit" appearance="primary" disabled={save.isPending}>{save.isPending ? t('app.saving') : t('app.save')}</Button>
          <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

export function TaskDialog({ open, onOpenChange, ...props }: TaskDialogProps) {
  const me = useMe();
  const t = useT();
  return (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>
        {open && (me.data
          ? <TaskForm {...props} me={me.data} onOpenChange={onOpenChange} />
          : <DialogBody><DialogTitle>{props.task ? t('app.task.editTitle') : t('app.task.newTitle')}</DialogTitle><DialogContent><Text role="status">{me.error ? problemText(t, me.error) : t('app.loading')}</Text></DialogContent></DialogBody>)}
      </DialogSurface>
    </Dialog>
  );
}
