/**
 * The demo's training-product catalogue: about twenty products an adult-education college sells,
 * with Finnish, Swedish and English names, units and net prices (education VAT-exempt, consulting and
 * other services at 25.5 %).
 */
import type { ProductKind, ProductUnit } from '../../shared/contract-sales';
import type { Repositories } from '../persistence/repositories';

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
