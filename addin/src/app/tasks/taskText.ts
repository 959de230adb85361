/** How a task's due day reads: "tänään", "huomenna", "myöhässä 2 pv", "viimeistään 5.12.2026". */
import type { Task } from '../../../../shared/contract-tasks';
import type { User } from '../../../../shared/contract';
import type { Translate } from '../../core/i18n/I18nProvider';
import type { Formats } from '../common/format';
import { daysBetween, todayIn } from '../common/time';

export function dueText(t: Translate, fmt: Formats, dueOn: string, today: string = todayIn()): { text: string; overdue: boolean; today: boolean } {
  const days = daysBetween(today, dueOn);
  if (days < 0) return { text: t('app.task.overdue', { days: -days }), overdue: true, today: false };
  if (days === 0) return { text: t('app.task.dueToday'), overdue: false, today: true };
  if (days === 1) return { text: t('app.task.dueTomorrow'), overdue: false, today: false };
  return { text: t('app.task.dueIn', { date: fmt.day(dueOn) }), overdue: false, today: false };
}

/** May the user change the task (the server's 403 stays the truth): admins; account managers on tasks they are given or created; management never. */
export function mayKeep(me: User, task: Pick<Task, 'assignee' | 'createdBy'>): boolean {
  if (me.role === 'admin') return true;
  if (me.role === 'management') return false;
  return task.assignee.id === me.id || task.createdBy.id === me.id;
}
