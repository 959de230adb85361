/**
 * The audit log (`/app/admin/audit`, administrators): every write newest first, in words: when, who
 * (a user with their role, or a contact on a public page: an unsubscribe, a survey answer) and what
 * (the record's kind and what was done to it, never a route or a code), with the fields named.
 * Filtered by the kind of record, paged.
 */
import { Badge, Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditEntrySchema, pageOf, type AuditEntry } from '../../../../shared/contract';
import { useApi } from '../../core/ApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT, type Translate } from '../../core/i18n/I18nProvider';
import { en as appEn } from '../../core/i18n/messages/app/en';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { useCustomerStyles } from '../customers/customers.styles';

const PAGE_SIZE = 50;
const AuditPageSchema = pageOf(AuditEntrySchema);

/** The kinds of record the filter offers (those written through the API and the public pages). */
export const AUDIT_RESOURCES = [
  'organization', 'contact', 'action', 'task', 'opportunity', 'offer', 'order', 'selection', 'campaign', 'mailing', 'survey', 'send_log',
  'conversation', 'classification', 'care_plan', 'product', 'pipeline_stages', 'user', 'merge', 'import', 'export', 'report',
] as const;

const known = (id: string): id is MessageId => id in appEn;

/**
 * What an entry did, as a sentence of the user's language: the public pages' writes and a first
 * sign-in have their own; the rest are "<kind of record>: <what was done>", each from the catalog.
 */
export function auditActionText(t: Translate, entry: Pick<AuditEntry, 'action' | 'resource'>): string {
  const own = `admin.audit.action.${entry.action}`;
  if (known(own)) return t(own);
  const verb = entry.action.slice(entry.action.indexOf('.') + 1);
  const resource = `admin.audit.resource.${entry.resource}`;
  const what = `admin.audit.verb.${verb}`;
  return t('admin.audit.did', {
    resource: known(resource) ? t(resource) : t('admin.audit.resource.other'),
    verb: known(what) ? t(what) : t('admin.audit.verb.other'),
  });
}

function Actor({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const labels = useCodeLabels();
  const s = useCustomerStyles();
  if (entry.actor.kind === 'contact') {
    return (
      <span className={s.badges}>
        <Text>{entry.actor.name}</Text>
        <Badge appearance="tint" shape="rounded" color="informative">{t('admin.audit.publicActor')}</Badge>
      </span>
    );
  }
  return <Text>{t('admin.audit.userActor', { name: entry.actor.name, role: entry.actor.role ? labels.role(entry.actor.role) : '' })}</Text>;
}

export function AuditPage() {
  const t = useT();
  const s = useCustomerStyles();
  const fmt = useFormats();
  const { http } = useApi();
  const [resource, setResource] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['admin', 'audit', resource, page],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => http.request({ path: '/audit', query: { page, pageSize: PAGE_SIZE, resource: resource || undefined }, schema: AuditPageSchema, signal }),
  });
  const data = list.data;
  return (
    <section className={s.section} aria-labelledby="audit-title">
      <Text as="h2" id="audit-title" size={500} weight="semibold">{t('admin.audit.title')}</Text>
      <Text>{t('admin.audit.intro')}</Text>
      <div className={s.row}>
        <Field label={t('admin.audit.filter')}>
          <Select value={resource} onChange={(_, d) => { setResource(d.value); setPage(1); }}>
            <option value="">{t('admin.audit.allResources')}</option>
            {AUDIT_RESOURCES.map((r) => <option key={r} value={r}>{t(`admin.audit.resource.${r}`)}</option>)}
          </Select>
        </Field>
      </div>
      {list.error && <Text role="alert" className={s.error}>{problemSentence(t, list.error)}</Text>}
      {list.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {data && (data.items.length === 0 ? <Text>{t('admin.audit.none')}</Text> : (
        <>
          <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="audit-caption">
            <Table className={s.planTable} data-testid="audit">
              <caption id="audit-caption" className={s.caption}>{t('admin.audit.caption')}</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('admin.audit.col.at')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.audit.col.actor')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.audit.col.action')}</TableHeaderCell>
                  <TableHeaderCell>{t('admin.audit.col.fields')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((e) => (
                  <TableRow key={e.id} data-action={e.action}>
                    <TableCell>{fmt.dateTime(e.at)}</TableCell>
                    <TableCell><Actor entry={e} /></TableCell>
                    <TableCell>{auditActionText(t, e)}</TableCell>
                    <TableCell>{e.changedFields.length ? t('admin.audit.fields', { count: e.changedFields.length }) : '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className={s.row}>
            <Button disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('admin.audit.newer')}</Button>
            <Text>{t('admin.audit.page', { page })}</Text>
            <Button disabled={!data.hasMore} onClick={() => setPage((p) => p + 1)}>{t('admin.audit.older')}</Button>
          </div>
        </>
      ))}
    </section>
  );
}
