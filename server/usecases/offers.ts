/**
 * Offers (tarjous): a numbered document of an opportunity with lines from the catalogue or free
 * text, totals per VAT rate (shared/domain/money: VAT rounded once per rate), a validity date,
 * terms and a language. A draft is changed; `send` makes it sent and logs an `offer` action on the
 * customer (so the care plan sees it); a sent offer is accepted or rejected until its validity date
 * has passed, after which it is expired. Every change names the version it was made on (409 when
 * stale); a change that the state forbids is a 409 naming `state`.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { CreateOfferSchema, Offer, OfferState, OfferTransition, UpdateOfferSchema } from '../../shared/contract-sales';
import { lineNet, totals, type VatRateBp } from '../../shared/domain/money';
import { offerFileName } from '../../shared/domain/offerFileName';
import { calendarDay } from '../../shared/domain/zonedTime';
import { DEFAULT_LETTERHEAD, renderOfferPdf } from '../documents/offerPdf';
import { AppError } from '../errors';
import type { OfferLineRecord, OfferRecord, StoredOfferState } from '../persistence/repositories';
import { opportunityCareVerdict } from './access';
import { createAction } from './actions';
import type { UseCaseContext } from './context';
import { personRef } from './views';

type LineInput = z.output<typeof CreateOfferSchema>['lines'][number];


/** The state as the user sees it: a sent offer past its validity date is expired. */
export function offerState(o: Pick<OfferRecord, 'state' | 'validUntil'>, today: string): OfferState {
  return o.state === 'sent' && o.validUntil < today ? 'expired' : o.state;
}

export function offerView(ctx: UseCaseContext, o: OfferRecord): Offer {
  return {
    ...o,
    state: offerState(o, calendarDay(ctx.now, ctx.settings.timeZone)),
    sentAt: o.sentAt?.toISOString() ?? null,
    answeredAt: o.answeredAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** The lines as stored: a product's name (in the offer's language), price and VAT rate fill what the line leaves out. */
async function resolveLines(ctx: UseCaseContext, lines: readonly LineInput[], language: 'fi' | 'sv' | 'en'): Promise<OfferLineRecord[]> {
  const productIds = [...new Set(lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const products = new Map((await ctx.repos.products.getMany(productIds)).map((p) => [p.id, p]));
  return lines.map((l, i) => {
    const product = l.productId ? products.get(l.productId) : undefined;
    if (l.productId && !product) throw AppError.unprocessable(`lines[${i}].productId names no product of the catalogue`, `lines.${i}.productId`);
    const line = {
      productId: l.productId,
      description: l.description || (product ? product.name[language] ?? product.name.fi : ''),
      quantityHundredths: l.quantityHundredths,
      unitPriceCents: l.unitPriceCents ?? product!.unitPriceCents,
      discountBp: l.discountBp,
      vatRateBp: l.vatRateBp ?? product!.vatRateBp,
    };
    return { ...line, netCents: lineNet({ ...line, vatRateBp: line.vatRateBp as VatRateBp }) };
  });
}

const totalsOf = (lines: readonly OfferLineRecord[]) => totals(lines.map((l) => ({ ...l, vatRateBp: l.vatRateBp as VatRateBp })));

async function checkContact(ctx: UseCaseContext, organizationId: string, contactId: string | null): Promise<void> {
  if (!contactId) return;
  const [contact] = await ctx.repos.contacts.getMany([contactId]);
  if (!contact || contact.organizationId !== organizationId) throw AppError.unprocessable('contactId must name a contact of the offer’s customer', 'contactId');
}

export async function createOffer(ctx: UseCaseContext, opportunityId: string, input: z.output<typeof CreateOfferSchema>): Promise<Offer> {
  const { repos } = ctx;
  const opportunity = await repos.opportunities.get(opportunityId);
  if (!opportunity) throw AppError.notFound('The opportunity');
  const [lines] = await Promise.all([resolveLines(ctx, input.lines, input.language), checkContact(ctx, opportunity.organizationId, input.contactId)]);
  const id = repos.offers.newId();
  const number = await repos.offers.nextNumber(Number(calendarDay(ctx.now, ctx.settings.timeZone).slice(0, 4)));
  const offer = await repos.offers.insert(id, number, {
    opportunityId, organizationId: opportunity.organizationId, organizationName: opportunity.organizationName, contactId: input.contactId,
    owner: personRef(ctx.user), language: input.language, lines, totals: totalsOf(lines), validUntil: input.validUntil, terms: input.terms,
  });
  await repos.opportunities.addOffer(opportunityId, id);
  return offerView(ctx, offer);
}

export async function listOffers(ctx: UseCaseContext, opportunityId: string): Promise<{ items: Offer[] }> {
  const ids = await ctx.repos.opportunities.offerIdsOf(opportunityId);
  const offers = await ctx.repos.offers.getMany(ids);
  return { items: offers.sort((a, b) => a.number.localeCompare(b.number)).map((o) => offerView(ctx, o)) };
}

export async function getOffer(ctx: UseCaseContext, id: string): Promise<Offer> {
  const found = await ctx.repos.offers.get(id);
  if (!found) throw AppError.notFound('The offer');
  return offerView(ctx, found);
}

/** A change refused: the offer is gone (404), in another state (409 `state`), or changed meanwhile (409 `version`). */
async function refusal(ctx: UseCaseContext, id: string, version: number, wanted: StoredOfferState, verb: string): Promise<AppError> {
  const now = await ctx.repos.offers.get(id);
  if (!now) return AppError.notFound('The offer');
  if (now.state !== wanted) return AppError.conflict('state', `is ${offerState(now, calendarDay(ctx.now, ctx.settings.timeZone))}: ${verb}`, 'invalid');
  return AppError.conflict('version', `is ${version}, but the offer was changed meanwhile (now version ${now.version}): read it again and repeat the change`, 'invalid');
}

export async function updateOffer(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateOfferSchema>): Promise<Offer> {
  const { repos } = ctx;
  const current = await repos.offers.get(id);
  if (!current) throw AppError.notFound('The offer');
  if (current.state !== 'draft') throw await refusal(ctx, id, patch.version, 'draft', 'only a draft can be changed');
  const { version, lines: lineInput, ...rest } = patch;
  const language = rest.language ?? current.language;
  const set: Parameters<typeof repos.offers.update>[2] = { ...rest };
  if (rest.contactId !== undefined) await checkContact(ctx, current.organizationId, rest.contactId);
  if (lineInput) {
    set.lines = await resolveLines(ctx, lineInput, language);
    set.totals = totalsOf(set.lines);
  }
  const updated = await repos.offers.update(id, { version, state: 'draft' }, set);
  if (!updated) throw await refusal(ctx, id, version, 'draft', 'only a draft can be changed');
  return offerView(ctx, updated);
}

const offerActionId = (offerId: string) => createHash('sha256').update(`offer-sent\u0000${offerId}`).digest('hex').slice(0, 24);

export async function transitionOffer(ctx: UseCaseContext, id: string, transition: OfferTransition, version: number): Promise<Offer> {
  const { repos } = ctx;
  const current = await repos.offers.get(id);
  if (!current) throw AppError.notFound('The offer');
  const today = calendarDay(ctx.now, ctx.settings.timeZone);
  const from: StoredOfferState = transition === 'send' ? 'draft' : 'sent';
  const verb = transition === 'send' ? 'only a draft can be sent' : 'only a sent offer within its validity can be answered';
  if (current.state !== from) throw await refusal(ctx, id, version, from, verb);
  if (transition === 'send' && current.validUntil < today) throw AppError.invalid('validUntil', 'has passed: set a new validity date before sending');
  if (transition === 'send' && current.lines.length === 0) throw AppError.invalid('lines', 'must have at least one line before the offer is sent');
  if (transition !== 'send' && offerState(current, today) === 'expired') throw AppError.conflict('state', `is expired (valid until ${current.validUntil}): ${verb}`, 'invalid');
  const set = transition === 'send'
    ? { state: 'sent' as const, sentAt: ctx.now }
    : { state: (transition === 'accept' ? 'accepted' : 'rejected') as StoredOfferState, answeredAt: ctx.now };
  const updated = await repos.offers.update(id, { version, state: from }, set);
  if (!updated) throw await refusal(ctx, id, version, from, verb);
  if (transition === 'send') {
    const opportunity = await repos.opportunities.get(updated.opportunityId);
    await createAction(ctx, {
      kind: 'offer', occurredAt: ctx.now.toISOString(), subject: `${updated.number}: ${opportunity?.title ?? updated.organizationName}`.slice(0, 1000),
      organizationId: opportunity?.organizationId ?? updated.organizationId, contactIds: updated.contactId ? [updated.contactId] : [],
      opportunityId: opportunity ? updated.opportunityId : undefined,
    }, { id: offerActionId(updated.id) });
  }
  return offerView(ctx, updated);
}

/** The offer's PDF and its file name (`tarjous-2026-0042.pdf`, by the offer's language). */
export async function offerPdf(ctx: UseCaseContext, id: string): Promise<{ fileName: string; pdf: Buffer }> {
  const { repos } = ctx;
  const offer = await repos.offers.get(id);
  if (!offer) throw AppError.notFound('The offer');
  const [customer, contacts] = await Promise.all([repos.customers.get(offer.organizationId), offer.contactId ? repos.contacts.getMany([offer.contactId]) : Promise.resolve([])]);
  const contact = contacts[0];
  const pdf = await renderOfferPdf({
    offer,
    customer: { name: customer?.name ?? offer.organizationName, businessId: customer?.businessId ?? null },
    contact: contact ? { name: contact.name, email: contact.emails[0] ?? null } : null,
    letterhead: ctx.settings.letterhead ?? DEFAULT_LETTERHEAD,
    today: calendarDay(ctx.now, ctx.settings.timeZone),
  });
  return { fileName: offerFileName(offer), pdf };
}

/**
 * Offers a mail is to carry (Attach offer, usecases/sendLogs): each of one of the mail's customers,
 * a draft or sent already, and one the user may send (422/409/403 naming `offerIds.<i>`).
 */
export async function checkAttachableOffers(ctx: UseCaseContext, offerIds: readonly string[], organizationIds: readonly string[]): Promise<void> {
  const { repos } = ctx;
  const offers = await repos.offers.getMany([...new Set(offerIds)]);
  const byId = new Map(offers.map((o) => [o.id, o]));
  for (const [i, id] of offerIds.entries()) {
    const offer = byId.get(id);
    const field = `offerIds.${i}`;
    if (!offer) throw AppError.unprocessable(`${field} names no offer`, field);
    if (!organizationIds.includes(offer.organizationId)) throw AppError.unprocessable(`${field} must be an offer of a customer the mail is logged on`, field);
    const state = offerState(offer, calendarDay(ctx.now, ctx.settings.timeZone));
    if (state !== 'draft' && state !== 'sent') throw AppError.conflict(field, `is ${state}: only a draft or a sent offer can be attached`, 'invalid');
    if (ctx.user.role !== 'admin' && (await opportunityCareVerdict(repos, ctx.user, offer.opportunityId)) !== 'allowed') {
      throw new AppError('forbidden', `${field}: only the opportunity's owner or the customer's managers can send this offer`);
    }
  }
}

/**
 * The mail carrying these offers was sent: each one still a draft becomes sent (which logs its offer
 * action once). A draft changed meanwhile (409) is tried again on its new version; one that sending
 * refuses otherwise (its validity has passed) or no longer a draft (sent by hand) is left as it is.
 */
export async function sendAttachedOffers(ctx: UseCaseContext, offerIds: readonly string[]): Promise<void> {
  for (const id of offerIds) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const offer = await ctx.repos.offers.get(id);
      if (offer?.state !== 'draft') break;
      try {
        await transitionOffer(ctx, id, 'send', offer.version);
        break;
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.status !== 409) break;
      }
    }
  }
}
