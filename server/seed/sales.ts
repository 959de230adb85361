/**
 * The demo's sales: a training-product catalogue of about twenty products an adult-education college
 * sells (Finnish, Swedish and English names, units, net prices: education VAT-exempt, consulting and
 * other services at 25.5 %), and opportunities in every stage on each account manager's board.
 */
import { OPPORTUNITY_STAGES, STAGE_PROBABILITY, type ProductKind, type ProductUnit } from '../../shared/contract-sales';
import { addCalendarDays, calendarDay } from '../../shared/domain/zonedTime';
import type { Repositories, UserRecord } from '../persistence/repositories';

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
  const day = (days: number) => calendarDay(addCalendarDays(now, days));
  for (const [m, manager] of managers.entries()) {
    const theirs = customers.filter((c) => c.responsibleId === manager.id);
    if (theirs.length === 0) continue;
    const owner = { id: manager.id, name: manager.name, email: manager.email };
    for (const [n, stage] of OPPORTUNITY_STAGES.entries()) {
      const customer = theirs[(m + n) % theirs.length]!;
      const history = [{ at: now, by: owner, from: null, to: stage }];
      const created = await repos.opportunities.insert(repos.opportunities.newId(), {
        organizationId: customer.id, organizationName: customer.name, contactIds: [], owner,
        title: OPPORTUNITY_TITLES[(m + n) % OPPORTUNITY_TITLES.length]!, stage,
        lostReason: stage === 'lost' ? 'Hinta ylitti budjetin' : null,
        estimatedValueCents: (4 + ((m * 7 + n * 3) % 20)) * 150_000, probabilityPct: STAGE_PROBABILITY[stage],
        expectedCloseOn: day(14 + n * 20), productIds: [], notes: '',
      }, history[0]!);
      await repos.opportunities.syncLists(null, created);
      added++;
    }
  }
  return added;
}
