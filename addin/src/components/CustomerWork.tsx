import { useRef, useState } from 'react';
import { Button, Text } from './fluent';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { usePaneT } from '../core/i18n/I18nProvider';
import type { CustomerOnMail } from '../mail/participants';
import { useMayAct } from '../hooks/useCustomerWork';
import { FollowUpForm, FormSlot, LogActionForm, usePreloadedForms } from './lazyForms';
import { OpenTasks } from './OpenTasks';
import { usePaneFormStyles } from './PaneForm.styles';

type Open = 'none' | 'action' | 'task';

/**
 * What the account manager can do for the customer without leaving Outlook: log a call, note or
 * review, see and complete the open follow-ups, add one. The forms open inline (the pane is narrow,
 * and a dialog would unmount with the card when the pane moves to another item).
 */
export function CustomerWork({ customer }: { customer: CustomerOnMail }) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const styles = usePaneFormStyles();
  const [open, setOpen] = useState<Open>('none');
  const [saved, setSaved] = useState<string | null>(null);
  const actionButton = useRef<HTMLButtonElement>(null);
  const taskButton = useRef<HTMLButtonElement>(null);
  const name = customer.organization.name;
  const mayAct = useMayAct();
  usePreloadedForms();

  const close = (message: string | null, from: Open) => {
    setOpen('none');
    setSaved(message);
    requestAnimationFrame(() => (from === 'action' ? actionButton : taskButton).current?.focus());
  };
  const start = (which: Open) => {
    setSaved(null);
    setOpen(which);
  };

  return (
    <>
      <OpenTasks organizationId={customer.organization.id} />
      <div role="status">{saved && <Text>{saved}</Text>}</div>
      {open === 'action' && (
        <FormSlot>
          <LogActionForm
            customer={customer}
            onCancel={() => close(null, 'action')}
            onSaved={(action) => close(t('pane.act.saved', { kind: labels.actionKind(action.kind) }), 'action')}
          />
        </FormSlot>
      )}
      {open === 'task' && (
        <FormSlot>
          <FollowUpForm
            customer={customer}
            onCancel={() => close(null, 'task')}
            onSaved={(task) => close(t('pane.tasks.added', { title: task.title }), 'task')}
          />
        </FormSlot>
      )}
      {open === 'none' && mayAct && (
        <div className={styles.buttons}>
          <Button ref={actionButton} size="small" aria-label={t('pane.act.openFor', { organization: name })} onClick={() => start('action')}>
            {t('pane.act.open')}
          </Button>
          <Button ref={taskButton} size="small" aria-label={t('pane.tasks.addFor', { organization: name })} onClick={() => start('task')}>
            {t('pane.tasks.add')}
          </Button>
        </div>
      )}
    </>
  );
}
