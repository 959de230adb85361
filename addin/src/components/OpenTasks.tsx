import { useId, useRef, useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import { normaliseEmail } from '../../../shared/domain/email';
import type { Task } from '../../../shared/contract-tasks';
import { useCompleteTask, useOpenTasks } from '../hooks/useCustomerWork';
import { useDates } from '../core/i18n/dates';
import { usePaneT } from '../core/i18n/I18nProvider';
import { dayAsDate } from '../core/time';
import { useHost } from '../office/HostContext';
import { errorText } from './errorText';
import { usePaneFormStyles } from './PaneForm.styles';

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
