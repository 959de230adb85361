import { useId, useState, type FormEvent } from 'react';
import { Text } from './fluent';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import type { Task } from '../../../shared/contract-tasks';
import { apiErrorOf, useCreateTask } from '../hooks/useCustomerWork';
import { useLanguage, usePaneT } from '../core/i18n/I18nProvider';
import { paneFieldProblem } from '../core/i18n/paneFieldMessage';
import { addDays, todayIn } from '../core/time';
import type { CustomerOnMail } from '../mail/participants';
import { errorText } from './errorText';
import { usePaneFormStyles } from './PaneForm.styles';
import { PaneFormFooter } from './PaneFormFooter';

/** "Call back in two weeks": the default due day of a new follow-up. */
export const FOLLOW_UP_DAYS = 14;

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
