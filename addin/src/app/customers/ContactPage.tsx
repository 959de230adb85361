/**
 * `/contacts/:id`: a contact person's details, their customer (a link), classifications, edit and
 * move for those who may change the customer, and the actions that involve them, page by page.
 */
import { Button, Link as FluentLink, Spinner, Text } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'wouter';
import type { Contact, User } from '../../../../shared/contract';
import { customerPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { useCampaignWords } from '../campaigns/campaignText';
import { useDialog } from '../common/useDialog';
import { Page } from '../Page';
import { problemOf } from './common';
import { customerCalls } from './customerApi';
import { ContactMarketingDialog } from './ContactMarketing';
import { ContactDialog, MoveContactDialog } from './CustomerDialogs';
import { mayEdit, Section } from './CustomerPage';
import { useCustomerStyles } from './customers.styles';
import { Timeline } from './Timeline';

export function ContactPage({ me }: { me: User }) {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => calls.contact(id), retry: false });
  if (contact.isLoading) return <Page title={t('app.page.contact')}><Spinner size="small" label={t('app.loading')} /></Page>;
  if (!contact.data) {
    return (
      <Page title={t('app.page.contact')}>
        <Text role="alert">{contact.error && (contact.error as { status?: number }).status !== 404 ? problemOf(t, contact.error) : t('app.cust.contactNotFound')}</Text>
      </Page>
    );
  }
  return <ContactView me={me} contact={contact.data} />;
}

function ContactView({ me, contact: c }: { me: User; contact: Contact }) {
  const t = useT();
  const s = useCustomerStyles();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const org = useQuery({ queryKey: ['customer', c.organizationId], queryFn: () => calls.organization(c.organizationId) });
  const editDialog = useDialog();
  const moveDialog = useDialog();
  const marketingDialog = useDialog();
  const w = useCampaignWords();
  const [moved, setMoved] = useState<string | null>(null);
  const editable = org.data ? mayEdit(me, org.data) : false;
  const readOnlyNote = me.role === 'management' ? t('app.cust.readOnly.management') : t('app.cust.readOnly.other');

  return (
    <Page title={c.name}>
      {org.data && !editable && <Text className={s.muted} data-testid="read-only-note">{readOnlyNote}</Text>}
      <div role="status">{moved && <Text>{moved}</Text>}</div>
      <Section
        id="contact-details" title={t('app.cust.details')}
        actions={editable && (
          <div className={s.row}>
            <Button onClick={() => editDialog.show()}>{t('app.cust.editContact')}</Button>
            <Button onClick={() => moveDialog.show()}>{t('app.cust.moveContact')}</Button>
            <Button onClick={() => marketingDialog.show()}>{t('app.contact.marketingButton')}</Button>
          </div>
        )}
      >
        <dl className={s.dl}>
          <dt>{t('app.cust.contact.customer')}</dt>
          <dd>{org.data ? <Link href={customerPath(org.data.id)} asChild><FluentLink>{org.data.name}</FluentLink></Link> : <Spinner size="extra-tiny" />}</dd>
          <dt>{t('app.cust.contact.title')}</dt><dd>{c.title ?? t('app.cust.none')}</dd>
          <dt>{t('app.cust.contact.phone')}</dt><dd>{c.phone ? <FluentLink href={`tel:${c.phone}`}>{c.phone}</FluentLink> : t('app.cust.none')}</dd>
          <dt>{t('app.cust.contact.emails')}</dt>
          <dd>{c.emails.map((e, i) => <span key={e}>{i > 0 && ', '}<FluentLink href={`mailto:${e}`}>{e}</FluentLink></span>)}</dd>
          <dt>{t('app.cust.classifications')}</dt><dd>{c.classifications.length ? c.classifications.map((x) => x.name).join(', ') : t('app.cust.none')}</dd>
          <dt>{t('app.contact.language')}</dt><dd>{w.language(c.language)}</dd>
          <dt>{t('app.contact.consent')}</dt><dd data-testid="contact-consent">{w.consent(c.marketingConsent)}{c.bouncedAt ? ` · ${t('app.contact.bounced')}` : ''}</dd>
        </dl>
      </Section>
      <Timeline owner={{ contactId: c.id }} queryKey={['contact', c.id]} heading={t('app.cust.contact.actions')} contacts={[c]} />
      {/* the app's one dialog pattern (../common/useDialog): kept mounted, closed through `open` */}
      {org.data && (
        <ContactDialog organizationId={c.organizationId} organizationName={org.data.name} contact={c} {...editDialog.props} />
      )}
      <ContactMarketingDialog contact={c} {...marketingDialog.props} />
      <MoveContactDialog contact={c} {...moveDialog.props} onMoved={(to) => setMoved(t('app.cust.moved', { name: c.name, customer: to.name }))} />
    </Page>
  );
}
