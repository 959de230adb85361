/**
 * Mark a follow-up task done (`POST /tasks/:id/complete`), optionally logging the action it was
 * about in the same step: kind, when, subject and note prefilled from the task (title, note,
 * contacts). The server logs that action once however often the completion is retried.
 */
import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger,
  makeStyles, MessageBar, MessageBarBody, Text, tokens,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CompleteTaskResponseSchema, type CompleteTask, type CompleteTaskResponse, type Task } from '../../../../shared/contract-tasks';
import type { ManualActionKind } from '../../../../shared/domain/codes';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { ActionFields, draftBody, draftProblems, newDraft, type ActionDraft } from '../actions/ActionFields';
import { otherProblems, problemText } from '../common/errors';
import { invalidateCustomerWork, useCustomerContacts } from '../common/queries';

export interface CompleteTaskDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  task: Task;
  /** The kind of the action to log with it (call by default). */
  defaultKind?: ManualActionKind;
  onCompleted?: (result: CompleteTaskResponse) => void;
}

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

const SHOWN = ['action.kind', 'action.occurredAt', 'action.subject', 'action.excerpt', 'action.contactIds'];

function CompleteForm({ task, defaultKind, onCompleted, onOpenChange }: Omit<CompleteTaskDialogProps, 'open'>) {
  const t = useT();
  const s = useStyles();
  const labels = useCodeLabels();
  const { http } = useApi();
  const client = useQueryClient();
  const [withAction, setWithAction] = useState(true);
  const [draft, setDraft] = useState<ActionDraft>(() => newDraft({ kind: defaultKind ?? 'call', subject: task.title, note: task.note ?? '', contactIds: task.contacts.map((c) => c.id) }));
  const [touched, setTouched] = useState(false);
  const contacts = useCustomerContacts(task.organization.id, withAction);
  // the task's own contacts stay choosable even if the list is not there (yet)
  const options = contacts.data ?? task.contacts;
  const complete = useMutation({
    mutationFn: () => {
      const body: CompleteTask = withAction ? { action: draftBody(draft, labels.actionKind) } : {};
      return http.request({ method: 'POST', path: `/tasks/${encodeURIComponent(task.id)}/complete`, body, schema: CompleteTaskResponseSchema });
    },
    onSuccess: async (result) => {
      client.setQueryData(['task', task.id], result.task);
      await invalidateCustomerWork(client, task.organization.id);
      onCompleted?.(result);
      onOpenChange(false);
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (withAction && Object.keys(draftProblems(t, draft)).length > 0) return;
    complete.mutate();
  };
  const rest = otherProblems(t, complete.error, SHOWN);
  return (
    <form onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{t('app.task.completeTitle')}</DialogTitle>
        <DialogContent className={s.content}>
          <Text>{t('app.task.completeWhat', { title: task.title, customer: task.organization.name })}</Text>
          <Checkbox checked={withAction} onChange={(_, d) => setWithAction(!!d.checked)} label={t('app.task.logWith')} />
          {withAction && <ActionFields draft={draft} onChange={setDraft} contacts={options} contactsLoading={contacts.isLoading} error={complete.error} pathPrefix="action." touched={touched} />}
          <div aria-live="assertive">
            {complete.error && (
              <MessageBar intent="error">
                <MessageBarBody>{problemText(t, complete.error)}{rest.length > 0 && ` ${rest.join('; ')}`}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </DialogContent>
        <DialogActions fluid>
          <Button type="submit" appearance="primary" disabled={complete.isPending}>
            {complete.isPending ? t('app.saving') : withAction ? t('app.task.completeAndLog') : t('app.task.complete')}
          </Button>
          <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

export function CompleteTaskDialog({ open, onOpenChange, ...props }: CompleteTaskDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>
        {open && <CompleteForm {...props} onOpenChange={onOpenChange} />}
      </DialogSurface>
    </Dialog>
  );
}
