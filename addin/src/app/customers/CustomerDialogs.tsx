/**
 * The edit dialogs of the customer and contact pages: a customer's details and classifications,
 * its account managers, a contact person (new or changed) and a contact's move to another
 * customer. Each sends one request; the server's `fields` are shown next to their fields.
 * Each dialog follows the app's one pattern (../common/useDialog): always mounted, opened by `open`,
 * its form (and the form's state) mounted at each opening.
 */
import {
  Button, Checkbox, Combobox, DialogActions, DialogBody, DialogContent, DialogTitle, Field, Input, Option, Select, Text, Textarea,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { Contact, Organization } from '../../../../shared/contract';
import { CUSTOMER_GROUPS, SEGMENTS, type CustomerGroup, type Segment } from '../../../../shared/domain/codes';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { AppDialog } from '../common/AppDialog';
import { fieldProblem } from '../common/errors';
import { problemOf, useDebounced } from './common';
import { customerCalls } from './customerApi';
import { useCustomerStyles } from './customers.styles';

const lines = (text: string) => text.split(/[\n,;]+/).map((l) => l.trim()).filter(Boolean);

interface FormBodyProps {
  onOpenChange: (open: boolean) => void;
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  children: ReactNode;
}

/** The form inside a dialog's surface: title, fields, the problem, Save and Cancel. */
export function FormBody({ onOpenChange, title, submitLabel, pending, error, onSubmit, children }: FormBodyProps) {
  const t = useT();
  const s = useCustomerStyles();
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(); };
  return (
    <form onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent className={s.dialogFields}>
          {children}
          <div role="alert">{error ? <Text className={s.error}>{t('app.cust.saveFailed', { problem: problemOf(t, error) })}</Text> : null}</div>
        </DialogContent>
        <DialogActions>
          <Button type="submit" appearance="primary" disabled={pending}>{pending ? t('app.cust.saving') : submitLabel}</Button>
          <Button type="button" onClick={() => onOpenChange(false)}>{t('app.cust.cancel')}</Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

/** The classification tree as checkboxes, each named by its path ("Toimiala > ICT"). */
function ClassificationChecks({ appliesTo, value, onChange, error }: { appliesTo: 'organization' | 'contact'; value: string[]; onChange: (ids: string[]) => void; error?: string | undefined }) {
  const t = useT();
  const s = useCustomerStyles();
  const { language } = useLanguage();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const nodes = useQuery({ queryKey: ['classifications', appliesTo], staleTime: 300_000, queryFn: () => calls.classifications(appliesTo) });
  const sorted = [...(nodes.data ?? [])].sort((a, b) => a.path.localeCompare(b.path, language));
  return (
    <Field label={t('app.cust.classifications')} validationMessage={error}>
      <fieldset className={s.checks}>
        <legend className={s.caption}>{t('app.cust.classifications')}</legend>
        {sorted.map((n) => (
          <Checkbox
            key={n.id} label={n.path} checked={value.includes(n.id)}
            onChange={(_, d) => onChange(d.checked ? [...value, n.id] : value.filter((v) => v !== n.id))}
          />
        ))}
      </fieldset>
    </Field>
  );
}

interface DialogProps { open: boolean; onOpenChange: (open: boolean) => void }

export function OrganizationDialog({ open, onOpenChange, ...props }: DialogProps & { organization: Organization }) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><OrganizationForm {...props} onOpenChange={onOpenChange} /></AppDialog>;
}

function OrganizationForm({ organization, onOpenChange }: { organization: Organization; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const labels = useCodeLabels();
  const { http } = useApi();
  const client = useQueryClient();
  const calls = useMemo(() => customerCalls(http), [http]);
  const [name, setName] = useState(organization.name);
  const [businessId, setBusinessId] = useState(organization.businessId ?? '');
  const [segment, setSegment] = useState<Segment>(organization.segment);
  const [group, setGroup] = useState<CustomerGroup>(organization.customerGroup);
  const [department, setDepartment] = useState(organization.department ?? '');
  const [domains, setDomains] = useState(organization.emailDomains.join('\n'));
  const [top, setTop] = useState(organization.externalIds.top ?? '');
  const [profinder, setProfinder] = useState(organization.externalIds.profinder ?? '');
  const [classificationIds, setClassificationIds] = useState(organization.classifications.map((c) => c.id));
  const save = useMutation({
    mutationFn: () => calls.updateOrganization(organization.id, {
      name, businessId: businessId.trim() || null, segment, customerGroup: group, department: department.trim() || null,
      emailDomains: lines(domains), classificationIds,
      externalIds: { ...(top.trim() ? { top: top.trim() } : {}), ...(profinder.trim() ? { profinder: profinder.trim() } : {}) },
    }),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['customer', organization.id] }), client.invalidateQueries({ queryKey: ['organizations'] })]);
      onOpenChange(false);
    },
  });
  const err = (...p: string[]) => fieldProblem(t, save.error, ...p);
  return (
    <FormBody onOpenChange={onOpenChange} title={t('app.cust.editTitle', { name: organization.name })} submitLabel={t('app.cust.save')}
      pending={save.isPending} error={save.error} onSubmit={() => save.mutate()}>
      <Field label={t('app.cust.contact.name')} required validationMessage={err('name')}><Input value={name} onChange={(_, d) => setName(d.value)} /></Field>
      <Field label={t('app.cust.businessId')} validationMessage={err('businessId')}><Input value={businessId} onChange={(_, d) => setBusinessId(d.value)} /></Field>
      <Field label={t('app.cust.segment')} validationMessage={err('segment')}>
        <Select value={segment} onChange={(_, d) => setSegment(d.value as Segment)}>{SEGMENTS.map((v) => <option key={v} value={v}>{labels.segment(v)}</option>)}</Select>
      </Field>
      <Field label={t('app.cust.group')} validationMessage={err('customerGroup')}>
        <Select value={group} onChange={(_, d) => setGroup(d.value as CustomerGroup)}>{CUSTOMER_GROUPS.map((v) => <option key={v} value={v}>{labels.customerGroup(v)}</option>)}</Select>
      </Field>
      <Field label={t('app.cust.department')} validationMessage={err('department')}><Input value={department} onChange={(_, d) => setDepartment(d.value)} /></Field>
      <Field label={t('app.cust.domains')} hint={t('app.cust.domainsHint')} validationMessage={err('emailDomains')}><Textarea value={domains} onChange={(_, d) => setDomains(d.value)} /></Field>
      <Field label={t('app.cust.top')} validationMessage={err('externalIds.top')}><Input value={top} onChange={(_, d) => setTop(d.value)} /></Field>
      <Field label={t('app.cust.profinder')} validationMessage={err('externalIds.profinder')}><Input value={profinder} onChange={(_, d) => setProfinder(d.value)} /></Field>
      <ClassificationChecks appliesTo="organization" value={classificationIds} onChange={setClassificationIds} error={err('classificationIds')} />
    </FormBody>
  );
}

export function ManagersDialog({ open, onOpenChange, ...props }: DialogProps & { organization: Organization }) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><ManagersForm {...props} onOpenChange={onOpenChange} /></AppDialog>;
}

function ManagersForm({ organization, onOpenChange }: { organization: Organization; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const { http } = useApi();
  const client = useQueryClient();
  const calls = useMemo(() => customerCalls(http), [http]);
  const users = useQuery({ queryKey: ['users', 'account_manager'], staleTime: 300_000, queryFn: () => calls.accountManagers() });
  const [responsibleId, setResponsibleId] = useState(organization.responsible?.id ?? '');
  const [backupId, setBackupId] = useState(organization.backup?.id ?? '');
  const save = useMutation({
    mutationFn: () => calls.updateOrganization(organization.id, { responsibleId: responsibleId || null, backupId: backupId || null }),
    onSuccess: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['customer', organization.id] }), client.invalidateQueries({ queryKey: ['organizations'] }), client.invalidateQueries({ queryKey: ['desk'] })]);
      onOpenChange(false);
    },
  });
  const options = (users.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>);
  return (
    <FormBody onOpenChange={onOpenChange} title={t('app.cust.editManagersTitle', { name: organization.name })} submitLabel={t('app.cust.save')}
      pending={save.isPending} error={save.error} onSubmit={() => save.mutate()}>
      <Field label={t('app.cust.responsible')} validationMessage={fieldProblem(t, save.error, 'responsibleId')}>
        <Select value={responsibleId} onChange={(_, d) => setResponsibleId(d.value)}><option value="">{t('app.cust.nobody')}</option>{options}</Select>
      </Field>
      <Field label={t('app.cust.backup')} validationMessage={fieldProblem(t, save.error, 'backupId')}>
        <Select value={backupId} onChange={(_, d) => setBackupId(d.value)}><option value="">{t('app.cust.nobody')}</option>{options}</Select>
      </Field>
    </FormBody>
  );
}

interface ContactFormProps { organizationId: string; organizationName: string; contact?: Contact | undefined }

/** A new contact person of `organizationId`, or a change of `contact`. */
export function ContactDialog({ open, onOpenChange, ...props }: DialogProps & ContactFormProps) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><ContactForm {...props} onOpenChange={onOpenChange} /></AppDialog>;
}

function ContactForm({ organizationId, organizationName, contact, onOpenChange }: ContactFormProps & { onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const { http } = useApi();
  const client = useQueryClient();
  const calls = useMemo(() => customerCalls(http), [http]);
  const [name, setName] = useState(contact?.name ?? '');
  const [title, setTitle] = useState(contact?.title ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [emails, setEmails] = useState(contact?.emails.join('\n') ?? '');
  const [classificationIds, setClassificationIds] = useState(contact?.classifications.map((c) => c.id) ?? []);
  const save = useMutation({
    mutationFn: () => {
      const fields = { name, title: title.trim() || null, phone: phone.trim() || null, emails: lines(emails), classificationIds };
      return contact ? calls.updateContact(contact.id, fields) : calls.createContact({ ...fields, organizationId });
    },
    onSuccess: async (saved) => {
      await Promise.all([client.invalidateQueries({ queryKey: ['customer', organizationId] }), client.invalidateQueries({ queryKey: ['contact', saved.id] })]);
      onOpenChange(false);
    },
  });
  const err = (p: string) => fieldProblem(t, save.error, p);
  return (
    <FormBody onOpenChange={onOpenChange}
      title={contact ? t('app.cust.editContactTitle', { name: contact.name }) : t('app.cust.addContactTitle', { name: organizationName })}
      submitLabel={t('app.cust.save')} pending={save.isPending} error={save.error} onSubmit={() => save.mutate()}>
      <Field label={t('app.cust.contact.name')} required validationMessage={err('name')}><Input value={name} onChange={(_, d) => setName(d.value)} /></Field>
      <Field label={t('app.cust.contact.emails')} hint={t('app.cust.contact.emailsHint')} required validationMessage={err('emails')}>
        <Textarea value={emails} onChange={(_, d) => setEmails(d.value)} />
      </Field>
      <Field label={t('app.cust.contact.title')} validationMessage={err('title')}><Input value={title} onChange={(_, d) => setTitle(d.value)} /></Field>
      <Field label={t('app.cust.contact.phone')} validationMessage={err('phone')}><Input type="tel" value={phone} onChange={(_, d) => setPhone(d.value)} /></Field>
      <ClassificationChecks appliesTo="contact" value={classificationIds} onChange={setClassificationIds} error={err('classificationIds')} />
    </FormBody>
  );
}

interface MoveFormProps { contact: Contact; onMoved?: ((customer: { id: string; name: string }) => void) | undefined }

/** Moves a contact person to another customer, picked by search. */
export function MoveContactDialog({ open, onOpenChange, ...props }: DialogProps & MoveFormProps) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><MoveContactForm {...props} onOpenChange={onOpenChange} /></AppDialog>;
}

function MoveContactForm({ contact, onOpenChange, onMoved }: MoveFormProps & { onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const { http } = useApi();
  const client = useQueryClient();
  const calls = useMemo(() => customerCalls(http), [http]);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  // Fluent's Combobox opens its list on a typed key only: a paste, autofill or dictation changes the
  // text without one, so the list is opened here on every change of the text.
  const [listOpen, setListOpen] = useState(false);
  const q = useDebounced(text.trim(), 250);
  const found = useQuery({ queryKey: ['organizations', 'search', q], enabled: q.length >= 2, staleTime: 60_000, queryFn: () => calls.search(q) });
  const options = (found.data ?? []).filter((o) => o.id !== contact.organizationId);
  const noneFound = q.length >= 2 && !!found.data && options.length === 0;
  const move = useMutation({
    mutationFn: () => (target ? calls.updateContact(contact.id, { organizationId: target.id }) : Promise.reject(new Error('no customer'))),
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['customer', contact.organizationId] }),
        client.invalidateQueries({ queryKey: ['customer', target!.id] }),
        client.invalidateQueries({ queryKey: ['contact', contact.id] }),
      ]);
      onMoved?.(target!);
      onOpenChange(false);
    },
  });
  return (
    <FormBody onOpenChange={onOpenChange} title={t('app.cust.moveContactTitle', { name: contact.name })} submitLabel={t('app.cust.moveSubmit')}
      pending={move.isPending} error={target ? move.error : null} onSubmit={() => target && move.mutate()}>
      <Field label={t('app.cust.moveTo')} hint={t('app.cust.pickCustomer')} required validationMessage={fieldProblem(t, move.error, 'organizationId')}>
        <Combobox
          freeform value={text} selectedOptions={target ? [target.id] : []}
          open={listOpen && (options.length > 0 || noneFound)} onOpenChange={(_, d) => setListOpen(d.open)}
          onChange={(e) => { setText(e.target.value); setTarget(null); setListOpen(true); }}
          onOptionSelect={(_, d) => {
            const hit = options.find((o) => o.id === d.optionValue);
            if (hit) { setTarget({ id: hit.id, name: hit.name }); setText(hit.name); }
          }}
        >
          {options.map((o) => <Option key={o.id} value={o.id} text={o.name}>{o.name}</Option>)}
          {noneFound && <Option key="none" value="" text="" disabled>{t('app.cust.pickCustomerNone')}</Option>}
        </Combobox>
      </Field>
    </FormBody>
  );
}
