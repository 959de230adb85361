import { useId, useState, type FormEvent } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner, Text } from './fluent';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { Select } from '@fluentui/react-select';
import { CUSTOMER_GROUPS, type CustomerGroup } from '../../../shared/domain/codes';
import type { Contact, LookupPerson } from '../../../shared/contract';
import { useAddContact } from '../hooks/useAddContact';
import { useCustomerSearch } from '../hooks/useCustomerWork';
import type { PaneMessageId } from '../core/i18n/catalogs';
import { useCodeLabels } from '../core/i18n/codeLabels';
import { usePaneT } from '../core/i18n/I18nProvider';
import { paneFieldProblem } from '../core/i18n/paneFieldMessage';
import type { Participant } from '../mail/participants';
import { contactRequest, draftProblems, fieldOf, initialDraft, type ContactDraft, type DraftField } from './addContactDraft';
import { errorText } from './errorText';
import { useAddContactFormStyles } from './AddContactForm.styles';

/** The target select's value for "a new potential customer". */
const NEW_CUSTOMER = 'new';

export interface AddContactFormProps {
  participant: Participant;
  person: LookupPerson | undefined;
  onSaved: (contact: Contact) => void;
  onCancel: () => void;
}

/**
 * A new contact for someone the lookup did not know: under the customer whose domain
 * matched; otherwise under an existing customer the user finds by name or business ID, or
 * under a new potential (P) customer.
 */
export function AddContactForm({ participant, person, onSaved, onCancel }: AddContactFormProps) {
  const t = usePaneT();
  const labels = useCodeLabels();
  const styles = useAddContactFormStyles();
  const headingId = useId();
  const { status, error, save } = useAddContact();
  const [draft, setDraft] = useState<ContactDraft>(() => initialDraft(participant));
  const [problems, setProblems] = useState<Partial<Record<DraftField, PaneMessageId>>>({});
  const matched = person?.match === 'domain' ? person.organization : undefined;
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [targetId, setTargetId] = useState<string>(NEW_CUSTOMER);
  const search = useCustomerSearch(searched);
  const found = search.data?.items ?? [];
  const picked = found.find((o) => o.id === targetId);
  const organization = matched ?? picked;
  const saving = status === 'saving';

  const runSearch = () => setSearched(query);
  // the first customer found becomes the target; "new potential customer" stays one choice away
  const firstFound = found[0]?.id;
  const [chosenFor, setChosenFor] = useState<string | undefined>(undefined);
  if (firstFound !== chosenFor) {
    setChosenFor(firstFound);
    if (firstFound) setTargetId(firstFound);
  }

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
      {matched ? <Text className={styles.target}>{t('pane.addContact.under', { organization: matched.name })}</Text> : (
        <>
          <div className={styles.search}>
            <Field label={t('pane.addContact.findCustomer')}>
              <Input
                type="search"
                value={query}
                onChange={(_, d) => setQuery(d.value)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault(); // Enter searches here; it must not save the contact
                  runSearch();
                }}
              />
            </Field>
            <Button type="button" onClick={runSearch} disabledFocusable={query.trim().length < 2}>{t('pane.addContact.search')}</Button>
          </div>
          <div role="status">
            {search.isFetching ? <Spinner size="tiny" label={t('pane.loading')} />
              : search.isError ? <Text>{t('pane.loadFailed', { message: errorText(t, search.error) })}</Text>
                : search.data && <Text>{t('pane.addContact.found', { count: found.length })}</Text>}
          </div>
          <Field label={t('pane.addContact.target')} validationMessage={paneFieldProblem(t, error, 'organizationId')}>
            <Select value={picked ? picked.id : NEW_CUSTOMER} onChange={(_, d) => setTargetId(d.value)}>
              <option value={NEW_CUSTOMER}>{t('pane.addContact.newCustomer')}</option>
              {found.map((o) => <option key={o.id} value={o.id}>{o.businessId ? `${o.name} (${o.businessId})` : o.name}</option>)}
            </Select>
          </Field>
        </>
      )}
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
