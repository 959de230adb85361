import { useId, useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Spinner, Text } from '@fluentui/react-components';
import { CUSTOMER_GROUPS, type CustomerGroup } from '../../../shared/domain/codes';
import type { Contact, LookupPerson } from '../../../shared/contract';
import { useAddContact } from '../hooks/useAddContact';
import type { PaneMessageId } from '../core/i18n/catalogs';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { usePaneT } from '../core/i18n/I18nProvider';
import type { Participant } from '../mail/participants';
import { contactRequest, draftProblems, fieldOf, initialDraft, type ContactDraft, type DraftField } from './addContactDraft';
import { errorText } from './errorText';
import { useAddContactFormStyles } from './AddContactForm.styles';

export interface AddContactFormProps {
  participant: Participant;
  person: LookupPerson | undefined;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}

/**
 * A new contact for someone the lookup did not know: under the customer whose domain
 * matched, otherwise under a new potential (P) customer.
 */
export function AddContactForm({ participant, person, onSaved, onCancel }: AddContactFormProps) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const styles = useAddContactFormStyles();
  const headingId = useId();
  const { status, error, save } = useAddContact();
  const [draft, setDraft] = useState<ContactDraft>(() => initialDraft(participant));
  const [problems, setProblems] = useState<Partial<Record<DraftField, PaneMessageId>>>({});
  const organization = person?.match === 'domain' ? person.organization : undefined;
  const saving = status === 'saving';

  const change = (field: DraftField) => (_: unknown, data: { value: string }) =>
    setDraft((d) => ({ ...d, [field]: data.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = draftProblems(draft, organization !== undefined);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const contact = await save(contactRequest(draft, organization));
    if (contact) onSaved(contact);
  }

  const serverProblems: Partial<Record<DraftField, PaneMessageId>> = {};
  for (const problem of error?.fields ?? []) {
    const field = fieldOf(problem);
    if (field) serverProblems[field] = 'pane.addContact.checkField';
  }
  const shown = { ...serverProblems, ...problems };
  const messageFor = (field: DraftField) => {
    const key = shown[field];
    return key ? t(key) : undefined;
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h4 id={headingId} className={styles.heading}>{t('pane.addContact.heading')}</h4>
      <Text className={styles.target}>
        {organization ? t('pane.addContact.under', { organization: organization.name }) : t('pane.addContact.newCustomer')}
      </Text>
      <Field label={t('pane.addContact.name')} required validationMessage={messageFor('name')}>
        <Input value={draft.name} onChange={change('name')} autoFocus />
      </Field>
      <Field label={t('pane.addContact.email')} required validationMessage={messageFor('email')}>
        <Input type="email" value={draft.email} onChange={change('email')} />
      </Field>
      <Field label={t('pane.addContact.title')} validationMessage={messageFor('title')}>
        <Input value={draft.title} onChange={change('title')} />
      </Field>
      {!organization && (
        <>
          <Field label={t('pane.addContact.organizationName')} required validationMessage={messageFor('organizationName')}>
            <Input value={draft.organizationName} onChange={change('organizationName')} />
          </Field>
          <Field label={t('pane.addContact.customerGroup')} validationMessage={messageFor('customerGroup')}>
            <Select value={draft.customerGroup} onChange={(_, data) => setDraft((d) => ({ ...d, customerGroup: data.value as CustomerGroup }))}>
              {CUSTOMER_GROUPS.map((group) => (
                <option key={group} value={group}>{labels.customerGroup(group)}</option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {error && (
        <MessageBar intent="error" politeness="assertive">
          <MessageBarBody>{t('pane.addContact.failed', { message: errorText(t, error) })}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabledFocusable={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? t('pane.addContact.saving') : t('pane.addContact.save')}
        </Button>
        <Button type="button" onClick={onCancel} disabled={saving}>{t('pane.addContact.cancel')}</Button>
      </div>
    </form>
  );
}
