/**
 * The demo's sales: a training-product catalogue of about twenty products an adult-education college
 * sells (Finnish, Swedish and English names, units, net prices: education VAT-exempt, consulting and
 * other services at 25.5 %), opportunities in every stage on each account manager's board, and their
 * offers and orders in every state.
 */
import { DEFAULT_PIPELINE_STAGES, DEFAULT_STAGE_KEYS, type ProductKind, type ProductUnit } from '../../shared/contract-sales';
import { stageRules } from '../usecases/pipelineStages';
import { addCalendarDays, calendarDay, DEFAULT_TIME_ZONE } from '../../shared/domain/zonedTime';
import type { Repositories, UserRecord } from '../persistence/repositories';
import type { UseCaseContext } from '../usecases/context';
import { createOffer, transitionOffer } from '../usecases/offers';
import { createOrder, updateOrder } from '../usecases/orders';

type Row = [code: string, fi: string, sv: string, en: string, kind: ProductKind, unit: ProductUnit, euros: number, vatRateBp: number];

export const DEMO_PRODUCTS: readonly Row[] = [
  ['TT-KORTTI', 'Työturvallisuuskortti', 'Arbetarskyddskort', 'Occupational safety card', 'staff_training', 'participant', 125, 0],
  ['TULITYO', 'Tulityökortti', 'Heta arbeten-kort', 'Hot work card', 'staff_training', 'participant', 110, 0],
  ['EA1', 'Ensiapukurssi EA1', 'Första hjälpen FHJ1', 'First aid course 1', 'staff_training', 'participant', 160, 0],
  ['HYGIENIA', 'Hygieniapassikoulutus', 'Hygienpassutbildning', 'Hygiene passport training', 'staff_training', 'participant', 95, 0],
  ['ESIMIES', 'Esimiesvalmennus', 'Chefsträning', 'Leadership coaching', 'staff_training', 'day', 890, 0],
  ['JOHTAMINEN-JET', 'Johtamisen erikoisammattitutkinto', 'Specialyrkesexamen i ledarskap', 'Specialist qualification in management', 'qualification', 'participant', 3_200, 0],
  ['LOGISTIIKKA-AT', 'Logistiikan ammattitutkinto', 'Yrkesexamen inom logistik', 'Further qualification in logistics', 'qualification', 'participant', 2_400, 0],
  ['OPPISOPIMUS', 'Oppisopimuskoulutus', 'Läroavtalsutbildning', 'Apprenticeship training', 'apprenticeship_training', 'participant', 0, 0],
  ['OPPISOP-TYOPAIKKA', 'Työpaikkaohjaajakoulutus', 'Utbildning för arbetsplatshandledare', 'Workplace instructor training', 'apprenticeship_training', 'participant', 180, 0],
  ['TYOVOIMA-RAK', 'Rakennusalan työvoimakoulutus', 'Arbetskraftsutbildning inom byggbranschen', 'Labour-market training, construction', 'labour_market_training', 'group', 48_000, 0],
  ['TYOVOIMA-LOG', 'Logistiikan työvoimakoulutus', 'Arbetskraftsutbildning inom logistik', 'Labour-market training, logistics', 'labour_market_training', 'group', 42_000, 0],
  ['SUOMI-TYO', 'Työelämän suomi', 'Finska för arbetslivet', 'Finnish for working life', 'staff_training', 'hour', 85, 0],
  ['ENGLANTI-TYO', 'Työelämän englanti', 'Engelska för arbetslivet', 'English for working life', 'staff_training', 'hour', 85, 0],
  ['EXCEL', 'Excel-jatkokurssi', 'Excel fortsättningskurs', 'Excel, advanced', 'staff_training', 'participant', 290, 0],
  ['TIETOTURVA', 'Tietoturvan perusteet', 'Grunderna i informationssäkerhet', 'Information security basics', 'staff_training', 'participant', 240, 0],
  ['KONSULTOINTI', 'Osaamiskartoitus ja konsultointi', 'Kompetenskartläggning och konsultation', 'Skills survey and consulting', 'consulting', 'hour', 150, 2550],
  ['KEHITYS-PAIVA', 'Työyhteisön kehittämispäivä', 'Utvecklingsdag för arbetsgemenskapen', 'Team development day', 'consulting', 'day', 1_450, 2550],
  ['TILAVUOKRA', 'Koulutustilan vuokra', 'Hyra av utbildningslokal', 'Training room rental', 'other', 'day', 350, 2550],
  ['MATERIAALI', 'Koulutusmateriaali', 'Utbildningsmaterial', 'Training materials', 'other', 'participant', 35, 2550],
  ['VERKKO-AJOKORTTI', 'Ammattipätevyyskoulutus (verkko)', 'Yrkeskompetensutbildning (webb)', 'Driver CPC training (online)', 'staff_training', 'participant', 210, 0],
];

/** Adds the demo catalogue (each code claimed first, as the API does); returns how many were added. */
export async function seedProducts(repos: Repositories, now: Date): Promise<number> {
  let added = 0;
  for (const [code, fi, sv, en, kind, unit, euros, vatRateBp] of DEMO_PRODUCTS) {
    const id = repos.products.newId();
    const taken = await repos.keys.claimMany([{ ownerId: id, claim: { kind: 'productCode', value: code, field: 'code' } }], now);
    if (taken.length > 0) continue;
    await repos.products.insert(id, { code, name: { fi, sv, en }, kind, unit, unitPriceCents: euros * 100, vatRateBp, active: true });
    added++;
  }
  return added;
}

const OPPORTUNITY_TITLES = [
  'Työturvallisuuskortit koko henkilöstölle', 'Esimiesvalmennus syksyllä', 'Oppisopimuskoulutus: 3 opiskelijaa',
  'Työelämän suomi -ryhmä', 'Osaamiskartoitus ja kehittämispäivä', 'Ensiapukurssit toimipisteisiin',
];

/** Each account manager gets an opportunity in every stage on customers they look after; returns how many. */
export async function seedOpportunities(repos: Repositories, managers: readonly UserRecord[], customers: readonly { id: string; name: string; responsibleId: string | null }[], now: Date): Promise<number> {
  let added = 0;
  const offered: { manager: UserRecord; opportunityId: string; plan: OfferPlan }[] = [];
  const day = (days: number) => calendarDay(addCalendarDays(now, days));
  for (const [m, manager] of managers.entries()) {
    const theirs = customers.filter((c) => c.responsibleId === manager.id);
    if (theirs.length === 0) continue;
    const owner = { id: manager.id, name: manager.name, email: manager.email };
    for (const [n, stage] of DEFAULT_STAGE_KEYS.entries()) {
      const customer = theirs[(m + n) % theirs.length]!;
      const history = [{ at: now, by: owner, from: null, to: stage }];
      const created = await repos.opportunities.insert(repos.opportunities.newId(), {
        organizationId: customer.id, organizationName: customer.name, contactIds: [], owner,
        title: OPPORTUNITY_TITLES[(m + n) % OPPORTUNITY_TITLES.length]!, stage,
        lostReason: stage === 'lost' ? 'Hinta ylitti budjetin' : null,
        estimatedValueCents: (4 + ((m * 7 + n * 3) % 20)) * 150_000, probabilityPct: stageRules(DEFAULT_PIPELINE_STAGES).probability(stage),
        expectedCloseOn: day(14 + n * 20), productIds: [], notes: '',
      }, history[0]!);
      await repos.opportunities.syncLists(null, created);
      const plans = OFFER_PLANS[stage as keyof typeof OFFER_PLANS] as readonly OfferPlan[] | undefined;
      if (plans) offered.push({ manager, opportunityId: created.id, plan: plans[m % plans.length]! });
      added++;
    }
  }
  await seedOffers(repos, offered, now);
  return added;
}

type OfferPlan = { lastsDays: number; sentDaysAgo: number | null; answer: 'accept' | 'reject' | null; order: 'confirmed' | 'delivered' | 'to_be_invoiced' | 'invoiced' | null };

/** The use cases' settings for the seed: its days are the default zone's, as the rest of the demo counts them; no offer action has an excerpt. */
const SEED_SETTINGS = { excerptMaxLength: 0, timeZone: DEFAULT_TIME_ZONE };

const draftPlan: OfferPlan = { lastsDays: 30, sentDaysAgo: null, answer: null, order: null };
const sentPlan = (sentDaysAgo: number, lastsDays: number): OfferPlan => ({ lastsDays, sentDaysAgo, answer: null, order: null });
const wonPlan = (sentDaysAgo: number, order: NonNullable<OfferPlan['order']>): OfferPlan => ({ lastsDays: 30, sentDaysAgo, answer: 'accept', order });

/**
 * The offers by the opportunity's stage, one plan per manager in turn: offers sent and awaiting an answer
 * (some running out within two weeks), drafts, an expired and a rejected one in negotiation, and accepted
 * offers of won opportunities whose orders are in every state. Made through the offer and order use cases
 * (on a clock set back for the ones sent earlier), so numbering, the opportunity's offer list and the
 * "offer sent" actions are as the server makes them.
 */
const OFFER_PLANS = {
  offer_sent: [sentPlan(14, 21), sentPlan(10, 30), sentPlan(20, 30), sentPlan(27, 30)],
  negotiation: [draftPlan, sentPlan(40, 30), { lastsDays: 30, sentDaysAgo: 20, answer: 'reject', order: null }, sentPlan(5, 45)],
  won: [wonPlan(25, 'confirmed'), wonPlan(35, 'delivered'), wonPlan(45, 'to_be_invoiced'), wonPlan(60, 'invoiced')],
} satisfies Partial<Record<string, readonly OfferPlan[]>>;

async function seedOffers(repos: Repositories, offered: readonly { manager: UserRecord; opportunityId: string; plan: OfferPlan }[], now: Date): Promise<void> {
  const products = (await repos.products.all()).filter((p) => p.unitPriceCents > 0);
  const at = (user: UserRecord, daysAgo: number): UseCaseContext => ({ repos, user, now: addCalendarDays(now, -daysAgo), settings: SEED_SETTINGS });
  for (const [i, { manager, opportunityId, plan }] of offered.entries()) {
    const product = products[i % products.length]!;
    const start = plan.sentDaysAgo ?? 0;
    const made = at(manager, start);
    const offer = await createOffer(made, opportunityId, {
      language: 'fi', terms: '', contactId: null, validUntil: calendarDay(addCalendarDays(made.now, plan.lastsDays)),
      lines: [{ productId: product.id, description: '', quantityHundredths: (5 + (i % 7)) * 100, discountBp: 0 }],
    });
    if (plan.sentDaysAgo === null) continue;
    const sent = await transitionOffer(made, offer.id, 'send', offer.version);
    if (!plan.answer) continue;
    const answered = await transitionOffer(at(manager, start - 5), sent.id, plan.answer, sent.version);
    if (!plan.order) continue;
    let { order } = await createOrder(at(manager, start - 6), answered.id, { deliveryStart: calendarDay(addCalendarDays(now, -start + 20)), deliveryEnd: null });
    const steps = ({ confirmed: [], delivered: ['delivered'], to_be_invoiced: ['delivered', 'to_be_invoiced'], invoiced: ['delivered', 'to_be_invoiced'] } as const)[plan.order];
    for (const next of steps) order = await updateOrder(at(manager, 0), order.id, { version: order.version, state: next });
    if (plan.order === 'invoiced') await repos.orders.update(order.id, { version: order.version, state: order.state }, { state: 'invoiced' });
  }
}
