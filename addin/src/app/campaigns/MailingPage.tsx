/**
 * `/mailings/:id`: one mailing of a campaign. A draft's texts are edited here (on the version
 * read) and sent now or at a set time after the sender confirms the number of customers it goes
 * to; while it is being sent the page follows it every 2 s with a progress bar and a Cancel;
 * afterwards its recipients, filtered by state, with the reason or the relay's answer in words.
 */
import {
  Button, DialogActions, DialogBody, DialogContent, DialogTitle, Field, Input, MessageBar, MessageBarBody, ProgressBar, Radio, RadioGroup, Select,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text,
} from '@fluentui/react-components';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import { RECIPIENT_STATES, type Campaign, type CreateMailing, type Mailing, type RecipientState } from '../../../../shared/contract-campaigns';
import { campaignPath, contactPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useT } from '../../core/i18n/I18nProvider';
import { AppDialog } from '../common/AppDialog';
import { AppLink } from '../common/AppLink';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { PrevNext } from '../common/PrevNext';
import { instantOf } from '../common/time';
import { useDialog } from '../common/useDialog';
import { useCustomerStyles } from '../customers/customers.styles';
import { Page } from '../Page';
import { campaignKeys, RECIPIENT_PAGE_SIZE, useCampaignCalls } from './campaignApi';
import { campaignFieldProblem, MailingStateTag, useCampaignWords } from './campaignText';
import { mayChangeCampaign } from './CampaignsPage';
import { useCampaignStyles } from './campaigns.styles';
import { MailingEditor } from './MailingEditor';

export function MailingPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const { id = '' } = useParams<{ id: string }>();
  const calls = useCampaignCalls();
  const mailing = useQuery({
    queryKey: campaignKeys.mailing(id), retry: false,
    queryFn: ({ signal }) => calls.mailing(id, signal),
    // followed while it is being sent
    refetchInterval: (q) => (q.state.data?.state === 'sending' ? 2_000 : false),
  });
  const campaignId = mailing.data?.campaignId ?? '';
  const campaign = useQuery({ queryKey: campaignKeys.one(campaignId), enabled: !!campaignId, queryFn: ({ signal }) => calls.results(campaignId, signal) });
  const error = mailing.error ?? campaign.error;
  if (error) return <Page title={t('app.page.mailing')}><Text role="alert" className={s.error}>{problemSentence(t, error)}</Text></Page>;
  if (!mailing.data || !campaign.data) return <Page title={t('app.page.mailing')}><Text role="status">{t('app.loading')}</Text></Page>;
  return <MailingView me={me} mailing={mailing.data} campaign={campaign.data.campaign} />;
}

function MailingView({ me, mailing: m, campaign }: { me: User; mailing: Mailing; campaign: Campaign }) {
  const t = useT();
  const s = useCustomerStyles();
  const c = useCampaignStyles();
  const fmt = useFormats();
  const calls = useCampaignCalls();
  const queries = useQueryClient();
  const owner = mayChangeCampaign(me, campaign);
  const sendDialog = useDialog();
  const refresh = () => Promise.all([
    queries.invalidateQueries({ queryKey: campaignKeys.mailing(m.id) }),
    queries.invalidateQueries({ queryKey: campaignKeys.one(campaign.id) }),
    queries.invalidateQueries({ queryKey: campaignKeys.all() }),
  ]);
  const save = useMutation({
    mutationFn: (texts: CreateMailing) => calls.updateMailing(m.id, { ...texts, version: m.version }),
    onSuccess: async (saved) => { queries.setQueryData(campaignKeys.mailing(m.id), saved); await refresh(); },
    onError: (e) => { if (e instanceof ApiError && e.status === 409) void refresh(); },
  });
  const cancel = useMutation({ mutationFn: () => calls.cancel(m.id, m.version), onSuccess: refresh, onError: () => void refresh() });
  const stale = save.error instanceof ApiError && save.error.status === 409;
  const done = m.counts.sent + m.counts.failed + m.counts.skipped;
  // as the mailing moves on, the campaign's results and the list of campaigns move with it
  useEffect(() => {
    void queries.invalidateQueries({ queryKey: campaignKeys.one(campaign.id) });
    void queries.invalidateQueries({ queryKey: campaignKeys.all(), exact: true });
  }, [queries, campaign.id, m.state, done]);
  const title = m.subject.fi || t('app.page.mailing');
  return (
    <Page title={title}>
      <div className={s.row}>
        <MailingStateTag state={m.state} />
        <Text>{t('app.mailing.ofCampaign')} <AppLink href={campaignPath(campaign.id)}>{campaign.name}</AppLink></Text>
      </div>
      <dl className={s.dl}>
        <dt>{t('app.mailing.writtenBy')}</dt><dd>{m.createdBy.name}</dd>
        {m.scheduledAt && <><dt>{t('app.mailing.scheduledAt')}</dt><dd>{fmt.dateTime(m.scheduledAt)}</dd></>}
        {m.startedAt && <><dt>{t('app.mailing.startedAt')}</dt><dd>{fmt.dateTime(m.startedAt)}</dd></>}
        {m.finishedAt && <><dt>{t('app.mailing.finishedAt')}</dt><dd>{fmt.dateTime(m.finishedAt)}</dd></>}
      </dl>

      {(m.state === 'sending' || m.state === 'scheduled') && (
        <section className={s.section} aria-labelledby="mailing-progress">
          <Text as="h2" id="mailing-progress" size={500} weight="semibold">{m.state === 'sending' ? t('app.mailing.progress') : t('app.mailing.scheduledHeading')}</Text>
          {m.state === 'sending' && (
            <div className={c.progress}>
              <ProgressBar value={m.counts.total ? done / m.counts.total : undefined} max={1} thickness="large" aria-label={t('app.mailing.progress')} />
              <Text role="status">{m.counts.total ? t('app.mailing.progressText', { done, total: m.counts.total }) : t('app.mailing.preparing')}</Text>
            </div>
          )}
          {owner && (
            <div>
              <Button disabled={cancel.isPending} onClick={() => cancel.mutate()}>{m.state === 'sending' ? t('app.mailing.cancelSending') : t('app.mailing.cancelScheduled')}</Button>
            </div>
          )}
          {cancel.error && <Text role="alert" className={s.error}>{problemSentence(t, cancel.error)}</Text>}
        </section>
      )}
      {m.state === 'sent' && <Text role="status" weight="semibold">{t('app.mailing.sentSummary', { sent: m.counts.sent, failed: m.counts.failed, skipped: m.counts.skipped })}</Text>}

      <section className={s.section} aria-labelledby="mailing-texts">
        <div className={s.row}>
          <Text as="h2" id="mailing-texts" size={500} weight="semibold">{t('app.mailing.texts')}</Text>
          {owner && m.state === 'draft' && <Button appearance="primary" onClick={() => sendDialog.show()}>{t('app.mailing.send')}</Button>}
        </div>
        {m.state !== 'draft' && <Text size={200} className={s.muted}>{t('app.mailing.readOnly')}</Text>}
        {stale && <MessageBar intent="warning"><MessageBarBody>{t('app.mailing.stale')}</MessageBarBody></MessageBar>}
        {save.isSuccess && !save.isPending && <Text role="status">{t('app.mailing.saved')}</Text>}
        <MailingEditor
          key={`${m.version}-${m.state}`} me={m.createdBy} initial={m} readOnly={!owner || m.state !== 'draft'}
          submitLabel={t('app.cust.save')} pending={save.isPending} error={stale ? null : save.error} onSubmit={(texts) => save.mutate(texts)}
        />
      </section>

      {m.state !== 'draft' && m.state !== 'scheduled' && <Recipients mailing={m} />}
      {owner && <SendDialog mailing={m} campaignId={campaign.id} {...sendDialog.props} onSent={refresh} />}
    </Page>
  );
}

/** The send dialog: whom it reaches now, now or at a time, confirmed by that count (a changed count asks again; no relay says so). */
export function SendDialog({ open, onOpenChange, ...props }: { open: boolean; onOpenChange: (open: boolean) => void; mailing: Mailing; campaignId: string; onSent: () => Promise<unknown> }) {
  return <AppDialog open={open} onOpenChange={onOpenChange}><SendForm {...props} onOpenChange={onOpenChange} /></AppDialog>;
}

function SendForm({ mailing: m, campaignId, onSent, onOpenChange }: { mailing: Mailing; campaignId: string; onSent: () => Promise<unknown>; onOpenChange: (open: boolean) => void }) {
  const t = useT();
  const s = useCustomerStyles();
  const calls = useCampaignCalls();
  const [when, setWhen] = useState<'now' | 'at'>('now');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [changed, setChanged] = useState(false);
  const audience = useQuery({ queryKey: campaignKeys.audience(campaignId), staleTime: 0, queryFn: ({ signal }) => calls.audience(campaignId, signal) });
  const count = audience.data?.customers;
  const send = useMutation({
    mutationFn: () => {
      const at = when === 'at' ? instantOf(day, time) : null;
      return calls.send(m.id, { version: m.version, expectedCustomers: count ?? 0, ...(at ? { at: at.toISOString() } : {}) });
    },
    onSuccess: async () => { await onSent(); onOpenChange(false); },
    onError: async (e) => {
      // the campaign reaches another number of customers now: show the new count and ask again
      if (e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.path === 'expectedCustomers')) {
        setChanged(true);
        await audience.refetch();
      }
    },
  });
  const e = send.error;
  const countChanged = changed && e instanceof ApiError && e.fields.some((f) => f.path === 'expectedCustomers');
  const noRelay = e instanceof ApiError && e.status === 503;
  const noTargets = e instanceof ApiError && e.fields.some((f) => f.path === 'targetSelectionIds');
  const atProblem = campaignFieldProblem(t, e, 'at');
  const missingTime = when === 'at' && (!day || !time);
  return (
    <form onSubmit={(ev) => { ev.preventDefault(); if (count !== undefined && !missingTime) send.mutate(); }} noValidate>
      <DialogBody>
        <DialogTitle>{t('app.mailing.sendTitle')}</DialogTitle>
        <DialogContent className={s.dialogFields}>
          <Text data-testid="send-count">
            {audience.data ? t('app.mailing.sendCount', { count: audience.data.customers, excluded: audience.data.excludedCustomers }) : audience.error ? problemSentence(t, audience.error) : t('app.loading')}
          </Text>
          <Text size={200} className={s.muted}>{t('app.mailing.sendHint')}</Text>
          <RadioGroup value={when} onChange={(_, d) => setWhen(d.value as 'now' | 'at')} aria-label={t('app.mailing.when')}>
            <Radio value="now" label={t('app.mailing.sendNow')} />
            <Radio value="at" label={t('app.mailing.sendAt')} />
          </RadioGroup>
          {when === 'at' && (
            <div className={s.row}>
              <Field label={t('app.mailing.atDay')} required validationMessage={atProblem}><Input type="date" value={day} onChange={(_, d) => setDay(d.value)} /></Field>
              <Field label={t('app.mailing.atTime')} required><Input type="time" value={time} onChange={(_, d) => setTime(d.value)} /></Field>
            </div>
          )}
          <div role="alert">
            {countChanged && audience.data && <Text className={s.error}>{t('app.mailing.countChanged', { count: audience.data.customers })}</Text>}
            {noRelay && <Text className={s.error}>{t('app.mailing.noRelay')}</Text>}
            {noTargets && <Text className={s.error}>{t('app.mailing.noTargets')}</Text>}
            {e && !countChanged && !noRelay && !noTargets && !atProblem ? <Text className={s.error}>{problemSentence(t, e)}</Text> : null}
          </div>
        </DialogContent>
        <DialogActions>
          <Button type="submit" appearance="primary" disabled={send.isPending || count === undefined || count === 0 || missingTime}>
            {t(when === 'now' ? 'app.mailing.confirmNow' : 'app.mailing.confirmAt', { count: count ?? 0 })}
          </Button>
          <Button type="button" onClick={() => onOpenChange(false)}>{t('app.cancel')}</Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

/** The recipients, a page at a time, filtered by state; each one's reason or the relay's answer in words. */
function Recipients({ mailing: m }: { mailing: Mailing }) {
  const t = useT();
  const s = useCustomerStyles();
  const w = useCampaignWords();
  const fmt = useFormats();
  const calls = useCampaignCalls();
  const [state, setState] = useState<RecipientState | ''>('');
  const [page, setPage] = useState(1);
  const recipients = useQuery({
    // read again whenever the mailing moves on (the page follows it every 2 s while it is being sent)
    queryKey: [...campaignKeys.recipients(m.id, state, page), m.state, m.counts.total, m.counts.sent + m.counts.failed + m.counts.skipped],
    queryFn: ({ signal }) => calls.recipients(m.id, state, page, signal),
    placeholderData: keepPreviousData,
  });
  const data = recipients.data;
  return (
    <section className={s.section} aria-labelledby="recipients">
      <Text as="h2" id="recipients" size={500} weight="semibold">{t('app.mailing.recipients')}</Text>
      <div className={s.row}>
        <Field label={t('app.mailing.filterState')} className={s.field}>
          <Select value={state} onChange={(_, d) => { setState(d.value as RecipientState | ''); setPage(1); }}>
            <option value="">{t('app.mailing.allStates')}</option>
            {RECIPIENT_STATES.map((x) => <option key={x} value={x}>{w.recipientState(x)}</option>)}
          </Select>
        </Field>
        <Text role="status">{data ? t('app.mailing.recipientCount', { count: data.total }) : ''}</Text>
      </div>
      {recipients.error && <Text role="alert" className={s.error}>{problemSentence(t, recipients.error)}</Text>}
      {data && data.items.length > 0 && (
        <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="recipients-caption">
          <Table className={s.planTable} data-testid="recipients">
            <caption id="recipients-caption" className={s.caption}>{t('app.mailing.recipientsCaption')}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('app.mailing.col.contact')}</TableHeaderCell>
                <TableHeaderCell>{t('app.mailing.col.customer')}</TableHeaderCell>
                <TableHeaderCell>{t('app.mailing.col.email')}</TableHeaderCell>
                <TableHeaderCell>{t('app.mailing.col.language')}</TableHeaderCell>
                <TableHeaderCell>{t('app.mailing.col.state')}</TableHeaderCell>
                <TableHeaderCell>{t('app.mailing.col.detail')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.items.map((r) => (
                <TableRow key={r.contactId}>
                  <TableCell><AppLink href={contactPath(r.contactId)}>{r.contactName}</AppLink></TableCell>
                  <TableCell>{r.organizationName}</TableCell>
                  <TableCell className={s.excerpt}>{r.email ?? t('app.mailing.noAddress')}</TableCell>
                  <TableCell>{w.language(r.language)}</TableCell>
                  <TableCell>{w.recipientState(r.state)}</TableCell>
                  <TableCell className={s.excerpt}>
                    {r.state === 'sent' && r.sentAt ? t('app.mailing.sentAt', { at: fmt.dateTime(r.sentAt) }) : null}
                    {r.reason ? w.reason(r.reason) : null}
                    {r.state === 'failed' && r.error && r.reason !== 'interrupted' ? t('app.mailing.relaySaid', { error: r.error }) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PrevNext page={page} hasMore={data?.hasMore} onPage={setPage} />
      {data && RECIPIENT_PAGE_SIZE < data.total && <Text size={200}>{t('app.mailing.pageOf', { page, pages: Math.ceil(data.total / RECIPIENT_PAGE_SIZE) })}</Text>}
    </section>
  );
}
