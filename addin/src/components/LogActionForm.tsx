import { useId, useState, type FormEvent } from 'react';
import { Checkbox, Text } from './fluent';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { Select } from '@fluentui/react-select';
import type { Action } from '../../../shared/contract';
import type { ManualActionKind } from '../../../shared/domain/codes';
import { apiErrorOf, useLogAction } from '../hooks/useCustomerWork';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { useLanguage, usePaneT } from '../core/i18n/I18nProvider';
import { paneFieldProblem } from '../core/i18n/paneFieldMessage';
import { instantOf, zonedDayTime } from '../core/time';
import type { CustomerOnMail } from '../mail/participants';
import { errorText } from './errorText';
import { OpportunityPicker } from './OpportunityPicker';
import { usePaneFormStyles } from './PaneForm.styles';
import { PaneFormFooter } from './PaneFormFooter';

/** What the pane logs by hand: the kinds that happen outside mail and are done when logged. */
export const PANE_ACTION_KINDS: readonly ManualActionKind[] = ['call', 'note', 'review'];

export interface LogActionFormProps {
  customer: CustomerOnMail;
  onSaved: (action: Action) => void;
  onCancel: () => void;
}

/** A call, note or annual review for the customer: now by default, with the mail's contacts of the customer ticked. */
export function LogActionForm({ customer, onSaved, onCancel }: LogActionFormProps) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const styles = usePaneFormStyles();
  const { timeZone } = useLanguage();
  const headingId = useId();
  const mutation = useLogAction();
  const [kind, setKind] = useState<ManualActionKind>('call');
  const [when, setWhen] = useState(() => zonedDayTime(new Date(), timeZone));
  const [contactIds, setContactIds] = useState<string[]>(() => [...customer.contactIds]);
  const [subject, setSubject] = useState('');
  const [note, setNote] = useState('');
  const [opportunityId, setOpportunityId] = useState<string | null>(null);
  const [whenMissing, setWhenMissing] = useState(false);
  const error = apiErrorOf(mutation.error);
  const saving = mutation.isPending;
  const server = (...paths: string[]) => paneFieldProblem(t, error, ...paths);
  const whenProblem = whenMissing ? t('pane.act.whenMissing') : server('occurredAt');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const at = instantOf(when.day, when.time, timeZone);
    setWhenMissing(at === null);
    if (!at) return;
    const action = await mutation.mutateAsync({
      kind,
      occurredAt: at.toISOString(),
      subject: subject.trim() || labels.actionKind(kind),
      ...(note.trim() ? { excerpt: note.trim() } : {}),
      organizationId: customer.organization.id,
      contactIds,
      ...(opportunityId ? { opportunityId } : {}),
    }).catch(() => null);
    if (action) onSaved(action);
  }

  const invalid = (message: string | undefined) => (message ? { validationMessage: message, validationState: 'error' as const } : {});

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId} className={styles.heading}>{t('pane.act.heading')}</h4>
      <Field label={t('pane.act.kind')} {...invalid(server('kind'))}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as ManualActionKind)} autoFocus>
          {PANE_ACTION_KINDS.map((k) => <option key={k} value={k}>{labels.actionKind(k)}</option>)}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label={t('pane.act.day')} {...invalid(whenProblem)}>
          <Input type="date" value={when.day} onChange={(_, d) => setWhen((w) => ({ ...w, day: d.value }))} />
        </Field>
        <Field label={t('pane.act.time')}>
          <Input type="time" value={when.time} onChange={(_, d) => setWhen((w) => ({ ...w, time: d.value }))} />
        </Field>
      </div>
      {customer.contacts.length > 0 && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{t('pane.act.contacts')}</legend>
          {customer.contacts.map((c) => (
            <Checkbox
              key={c.id}
              label={c.name}
              checked={contactIds.includes(c.id)}
              onChange={(_, d) => setContactIds((ids) => (d.checked ? [...ids, c.id] : ids.filter((id) => id !== c.id)))}
            />
          ))}
          {server('contactIds') && <Text className={styles.error}>{server('contactIds')}</Text>}
        </fieldset>
      )}
      <Field label={t('pane.act.subject')} hint={t('pane.act.subjectHint')} {...invalid(server('subject'))}>
        <Input value={subject} maxLength={1000} onChange={(_, d) => setSubject(d.value)} />
      </Field>
      <Field label={t('pane.act.note')} {...invalid(server('excerpt'))}>
        <Input value={note} onChange={(_, d) => setNote(d.value)} />
      </Field>
      <OpportunityPicker organizationId={customer.organization.id} value={opportunityId} onChange={setOpportunityId} disabled={saving} />
      <PaneFormFooter failure={error ? t('pane.act.failed', { message: errorText(t, error) }) : null} saving={saving} onCancel={onCancel} />
    </form>
  );
}
