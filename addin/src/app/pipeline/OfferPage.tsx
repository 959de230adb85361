/**
 * `/offers/:id`: one offer. A draft is built here: its language, validity date, contact and terms,
 * and its lines, each a catalogue product (its name, price and VAT rate filled in, all changeable)
 * or free text, with quantity, unit price, discount and VAT rate; the totals (net, VAT per rate,
 * gross) follow every keystroke, reckoned by the same rules the server and the PDF use
 * (shared/domain/money). Save names the version read: a stale one (409) says so and offers the
 * offer as it is now. The PDF is downloaded at any state; a saved draft is sent, a sent one is
 * accepted or rejected, and an accepted one becomes an order, whose way to invoicing
 * (confirmed → delivered → to be invoiced) is stepped here too.
 */
import {
  Badge, Button, Field, Input, makeStyles, Select, Spinner, Table, TableBody, TableCell, TableHeader,
  TableHeaderCell, TableRow, Text, Textarea, tokens,
} from '@fluentui/react-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useParams } from 'wouter';
import {
  OFFER_LANGUAGES, ORDER_STATES, ORDER_STEPS, OfferSchema, OrderSchema,
  type Offer, type OfferTransition, type Order, type Product, type UpdateOffer,
} from '../../../../shared/contract-sales';
import {
  formatEuros, formatHundredths, formatVatRate, FULL_BP, parseEuros, parseHundredths, totals, VAT_RATES_BP,
  type MoneyLanguage, type OfferTotals, type VatRateBp,
} from '../../../../shared/domain/money';
import { customerPath, opportunityPath, ordersPath } from '../../../../shared/links';
import { saveBlob } from '../../api/request';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';
import type { MessageId } from '../../core/i18n/catalogs';
import { useLanguage, useT } from '../../core/i18n/I18nProvider';
import type { User } from '../../../../shared/contract';
import { AppLink } from '../common/AppLink';
import { fieldProblem, problemText } from '../common/errors';
import { useFormats } from '../common/format';
import { useCustomerContacts } from '../common/queries';
import { Section } from '../customers/CustomerPage';
import { useCustomerStyles } from '../customers/customers.styles';
import { LoadProblem } from '../desk/AccountManagerDesk';
import { Page } from '../Page';
import { useOpportunity } from './OpportunityPage';
import { invalidateOpportunity, moneyLanguage, offerStateLabel, orderStateLabel, salesKeys, useEuros, useProducts } from './sales';

const useStyles = makeStyles({
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  fields: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS, '& > *': { minWidth: 0 } },
  line: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(170px, 1fr))', gap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS,
    margin: 0, padding: tokens.spacingHorizontalM, minWidth: 0,
    /** a grid item is as wide as its content by default: a long product name would push out of the pane */
    '& > *': { minWidth: 0 },
    border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium,
  },
  /** a select is as wide as its longest option unless told otherwise */
  select: { minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
  wideField: { gridColumn: '1 / -1' },
  lineFoot: { gridColumn: '1 / -1', display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  lines: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { minWidth: '560px' },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  totals: { maxWidth: '420px', '& dd': { textAlign: 'end', fontVariantNumeric: 'tabular-nums' } },
  gross: { fontWeight: tokens.fontWeightSemibold },
  terms: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  steps: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, listStyleType: 'none', margin: 0, padding: 0 },
});

const offerUrl = (id: string) => `/offers/${encodeURIComponent(id)}`;

export function useOffer(id: string) {
  const { http } = useApi();
  return useQuery({
    queryKey: salesKeys.offer(id),
    queryFn: ({ signal }) => http.request({ path: offerUrl(id), schema: OfferSchema, signal }),
    retry: false,
  });
}

export function OfferPage({ me }: { me: User }) {
  const t = useT();
  const { id = '' } = useParams<{ id: string }>();
  const offer = useOffer(id);
  if (offer.isLoading) return <Page title={t('app.page.offer')}><Spinner size="small" label={t('app.loading')} /></Page>;
  if (!offer.data) {
    const missing = offer.error instanceof ApiError && offer.error.status === 404;
    return (
      <Page title={t('app.page.offer')}>
        {missing ? <Text role="alert">{t('app.offer.notFound')}</Text> : <LoadProblem error={offer.error} onRetry={() => void offer.refetch()} />}
      </Page>
    );
  }
  return <OfferView me={me} offer={offer.data} />;
}

/** After an offer changed: its page, its opportunity's offers, the boards and its customer's sales. */
function useOfferChanged() {
  const queries = useQueryClient();
  return async (offer: Offer) => {
    queries.setQueryData(salesKeys.offer(offer.id), offer);
    await Promise.all([
      queries.invalidateQueries({ queryKey: salesKeys.opportunityOffers(offer.opportunityId) }),
      invalidateOpportunity(queries, { id: offer.opportunityId, organizationId: offer.organizationId }),
    ]);
  };
}

const isStale = (error: unknown) => error instanceof ApiError && error.status === 409;

function OfferView({ me, offer: o }: { me: User; offer: Offer }) {
  const t = useT();
  const cs = useCustomerStyles();
  const fmt = useFormats();
  const writer = me.role !== 'management';
  const editable = writer && o.state === 'draft';
  const [dirty, setDirty] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const opportunity = useOpportunity(o.opportunityId);
  return (
    <Page title={t('app.sales.offerLink', { number: o.number })}>
      <div className={cs.badges}>
        <Badge appearance="tint" shape="rounded" color={STATE_COLOURS[o.state]}>{t(offerStateLabel(o.state))}</Badge>
        <Text>{t('app.offer.validUntilDay', { day: fmt.day(o.validUntil) })}</Text>
      </div>
      <OfferActions offer={o} writer={writer} dirty={editable && dirty} />
      <Section id="offer-details" title={t('app.offer.details')}>
        <dl className={cs.dl}>
          <dt>{t('app.opportunity.customer')}</dt><dd><AppLink href={customerPath(o.organizationId)}>{o.organizationName}</AppLink></dd>
          <dt>{t('app.offer.opportunity')}</dt><dd><AppLink href={opportunityPath(o.opportunityId)}>{opportunity.data?.title ?? t('app.offer.toOpportunity')}</AppLink></dd>
          <dt>{t('app.opportunity.owner')}</dt><dd>{o.owner.name}</dd>
          {o.sentAt && <><dt>{t('app.offer.sentAt')}</dt><dd>{fmt.dateTime(o.sentAt)}</dd></>}
          {o.answeredAt && <><dt>{t('app.offer.answeredAt')}</dt><dd>{fmt.dateTime(o.answeredAt)}</dd></>}
        </dl>
      </Section>
      {editable ? <DraftEditor key={o.version} offer={o} onDirty={setDirty} justSaved={savedVersion === o.version} onSaved={setSavedVersion} /> : <SavedOffer offer={o} />}
      {(o.state === 'accepted') && <OrderSection offer={o} writer={writer} />}
    </Page>
  );
}

const STATE_COLOURS = { draft: 'informative', sent: 'brand', accepted: 'success', rejected: 'danger', expired: 'warning' } as const;

const TRANSITIONS: Record<Offer['state'], readonly OfferTransition[]> = { draft: ['send'], sent: ['accept', 'reject'], accepted: [], rejected: [], expired: [] };
const TRANSITION_LABELS: Record<OfferTransition, MessageId> = { send: 'app.offer.send', accept: 'app.offer.accept', reject: 'app.offer.reject' };

/** Download PDF, and the state changes the offer's state allows (send only once the draft is saved). */
function OfferActions({ offer: o, writer, dirty }: { offer: Offer; writer: boolean; dirty: boolean }) {
  const t = useT();
  const s = useStyles();
  const { http } = useApi();
  const changed = useOfferChanged();
  const pdf = useMutation({
    mutationFn: () => http.download({ path: `${offerUrl(o.id)}/pdf` }),
    onSuccess: (blob) => saveBlob(blob, t('app.offer.pdfFile', { number: o.number })),
  });
  const transition = useMutation({
    mutationFn: (to: OfferTransition) => http.request({ method: 'POST', path: `${offerUrl(o.id)}/${to}`, body: { version: o.version }, schema: OfferSchema }),
    onSuccess: changed,
  });
  const transitions = writer ? TRANSITIONS[o.state] : [];
  const problem = transition.error
    ? isStale(transition.error) ? t('app.offer.stale')
      : fieldProblem(t, transition.error, 'lines') ? t('app.offer.sendNeedsLines')
        : fieldProblem(t, transition.error, 'validUntil') ? t('app.offer.sendPastValidity')
          : problemText(t, transition.error)
    : pdf.error ? problemText(t, pdf.error) : null;
  return (
    <div className={s.actions}>
      <Button onClick={() => pdf.mutate()} disabled={pdf.isPending}>{pdf.isPending ? t('app.offer.pdfLoading') : t('app.offer.pdf')}</Button>
      {transitions.map((to) => (
        <Button
          key={to} appearance={to === 'reject' ? 'secondary' : 'primary'}
          disabled={transition.isPending || (to === 'send' && dirty)}
          onClick={() => transition.mutate(to)}
        >
          {t(TRANSITION_LABELS[to])}
        </Button>
      ))}
      <div role="status">
        {transitions.includes('send') && dirty && <Text>{t('app.offer.saveBeforeSend')}</Text>}
        {problem && <Text>{problem}</Text>}
      </div>
    </div>
  );
}

// ---------- a saved offer, read only ----------

function SavedOffer({ offer: o }: { offer: Offer }) {
  const t = useT();
  const s = useStyles();
  const cs = useCustomerStyles();
  const money = moneyLanguage(useLanguage().language);
  const euros = useEuros();
  const contacts = useCustomerContacts(o.organizationId);
  const contact = o.contactId ? contacts.data?.find((c) => c.id === o.contactId)?.name : undefined;
  return (
    <>
      <Section id="offer-lines" title={t('app.offer.lines')}>
        <dl className={cs.dl}>
          <dt>{t('app.offer.language')}</dt><dd>{t(LANGUAGE_LABELS[o.language])}</dd>
          <dt>{t('app.offer.contact')}</dt><dd>{contact ?? t('app.cust.none')}</dd>
        </dl>
        {o.lines.length === 0 ? <Text>{t('app.offer.noLines')}</Text> : (
          <div className={cs.tableWrap} tabIndex={0} role="region" aria-label={t('app.offer.lines')}>
            <Table size="small" className={s.table} aria-label={t('app.offer.lines')}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('app.offer.description')}</TableHeaderCell>
                  <TableHeaderCell className={s.number}>{t('app.offer.quantity')}</TableHeaderCell>
                  <TableHeaderCell className={s.number}>{t('app.offer.unitPrice')}</TableHeaderCell>
                  <TableHeaderCell className={s.number}>{t('app.offer.discount')}</TableHeaderCell>
                  <TableHeaderCell className={s.number}>{t('app.offer.vat')}</TableHeaderCell>
                  <TableHeaderCell className={s.number}>{t('app.offer.lineNet')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {o.lines.map((l, i) => (
                  <TableRow key={i}>
                    <TableCell>{l.description}</TableCell>
                    <TableCell className={s.number}>{formatHundredths(l.quantityHundredths, money)}</TableCell>
                    <TableCell className={s.number}>{euros(l.unitPriceCents)}</TableCell>
                    <TableCell className={s.number}>{formatVatRate(l.discountBp, money)}</TableCell>
                    <TableCell className={s.number}>{formatVatRate(l.vatRateBp, money)}</TableCell>
                    <TableCell className={s.number}>{euros(l.netCents)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        <Totals totals={o.totals} />
      </Section>
      {o.terms && (
        <Section id="offer-terms" title={t('app.offer.terms')}>
          <Text className={s.terms}>{o.terms}</Text>
        </Section>
      )}
    </>
  );
}

function Totals({ totals: sums }: { totals: OfferTotals | Offer['totals'] | null }) {
  const t = useT();
  const s = useStyles();
  const cs = useCustomerStyles();
  const money = moneyLanguage(useLanguage().language);
  const euros = useEuros();
  if (!sums) return <Text role="status">{t('app.offer.totalsPending')}</Text>;
  return (
    <dl className={`${cs.dl} ${s.totals}`} aria-label={t('app.offer.totals')} data-testid="offer-totals">
      <dt>{t('app.offer.net')}</dt><dd>{euros(sums.net)}</dd>
      {sums.byRate.map((r) => (
        <Fragment key={r.rateBp}><dt>{t('app.offer.vatAt', { rate: formatVatRate(r.rateBp, money) })}</dt><dd>{euros(r.vat)}</dd></Fragment>
      ))}
      <dt className={s.gross}>{t('app.sales.total')}</dt><dd className={s.gross}>{euros(sums.gross)}</dd>
    </dl>
  );
}

const LANGUAGE_LABELS: Record<Offer['language'], MessageId> = { fi: 'app.offer.language.fi', sv: 'app.offer.language.sv', en: 'app.offer.language.en' };

// ---------- a draft, edited ----------

/** A line as typed: the texts of its inputs, read when saved. */
interface LineDraft {
  key: number;
  productId: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  vatRateBp: VatRateBp;
}

interface ParsedLine {
  productId: string | null;
  description: string;
  quantityHundredths: number;
  unitPriceCents: number;
  discountBp: number;
  vatRateBp: VatRateBp;
}

type LineProblems = Partial<Record<'description' | 'quantity' | 'unitPrice' | 'discount', MessageId>>;

let nextKey = 1;

function draftOf(l: Offer['lines'][number], money: MoneyLanguage): LineDraft {
  return {
    key: nextKey++, productId: l.productId, description: l.description,
    quantity: formatHundredths(l.quantityHundredths, money), unitPrice: formatEuros(l.unitPriceCents, money),
    discount: formatHundredths(l.discountBp, money), vatRateBp: l.vatRateBp as VatRateBp,
  };
}

function productLine(p: Product, language: Offer['language'], money: MoneyLanguage, quantity = '1'): LineDraft {
  return {
    key: nextKey++, productId: p.id, description: p.name[language] ?? p.name.fi,
    quantity, unitPrice: formatEuros(p.unitPriceCents, money), discount: '0', vatRateBp: p.vatRateBp as VatRateBp,
  };
}

/** The line read from its inputs, or what is wrong with each input. */
function parseLine(l: LineDraft): { line: ParsedLine | null; problems: LineProblems } {
  const quantityHundredths = parseHundredths(l.quantity);
  const unitPriceCents = parseEuros(l.unitPrice);
  const discountBp = parseHundredths(l.discount === '' ? '0' : l.discount);
  const problems: LineProblems = {};
  if (l.description.trim() === '') problems.description = 'app.offer.descriptionRequired';
  if (quantityHundredths === null) problems.quantity = 'app.offer.quantityInvalid';
  if (unitPriceCents === null) problems.unitPrice = 'app.offer.priceInvalid';
  if (discountBp === null || discountBp > FULL_BP) problems.discount = 'app.offer.discountInvalid';
  if (Object.keys(problems).length > 0) return { line: null, problems };
  return {
    line: { productId: l.productId, description: l.description.trim(), quantityHundredths: quantityHundredths!, unitPriceCents: unitPriceCents!, discountBp: discountBp!, vatRateBp: l.vatRateBp },
    problems,
  };
}

function totalsOf(lines: readonly (ParsedLine | null)[]): OfferTotals | null {
  if (lines.some((l) => l === null)) return null;
  try {
    return totals(lines as ParsedLine[]);
  } catch {
    return null; // beyond the largest amount: the server names the line
  }
}

function DraftEditor({ offer: o, onDirty, justSaved, onSaved }: {
  offer: Offer;
  onDirty: (dirty: boolean) => void;
  /** This version is the one just saved here (so "Saved." shows until the next edit). */
  justSaved: boolean;
  onSaved: (version: number) => void;
}) {
  const t = useT();
  const s = useStyles();
  const cs = useCustomerStyles();
  const money = moneyLanguage(useLanguage().language);
  const { http } = useApi();
  const queries = useQueryClient();
  const changed = useOfferChanged();
  const contacts = useCustomerContacts(o.organizationId);
  const products = useProducts();
  const [language, setLanguage] = useState(o.language);
  const [validUntil, setValidUntil] = useState(o.validUntil);
  const [contactId, setContactId] = useState(o.contactId ?? '');
  const [terms, setTerms] = useState(o.terms);
  const [lines, setLines] = useState<LineDraft[]>(() => o.lines.map((l) => draftOf(l, money)));
  const [touched, setTouched] = useState(false);
  const touch = <A,>(set: (a: A) => void) => (a: A) => { set(a); setTouched(true); onDirty(true); };

  const parsed = lines.map(parseLine);
  const sums = totalsOf(parsed.map((p) => p.line));
  const save = useMutation({
    mutationFn: () => {
      const body: UpdateOffer = {
        version: o.version, language, validUntil, terms, contactId: contactId || null,
        lines: parsed.map((p) => p.line!),
      };
      return http.request({ method: 'PATCH', path: offerUrl(o.id), body, schema: OfferSchema });
    },
    onSuccess: async (offer) => { onDirty(false); onSaved(offer.version); await changed(offer); },
  });
  const reload = async () => {
    onDirty(false);
    await queries.invalidateQueries({ queryKey: salesKeys.offer(o.id) });
  };
  const setLine = (key: number, change: Partial<LineDraft>) => touch(setLines)(lines.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const catalogue = (products.data?.items ?? []).filter((p) => p.active || lines.some((l) => l.productId === p.id));
  const pickProduct = (key: number, productId: string) => {
    const line = lines.find((l) => l.key === key)!;
    const product = catalogue.find((p) => p.id === productId);
    if (!product) return setLine(key, { productId: null });
    touch(setLines)(lines.map((l) => (l.key === key ? { ...productLine(product, language, money, line.quantity), key } : l)));
  };
  const valid = parsed.every((p) => p.line !== null);
  const serverLine = (i: number, field: string) => fieldProblem(t, save.error, `lines.${i}.${field}`);
  return (
    <form onSubmit={(e) => { e.preventDefault(); if (valid) save.mutate(); }} noValidate>
      <Section id="offer-lines" title={t('app.offer.lines')}>
        <div className={s.fields}>
          <Field label={t('app.offer.language')} validationMessage={fieldProblem(t, save.error, 'language')}>
            <Select value={language} onChange={(_, d) => touch(setLanguage)(d.value as Offer['language'])}>
              {OFFER_LANGUAGES.map((l) => <option key={l} value={l}>{t(LANGUAGE_LABELS[l])}</option>)}
            </Select>
          </Field>
          <Field label={t('app.sales.validUntil')} required validationMessage={fieldProblem(t, save.error, 'validUntil')}>
            <Input type="date" value={validUntil} required onChange={(_, d) => touch(setValidUntil)(d.value)} />
          </Field>
          <Field label={t('app.offer.contact')} validationMessage={fieldProblem(t, save.error, 'contactId')}>
            <Select value={contactId} onChange={(_, d) => touch(setContactId)(d.value)}>
              <option value="">{t('app.cust.none')}</option>
              {(contacts.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </Select>
          </Field>
        </div>
        {lines.length === 0 && <Text>{t('app.offer.noLines')}</Text>}
        <ol className={s.lines}>
          {lines.map((l, i) => {
            const problems = touched ? parsed[i]!.problems : {};
            const said = (id: MessageId | undefined, field: string) => (id ? t(id) : serverLine(i, field));
            const net = parsed[i]!.line ? lineNetOf(parsed[i]!.line!) : null;
            return (
              <li key={l.key}>
                <fieldset className={s.line}>
                  <legend className={s.legend}>{t('app.offer.lineN', { n: i + 1 })}</legend>
                  <Field label={t('app.offer.product')} className={s.wideField} validationMessage={serverLine(i, 'productId')}>
                    <Select className={s.select} value={l.productId ?? ''} onChange={(_, d) => pickProduct(l.key, d.value)}>
                      <option value="">{t('app.offer.freeText')}</option>
                      {catalogue.map((p) => <option key={p.id} value={p.id}>{`${p.code} · ${p.name[money] ?? p.name.fi}`}</option>)}
                    </Select>
                  </Field>
                  <Field label={t('app.offer.description')} required className={s.wideField} validationMessage={said(problems.description, 'description')}>
                    <Input value={l.description} required onChange={(_, d) => setLine(l.key, { description: d.value })} />
                  </Field>
                  <Field label={t('app.offer.quantity')} validationMessage={said(problems.quantity, 'quantityHundredths')}>
                    <Input value={l.quantity} inputMode="decimal" onChange={(_, d) => setLine(l.key, { quantity: d.value })} />
                  </Field>
                  <Field label={t('app.offer.unitPrice')} validationMessage={said(problems.unitPrice, 'unitPriceCents')}>
                    <Input value={l.unitPrice} inputMode="decimal" onChange={(_, d) => setLine(l.key, { unitPrice: d.value })} />
                  </Field>
                  <Field label={t('app.offer.discountPct')} validationMessage={said(problems.discount, 'discountBp')}>
                    <Input value={l.discount} inputMode="decimal" onChange={(_, d) => setLine(l.key, { discount: d.value })} />
                  </Field>
                  <Field label={t('app.offer.vat')} validationMessage={serverLine(i, 'vatRateBp')}>
                    <Select value={String(l.vatRateBp)} onChange={(_, d) => setLine(l.key, { vatRateBp: Number(d.value) as VatRateBp })}>
                      {VAT_RATES_BP.map((r) => <option key={r} value={r}>{formatVatRate(r, money)}</option>)}
                    </Select>
                  </Field>
                  <div className={s.lineFoot}>
                    <Text>{t('app.offer.lineNetIs', { amount: net === null ? '–' : formatEuros(net, money) })}</Text>
                    <Button appearance="subtle" onClick={() => touch(setLines)(lines.filter((x) => x.key !== l.key))} aria-label={t('app.offer.removeLineN', { n: i + 1 })}>
                      {t('app.offer.removeLine')}
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className={s.actions}>
          <Button onClick={() => touch(setLines)([...lines, { key: nextKey++, productId: null, description: '', quantity: '1', unitPrice: '', discount: '0', vatRateBp: 0 }])}>
            {t('app.offer.addLine')}
          </Button>
        </div>
        <Totals totals={sums} />
      </Section>
      <Section id="offer-terms" title={t('app.offer.terms')}>
        <Field label={t('app.offer.terms')} validationMessage={fieldProblem(t, save.error, 'terms')}>
          <Textarea value={terms} onChange={(_, d) => touch(setTerms)(d.value)} resize="vertical" rows={4} />
        </Field>
        <div className={cs.row}>
          <Button type="submit" appearance="primary" disabled={save.isPending || !valid}>{save.isPending ? t('app.saving') : t('app.offer.save')}</Button>
          {isStale(save.error) && <Button onClick={() => void reload()}>{t('app.offer.reload')}</Button>}
        </div>
        <div role="status">
          {justSaved && !touched && <Text>{t('app.offer.saved')}</Text>}
          {isStale(save.error) && <Text>{t('app.offer.staleDraft')}</Text>}
          {save.error && !isStale(save.error) && <Text>{problemText(t, save.error)}</Text>}
        </div>
      </Section>
    </form>
  );
}

function lineNetOf(line: ParsedLine): number | null {
  return totalsOf([line])?.net ?? null;
}

// ---------- the order of an accepted offer ----------

function OrderSection({ offer: o, writer }: { offer: Offer; writer: boolean }) {
  const t = useT();
  const s = useStyles();
  const cs = useCustomerStyles();
  const fmt = useFormats();
  const { http } = useApi();
  const queries = useQueryClient();
  const key = salesKeys.offerOrder(o.id);
  const order = useQuery({
    queryKey: key,
    retry: false,
    queryFn: async ({ signal }) => {
      try {
        return await http.request({ path: `${offerUrl(o.id)}/order`, schema: OrderSchema, signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
  const settled = async (saved: Order) => {
    queries.setQueryData(key, saved);
    await invalidateOpportunity(queries, { id: o.opportunityId, organizationId: o.organizationId });
  };
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const make = useMutation({
    mutationFn: () => http.request({ method: 'POST', path: `${offerUrl(o.id)}/order`, body: { deliveryStart: start || null, deliveryEnd: end || null }, schema: OrderSchema }),
    onSuccess: settled,
  });
  const step = useMutation({
    mutationFn: (current: Order) => http.request({
      method: 'PATCH', path: `/orders/${encodeURIComponent(current.id)}`, body: { version: current.version, state: ORDER_STEPS[current.state] }, schema: OrderSchema,
    }),
    onSuccess: settled,
    onError: (error) => { if (isStale(error)) void order.refetch(); },
  });
  return (
    <Section id="offer-order" title={t('app.offer.order')}>
      {order.isLoading && <Spinner size="tiny" label={t('app.loading')} />}
      {order.error && <LoadProblem error={order.error} onRetry={() => void order.refetch()} />}
      {order.data === null && (writer ? (
        <form className={cs.row} onSubmit={(e) => { e.preventDefault(); make.mutate(); }} noValidate>
          <Field label={t('app.offer.deliveryStart')} validationMessage={fieldProblem(t, make.error, 'deliveryStart')}>
            <Input type="date" value={start} onChange={(_, d) => setStart(d.value)} />
          </Field>
          <Field label={t('app.offer.deliveryEnd')} validationMessage={fieldProblem(t, make.error, 'deliveryEnd')}>
            <Input type="date" value={end} onChange={(_, d) => setEnd(d.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={make.isPending}>{t('app.offer.makeOrder')}</Button>
          <div role="status">{make.error && !fieldProblem(t, make.error, 'deliveryStart', 'deliveryEnd') && <Text>{problemText(t, make.error)}</Text>}</div>
        </form>
      ) : <Text>{t('app.offer.noOrder')}</Text>)}
      {order.data && (
        <>
          <dl className={cs.dl}>
            <dt>{t('app.sales.state')}</dt><dd data-testid="order-state">{t(orderStateLabel(order.data.state))}</dd>
            <dt>{t('app.offer.delivery')}</dt>
            <dd>{order.data.deliveryStart || order.data.deliveryEnd
              ? t('app.offer.deliveryRange', {
                start: order.data.deliveryStart ? fmt.day(order.data.deliveryStart) : '…',
                end: order.data.deliveryEnd ? fmt.day(order.data.deliveryEnd) : '…',
              })
              : t('app.offer.deliveryOpen')}
            </dd>
          </dl>
          <OrderSteps order={order.data} />
          <AppLink href={ordersPath()}>{t('app.offer.allOrders')}</AppLink>
          {writer && ORDER_STEPS[order.data.state] && (
            <div className={s.actions}>
              <Button appearance="primary" disabled={step.isPending} onClick={() => step.mutate(order.data!)}>
                {t('app.sales.orderStepTo', { state: t(orderStateLabel(ORDER_STEPS[order.data.state]!)) })}
              </Button>
              <div role="status">
                {isStale(step.error) && <Text>{t('app.offer.orderStale')}</Text>}
                {step.error && !isStale(step.error) && <Text>{problemText(t, step.error)}</Text>}
              </div>
            </div>
          )}
        </>
      )}
    </Section>
  );
}

/** The order's way as steps, the current one marked: confirmed → delivered → to be invoiced → invoiced. */
function OrderSteps({ order }: { order: Order }) {
  const t = useT();
  const s = useStyles();
  const at = ORDER_STATES.indexOf(order.state);
  return (
    <ol aria-label={t('app.offer.orderWay')} className={s.steps}>
      {ORDER_STATES.map((state, i) => (
        <li key={state} aria-current={i === at ? 'step' : undefined}>
          <Badge appearance={i === at ? 'filled' : i < at ? 'tint' : 'outline'} color={i <= at ? 'brand' : 'informative'} shape="rounded">
            {`${i + 1}. ${t(orderStateLabel(state))}`}
          </Badge>
        </li>
      ))}
    </ol>
  );
}

