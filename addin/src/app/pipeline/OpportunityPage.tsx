/**
 * `/opportunities/:id`: one opportunity — its customer, owner, contacts, value and probability,
 * expected close, products of interest and notes; its stage (changed with the Stage select, a lost
 * one asks why) and every stage change (who, when, from → to); its offers, and "New offer", which
 * starts a draft (in Finnish, valid 30 days, no lines yet) and opens it on the offer's page; and
 * the actions linked to it where the server lists them. Every change names the version it was made
 * on: a stale one (409) says so and shows the opportunity as it is now.
 */
import {
  Badge, Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger,
  Field, Input, makeStyles, Select, Spinner, Text, Textarea, tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocation, useParams } from 'wouter';
import * as z from 'zod';
import { ActionSchema, type User } from '../../../../shared/contract';
import {
  OfferListSchema, OfferSchema, OpportunitySchema,
  type Opportunity, type OpportunityStage, type UpdateOpportunity,
} from '../../../../shared/contract-sales';
import { formatEuros, parseEuros } from '../../../../shared/domain/money';
import { customerPath, offerPath } from '../../../../shared/links';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import { useCodeLabels } from '../../core/i18n/codeLabels';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import { AppLink } from '../common/AppLink';
import { fieldProblem, problemText } from '../common/errors';
import { useFormats } from '../common/format';
import { useAssignees, useCustomerContacts } from '../common/queries';
import { addDays, todayIn } from '../common/time';
import { useDialog } from '../common/useDialog';
import { Section } from '../customers/CustomerPage';
import { useCustomerStyles } from '../customers/customers.styles';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { OfferTable } from './SalesTables';
import { invalidateOpportunity, moneyLanguage, salesKeys, useEuros, useProducts, useStages } from './sales';

/** How long a new offer is valid, in days. */
export const NEW_OFFER_VALID_DAYS = 30;

const useStyles = makeStyles({
  stageRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  checks: { display: 'flex', flexDirection: 'column', maxHeight: '200px', overflowY: 'auto', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  table: { minWidth: '480px' },
  notes: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

const ActionListSchema = z.object({ items: z.array(ActionSchema) });

export function useOpportunity(id: string) {
  const { http } = useApi();
  return useQuery({
    queryKey: salesKeys.opportunity(id),
    queryFn: ({ signal }) => http.request({ path: `/opportunities/${encodeURIComponent(id)}`, schema: OpportunitySchema, signal }),
    retry: false,
  });
}

/**
 * The actions linked to the opportunity (`GET /opportunities/:id/actions`), newest first; null when
 * the server does not list them (404 from a server without the route): the page then shows nothing.
 */
export function useOpportunityActions(id: string) {
  const { http } = useApi();
  return useQuery({
    queryKey: salesKeys.opportunityActions(id),
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return (await http.request({ path: `/opportunities/${encodeURIComponent(id)}/actions`, schema: ActionListSchema, signal })).items;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function OpportunityPage({ me }: { me: User }) {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const opportunity = useOpportunity(id);
  if (opportunity.isLoading) return <Page title={t('app.page.opportunity')}><Spinner size="small" label={t('app.loading')} /></Page>;
  if (!opportunity.data) {
    const missing = opportunity.error instanceof ApiError && opportunity.error.status === 404;
    return (
      <Page title={t('app.page.opportunity')}>
        {missing ? <Text role="alert">{t('app.opportunity.notFound')}</Text> : <LoadProblem error={opportunity.error} onRetry={() => void opportunity.refetch()} />}
      </Page>
    );
  }
  return <OpportunityView me={me} opportunity={opportunity.data} />;
}

function OpportunityView({ me, opportunity: o }: { me: User; opportunity: Opportunity }) {
  const t = useT();
  const stages = useStages();
  const s = useStyles();
  const cs = useCustomerStyles();
  const fmt = useFormats();
  const euros = useEuros();
  const { language } = useLanguage();
  const contacts = useCustomerContacts(o.organizationId);
  const products = useProducts();
  const editDialog = useDialog();
  const writer = me.role !== 'management';
  const contactNames = o.contactIds.map((cid) => contacts.data?.find((c) => c.id === cid)?.name).filter((n): n is string => !!n);
  const productNames = o.productIds.map((pid) => {
    const p = products.data?.items.find((x) => x.id === pid);
    return p ? p.name[moneyLanguage(language)] ?? p.name.fi : null;
  }).filter((n): n is string => !!n);
  const none = t('app.cust.none');
  return (
    <Page title={o.title}>
      <div className={cs.badges}>
        <Badge appearance="tint" color={o.stage === 'won' ? 'success' : o.stage === 'lost' ? 'danger' : 'brand'} shape="rounded">{stages.label(o.stage)}</Badge>
        {writer && <Button onClick={() => editDialog.show()}>{t('app.opportunity.edit')}</Button>}
      </div>
      <div className={cs.grid}>
        <Section id="opportunity-details" title={t('app.opportunity.details')}>
          <dl className={cs.dl}>
            <dt>{t('app.opportunity.customer')}</dt><dd><AppLink href={customerPath(o.organizationId)}>{o.organizationName}</AppLink></dd>
            <dt>{t('app.opportunity.owner')}</dt><dd>{o.owner.name}</dd>
            <dt>{t('app.opportunity.contacts')}</dt><dd>{contactNames.length ? fmt.list(contactNames) : none}</dd>
            <dt>{t('app.opportunity.value')}</dt><dd>{euros(o.estimatedValueCents)}</dd>
            <dt>{t('app.opportunity.probability')}</dt><dd>{t('app.opportunity.percent', { value: String(o.probabilityPct) })}</dd>
            <dt>{t('app.opportunity.weighted')}</dt><dd>{euros(o.weightedValueCents)}</dd>
            <dt>{t('app.opportunity.expectedClose')}</dt><dd>{o.expectedCloseOn ? fmt.day(o.expectedCloseOn) : t('app.pipeline.noClose')}</dd>
            <dt>{t('app.opportunity.products')}</dt><dd>{productNames.length ? productNames.join(', ') : none}</dd>
            {o.stage === 'lost' && <><dt>{t('app.opportunity.lostReason')}</dt><dd>{o.lostReason ?? none}</dd></>}
            <dt>{t('app.opportunity.notes')}</dt><dd className={s.notes}>{o.notes || none}</dd>
          </dl>
        </Section>
        <StageSection opportunity={o} writer={writer} />
      </div>
      <OffersSection opportunity={o} writer={writer} />
      <OpportunityTimeline id={o.id} />
      {writer && <EditDialog me={me} opportunity={o} {...editDialog.props} />}
    </Page>
  );
}

function useChange(o: Opportunity) {
  const { http } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: Omit<UpdateOpportunity, 'version'>) =>
      http.request({ method: 'PATCH', path: `/opportunities/${encodeURIComponent(o.id)}`, body: { version: o.version, ...change }, schema: OpportunitySchema }),
    onSuccess: (updated) => queries.setQueryData(salesKeys.opportunity(o.id), updated),
    onSettled: () => invalidateOpportunity(queries, o),
  });
}

const isStale = (error: unknown) => error instanceof ApiError && error.status === 409;

function StageSection({ opportunity: o, writer }: { opportunity: Opportunity; writer: boolean }) {
  const t = useT();
  const stages = useStages();
  const s = useStyles();
  const cs = useCustomerStyles();
  const fmt = useFormats();
  const move = useChange(o);
  const [lost, setLost] = useState(false);
  const [reason, setReason] = useState('');
  const history = [...o.history].reverse();
  return (
    <Section id="opportunity-stage" title={t('app.opportunity.stageHistory')}>
      {writer && (
        <div className={s.stageRow}>
          <Field label={t('app.pipeline.stage')}>
            <Select
              value={lost ? 'lost' : o.stage}
              disabled={move.isPending}
              onChange={(_, d) => {
                const stage = d.value as OpportunityStage;
                if (stage === 'lost' && o.stage !== 'lost') setLost(true);
                else {
                  setLost(false);
                  if (stage !== o.stage) move.mutate({ stage });
                }
              }}
            >
              {stages.choices(o.stage).map((stage) => <option key={stage} value={stage}>{stages.label(stage)}</option>)}
            </Select>
          </Field>
        </div>
      )}
      {lost && (
        <form className={s.stageRow} onSubmit={(e) => { e.preventDefault(); move.mutate({ stage: 'lost', lostReason: reason }, { onSuccess: () => setLost(false) }); }}>
          <Field label={t('app.pipeline.lostReasonLabel')} required validationMessage={fieldProblem(t, move.error, 'lostReason')}>
            <Input value={reason} onChange={(_, d) => setReason(d.value)} required />
          </Field>
          <Button type="submit" appearance="primary" disabled={move.isPending || reason.trim() === ''}>{t('app.pipeline.markLost')}</Button>
        </form>
      )}
      <div role="status">
        {isStale(move.error) && <Text>{t('app.opportunity.stale')}</Text>}
        {move.error && !isStale(move.error) && !fieldProblem(t, move.error, 'lostReason') && <Text>{problemText(t, move.error)}</Text>}
      </div>
      <ol className={cs.list} aria-label={t('app.opportunity.stageHistory')} data-testid="stage-history">
        {history.map((h, i) => (
          <li key={`${h.at}-${i}`} className={cs.entry}>
            <Text weight="semibold">
              {h.from ? t('app.opportunity.change', { from: stages.label(h.from), to: stages.label(h.to) }) : t('app.opportunity.created', { stage: stages.label(h.to) })}
            </Text>
            <Text size={200}>{t('app.opportunity.changedBy', { name: h.by.name, when: fmt.dateTime(h.at) })}</Text>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function OffersSection({ opportunity: o, writer }: { opportunity: Opportunity; writer: boolean }) {
  const t = useT();
  const s = useStyles();
  const cs = useCustomerStyles();
  const { http } = useApi();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const offers = useQuery({
    queryKey: salesKeys.opportunityOffers(o.id),
    queryFn: ({ signal }) => http.request({ path: `/opportunities/${encodeURIComponent(o.id)}/offers`, schema: OfferListSchema, signal }),
  });
  const create = useMutation({
    mutationFn: () => http.request({
      method: 'POST', path: `/opportunities/${encodeURIComponent(o.id)}/offers`, schema: OfferSchema,
      body: { language: 'fi', validUntil: addDays(todayIn(), NEW_OFFER_VALID_DAYS) },
    }),
    onSuccess: async (offer) => {
      await invalidateOpportunity(queries, o);
      navigate(offerPath(offer.id));
    },
  });
  const items = offers.data?.items ?? [];
  return (
    <Section
      id="opportunity-offers" title={t('app.opportunity.offers')}
      actions={writer && <Button appearance="primary" disabled={create.isPending} onClick={() => create.mutate()}>{t('app.opportunity.newOffer')}</Button>}
    >
      <div role="status">{create.error && <Text>{problemText(t, create.error)}</Text>}</div>
      {offers.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
      {offers.error && <LoadProblem error={offers.error} onRetry={() => void offers.refetch()} />}
      {offers.data && items.length === 0 && <Text>{t('app.opportunity.noOffers')}</Text>}
      {items.length > 0 && (
        <div className={cs.tableWrap} tabIndex={0} role="region" aria-label={t('app.opportunity.offers')}>
          <OfferTable offers={items} className={s.table} />
        </div>
      )}
    </Section>
  );
}

/** The actions linked to the opportunity, when the server lists them; nothing otherwise. */
function OpportunityTimeline({ id }: { id: string }) {
  const t = useT();
  const cs = useCustomerStyles();
  const fmt = useFormats();
  const labels = useCodeLabels();
  const actions = useOpportunityActions(id);
  if (!actions.data) return null;
  return (
    <Section id="opportunity-timeline" title={t('app.opportunity.timeline')}>
      {actions.data.length === 0 && <Text>{t('app.opportunity.noActions')}</Text>}
      <ol className={cs.list}>
        {actions.data.map((a) => (
          <li key={a.id} className={cs.entry}>
            <div className={cs.entryHead}>
              <Badge appearance="outline" shape="rounded">{labels.actionKind(a.kind)}</Badge>
              <Text weight="semibold">{a.subject}</Text>
            </div>
            <Text size={200}>{t('app.opportunity.changedBy', { name: a.loggedBy.name, when: fmt.dateTime(a.occurredAt) })}</Text>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function EditDialog({ me, opportunity, open, onOpenChange }: { me: User; opportunity: Opportunity; open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => onOpenChange(d.open)}>
      <DialogSurface aria-describedby={undefined}>
        {open && <EditForm me={me} opportunity={opportunity} onDone={() => onOpenChange(false)} />}
      </DialogSurface>
    </Dialog>
  );
}

function EditForm({ me, opportunity: o, onDone }: { me: User; opportunity: Opportunity; onDone: () => void }) {
  const t = useT();
  const s = useStyles();
  const { language } = useLanguage();
  const { assignees } = useAssignees(me);
  const contacts = useCustomerContacts(o.organizationId);
  const products = useProducts();
  const change = useChange(o);
  const money = moneyLanguage(language);
  const [title, setTitle] = useState(o.title);
  const [ownerId, setOwnerId] = useState(o.owner.id);
  const [value, setValue] = useState(formatEuros(o.estimatedValueCents, money));
  const [probability, setProbability] = useState(String(o.probabilityPct));
  const [close, setClose] = useState(o.expectedCloseOn ?? '');
  const [contactIds, setContactIds] = useState(o.contactIds);
  const [productIds, setProductIds] = useState(o.productIds);
  const [notes, setNotes] = useState(o.notes);
  const cents = value.trim() === '' ? 0 : parseEuros(value);
  const pct = /^\d{1,3}$/.test(probability.trim()) ? Number(probability) : null;
  const owners = assignees.some((u) => u.id === o.owner.id) ? assignees : [{ ...o.owner }, ...assignees];
  const toggle = (list: readonly string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const valueProblem = cents === null ? t('app.pipeline.valueInvalid') : fieldProblem(t, change.error, 'estimatedValueCents');
  const pctProblem = pct === null || pct > 100 ? t('app.opportunity.probabilityInvalid') : fieldProblem(t, change.error, 'probabilityPct');
  const submit = () => {
    if (cents === null || pct === null || pct > 100) return;
    const patch: Omit<UpdateOpportunity, 'version'> = {};
    if (title !== o.title) patch.title = title;
    if (ownerId !== o.owner.id) patch.ownerId = ownerId;
    if (cents !== o.estimatedValueCents) patch.estimatedValueCents = cents;
    if (pct !== o.probabilityPct) patch.probabilityPct = pct;
    if ((close || null) !== o.expectedCloseOn) patch.expectedCloseOn = close || null;
    if (!same(contactIds, o.contactIds)) patch.contactIds = contactIds;
    if (!same(productIds, o.productIds)) patch.productIds = productIds;
    if (notes !== o.notes) patch.notes = notes;
    if (Object.keys(patch).length === 0) return onDone();
    change.mutate(patch, { onSuccess: onDone });
  };
  const offered = (products.data?.items ?? []).filter((p) => p.active || o.productIds.includes(p.id));
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate>
      <DialogBody>
        <DialogTitle>{t('app.opportunity.editTitle')}</DialogTitle>
        <DialogContent className={s.fields}>
          <Field label={t('app.pipeline.title')} required validationMessage={fieldProblem(t, change.error, 'title')}>
            <Input value={title} onChange={(_, d) => setTitle(d.value)} required />
          </Field>
          <Field label={t('app.opportunity.owner')} validationMessage={fieldProblem(t, change.error, 'ownerId')}>
            <Select value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
              {owners.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </Select>
          </Field>
          <Field label={t('app.pipeline.estimatedValue')} hint={t('app.pipeline.valueHint')} validationMessage={valueProblem} validationState={valueProblem ? 'error' : 'none'}>
            <Input value={value} inputMode="decimal" onChange={(_, d) => setValue(d.value)} />
          </Field>
          <Field label={t('app.opportunity.probabilityLabel')} validationMessage={pctProblem} validationState={pctProblem ? 'error' : 'none'}>
            <Input value={probability} inputMode="numeric" onChange={(_, d) => setProbability(d.value)} />
          </Field>
          <Field label={t('app.pipeline.expectedClose')} validationMessage={fieldProblem(t, change.error, 'expectedCloseOn')}>
            <Input type="date" value={close} onChange={(_, d) => setClose(d.value)} />
          </Field>
          <fieldset className={s.checks}>
            <legend>{t('app.opportunity.contacts')}</legend>
            {(contacts.data ?? []).length === 0 && <Text size={200}>{t('app.cust.noContacts')}</Text>}
            {(contacts.data ?? []).map((c) => (
              <Checkbox key={c.id} label={c.name} checked={contactIds.includes(c.id)} onChange={(_, d) => setContactIds(toggle(contactIds, c.id, !!d.checked))} />
            ))}
          </fieldset>
          <fieldset className={s.checks}>
            <legend>{t('app.opportunity.products')}</legend>
            {offered.map((p) => (
              <Checkbox key={p.id} label={p.name[money] ?? p.name.fi} checked={productIds.includes(p.id)} onChange={(_, d) => setProductIds(toggle(productIds, p.id, !!d.checked))} />
            ))}
          </fieldset>
          <Field label={t('app.opportunity.notes')} validationMessage={fieldProblem(t, change.error, 'notes')}>
            <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} resize="vertical" />
          </Field>
          <div role="status">
            {isStale(change.error) && <Text>{t('app.opportunity.stale')}</Text>}
            {change.error && !isStale(change.error) && <Text>{problemText(t, change.error)}</Text>}
          </div>
        </DialogContent>
        <DialogActions fluid>
          <Button type="submit" appearance="primary" disabled={change.isPending || title.trim() === ''}>{change.isPending ? t('app.saving') : t('app.save')}</Button>
          <DialogTrigger disableButtonEnhancement><Button>{t('app.cancel')}</Button></DialogTrigger>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
