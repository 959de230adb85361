/**
 * Log an action on a customer (call, meeting, annual planning review, offer, event, note) from any
 * page: `POST /actions`. A future time is allowed for a meeting or an event, and the dialog says
 * it is then planned. The server's field errors show at their fields; on success the customer's
 * pages, the desk and the task lists are refetched.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger,
  MessageBar, MessageBarBody, type ButtonProps,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ActionSchema, type Action } from '../../../../shared/contract';
import type { ManualActionKind } from '../../../../shared/domain/codes';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { otherProblems, problemText } from '../common/errors';
import { invalidateCustomerWork, useCustomerContacts } from '../common/queries';
import { ActionFields, draftBody, draftProblems, newDraft, type ActionDraft, type ContactOption } from './ActionFields';

export interface LogActionDefaults {
  kind?: ManualActionKind;
  contactIds?: string[];
  subject?: string;
}

export interface LogActionDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organization: { id: string; name: string };
  /** The customer's contact persons; fetched by the dialog (`GET /organizations/:id/contacts`) when absent. */
  contacts?: readonly ContactOption[];
  defaults?: LogActionDefaults;
  onLogged?: (action: Action) => void;
}

const SHOWN = ['kind', 'occurredAt', 'subject', 'excerpt', 'contactIds'];

function LogActionForm({ organization, contacts, defaults, onLogged, onOpenChange }: Omit<LogActionDialogProps, 'open'>) {
  const t = useT();
  const labels = useCodeLabels();
  const { http } = useApi();
  const client = useQueryClient();
  const [draft, setDraft] = useState<ActionDraft>(() => newDraft(defaults));
  const [touched, setTouched] = useState(false);
  const fetched = useCustomerContacts(organization.id, !contacts);
  const options = contacts ?? fetched.data ?? [];
  const log = useMutation({
    mutationFn: (body: ActionDraft) =>
      http.request({ method: 'POST', path: '/actions', body: { ...draftBody(body, labels.actionKind), organizationId: organization.id }, schema: ActionSchema }),
    onSuccess: async (action) => {
      await invalidateCustomerWork(client, organization.id);
      onLogged?.(action);
      onOpenChange(false);
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(draftProblems(t, draft)).length > 0) return;
    log.mutate(draft);
  };
  const rest = otherProblems(t, log.error, SHOWN);
  return (
    <form onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{t('app.action.dialogTitle', { customer: organization.name })}</DialogTitle>
        <DialogContent>
          <ActionFields draft={draft} onChange={setDraft} contacts={options} contactsLoading={!contacts && fetched.isLoading} error={log.error} touched={touched} />
          <div aria-live="assertive">
            {log.error && (
              <MessageBar intent="error">
                <MessageBarBody>{problemText(t, log.error)}{rest.length > 0 && ` ${rest.join('; ')}`}</MessageBarBody>
              </MessageBar>
            )}
          </div>
        </DialogContent>
        <DialogActions fluid>
          <Button type="submit" appearance="primary" disabled={log.isPending}>{log.isPending ? t('app.saving') : t('app.action.submit')}</Button>
          <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

export function LogActionDialog({ open, onOpenChange, ...props }: LogActionDialogProps) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>
        {open && <LogActionForm {...props} onOpenChange={onOpenChange} />}
      </DialogSurface>
    </Dialog>
  );
}

/** A "Log action" button that opens the dialog for the customer (label and name for a list row). */
export function LogActionButton({ organization, contacts, defaults, onLogged, buttonProps }: Omit<LogActionDialogProps, 'open' | 'onOpenChange'> & { buttonProps?: ButtonProps }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button aria-label={t('app.action.logFor', { customer: organization.name })} {...buttonProps} onClick={() => setOpen(true)}>
        {t('app.action.log')}
      </Button>
      <LogActionDialog open={open} onOpenChange={setOpen} organization={organization} {...(contacts ? { contacts } : {})} {...(defaults ? { defaults } : {})} {...(onLogged ? { onLogged } : {})} />
    </>
  );
}
