/**
 * Selections (poiminnat): `/selections` lists mine and the shared ones and makes a new one from
 * the customer's activity and its contacts' title and classification (the customer list's "Save
 * as selection" makes one of the list's filters); `/selections/:id` shows a selection's criteria
 * and, on two tabs, its customers and its contacts as they are now, and lets its owner freeze it,
 * change a frozen one's members, share it or delete it.
 */
import {
  Badge, Button, Checkbox, Field, Input, Link as FluentLink, mergeClasses, MessageBar, MessageBarBody, Select, Switch, Tab, TabList, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import {
  AssignSelectionManagersResultSchema, SelectionChangeResultSchema, SelectionContactsPageSchema, SelectionListSchema, SelectionTasksResultSchema, SelectionMembersPageSchema, SelectionSchema,
  type Selection, type SelectionCriteria,
} from '../../../../shared/contract-selections';
import { ACTION_KINDS, SEGMENTS, type ActionKind, type Segment } from '../../../../shared/domain/codes';
import { customerPath, selectionPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { saveBlob } from '../../api/request';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { Page } from '../Page';
import { useCampaignWords } from '../campaigns/campaignText';
import { fieldProblem, problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { PrevNext } from '../common/PrevNext';
import { SegmentTag, StatusTag } from '../customers/common';
import { customerCalls } from '../customers/customerApi';
import { useCustomerStyles } from '../customers/customers.styles';
import { AddToCampaign } from './AddToCampaign';
import { OperationProgress, useListOperation } from './OperationProgress';
import { useSelectionStyles } from './SelectionsPage.styles';

export const selectionKeys = {
  all: () => ['selections'] as const,
  one: (id: string) => ['selections', id] as const,
  members: (id: string, page: number) => ['selections', id, 'members', page] as const,
  contacts: (id: string, page: number) => ['selections', id, 'contacts', page] as const,
};
const PAGE_SIZE = 50;

/** The contact classifications (the reference data), for the editor and for naming a criterion. */
function useContactClassifications() {
  const { http } = useApi();
  return useQuery({ queryKey: ['classifications', 'contact'], staleTime: 300_000, queryFn: () => customerCalls(http).classifications('contact') });
}

/** The criteria in words: "Segment A · no action since 1.9.2026 · …". */
function useCriteriaText(): (c: SelectionCriteria) => string {
  const t = useT();
  const labels = useCodeLabels();
  const fmt = useFormats();
  const contactNodes = useContactClassifications();
  return (c) => {
    const parts: string[] = [];
    if (c.q) parts.push(t('app.sel.crit.q', { q: c.q }));
    if (c.segment) parts.push(labels.segment(c.segment));
    if (c.customerGroup) parts.push(labels.customerGroup(c.customerGroup));
    if (c.carePlanStatus) parts.push(labels.carePlanStatus(c.carePlanStatus));
    if (c.department) parts.push(t('app.sel.crit.department', { department: c.department }));
    if (c.managerId || c.responsibleId || c.backupId) parts.push(t('app.sel.crit.manager'));
    if (c.classificationId) parts.push(t('app.sel.crit.classification'));
    if (c.noActionSince) parts.push(t('app.sel.crit.noActionSince', { day: fmt.day(c.noActionSince) }));
    if (c.actionSince) parts.push(t('app.sel.crit.actionSince', { day: fmt.day(c.actionSince) }));
    if (c.kind && c.kindSince) {
      parts.push(t(c.hasKind === false ? 'app.sel.crit.noKindSince' : 'app.sel.crit.kindSince', { kind: labels.actionKind(c.kind), day: fmt.day(c.kindSince) }));
    }
    if (c.hasOpenOpportunity !== undefined) parts.push(t(c.hasOpenOpportunity ? 'app.sel.crit.openOpportunity' : 'app.sel.crit.noOpenOpportunity'));
    if (c.contactTitle) parts.push(t('app.sel.crit.contactTitle', { title: c.contactTitle }));
    if (c.contactClassification) {
      parts.push(t('app.sel.crit.contactClassification', { name: contactNodes.data?.find((n) => n.id === c.contactClassification)?.path ?? '…' }));
    }
    return parts.length > 0 ? parts.join(' · ') : t('app.sel.crit.all');
  };
}

export function SelectionsPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const { http } = useApi();
  const criteriaText = useCriteriaText();
  const list = useQuery({ queryKey: selectionKeys.all(), queryFn: ({ signal }) => http.request({ path: '/selections', schema: SelectionListSchema, signal }) });
  return (
    <Page title={t('app.page.selections')}>
      {me.role !== 'management' && <NewSelection />}
      {list.error && <Text role="alert" className={s.error}>{problemSentence(t, list.error)}</Text>}
      {list.data && (list.data.items.length === 0 ? <Text>{t('app.sel.none')}</Text> : (
        <div className={s.tableWrap} tabIndex={0}>
          <Table aria-label={t('app.page.selections')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('app.sel.col.name')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.kind')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.criteria')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.owner')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((x) => (
                <TableRow key={x.id}>
                  <TableCell><Link href={selectionPath(x.id)} asChild><FluentLink>{x.name}</FluentLink></Link></TableCell>
                  <TableCell><KindTag selection={x} /></TableCell>
                  <TableCell>{criteriaText(x.criteria)}</TableCell>
                  <TableCell>{x.owner.name}{x.shared ? ` · ${t('app.sel.shared')}` : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
    </Page>
  );
}

function KindTag({ selection: x }: { selection: Selection }) {
  const t = useT();
  return x.kind === 'static'
    ? <Badge appearance="tint" shape="rounded" color="informative">{t('app.sel.static', { count: x.memberCount ?? 0 })}</Badge>
    : <Badge appearance="tint" shape="rounded" color="brand">{t('app.sel.dynamic')}</Badge>;
}

/** The fields the editor shows the server's problems at (any other problem is a sentence under the form). */
const FIELDS = ['name', 'criteria.kindSince', 'criteria.noActionSince', 'criteria.contactTitle', 'criteria.contactClassification'] as const;

/** A new dynamic selection from the customer's activity (and segment) and its contacts' title and classification. */
function NewSelection() {
  const t = useT();
  const s = useCustomerStyles();
  const labels = useCodeLabels();
  const { http } = useApi();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const [name, setName] = useState('');
  const [segment, setSegment] = useState<Segment | ''>('');
  const [noActionSince, setNoActionSince] = useState('');
  const [kind, setKind] = useState<ActionKind | ''>('');
  const [kindSince, setKindSince] = useState('');
  const [hasKind, setHasKind] = useState(true);
  const [openOpportunity, setOpenOpportunity] = useState<'' | 'yes' | 'no'>('');
  const [contactTitle, setContactTitle] = useState('');
  const [contactClassification, setContactClassification] = useState('');
  const [shared, setShared] = useState(false);
  const contactNodes = useContactClassifications();
  const own = useSelectionStyles();
  const create = useMutation({
    mutationFn: () => {
      const criteria: SelectionCriteria = {
        ...(segment && { segment }), ...(noActionSince && { noActionSince }),
        ...(kind && { kind, kindSince, hasKind }), ...(openOpportunity && { hasOpenOpportunity: openOpportunity === 'yes' }),
        // an empty field is no criterion; a title of spaces is sent, and the server names the field
        ...(contactTitle !== '' && { contactTitle }), ...(contactClassification && { contactClassification }),
      };
      return http.request({ method: 'POST', path: '/selections', body: { name, shared, criteria }, schema: SelectionSchema });
    },
    onSuccess: async (made) => {
      await queries.invalidateQueries({ queryKey: selectionKeys.all() });
      navigate(selectionPath(made.id));
    },
  });
  const err = (path: string) => fieldProblem(t, create.error, path);
  return (
    <form className={s.section} aria-labelledby="new-selection" onSubmit={(e) => { e.preventDefault(); create.mutate(); }} noValidate>
      <Text as="h2" id="new-selection" size={500} weight="semibold">{t('app.sel.new')}</Text>
      <div className={s.row}>
        <Field label={t('app.sel.name')} required validationMessage={err('name')} className={s.field}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label={t('app.cust.filter.segment')} className={s.field}>
          <Select value={segment} onChange={(_, d) => setSegment(d.value as Segment | '')}>
            <option value="">{t('app.cust.filter.any')}</option>
            {SEGMENTS.map((x) => <option key={x} value={x}>{labels.segment(x)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.sel.noActionSince')} validationMessage={err('criteria.noActionSince')} className={s.field}>
          <Input type="date" value={noActionSince} onChange={(_, d) => setNoActionSince(d.value)} />
        </Field>
        <Field label={t('app.sel.openOpportunity')} className={s.field}>
          <Select value={openOpportunity} onChange={(_, d) => setOpenOpportunity(d.value as '' | 'yes' | 'no')}>
            <option value="">{t('app.cust.filter.any')}</option>
            <option value="yes">{t('app.sel.crit.openOpportunity')}</option>
            <option value="no">{t('app.sel.crit.noOpenOpportunity')}</option>
          </Select>
        </Field>
      </div>
      <div className={s.row}>
        <Field label={t('app.sel.kind')} className={s.field}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as ActionKind | '')}>
            <option value="">{t('app.cust.filter.any')}</option>
            {ACTION_KINDS.map((k) => <option key={k} value={k}>{labels.actionKind(k)}</option>)}
          </Select>
        </Field>
        {kind && (
          <>
            <Field label={t('app.sel.kindSince')} required validationMessage={err('criteria.kindSince')} className={s.field}>
              <Input type="date" value={kindSince} onChange={(_, d) => setKindSince(d.value)} />
            </Field>
            <Checkbox label={t('app.sel.hasNoKind')} checked={!hasKind} onChange={(_, d) => setHasKind(d.checked !== true)} />
          </>
        )}
      </div>
      <div className={mergeClasses(s.row, own.topAligned)}>
        <Field label={t('app.sel.contactTitle')} hint={t('app.sel.contactTitleHint')} validationMessage={err('criteria.contactTitle')} className={s.field}>
          <Input value={contactTitle} onChange={(_, d) => setContactTitle(d.value)} />
        </Field>
        <Field label={t('app.sel.contactClassification')} validationMessage={err('criteria.contactClassification')} className={s.field}>
          <Select value={contactClassification} onChange={(_, d) => setContactClassification(d.value)}>
            <option value="">{t('app.cust.filter.any')}</option>
            {(contactNodes.data ?? []).map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
          </Select>
        </Field>
      </div>
      <div className={s.row}>
        <Switch label={t('app.sel.share')} checked={shared} onChange={(_, d) => setShared(d.checked)} />
        <Button appearance="primary" type="submit" disabled={create.isPending}>{t('app.sel.create')}</Button>
      </div>
      <div role="alert">
        {create.error && !FIELDS.some((f) => err(f)) && <Text className={s.error}>{problemSentence(t, create.error)}</Text>}
      </div>
    </form>
  );
}

/**
 * The members (the customer export's columns) or the contacts (the contact export's, with language
 * and consent) as CSV or an Excel workbook, headers in the user's language when Finnish.
 */
function SelectionExports({ selection: x, what = 'customers' }: { selection: Selection; what?: 'customers' | 'contacts' }) {
  const t = useT();
  const s = useCustomerStyles();
  const { language } = useLanguage();
  const { http } = useApi();
  const file = what === 'contacts' ? 'contacts' : 'export';
  const download = useMutation({
    mutationFn: async (ext: 'csv' | 'xlsx') => {
      const blob = await http.download({ path: `/selections/${x.id}/${file}.${ext}`, query: { headers: language === 'fi' ? 'fi' : 'en' } });
      saveBlob(blob, `${x.name}${what === 'contacts' ? ` – ${t('app.sel.tab.contacts')}` : ''}.${ext}`);
    },
  });
  return (
    <div className={s.row}>
      <Button icon={<ArrowDownloadRegular />} disabled={download.isPending} onClick={() => download.mutate('csv')}>
        {t(what === 'contacts' ? 'app.sel.exportContactsCsv' : 'app.sel.exportCsv')}
      </Button>
      <Button icon={<ArrowDownloadRegular />} disabled={download.isPending} onClick={() => download.mutate('xlsx')}>
        {t(what === 'contacts' ? 'app.sel.exportContactsXlsx' : 'app.sel.exportXlsx')}
      </Button>
      {download.error && <Text role="alert" className={s.error}>{problemSentence(t, download.error)}</Text>}
    </div>
  );
}

/** A follow-up task on every member after the count is confirmed; one operation id per form, so a retry makes none twice. */
function TasksForEach({ selection: x, count }: { selection: Selection; count: number }) {
  const t = useT();
  const s = useCustomerStyles();
  const [operationId, setOperationId] = useState(newOperationId);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [assignTo, setAssignTo] = useState<'responsible' | 'me'>('responsible');
  const [confirming, setConfirming] = useState(false);
  const operation = useListOperation(
    () => ({ path: `/selections/${x.id}/tasks`, body: { operationId, expectedCount: count, title, dueOn, assignTo } }),
    SelectionTasksResultSchema,
    (r) => {
      setConfirming(false);
      // a new operation once every task is there; after a failure the same one again makes only the missing ones
      if (r.failed.length === 0) setOperationId(newOperationId());
    },
  );
  const create = operation.mutation;
  const err = (path: string) => fieldProblem(t, create.error, path);
  return (
    <section className={s.section} aria-labelledby="sel-tasks">
      <Text as="h2" id="sel-tasks" size={400} weight="semibold">{t('app.sel.tasks')}</Text>
      <div className={s.row}>
        <Field label={t('app.sel.taskTitle')} required validationMessage={err('title')} className={s.field}>
          <Input value={title} onChange={(_, d) => { setTitle(d.value); setConfirming(false); }} />
        </Field>
        <Field label={t('app.sel.taskDue')} required validationMessage={err('dueOn')} className={s.field}>
          <Input type="date" value={dueOn} onChange={(_, d) => { setDueOn(d.value); setConfirming(false); }} />
        </Field>
        <Field label={t('app.sel.taskAssignee')} className={s.field}>
          <Select value={assignTo} onChange={(_, d) => setAssignTo(d.value as 'responsible' | 'me')}>
            <option value="responsible">{t('app.sel.taskToResponsible')}</option>
            <option value="me">{t('app.sel.taskToMe')}</option>
          </Select>
        </Field>
        {!confirming
          ? <Button disabled={!title.trim() || !dueOn || count === 0} onClick={() => setConfirming(true)}>{t('app.sel.tasksStart')}</Button>
          : (
            <>
              <Text>{t('app.sel.tasksConfirm', { count })}</Text>
              <Button appearance="primary" disabled={create.isPending} onClick={() => create.mutate()}>{t('app.sel.tasksDo', { count })}</Button>
              <Button onClick={() => setConfirming(false)}>{t('app.cancel')}</Button>
            </>
          )}
      </div>
      <OperationProgress
        operation={operation}
        shownByFields={Boolean(err('title') || err('dueOn'))}
        result={(r) => (
          <>
            <Text block>{t('app.sel.tasksDone', { created: r.created, existing: r.existing })}</Text>
            {r.failed.length > 0 && (
              <>
                <Text block className={s.error}>{t('app.sel.tasksFailed', { count: r.failed.length })}</Text>
                <ul>{r.failed.map((f) => <li key={f.organizationId}>{f.name}</li>)}</ul>
              </>
            )}
          </>
        )}
      />
    </section>
  );
}

const newOperationId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** Every member to another responsible or backup account manager, after the count is confirmed (the server refuses another count). */
function HandOver({ selection: x, count }: { selection: Selection; count: number }) {
  const t = useT();
  const s = useCustomerStyles();
  const { http } = useApi();
  const queries = useQueryClient();
  const [managerId, setManagerId] = useState('');
  const [role, setRole] = useState<'responsible' | 'backup'>('responsible');
  const [confirming, setConfirming] = useState(false);
  const managers = useQuery({
    queryKey: ['users', 'account_manager'], staleTime: 300_000,
    queryFn: () => customerCalls(http).accountManagers(),
  });
  const operation = useListOperation(
    () => ({ path: `/selections/${x.id}/managers`, body: { expectedCount: count, ...(role === 'responsible' ? { responsibleId: managerId } : { backupId: managerId }) } }),
    AssignSelectionManagersResultSchema,
    () => { setConfirming(false); void queries.invalidateQueries({ queryKey: selectionKeys.all() }); },
  );
  const assign = operation.mutation;
  const name = managers.data?.find((m) => m.id === managerId)?.name ?? '';
  return (
    <section className={s.section} aria-labelledby="sel-handover">
      <Text as="h2" id="sel-handover" size={400} weight="semibold">{t('app.sel.handover')}</Text>
      <div className={s.row}>
        <Field label={t('app.sel.handoverRole')} className={s.field}>
          <Select value={role} onChange={(_, d) => { setRole(d.value as 'responsible' | 'backup'); setConfirming(false); }}>
            <option value="responsible">{t('app.sel.handoverResponsible')}</option>
            <option value="backup">{t('app.sel.handoverBackup')}</option>
          </Select>
        </Field>
        <Field label={t(role === 'responsible' ? 'app.sel.newResponsible' : 'app.sel.newBackup')} className={s.field}>
          <Select value={managerId} onChange={(_, d) => { setManagerId(d.value); setConfirming(false); }}>
            <option value="">{t('app.sel.chooseManager')}</option>
            {(managers.data ?? []).map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
          </Select>
        </Field>
        {!confirming
          ? <Button disabled={!managerId || count === 0} onClick={() => setConfirming(true)}>{t('app.sel.handoverStart')}</Button>
          : (
            <>
              <Text>{t(role === 'responsible' ? 'app.sel.handoverConfirm' : 'app.sel.handoverConfirmBackup', { count, name })}</Text>
              <Button appearance="primary" disabled={assign.isPending} onClick={() => assign.mutate()}>{t('app.sel.handoverDo', { count })}</Button>
              <Button onClick={() => setConfirming(false)}>{t('app.cancel')}</Button>
            </>
          )}
      </div>
      <OperationProgress operation={operation} result={(r) => <Text>{t(role === 'responsible' ? 'app.sel.handoverDone' : 'app.sel.handoverDoneBackup', { count: r.matched, name })}</Text>} />
    </section>
  );
}

type BulkChange = { kind: 'segment'; segment: Segment } | { kind: 'add' | 'remove'; classificationId: string };

/** Administrators: every member to a segment, or a classification added to or removed from each; confirmed with the count. */
function ChangeMembers({ selection: x, count }: { selection: Selection; count: number }) {
  const t = useT();
  const s = useCustomerStyles();
  const labels = useCodeLabels();
  const { http } = useApi();
  const queries = useQueryClient();
  const [segment, setSegment] = useState<Segment | ''>('');
  const [classificationId, setClassificationId] = useState('');
  const [pending, setPending] = useState<BulkChange | null>(null);
  const nodes = useQuery({ queryKey: ['classifications', 'organization'], staleTime: 300_000, queryFn: () => customerCalls(http).classifications('organization') });
  const operation = useListOperation(
    (c: BulkChange) => ({
      path: `/selections/${x.id}/${c.kind === 'segment' ? 'segment' : 'classifications'}`,
      body: c.kind === 'segment' ? { expectedCount: count, segment: c.segment } : { expectedCount: count, [c.kind]: [c.classificationId] },
    }),
    SelectionChangeResultSchema,
    () => { setPending(null); void queries.invalidateQueries({ queryKey: selectionKeys.all() }); },
  );
  const apply = operation.mutation;
  const nodeName = (id: string) => nodes.data?.find((n) => n.id === id)?.path ?? '';
  const confirmText = (c: BulkChange) => c.kind === 'segment'
    ? t('app.sel.segmentConfirm', { count, segment: labels.segment(c.segment) })
    : t(c.kind === 'add' ? 'app.sel.classAddConfirm' : 'app.sel.classRemoveConfirm', { count, name: nodeName(c.classificationId) });
  return (
    <section className={s.section} aria-labelledby="sel-change">
      <Text as="h2" id="sel-change" size={400} weight="semibold">{t('app.sel.change')}</Text>
      <div className={s.row}>
        <Field label={t('app.sel.newSegment')} className={s.field}>
          <Select value={segment} onChange={(_, d) => { setSegment(d.value as Segment | ''); setPending(null); }}>
            <option value="">{t('app.sel.chooseSegment')}</option>
            {SEGMENTS.map((g) => <option key={g} value={g}>{labels.segment(g)}</option>)}
          </Select>
        </Field>
        <Button disabled={!segment || count === 0} onClick={() => segment && setPending({ kind: 'segment', segment })}>{t('app.sel.segmentStart')}</Button>
      </div>
      <div className={s.row}>
        <Field label={t('app.sel.classification')} className={s.field}>
          <Select value={classificationId} onChange={(_, d) => { setClassificationId(d.value); setPending(null); }}>
            <option value="">{t('app.sel.chooseClassification')}</option>
            {(nodes.data ?? []).map((n) => <option key={n.id} value={n.id}>{n.path}</option>)}
          </Select>
        </Field>
        <Button disabled={!classificationId || count === 0} onClick={() => setPending({ kind: 'add', classificationId })}>{t('app.sel.classAdd')}</Button>
        <Button disabled={!classificationId || count === 0} onClick={() => setPending({ kind: 'remove', classificationId })}>{t('app.sel.classRemove')}</Button>
      </div>
      {pending && (
        <div className={s.row}>
          <Text>{confirmText(pending)}</Text>
          <Button appearance="primary" disabled={apply.isPending} onClick={() => apply.mutate(pending)}>{t('app.sel.changeDo', { count })}</Button>
          <Button onClick={() => setPending(null)}>{t('app.cancel')}</Button>
        </div>
      )}
      <OperationProgress
        operation={operation}
        result={(done) => (
          <>
            <Text block>{t('app.sel.changeDone', { changed: done.changed, unchanged: done.unchanged, failed: done.failed.length })}</Text>
            {done.failed.length > 0 && (
              <ul>{done.failed.map((f) => <li key={f.organizationId}><Link href={customerPath(f.organizationId)}>{f.name}</Link>: {f.reason}</li>)}</ul>
            )}
          </>
        )}
      />
    </section>
  );
}

export function SelectionPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const { id = '' } = useParams<{ id: string }>();
  const { http } = useApi();
  const selection = useQuery({ queryKey: selectionKeys.one(id), queryFn: ({ signal }) => http.request({ path: `/selections/${id}`, schema: SelectionSchema, signal }) });
  if (selection.error) {
    return <Page title={t('app.page.selections')}><Text role="alert" className={s.error}>{problemSentence(t, selection.error)}</Text></Page>;
  }
  if (!selection.data) return <Page title={t('app.page.selections')}><Text role="status">{t('app.loading')}</Text></Page>;
  return <SelectionView me={me} selection={selection.data} />;
}

function SelectionView({ me, selection: x }: { me: User; selection: Selection }) {
  const t = useT();
  const s = useCustomerStyles();
  const fmt = useFormats();
  const { http } = useApi();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const criteriaText = useCriteriaText();
  const [page, setPage] = useState(1);
  const [tab, setTab] = useState<'customers' | 'contacts'>('customers');
  const owner = x.owner.id === me.id || me.role === 'admin';
  const members = useQuery({
    queryKey: selectionKeys.members(x.id, page),
    queryFn: ({ signal }) => http.request({ path: `/selections/${x.id}/members`, query: { page, pageSize: PAGE_SIZE }, schema: SelectionMembersPageSchema, signal }),
  });
  const refresh = () => queries.invalidateQueries({ queryKey: selectionKeys.all() });
  const change = useMutation({
    mutationFn: (what: { path: string; body: object; method?: 'POST' | 'PATCH' }) =>
      http.request({ method: what.method ?? 'POST', path: `/selections/${x.id}${what.path}`, body: { version: x.version, ...what.body }, schema: SelectionSchema }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => http.request({ method: 'DELETE', path: `/selections/${x.id}`, schema: null }),
    onSuccess: async () => { await refresh(); navigate('/selections'); },
  });
  const stale = change.error instanceof ApiError && change.error.status === 409;
  const total = members.data?.total;
  return (
    <Page title={x.name}>
      <div className={s.row}>
        <KindTag selection={x} />
        <Text>{t('app.sel.ownedBy', { name: x.owner.name })}{x.shared ? ` · ${t('app.sel.shared')}` : ` · ${t('app.sel.private')}`}</Text>
        {x.frozenAt && <Text>{t('app.sel.frozenAt', { date: fmt.dateTime(x.frozenAt) })}</Text>}
      </div>
      <Text>{t('app.sel.criteria', { criteria: criteriaText(x.criteria) })}</Text>
      {owner && (
        <div className={s.row}>
          {x.kind === 'dynamic' && (
            <Button appearance="primary" disabled={change.isPending} onClick={() => change.mutate({ path: '/freeze', body: {} })}>{t('app.sel.freeze')}</Button>
          )}
          <Switch label={t('app.sel.share')} checked={x.shared} disabled={change.isPending} onChange={(_, d) => change.mutate({ path: '', method: 'PATCH', body: { shared: d.checked } })} />
          <Button disabled={remove.isPending} onClick={() => remove.mutate()}>{t('app.sel.delete')}</Button>
        </div>
      )}
      {x.kind === 'dynamic' && <Text size={200}>{t('app.sel.dynamicHint')}</Text>}
      {me.role !== 'account_manager' && <SelectionExports selection={x} />}
      {me.role !== 'management' && total !== undefined && <TasksForEach selection={x} count={total} />}
      {me.role === 'admin' && total !== undefined && <HandOver selection={x} count={total} />}
      {me.role === 'admin' && total !== undefined && <ChangeMembers selection={x} count={total} />}
      {me.role !== 'management' && total !== undefined && <AddToCampaign me={me} selection={x} count={total} />}
      {stale && (
        <MessageBar intent="warning"><MessageBarBody>{t('app.sel.stale')}</MessageBarBody></MessageBar>
      )}
      {(change.error && !stale) || remove.error ? <Text role="alert" className={s.error}>{problemSentence(t, change.error ?? remove.error)}</Text> : null}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'customers' | 'contacts')} aria-label={t('app.sel.tabs')}>
        <Tab value="customers">{t('app.sel.tab.customers')}</Tab>
        <Tab value="contacts">{t('app.sel.tab.contacts')}</Tab>
      </TabList>
      {tab === 'contacts' ? <SelectionContacts me={me} selection={x} /> : (
        <>
          <div aria-live="polite" role="status">
            {total !== undefined && <Text weight="semibold">{t('app.sel.members', { count: total })}</Text>}
          </div>
          {members.error && <Text role="alert" className={s.error}>{problemSentence(t, members.error)}</Text>}
          {members.data && members.data.items.length > 0 && (
            <div className={s.tableWrap} tabIndex={0}>
              <Table aria-label={t('app.sel.membersTable')} data-testid="selection-members" className={s.planTable}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('app.cust.col.name')}</TableHeaderCell>
                    <TableHeaderCell>{t('app.cust.col.segment')}</TableHeaderCell>
                    <TableHeaderCell>{t('app.cust.col.status')}</TableHeaderCell>
                    <TableHeaderCell>{t('app.cust.col.lastAction')}</TableHeaderCell>
                    {owner && x.kind === 'static' && <TableHeaderCell>{t('app.sel.col.actions')}</TableHeaderCell>}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {members.data.items.map((o) => (
                    <TableRow key={o.id}>
                      <TableCell><Link href={customerPath(o.id)} asChild><FluentLink>{o.name}</FluentLink></Link></TableCell>
                      <TableCell><SegmentTag segment={o.segment} /></TableCell>
                      <TableCell><StatusTag status={o.carePlanStatus} /></TableCell>
                      <TableCell>{o.lastActionAt ? fmt.date(o.lastActionAt) : t('app.cust.never')}</TableCell>
                      {owner && x.kind === 'static' && (
                        <TableCell>
                          <Button size="small" disabled={change.isPending} aria-label={t('app.sel.removeMember', { name: o.name })} onClick={() => change.mutate({ path: '/members', body: { remove: [o.id] } })}>
                            {t('app.sel.remove')}
                          </Button>
                        </TableCell>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <PrevNext page={page} hasMore={members.data?.hasMore} onPage={setPage} />
        </>
      )}
    </Page>
  );
}

/** The selection's contacts, a page at a time: over contacts its matching ones, else every contact of its customers. */
function SelectionContacts({ me, selection: x }: { me: User; selection: Selection }) {
  const t = useT();
  const s = useCustomerStyles();
  const own = useSelectionStyles();
  const w = useCampaignWords();
  const { http } = useApi();
  const [page, setPage] = useState(1);
  const contacts = useQuery({
    queryKey: selectionKeys.contacts(x.id, page),
    queryFn: ({ signal }) => http.request({ path: `/selections/${x.id}/contacts`, query: { page, pageSize: PAGE_SIZE }, schema: SelectionContactsPageSchema, signal }),
  });
  const data = contacts.data;
  return (
    <>
      {me.role !== 'account_manager' && <SelectionExports selection={x} what="contacts" />}
      <div aria-live="polite" role="status">
        {data && <Text weight="semibold">{t('app.sel.contacts', { count: data.total })}</Text>}
      </div>
      {data && <Text size={200}>{t(data.overContacts ? 'app.sel.contactsMatching' : 'app.sel.contactsAll')}</Text>}
      {contacts.error && <Text role="alert" className={s.error}>{problemSentence(t, contacts.error)}</Text>}
      {data && data.items.length > 0 && (
        <div className={s.tableWrap} tabIndex={0}>
          <Table aria-label={t('app.sel.contactsTable')} data-testid="selection-contacts" className={own.contactsTable}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('app.cust.col.name')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.title')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.customer')}</TableHeaderCell>
                <TableHeaderCell>{t('app.sel.col.email')}</TableHeaderCell>
                <TableHeaderCell>{t('app.contact.language')}</TableHeaderCell>
                <TableHeaderCell>{t('app.contact.consent')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>{c.title ?? ''}</TableCell>
                  <TableCell><Link href={customerPath(c.organizationId)} asChild><FluentLink>{c.organizationName}</FluentLink></Link></TableCell>
                  <TableCell className={own.address}>{c.email ?? t('app.sel.noEmail')}</TableCell>
                  <TableCell>{w.language(c.language)}</TableCell>
                  <TableCell>{w.consent(c.marketingConsent)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PrevNext page={page} hasMore={data?.hasMore} onPage={setPage} />
    </>
  );
}
