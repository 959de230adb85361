/**
 * Campaigns (kampanjat): `/campaigns` lists them and lets account managers and administrators make
 * one (a purpose over a period, aimed at target selections minus exclusion selections);
 * `/campaigns/:id` shows a campaign, whom it reaches now, what its mailings achieved, and lets its
 * owner change it and write a new mailing.
 */
import {
  Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Textarea,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'wouter';
import type { User } from '../../../../shared/contract';
import { CAMPAIGN_STATUSES, type CampaignResults, type CampaignStatus, type CreateCampaign } from '../../../../shared/contract-campaigns';
import { SelectionListSchema, type Selection } from '../../../../shared/contract-selections';
import { campaignPath, mailingPath, selectionPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import { useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { problemSentence } from '../common/errors';
import { useFormats } from '../common/format';
import { useCustomerStyles } from '../customers/customers.styles';
import { Page } from '../Page';
import { selectionKeys } from '../selections/SelectionsPage';
import { campaignKeys, useCampaignCalls } from './campaignApi';
import { CampaignStatusTag, MailingStateTag, campaignFieldProblem, useCampaignWords } from './campaignText';
import { MailingEditor } from './MailingEditor';

/** May `me` change the campaign and write, send and cancel its mailings? The server's rule: its owner, or an administrator. */
export const mayChangeCampaign = (me: User, c: { owner: { id: string } }) => me.role === 'admin' || (me.role === 'account_manager' && c.owner.id === me.id);

function useSelections() {
  const { http } = useApi();
  return useQuery({ queryKey: selectionKeys.all(), queryFn: ({ signal }) => http.request({ path: '/selections', schema: SelectionListSchema, signal }) });
}

export function CampaignsPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const fmt = useFormats();
  const calls = useCampaignCalls();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: campaignKeys.all(), queryFn: ({ signal }) => calls.list(signal) });
  return (
    <Page title={t('app.page.campaigns')}>
      {me.role !== 'management' && (creating
        ? <NewCampaign onCancel={() => setCreating(false)} />
        : <div><Button appearance="primary" onClick={() => setCreating(true)}>{t('app.campaign.new')}</Button></div>)}
      {list.error && <Text role="alert" className={s.error}>{problemSentence(t, list.error)}</Text>}
      {list.isLoading && <Text role="status">{t('app.loading')}</Text>}
      {list.data && (list.data.items.length === 0 ? <Text>{t('app.campaign.none')}</Text> : (
        <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="campaigns-caption">
          <Table className={s.planTable} data-testid="campaigns">
            <caption id="campaigns-caption" className={s.caption}>{t('app.campaign.tableCaption')}</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('app.campaign.col.name')}</TableHeaderCell>
                <TableHeaderCell>{t('app.campaign.col.period')}</TableHeaderCell>
                <TableHeaderCell>{t('app.campaign.col.status')}</TableHeaderCell>
                <TableHeaderCell>{t('app.campaign.col.owner')}</TableHeaderCell>
                <TableHeaderCell>{t('app.campaign.col.mailings')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell><AppLink href={campaignPath(c.id)}>{c.name}</AppLink></TableCell>
                  <TableCell>{t('app.campaign.period', { start: fmt.day(c.startsOn), end: fmt.day(c.endsOn) })}</TableCell>
                  <TableCell><CampaignStatusTag status={c.status} /></TableCell>
                  <TableCell>{c.owner.name}</TableCell>
                  <TableCell>{t('app.campaign.mailingsSent', { sent: c.sentMailingCount, count: c.mailingCount })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ))}
    </Page>
  );
}

interface CampaignFormValues {
  name: string; purpose: string; startsOn: string; endsOn: string; status: CampaignStatus; targetSelectionIds: string[]; exclusionSelectionIds: string[];
}

/** The selections as checkboxes, each a link's worth of name; one fieldset per role (target, exclusion). */
function SelectionChecks({ legend, hint, selections, value, onChange, error, testId }: {
  legend: string; hint: string; selections: readonly Selection[]; value: string[]; onChange: (ids: string[]) => void; error?: string | undefined; testId: string;
}) {
  const t = useT();
  const s = useCustomerStyles();
  return (
    <Field label={legend} hint={hint} validationMessage={error} className={s.field}>
      <fieldset className={s.checks} data-testid={testId}>
        <legend className={s.caption}>{legend}</legend>
        {selections.length === 0 && <Text>{t('app.campaign.noSelections')}</Text>}
        {selections.map((x) => (
          <Checkbox key={x.id} label={x.name} checked={value.includes(x.id)} onChange={(_, d) => onChange(d.checked ? [...value, x.id] : value.filter((v) => v !== x.id))} />
        ))}
      </fieldset>
    </Field>
  );
}

/** A campaign's fields, for a new one or a change of one; the server's problems at their fields. */
function CampaignForm({ initial, heading, submitLabel, pending, error, onSubmit, onCancel }: {
  initial: CampaignFormValues; heading: string; submitLabel: string; pending: boolean; error: unknown; onSubmit: (v: CampaignFormValues) => void; onCancel: () => void;
}) {
  const t = useT();
  const s = useCustomerStyles();
  const w = useCampaignWords().status;
  const selections = useSelections();
  const [v, setV] = useState(initial);
  const set = <K extends keyof CampaignFormValues>(k: K, value: CampaignFormValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const err = (field: string) => campaignFieldProblem(t, error, field);
  const shown = ['name', 'purpose', 'startsOn', 'endsOn', 'status', 'targetSelectionIds', 'exclusionSelectionIds'];
  const other = error instanceof ApiError ? error.fields.every((f) => !shown.some((x) => f.path === x || f.path.startsWith(`${x}.`))) : !!error;
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(v); };
  const items = selections.data?.items ?? [];
  return (
    <form className={s.section} aria-labelledby="campaign-form" onSubmit={submit} noValidate>
      <Text as="h2" id="campaign-form" size={500} weight="semibold">{heading}</Text>
      <div className={s.grid}>
        <Field label={t('app.campaign.name')} required validationMessage={err('name')} className={s.field}>
          <Input value={v.name} onChange={(_, d) => set('name', d.value)} />
        </Field>
        <Field label={t('app.campaign.status')} validationMessage={err('status')} className={s.field}>
          <Select value={v.status} onChange={(_, d) => set('status', d.value as CampaignStatus)}>
            {CAMPAIGN_STATUSES.map((x) => <option key={x} value={x}>{w(x)}</option>)}
          </Select>
        </Field>
        <Field label={t('app.campaign.startsOn')} required validationMessage={err('startsOn')} className={s.field}>
          <Input type="date" value={v.startsOn} onChange={(_, d) => set('startsOn', d.value)} />
        </Field>
        <Field label={t('app.campaign.endsOn')} required validationMessage={err('endsOn')} className={s.field}>
          <Input type="date" value={v.endsOn} onChange={(_, d) => set('endsOn', d.value)} />
        </Field>
      </div>
      <Field label={t('app.campaign.purpose')} validationMessage={err('purpose')} className={s.field}>
        <Textarea value={v.purpose} onChange={(_, d) => set('purpose', d.value)} resize="vertical" />
      </Field>
      {selections.error && <Text role="alert" className={s.error}>{problemSentence(t, selections.error)}</Text>}
      <div className={s.grid}>
        <SelectionChecks
          legend={t('app.campaign.targets')} hint={t('app.campaign.targetsHint')} selections={items} value={v.targetSelectionIds}
          onChange={(ids) => set('targetSelectionIds', ids)} error={err('targetSelectionIds')} testId="target-selections"
        />
        <SelectionChecks
          legend={t('app.campaign.exclusions')} hint={t('app.campaign.exclusionsHint')} selections={items} value={v.exclusionSelectionIds}
          onChange={(ids) => set('exclusionSelectionIds', ids)} error={err('exclusionSelectionIds')} testId="exclusion-selections"
        />
      </div>
      <div className={s.row}>
        <Button appearance="primary" type="submit" disabled={pending}>{submitLabel}</Button>
        <Button type="button" onClick={onCancel}>{t('app.cancel')}</Button>
      </div>
      <div role="alert">{other && <Text className={s.error}>{problemSentence(t, error)}</Text>}</div>
    </form>
  );
}

function NewCampaign({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const calls = useCampaignCalls();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const create = useMutation({
    mutationFn: (v: CampaignFormValues) => calls.create(v satisfies CreateCampaign),
    onSuccess: async (made) => {
      await queries.invalidateQueries({ queryKey: campaignKeys.all() });
      navigate(campaignPath(made.id));
    },
  });
  const empty: CampaignFormValues = { name: '', purpose: '', startsOn: '', endsOn: '', status: 'planned', targetSelectionIds: [], exclusionSelectionIds: [] };
  return (
    <CampaignForm
      initial={empty} heading={t('app.campaign.new')} submitLabel={t('app.campaign.create')} pending={create.isPending} error={create.error}
      onSubmit={(v) => create.mutate(v)} onCancel={onCancel}
    />
  );
}

export function CampaignPage({ me }: { me: User }) {
  const t = useT();
  const s = useCustomerStyles();
  const { id = '' } = useParams<{ id: string }>();
  const calls = useCampaignCalls();
  const results = useQuery({ queryKey: campaignKeys.one(id), queryFn: ({ signal }) => calls.results(id, signal), retry: false });
  if (results.error) return <Page title={t('app.page.campaign')}><Text role="alert" className={s.error}>{problemSentence(t, results.error)}</Text></Page>;
  if (!results.data) return <Page title={t('app.page.campaign')}><Text role="status">{t('app.loading')}</Text></Page>;
  return <CampaignView me={me} results={results.data} />;
}

function CampaignView({ me, results }: { me: User; results: CampaignResults }) {
  const t = useT();
  const s = useCustomerStyles();
  const fmt = useFormats();
  const calls = useCampaignCalls();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const { campaign: c, mailings, totals } = results;
  const owner = mayChangeCampaign(me, c);
  const [editing, setEditing] = useState(false);
  const [writing, setWriting] = useState(false);
  const selections = useSelections();
  const audience = useQuery({ queryKey: campaignKeys.audience(c.id), queryFn: ({ signal }) => calls.audience(c.id, signal) });
  const reload = () => queries.invalidateQueries({ queryKey: campaignKeys.one(c.id) });
  const update = useMutation({
    mutationFn: (v: CampaignFormValues) => calls.update(c.id, { version: c.version, ...v }),
    onSuccess: async () => {
      setEditing(false);
      await Promise.all([reload(), queries.invalidateQueries({ queryKey: campaignKeys.all() })]);
    },
    onError: (e) => { if (e instanceof ApiError && e.status === 409) void reload(); },
  });
  const createMailing = useMutation({
    mutationFn: (texts: Parameters<typeof calls.createMailing>[1]) => calls.createMailing(c.id, texts),
    onSuccess: async (m) => { await reload(); navigate(mailingPath(m.id)); },
  });
  const stale = update.error instanceof ApiError && update.error.status === 409;
  const names = new Map((selections.data?.items ?? []).map((x) => [x.id, x.name]));
  const selectionLinks = (ids: readonly string[]) => (ids.length === 0 ? <>{t('app.campaign.noneChosen')}</> : (
    <ul className={s.list}>
      {ids.map((id) => <li key={id}>{names.has(id) ? <AppLink href={selectionPath(id)}>{names.get(id)}</AppLink> : t('app.campaign.hiddenSelection')}</li>)}
    </ul>
  ));
  const open = c.status === 'planned' || c.status === 'active';
  return (
    <Page title={c.name}>
      <section className={s.section} aria-labelledby="campaign-details">
        <div className={s.row}>
          <Text as="h2" id="campaign-details" size={500} weight="semibold">{t('app.campaign.details')}</Text>
          {owner && !editing && <Button onClick={() => { update.reset(); setEditing(true); }}>{t('app.campaign.edit')}</Button>}
        </div>
        {stale && <MessageBar intent="warning"><MessageBarBody>{t('app.campaign.stale')}</MessageBarBody></MessageBar>}
        {editing ? (
          <CampaignForm
            key={c.version}
            initial={{ name: c.name, purpose: c.purpose, startsOn: c.startsOn, endsOn: c.endsOn, status: c.status, targetSelectionIds: c.targetSelectionIds, exclusionSelectionIds: c.exclusionSelectionIds }}
            heading={t('app.campaign.editHeading')} submitLabel={t('app.cust.save')} pending={update.isPending} error={stale ? null : update.error}
            onSubmit={(v) => update.mutate(v)} onCancel={() => setEditing(false)}
          />
        ) : (
          <dl className={s.dl}>
            <dt>{t('app.campaign.purpose')}</dt><dd className={s.excerpt}>{c.purpose || t('app.cust.none')}</dd>
            <dt>{t('app.campaign.col.period')}</dt><dd>{t('app.campaign.period', { start: fmt.day(c.startsOn), end: fmt.day(c.endsOn) })}</dd>
            <dt>{t('app.campaign.status')}</dt><dd><CampaignStatusTag status={c.status} /></dd>
            <dt>{t('app.campaign.col.owner')}</dt><dd>{c.owner.name}</dd>
            <dt>{t('app.campaign.targets')}</dt><dd>{selectionLinks(c.targetSelectionIds)}</dd>
            <dt>{t('app.campaign.exclusions')}</dt><dd>{selectionLinks(c.exclusionSelectionIds)}</dd>
            <dt>{t('app.campaign.audience')}</dt>
            <dd data-testid="audience">
              {audience.data ? t('app.campaign.audienceCount', { count: audience.data.customers, excluded: audience.data.excludedCustomers }) : audience.error ? problemSentence(t, audience.error) : t('app.loading')}
            </dd>
          </dl>
        )}
      </section>

      <section className={s.section} aria-labelledby="campaign-results">
        <Text as="h2" id="campaign-results" size={500} weight="semibold">{t('app.campaign.results')}</Text>
        <dl className={s.dl} data-testid="campaign-totals">
          <dt>{t('app.mailing.count.sent')}</dt><dd>{totals.sent}</dd>
          <dt>{t('app.mailing.count.failed')}</dt><dd>{totals.failed}</dd>
          <dt>{t('app.mailing.count.skipped')}</dt><dd>{totals.skipped}</dd>
          <dt>{t('app.mailing.count.optedOut')}</dt><dd>{totals.optedOut}</dd>
        </dl>
        {mailings.length === 0 ? <Text>{t('app.campaign.noMailings')}</Text> : (
          <div className={s.tableWrap} tabIndex={0} role="region" aria-labelledby="mailings-caption">
            <Table className={s.planTable} data-testid="campaign-mailings">
              <caption id="mailings-caption" className={s.caption}>{t('app.campaign.mailingsCaption')}</caption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('app.mailing.col.subject')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.col.state')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.count.recipients')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.count.sent')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.count.failed')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.count.skipped')}</TableHeaderCell>
                  <TableHeaderCell>{t('app.mailing.count.optedOut')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {mailings.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell><AppLink href={mailingPath(m.id)}>{m.subject.fi}</AppLink></TableCell>
                    <TableCell><MailingStateTag state={m.state} /></TableCell>
                    <TableCell>{m.counts.total}</TableCell>
                    <TableCell>{m.counts.sent}</TableCell>
                    <TableCell>{m.counts.failed}</TableCell>
                    <TableCell>{m.counts.skipped}</TableCell>
                    <TableCell>{m.optedOut}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>

      {owner && open && (
        <section className={s.section} aria-labelledby="new-mailing">
          <div className={s.row}>
            <Text as="h2" id="new-mailing" size={500} weight="semibold">{t('app.mailing.new')}</Text>
            {!writing && <Button appearance="primary" onClick={() => setWriting(true)}>{t('app.mailing.write')}</Button>}
          </div>
          {writing && (
            <MailingEditor
              me={me} initial={{ subject: { fi: '' }, body: { fi: '' } }} submitLabel={t('app.mailing.createDraft')} pending={createMailing.isPending}
              error={createMailing.error} onSubmit={(texts) => createMailing.mutate(texts)} onCancel={() => setWriting(false)}
            />
          )}
        </section>
      )}
      {owner && !open && <Text>{t('app.campaign.closedForMailings')}</Text>}
    </Page>
  );
}
