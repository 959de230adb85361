/**
 * The actions of a customer or of a contact person, newest first, page by page ("load more"
 * follows the server's cursor), filtered by kind, by who logged them and (on a customer) by
 * contact person. Planned meetings and events are marked as planned.
 */
import { Badge, Button, Field, Select, Spinner, Text, Title3 } from '@fluentui/react-components';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import type { Contact, PersonRef } from '../../../../shared/contract';
import { ACTION_KINDS, type ActionKind } from '../../../../shared/domain/codes';
import { contactPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { useFormats } from '../common/format';
import { problemOf } from './common';
import { customerCalls, type TimelineFilter } from './customerApi';
import { useCustomerStyles } from './customers.styles';

export interface TimelineProps {
  owner: { organizationId: string } | { contactId: string };
  /** Query key prefix: the owner's key (`['customer', id]` / `['contact', id]`), so that invalidating it refreshes the timeline. */
  queryKey: readonly unknown[];
  heading: string;
  /** The customer's contacts: names for the entries and the contact filter. */
  contacts?: readonly Contact[];
  /** People to offer in the "logged by" filter besides those already seen. */
  people?: ReadonlyArray<PersonRef | null>;
}

export function Timeline({ owner, queryKey, heading, contacts = [], people = [] }: TimelineProps) {
  const t = useT();
  const s = useCustomerStyles();
  const labels = useCodeLabels();
  const dates = useFormats();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const [filter, setFilter] = useState<TimelineFilter>({});
  const pages = useInfiniteQuery({
    queryKey: [...queryKey, 'timeline', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => calls.timeline(owner, filter, pageParam),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const contactName = new Map(contacts.map((c) => [c.id, c.name]));
  const seen = new Map<string, string>();
  for (const p of [...people, ...items.map((a) => a.loggedBy)]) if (p) seen.set(p.id, p.name);
  const headingId = `timeline-${'organizationId' in owner ? owner.organizationId : owner.contactId}`;

  return (
    <section className={s.section} aria-labelledby={headingId}>
      <Title3 as="h2" id={headingId}>{heading}</Title3>
      <div className={s.row}>
        <Field label={t('app.cust.timeline.kind')} className={s.field}>
          <Select value={typeof filter.kind === 'string' ? filter.kind : ''} onChange={(_, d) => setFilter({ ...filter, kind: (d.value || undefined) as ActionKind | undefined })}>
            <option value="">{t('app.cust.timeline.allKinds')}</option>
            {ACTION_KINDS.map((k) => <option key={k} value={k}>{labels.actionKind(k)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.cust.timeline.person')} className={s.field}>
          <Select value={filter.loggedBy ?? ''} onChange={(_, d) => setFilter({ ...filter, loggedBy: d.value || undefined })}>
            <option value="">{t('app.cust.timeline.anyone')}</option>
            {[...seen].map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </Select>
        </Field>
        {'organizationId' in owner && contacts.length > 0 && (
          <Field label={t('app.cust.timeline.contact')} className={s.field}>
            <Select value={filter.contactId ?? ''} onChange={(_, d) => setFilter({ ...filter, contactId: d.value || undefined })}>
              <option value="">{t('app.cust.timeline.everyContact')}</option>
              {contacts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </Select>
          </Field>
        )}
      </div>
      <div role="status" aria-live="polite">
        {pages.isLoading ? <Spinner size="tiny" label={t('app.loading')} /> : pages.data && (items.length === 0 ? <Text>{t('app.cust.timeline.empty')}</Text> : <Text className={s.muted}>{t('app.cust.timeline.count', { count: items.length })}</Text>)}
      </div>
      {pages.error && <Text role="alert" className={s.error}>{problemOf(t, pages.error)}</Text>}
      <ol className={s.list} data-testid="timeline">
        {items.map((a) => (
          <li key={a.id} className={a.planned ? `${s.entry} ${s.plannedEntry}` : s.entry}>
            <div className={s.entryHead}>
              <Text weight="semibold">{labels.actionKind(a.kind)}</Text>
              {a.planned && <Badge appearance="tint" color="brand" shape="rounded">{t('app.cust.timeline.planned')}</Badge>}
              <Text><time dateTime={a.occurredAt}>{dates.dateTime(a.occurredAt)}</time></Text>
            </div>
            <Text>{a.subject}</Text>
            {a.excerpt && <Text size={200} className={s.excerpt}>{a.excerpt}</Text>}
            {a.contactIds.length > 0 && contacts.length > 0 && (
              <Text size={200}>
                {t('app.cust.timeline.with', { names: dates.list(a.contactIds.map((id) => contactName.get(id)).filter((n): n is string => !!n)) })}
              </Text>
            )}
            <Text size={200} className={s.muted}>{t('app.cust.timeline.by', { name: a.loggedBy.name })}</Text>
          </li>
        ))}
      </ol>
      {pages.hasNextPage && (
        <div>
          <Button onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
            {pages.isFetchingNextPage ? t('app.loading') : t('app.cust.timeline.more')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** A contact's name as a link to their page. */
export function ContactLink({ contact }: { contact: { id: string; name: string } }) {
  return <Link href={contactPath(contact.id)}>{contact.name}</Link>;
}
