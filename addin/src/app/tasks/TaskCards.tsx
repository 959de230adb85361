/**
 * Tasks as a list of cards (one layout from 320 px to a wide screen): the title as a link to the
 * task, the customer as a link, the due day in words (overdue in red, with text), and Complete /
 * Edit for whoever may change it. Used by the desktop's "My follow-ups" and by /tasks.
 */
import { Badge, Button, Card, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { User } from '../../../../shared/contract';
import type { CompleteTaskResponse, Task } from '../../../../shared/contract-tasks';
import { customerPath, taskPath } from '../../../../shared/links';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { useFormats } from '../common/format';
import { useDialog } from '../common/useDialog';
import { CompleteTaskDialog } from './CompleteTaskDialog';
import { TaskDialog } from './TaskDialog';
import { dueText, mayKeep } from './taskText';

export const useTaskStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { display: 'flex', flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, flex: '1 1 220px' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center', color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

interface TaskCardProps { task: Task; me: User; showAssignee: boolean; onComplete: () => void; onEdit: () => void }

export function TaskCard({ task, me, showAssignee, onComplete, onEdit }: TaskCardProps) {
  const t = useT();
  const s = useTaskStyles();
  const fmt = useFormats();
  const due = dueText(t, fmt, task.dueOn);
  const keep = mayKeep(me, task);
  return (
    <li>
      <Card className={s.card} data-testid="task-card">
        <div className={s.main}>
          <AppLink href={taskPath(task.id)} className={s.title}>{task.title}</AppLink>
          <div className={s.meta}>
            <AppLink href={customerPath(task.organization.id)}>{task.organization.name}</AppLink>
            {task.status === 'done'
              ? <Badge appearance="tint" color="success" shape="rounded">{task.completedAt ? t('app.task.doneBy', { date: fmt.date(task.completedAt), name: task.completedBy?.name ?? '' }) : t('app.task.status.done')}</Badge>
              : <Badge appearance={due.overdue || due.today ? 'filled' : 'tint'} color={due.overdue ? 'danger' : due.today ? 'warning' : 'informative'} shape="rounded">{due.text}</Badge>}
            {showAssignee && <Text>{task.assignee.name}</Text>}
          </div>
        </div>
        {keep && task.status === 'open' && (
          <div className={s.buttons}>
            <Button appearance="primary" aria-label={t('app.task.completeFor', { title: task.title })} onClick={onComplete}>{t('app.task.complete')}</Button>
            <Button aria-label={t('app.task.editFor', { title: task.title })} onClick={onEdit}>{t('app.task.edit')}</Button>
          </div>
        )}
      </Card>
    </li>
  );
}

/**
 * Task cards, with their Complete and Edit dialogs kept here rather than on each card: a completed
 * task's card leaves the list, and a dialog unmounted while open would leave the page hidden from
 * assistive technology (../common/useDialog). Render it even for no tasks (it then shows no list).
 */
export function TaskCards({ tasks, me, showAssignee, labelledBy, onCompleted, onSaved }: { tasks: readonly Task[]; me: User; showAssignee?: boolean; labelledBy?: string; onCompleted?: (r: CompleteTaskResponse) => void; onSaved?: (task: Task) => void }) {
  const s = useTaskStyles();
  const completeDialog = useDialog<Task>();
  const editDialog = useDialog<Task>();
  return (
    <>
      {tasks.length > 0 && (
        <ul className={s.list} aria-labelledby={labelledBy}>
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} me={me} showAssignee={showAssignee ?? false} onComplete={() => completeDialog.show(task)} onEdit={() => editDialog.show(task)} />
          ))}
        </ul>
      )}
      {completeDialog.subject && <CompleteTaskDialog {...completeDialog.props} task={completeDialog.subject} {...(onCompleted ? { onCompleted } : {})} />}
      {editDialog.subject && <TaskDialog {...editDialog.props} task={editDialog.subject} {...(onSaved ? { onSaved } : {})} />}
    </>
  );
}
