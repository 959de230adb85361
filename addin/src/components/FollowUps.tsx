import { useId, useRef, useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { normaliseEmail } from '../../../shared/domain/email';
import type { Task } from '../../../shared/contract-tasks';
import { apiErrorOf, useCompleteTask, useCreateTask, useOpenTasks } from '../hooks/useCustomerWork';
import { useDates } from '../core/i18n/dates';
import { useLanguage, usePaneT } from '../core/i18n/I18nProvider';
import { paneFieldProblem } from '../core/i18n/paneFieldMessage';
import { addDays, dayAsDate, todayIn } from '../core/time';
import type { CustomerOnMail } from '../mail/participants';
import { useHost } from '../office/HostContext';
import { errorText } from './errorText';
import { usePaneFormStyles } from './PaneForm.styles';
import { PaneFormFooter } from './PaneFormFooter';

/** "Call back in two weeks": the default due day of a new follow-up. */
export const FOLLOW_UP_DAYS = 14;

/** The customer's open follow-up tasks; the ones assigned to me can be marked done. */
export function OpenTasks({ organizationId }: { organizationId: string }) {
  const t = usePaneT();
  const styles = usePaneFormStyles();
  const { date } = useDates();
  const host = useHost();
  const me = normaliseEmail(host.userProfile().email);
  const tasks = useOpenTasks(organizationId);
  const complete = useCompleteTask(organizationId);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const headingId = useId();

  async function markDone(task: Task) {
    const answer = await complete.mutateAsync(task.id).catch(() => null);
    if (!answer) return;
    setDone(answer.task.title);
    // the pressed button is gone with the task: keep keyboard focus in the list's status
    requestAnimationFrame(() => status.current?.focus());
  }

  const items = tasks.data?.items ?? [];
  return (
    <div>
      <h4 id={headingId} className={styles.subheading}>{t('pane.tasks.heading')}</h4>
      {tasks.isPending ? <Spinner size="tiny" label={t('pane.loading')} />
        : tasks.isError ? <Text>{t('pane.loadFailed', { message: errorText(t, tasks.error) })}</Text>
          : items.length === 0 ? <Text>{t('pane.tasks.none')}</Text>
            : (
              <ul className={styles.tasks} aria-labelledby={headingId}>
                {items.map((task) => (
                  <li key={task.id} className={styles.task}>
                    <span className={styles.taskText}>
                      <Text>{task.title}</Text>
                      <Text className={styles.secondary}>{t('pane.tasks.due', { date: date(dayAsDate(task.dueOn).toISOString()), name: task.assignee.name })}</Text>
                    </span>
                    {me !== null && normaliseEmail(task.assignee.email) === me && (
                      <Button
                        size="small"
                        aria-label={t('pane.tasks.completeThis', { title: task.title })}
                        disabledFocusable={complete.isPending}
                        onClick={() => void markDone(task)}
                      >
                        {t('pane.tasks.complete')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
      <div role="status" ref={status} tabIndex={-1}>
        {done && <Text>{t('pane.tasks.completed', { title: done })}</Text>}
      </div>
      {complete.isError && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.tasks.completeFailed', { message: errorText(t, complete.error) })}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

export interface FollowUpFormProps {
  customer: CustomerOnMail;
  onSaved: (task: Task) => void;
  onCancel: () => void;
}

/** A new follow-up task for the customer, assigned to me, due in two weeks unless I say otherwise. */
export function FollowUpForm({ customer, onSaved, onCancel }: FollowUpFormProps) {
  const t = usePaneT();
  const styles = usePaneFormStyles();
  const { timeZone } = useLanguage();
  const headingId = useId();
  const mutation = useCreateTask(customer.organization.id);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(() => addDays(todayIn(new Date(), timeZone), FOLLOW_UP_DAYS));
  const [missing, setMissing] = useState<{ title?: boolean; dueOn?: boolean }>({});
  const error = apiErrorOf(mutation.error);
  const saving = mutation.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = { title: !title.trim(), dueOn: !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) };
    setMissing(found);
    if (found.title || found.dueOn) return;
    const task = await mutation.mutateAsync({
      title: title.trim(), organizationId: customer.organization.id, contactIds: customer.contactIds, dueOn,
    }).catch(() => null);
    if (task) onSaved(task);
  }

  const problem = (field: 'title' | 'dueOn') =>
    (missing[field] ? t(field === 'title' ? 'pane.field.required' : 'pane.field.badDate') : paneFieldProblem(t, error, field));
  const invalid = (message: string | undefined) => (message ? { validationMessage: message, validationState: 'error' as const } : {});

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId} className={styles.heading}>{t('pane.tasks.formHeading')}</h4>
      <Field label={t('pane.tasks.title')} required {...invalid(problem('title'))}>
        <Input value={title} maxLength={200} onChange={(_, d) => setTitle(d.value)} autoFocus />
      </Field>
      <Field label={t('pane.tasks.dueOn')} required {...invalid(problem('dueOn'))}>
        <Input type="date" value={dueOn} onChange={(_, d) => setDueOn(d.value)} />
      </Field>
      <Text className={styles.secondary}>{t('pane.tasks.assignee')}</Text>
      <PaneFormFooter failure={error ? t('pane.tasks.failed', { message: errorText(t, error) }) : null} saving={saving} onCancel={onCancel} />
    </form>
  );
}
