/**
 * `/customers`: search (debounced, accent- and case-insensitive on the server), filters, sortable
 * columns and paging, all kept in the address (`?q=…&segment=…`) so that a view is a link; the
 * CSV export downloads exactly the view. Cards instead of the table on a narrow screen.
 */
import {
  Button, Card, Field, Input, Link as FluentLink, Select, Spinner, Switch, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import { CARE_PLAN_STATUSES, CUSTOMER_GROUPS, SEGMENTS, type CarePlanStatus, type CustomerGroup, type Segment } from '../../../../shared/domain/codes';
import { SelectionSchema } from '../../../../shared/contract-selections';
import { customerPath, selectionPath } from '../../../../shared/links';
import { saveBlob } from '../../api/request';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { Page } from '../Page';
import { fieldProblem } from '../common/errors';
import { useFormats } from '../common/format';
import { problemOf, SegmentTag, StatusTag, useDebounced } from './common';
import { customerCalls, SORTS, type CustomerView, type ListItem, type Sort } from './customerApi';
import { useCustomerStyles } from './customers.styles';

const ID = /^[a-f0-9]{24}$/;
const pick = <T extends string>(values: readonly T[], v: string | null): T | undefined => (v && (values as readonly string[]).includes(v) ? (v as T) : undefined);

/** The view the address describes (unknown or malformed values are left out). */
export function viewOf(params: URLSearchParams): CustomerView {
  const id = (key: string) => { const v = params.get(key); return v && ID.test(v) ? v : undefined; };
  const text = (key: string) => params.get(key)?.trim() || undefined;
  const page = Number(params.get('page'));
  const view: CustomerView = {
    q: text('q'), segment: pick(SEGMENTS, params.get('segment')), customerGroup: pick(CUSTOMER_GROUPS, params.get('customerGroup')),
    carePlanStatus: pick(CARE_PLAN_STATUSES, params.get('carePlanStatus')),
    responsibleId: id('responsibleId'), backupId: id('backupId'), managerId: id('managerId'), classificationId: id('classificationId'),
    department: text('department'), sort: pick(SORTS, params.get('sort')), order: pick(['asc', 'desc'] as const, params.get('order')),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as CustomerView;
}

function paramsOf(view: CustomerView): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p;
}

type ManagerRole = 'managerId' | 'responsibleId' | 'backupId';
const managerOf = (v: CustomerView): { role: ManagerRole; id: string } | null =>
  v.managerId ? { role: 'managerId', id: v.managerId } : v.responsibleId ? { role: 'responsibleId', id: v.responsibleId } : v.backupId ? { role: 'backupId', id: v.backupId } : null;

export function CustomersPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const labels = useCodeLabels();
  const { language } = useLanguage();
  const dates = useFormats();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  /** Management and administrators list users and export (GET /users, the CSV exports); account managers do neither. */
  const mayListUsers = me.role !== 'account_manager';
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewOf(params), [params]);
  const update = (change: Partial<CustomerView>, keepPage = false) => {
    const next: CustomerView = { ...view, ...change };
    if (!keepPage) delete next.page;
    setParams(paramsOf(viewOf(paramsOf(next))), { replace: true });
  };

  // the text boxes follow the address, and write to it after a pause in typing
  const [q, setQ] = useState(view.q ?? '');
  const [department, setDepartment] = useState(view.department ?? '');
  const typedQ = useDebounced(q, 300);
  const typedDepartment = useDebounced(department, 400);
  useEffect(() => {
    if ((typedQ.trim() || undefined) !== view.q || (typedDepartment.trim() || undefined) !== view.department) {
      update({ q: typedQ.trim() || undefined, department: typedDepartment.trim() || undefined });
    }
  }, [typedQ, typedDepartment]);

  const managers = useQuery({ queryKey: ['users', 'account_manager'], enabled: mayListUsers, staleTime: 300_000, queryFn: () => calls.accountManagers() });
  const classifications = useQuery({ queryKey: ['classifications', 'organization'], staleTime: 300_000, queryFn: () => calls.classifications('organization') });
  const list = useQuery({ queryKey: ['organizations', 'list', view], queryFn: () => calls.list(view), placeholderData: keepPreviousData });
  const exporting = useMutation({
    mutationFn: () => calls.exportCsv(view, language === 'fi' ? 'fi' : 'en'),
    onSuccess: (blob) => saveBlob(blob, language === 'fi' ? 'asiakkaat.csv' : 'customers.csv'),
  });

  const manager = managerOf(view);
  const mine = manager?.role === 'managerId' && manager.id === me.id;
  const setManager = (role: ManagerRole, id: string | undefined) =>
    update({ managerId: role === 'managerId' ? id : undefined, responsibleId: role === 'responsibleId' ? id : undefined, backupId: role === 'backupId' ? id : undefined });
  const sort: Sort = view.sort ?? 'name';
  const order = view.order ?? 'asc';
  const page = view.page ?? 1;
  const anyFilter = Object.keys(view).some((k) => !['sort', 'order', 'page'].includes(k));

  const sortHeader = (key: Sort, label: string) => {
    const active = sort === key;
    return (
      <TableHeaderCell aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <Button
          appearance="transparent" className={s.sortButton}
          icon={active ? (order === 'asc' ? <ArrowSortUpRegular /> : <ArrowSortDownRegular />) : undefined} iconPosition="after"
          onClick={() => update({ sort: key, order: active && order === 'asc' ? 'desc' : 'asc' })}
        >
          {label}
        </Button>
      </TableHeaderCell>
    );
  };

  const items = list.data?.items ?? [];
  const lastAction = (o: ListItem) => (o.lastActionAt ? dates.date(o.lastActionAt) : t('app.cust.never'));
  const countText = list.data
    ? (list.data.hasMore ? t('app.cust.resultsMore', { count: items.length, page }) : t('app.cust.results', { count: items.length, page }))
    : '';

  return (
    <Page title={t('app.page.customers')}>
      <div className={s.row} role="search">
        <Field label={t('app.cust.search.label')} hint={t('app.cust.search.hint')} className={s.search}>
          <Input type="search" value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        {mayListUsers && (
          <Button icon={<ArrowDownloadRegular />} onClick={() => exporting.mutate()} disabled={exporting.isPending}>
            {exporting.isPending ? t('app.cust.exporting') : t('app.cust.export')}
          </Button>
        )}
      </div>
      <fieldset className={s.filters}>
        <legend className={s.caption}>{t('app.cust.filters')}</legend>
        <Field label={t('app.cust.filter.segment')} className={s.field}>
          <Select value={view.segment ?? ''} onChange={(_, d) => update({ segment: (d.value || undefined) as Segment | undefined })}>
            <option value="">{t('app.cust.filter.any')}</option>
            {SEGMENTS.map((v) => <option key={v} value={v}>{labels.segment(v)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.cust.filter.group')} className={s.field}>
          <Select value={view.customerGroup ?? ''} onChange={(_, d) => update({ customerGroup: (d.value || undefined) as CustomerGroup | undefined })}>
            <option value="">{t('app.cust.filter.any')}</option>
            {CUSTOMER_GROUPS.map((v) => <option key={v} value={v}>{labels.customerGroup(v)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.cust.filter.status')} className={s.field}>
          <Select value={view.carePlanStatus ?? ''} onChange={(_, d) => update({ carePlanStatus: (d.value || undefined) as CarePlanStatus | undefined })}>
            <option value="">{t('app.cust.filter.any')}</option>
            {CARE_PLAN_STATUSES.map((v) => <option key={v} value={v}>{labels.carePlanStatus(v)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.cust.filter.classification')} className={s.field}>
          <Select value={view.classificationId ?? ''} onChange={(_, d) => update({ classificationId: d.value || undefined })}>
            <option value="">{t('app.cust.filter.any')}</option>
            {[...(classifications.data ?? [])].sort((a, b) => a.path.localeCompare(b.path, language)).map((c) => (
              <option key={c.id} value={c.id}>{c.path}</option>
            ))}
          </Select>
        </Field>
        <Field label={t('app.cust.filter.department')} className={s.field}>
          <Input value={department} onChange={(_, d) => setDepartment(d.value)} />
        </Field>
        {mayListUsers ? (
          <>
            <Field label={t('app.cust.filter.manager')} className={s.field}>
              <Select value={manager?.id ?? ''} onChange={(_, d) => setManager(manager?.role ?? 'managerId', d.value || undefined)}>
                <option value="">{t('app.cust.filter.any')}</option>
                {(managers.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </Select>
            </Field>
            <Field label={t('app.cust.filter.managerAs')} className={s.field}>
              <Select value={manager?.role ?? 'managerId'} disabled={!manager} onChange={(_, d) => manager && setManager(d.value as ManagerRole, manager.id)}>
                <option value="managerId">{t('app.cust.filter.managerAs.either')}</option>
                <option value="responsibleId">{t('app.cust.filter.managerAs.responsible')}</option>
                <option value="backupId">{t('app.cust.filter.managerAs.backup')}</option>
              </Select>
            </Field>
          </>
        ) : (
          <Switch label={t('app.cust.filter.mine')} checked={mine} onChange={(_, d) => setManager('managerId', d.checked ? me.id : undefined)} />
        )}
      </fieldset>
      <div className={s.row}>
        {anyFilter && (
          <Button appearance="secondary" onClick={() => { setQ(''); setDepartment(''); setParams(new URLSearchParams(), { replace: true }); }}>
            {t('app.cust.filter.clear')}
          </Button>
        )}
        {me.role !== 'management' && <SaveAsSelection view={view} />}
      </div>

      <div aria-live="polite" role="status">
        {list.isFetching && !list.data ? <Spinner size="tiny" label={t('app.loading')} /> : <Text weight="semibold">{countText}</Text>}
        {exporting.isSuccess && <Text> {t('app.cust.exported')}</Text>}
      </div>
      {list.error && <Text role="alert" className={s.error}>{t('app.cust.loadFailed', { problem: problemOf(t, list.error) })}</Text>}
      {exporting.error && <Text role="alert" className={s.error}>{t('app.cust.exportFailed', { problem: problemOf(t, exporting.error) })}</Text>}

      {items.length > 0 && (
        <>
          <div className={`${s.wide} ${s.tableWrap}`} tabIndex={0}>
            <Table aria-label={t('app.cust.tableCaption')} data-testid="customer-table">
              <TableHeader>
                <TableRow>
                  {sortHeader('name', t('app.cust.col.name'))}
                  {sortHeader('segment', t('app.cust.col.segment'))}
                  <TableHeaderCell>{t('app.cust.col.group')}</TableHeaderCell>
                  {sortHeader('status', t('app.cust.col.status'))}
                  {sortHeader('lastAction', t('app.cust.col.lastAction'))}
                  <TableHeaderCell>{t('app.cust.col.responsible')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell><Link href={customerPath(o.id)} asChild><FluentLink>{o.name}</FluentLink></Link></TableCell>
                    <TableCell><SegmentTag segment={o.segment} /></TableCell>
                    <TableCell>{labels.customerGroup(o.customerGroup)}</TableCell>
                    <TableCell><StatusTag status={o.carePlanStatus} /></TableCell>
                    <TableCell>{lastAction(o)}</TableCell>
                    <TableCell>{o.responsible?.name ?? t('app.cust.nobody')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={s.narrow}>
            <div className={s.row}>
              <Field label={t('app.cust.sortBy')} className={s.field}>
                <Select value={sort} onChange={(_, d) => update({ sort: d.value as Sort })}>
                  <option value="name">{t('app.cust.col.name')}</option>
                  <option value="segment">{t('app.cust.col.segment')}</option>
                  <option value="status">{t('app.cust.col.status')}</option>
                  <option value="lastAction">{t('app.cust.col.lastAction')}</option>
                </Select>
              </Field>
              <Field label={t('app.cust.order')} className={s.field}>
                <Select value={order} onChange={(_, d) => update({ order: d.value as 'asc' | 'desc' })}>
                  <option value="asc">{t('app.cust.order.asc')}</option>
                  <option value="desc">{t('app.cust.order.desc')}</option>
                </Select>
              </Field>
            </div>
            <ul className={s.list} aria-label={t('app.cust.tableCaption')}>
              {items.map((o) => (
                <li key={o.id}>
                  <Card className={s.card}>
                    <Link href={customerPath(o.id)} asChild><FluentLink>{o.name}</FluentLink></Link>
                    <div className={s.badges}><SegmentTag segment={o.segment} /><StatusTag status={o.carePlanStatus} /></div>
                    <Text size={200}>{labels.customerGroup(o.customerGroup)} · {t('app.cust.col.lastAction')}: {lastAction(o)}</Text>
                    <Text size={200}>{t('app.cust.col.responsible')}: {o.responsible?.name ?? t('app.cust.nobody')}</Text>
                  </Card>
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
      {(page > 1 || list.data?.hasMore) && (
        <Pager label={t('app.cust.pageNav')}>
          <Button disabled={page <= 1} onClick={() => update({ page: page - 1 }, true)}>{t('app.cust.prev')}</Button>
          <Button disabled={!list.data?.hasMore} onClick={() => update({ page: page + 1 }, true)}>{t('app.cust.next')}</Button>
        </Pager>
      )}
    </Page>
  );
}

/** The list's filters (not its order or page) saved as a dynamic selection, which then opens. */
function SaveAsSelection({ view }: { view: CustomerView }) {
  const t = useT();
  const s = useCustomerStyles();
  const { http } = useApi();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const { sort: _sort, order: _order, page: _page, ...criteria } = view;
      return http.request({ method: 'POST', path: '/selections', body: { name, criteria }, schema: SelectionSchema });
    },
    onSuccess: (made) => navigate(selectionPath(made.id)),
  });
  if (!open) return <Button onClick={() => setOpen(true)}>{t('app.sel.saveAs')}</Button>;
  return (
    <form className={s.row} onSubmit={(e) => { e.preventDefault(); save.mutate(); }} noValidate>
      <Field label={t('app.sel.name')} required validationMessage={fieldProblem(t, save.error, 'name')} className={s.field}>
        <Input value={name} autoFocus onChange={(_, d) => setName(d.value)} />
      </Field>
      <Button appearance="primary" type="submit" disabled={save.isPending}>{t('app.sel.create')}</Button>
      <Button onClick={() => setOpen(false)}>{t('app.cancel')}</Button>
    </form>
  );
}

function Pager({ label, children }: { label: string; children: ReactNode }) {
  const s = useCustomerStyles();
  return <nav aria-label={label} className={s.row}>{children}</nav>;
}
