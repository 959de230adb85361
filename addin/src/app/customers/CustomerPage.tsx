/**
 * `/customers/:id`: the customer's header (name, segment, status), details and classifications,
 * account managers, contact persons, the care plan rule by rule, open tasks, its sales (opportunities,
 * offers, orders: ./CustomerSales) and the whole action timeline. Edit controls only for those the
 * role table allows (the responsible person, the backup, administrators); everyone else gets a short
 * explanation. `?log=1` opens Log action.
 */
import {
  Badge, Button, Card, Link as FluentLink, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'wouter';
import type { Contact, Organization, OrganizationDetail, User } from '../../../../shared/contract';
import type { Task } from '../../../../shared/contract-tasks';
import { contactPath } from '../../../../shared/links';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useT } from '../../core/i18n/I18nProvider';
import { CompleteTaskDialog, LogActionDialog, TaskDialog } from '../dialogs';
import { useDialog } from '../common/useDialog';
import { Page } from '../Page';
import { useFormats } from '../common/format';
import { problemOf, SegmentTag, StatusTag } from './common';
import { customerCalls } from './customerApi';
import { CustomerSales } from './CustomerSales';
import { ContactMarketingButton, ContactMarketingDialog, ContactMarketingLine } from './ContactMarketing';
import { ContactDialog, ManagersDialog, MoveContactDialog, OrganizationDialog } from './CustomerDialogs';
import { useCustomerStyles } from './customers.styles';
import { Timeline } from './Timeline';

/** May `me` change this customer (and its contacts)? The server's rule: responsible, backup or admin. */
export function mayEdit(me: User, o: Pick<Organization, 'responsible' | 'backup'>): boolean {
  return me.role === 'admin' || (me.role === 'account_manager' && (o.responsible?.id === me.id || o.backup?.id === me.id));
}

export function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  const s = useCustomerStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <div className={s.row}>
        <Title3 as="h2" id={id}>{title}</Title3>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function CustomerPage({ me }: { me: User }) {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const org = useQuery({ queryKey: ['customer', id], queryFn: () => calls.organization(id), retry: false });
  if (org.isLoading) return <Page title={t('app.page.customer')}><Spinner size="small" label={t('app.loading')} /></Page>;
  if (!org.data) {
    return (
      <Page title={t('app.page.customer')}>
        <Text role="alert">{org.error && (org.error as { status?: number }).status !== 404 ? problemOf(t, org.error) : t('app.cust.notFound')}</Text>
      </Page>
    );
  }
  return <CustomerView me={me} organization={org.data} />;
}

function CustomerView({ me, organization: o }: { me: User; organization: OrganizationDetail }) {
  const t = useT();
  const s = useCustomerStyles();
  const labels = useCodeLabels();
  const dates = useFormats();
  const { http } = useApi();
  const calls = useMemo(() => customerCalls(http), [http]);
  const [params, setParams] = useSearchParams();
  const editable = mayEdit(me, o);
  const writer = me.role !== 'management';
  const contacts = useQuery({ queryKey: ['customer', o.id, 'contacts'], queryFn: () => calls.contactsOf(o.id) });
  const plan = o.carePlan;
  const tasks = useQuery({ queryKey: ['customer', o.id, 'tasks'], queryFn: () => calls.openTasks(o.id) });
  const feedback = useQuery({ queryKey: ['customer', o.id, 'feedback'], queryFn: () => calls.latestFeedback(o.id) });
  // the app's one dialog pattern (../common/useDialog): every dialog stays mounted, opened and closed by `open`
  const editDialog = useDialog();
  const managersDialog = useDialog();
  const addContactDialog = useDialog();
  const newTaskDialog = useDialog();
  const editContactDialog = useDialog<Contact>();
  const moveContactDialog = useDialog<Contact>();
  const marketingDialog = useDialog<Contact>();
  const completeDialog = useDialog<Task>();
  const [moved, setMoved] = useState<string | null>(null);
  const logOpen = params.get('log') === '1';
  const setLogOpen = (open: boolean) => {
    const next = new URLSearchParams(params);
    if (open) next.set('log', '1');
    else next.delete('log');
    setParams(next, { replace: true });
  };
  const readOnlyNote = me.role === 'management' ? t('app.cust.readOnly.management') : t('app.cust.readOnly.other');
  const contactList = contacts.data ?? [];

  return (
    <Page title={o.name}>
      <div className={s.badges} data-testid="customer-badges">
        <SegmentTag segment={o.segment} />
        <StatusTag status={plan?.overall ?? null} />
        {feedback.data && (
          <Text data-testid="latest-feedback" title={feedback.data.surveyName}>
            {t('app.cust.latestFeedback', { type: feedback.data.type, score: feedback.data.score ?? '–', date: dates.dayMonth(feedback.data.answeredAt) })}
          </Text>
        )}
        {writer && <Button appearance="primary" onClick={() => setLogOpen(true)}>{t('app.cust.logAction')}</Button>}
      </div>
      {!editable && <Text className={s.muted} data-testid="read-only-note">{readOnlyNote}</Text>}

      <div className={s.grid}>
        <Section id="details" title={t('app.cust.details')} actions={editable && <Button onClick={() => editDialog.show()}>{t('app.cust.edit')}</Button>}>
          <dl className={s.dl}>
            <dt>{t('app.cust.businessId')}</dt><dd>{o.businessId ?? t('app.cust.none')}</dd>
            <dt>{t('app.cust.group')}</dt><dd>{labels.customerGroup(o.customerGroup)}</dd>
            <dt>{t('app.cust.department')}</dt><dd>{o.department ?? t('app.cust.none')}</dd>
            <dt>{t('app.cust.domains')}</dt><dd>{o.emailDomains.length ? o.emailDomains.join(', ') : t('app.cust.none')}</dd>
            <dt>{t('app.cust.top')}</dt><dd>{o.externalIds.top ?? t('app.cust.none')}</dd>
            <dt>{t('app.cust.profinder')}</dt><dd>{o.externalIds.profinder ?? t('app.cust.none')}</dd>
            <dt>{t('app.cust.classifications')}</dt><dd>{o.classifications.length ? o.classifications.map((c) => c.name).join(', ') : t('app.cust.none')}</dd>
          </dl>
        </Section>
        <Section id="managers" title={t('app.cust.managers')} actions={me.role === 'admin' && <Button onClick={() => managersDialog.show()}>{t('app.cust.editManagers')}</Button>}>
          <dl className={s.dl}>
            <dt>{t('app.cust.responsible')}</dt><dd>{o.responsible?.name ?? t('app.cust.nobody')}</dd>
            <dt>{t('app.cust.backup')}</dt><dd>{o.backup?.name ?? t('app.cust.nobody')}</dd>
          </dl>
          {me.role !== 'admin' && editable && <Text size={200} className={s.muted}>{t('app.cust.managersByAdmin')}</Text>}
        </Section>
      </div>

      <Section id="care-plan" title={t('app.cust.carePlan')}>
        {plan === null && <Text>{t('app.cust.noCarePlan')}</Text>}
        {plan && (
          <div className={s.tableWrap} tabIndex={0} /* a scrollable region must be reachable by keyboard */>
            <Table aria-label={t('app.cust.carePlanCaption')} data-testid="care-plan" size="small" className={s.planTable}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('app.cust.rule')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.cust.rule.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.cust.rule.last')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.cust.rule.due')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {plan.rules.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{labels.rule(r)}</TableCell>
                    <TableCell><StatusTag status={r.status} /></TableCell>
                    <TableCell>
                      {r.lastAt ? dates.date(r.lastAt) : t('app.cust.rule.noneYet')}
                    </TableCell>
                    <TableCell>
                      {dates.date(r.dueAt)}
                      {r.plannedAt && <><br /><Badge appearance="tint" color="brand" shape="rounded">{t('app.cust.rule.planned', { date: dates.dateTime(r.plannedAt) })}</Badge></>}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>

      <Section id="contacts" title={t('app.cust.contacts')} actions={writer && editable && <Button onClick={() => addContactDialog.show()}>{t('app.cust.addContact')}</Button>}>
        <div role="status">{moved && <Text>{moved}</Text>}</div>
        {contacts.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
        {contacts.error && <Text role="alert" className={s.error}>{problemOf(t, contacts.error)}</Text>}
        {contacts.data && contactList.length === 0 && <Text>{t('app.cust.noContacts')}</Text>}
        <ul className={s.list} data-testid="contacts">
          {contactList.map((c) => (
            <li key={c.id}>
              <Card className={s.card}>
                <Link href={contactPath(c.id)} asChild><FluentLink>{c.name}</FluentLink></Link>
                {c.title && <Text size={200}>{c.title}</Text>}
                <Text size={200} className={s.excerpt}>{[...c.emails, ...(c.phone ? [c.phone] : [])].join(' · ')}</Text>
                <ContactMarketingLine contact={c} />
                {editable && (
                  <div className={s.row}>
                    <Button size="small" aria-label={t('app.cust.editContactOf', { name: c.name })} onClick={() => editContactDialog.show(c)}>{t('app.cust.editContact')}</Button>
                    <Button size="small" aria-label={t('app.cust.moveContactOf', { name: c.name })} onClick={() => moveContactDialog.show(c)}>{t('app.cust.moveContact')}</Button>
                    <ContactMarketingButton contact={c} onClick={() => marketingDialog.show(c)} />
                  </div>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="tasks" title={t('app.cust.tasks')} actions={writer && <Button onClick={() => newTaskDialog.show()}>{t('app.cust.newTask')}</Button>}>
        {tasks.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
        {tasks.error && <Text role="alert" className={s.error}>{problemOf(t, tasks.error)}</Text>}
        {tasks.data && tasks.data.items.length === 0 && <Text>{t('app.cust.noTasks')}</Text>}
        <ul className={s.list} data-testid="tasks">
          {(tasks.data?.items ?? []).map((task) => (
            <li key={task.id}>
              <Card className={s.card}>
                <Text weight="semibold">{task.title}</Text>
                <Text size={200}>{t('app.cust.task.due', { date: dates.day(task.dueOn) })} · {t('app.cust.task.assignee', { name: task.assignee.name })}</Text>
                {writer && (
                  <div>
                    <Button size="small" aria-label={t('app.cust.completeTaskOf', { title: task.title })} onClick={() => completeDialog.show(task)}>{t('app.cust.completeTask')}</Button>
                  </div>
                )}
              </Card>
            </li>
          ))}
        </ul>
      </Section>

      <CustomerSales me={me} customer={{ id: o.id, name: o.name }} />

      <Timeline
        owner={{ organizationId: o.id }} queryKey={['customer', o.id]} heading={t('app.cust.timeline')}
        contacts={contactList} people={[o.responsible, o.backup, me.role === 'management' ? null : { id: me.id, name: me.name, email: me.email }]}
      />

      <OrganizationDialog organization={o} {...editDialog.props} />
      <ManagersDialog organization={o} {...managersDialog.props} />
      <ContactDialog organizationId={o.id} organizationName={o.name} {...addContactDialog.props} />
      <TaskDialog organization={{ id: o.id, name: o.name }} {...newTaskDialog.props} />
      {editContactDialog.subject && (
        <ContactDialog organizationId={o.id} organizationName={o.name} contact={editContactDialog.subject} {...editContactDialog.props} />
      )}
      {moveContactDialog.subject && (
        <MoveContactDialog
          contact={moveContactDialog.subject} {...moveContactDialog.props}
          onMoved={(to) => setMoved(t('app.cust.moved', { name: moveContactDialog.subject?.name ?? '', customer: to.name }))}
        />
      )}
      {marketingDialog.subject && <ContactMarketingDialog contact={marketingDialog.subject} {...marketingDialog.props} />}
      {completeDialog.subject && <CompleteTaskDialog task={completeDialog.subject} {...completeDialog.props} />}
      {writer && (
        <LogActionDialog organization={{ id: o.id, name: o.name }} contacts={contactList.map((c) => ({ id: c.id, name: c.name }))} open={logOpen} onOpenChange={setLogOpen} />
      )}
    </Page>
  );
}
