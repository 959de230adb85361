/**
 * CSV column headers → fields, for customers, contacts and training products. Headers are matched without regard
 * to case, spaces, `_`, `-` or `.`, so `Y-tunnus`, `y_tunnus` and `YTUNNUS` are one column.
 * docs/csv.md documents this table; exports write the `en` or `fi` spelling.
 */
import type { ImportKind } from '../../shared/contract-admin';

export interface ColumnDef<F extends string = string> {
  field: F;
  en: string;
  fi: string;
  /** Further spellings that other systems and Swedish-speaking staff use. */
  aliases?: readonly string[];
  /** Written by exports for people to read; ignored by imports. */
  readOnly?: boolean;
}

export type OrganizationField =
  | 'id' | 'name' | 'businessId' | 'segment' | 'customerGroup' | 'domains' | 'top' | 'profinder'
  | 'responsibleEmail' | 'backupEmail' | 'department' | 'classifications' | 'carePlanStatus';

export type ContactField =
  | 'id' | 'name' | 'emails' | 'phone' | 'title' | 'classifications'
  | 'organizationId' | 'businessId' | 'top' | 'profinder' | 'organizationName';

export const ORGANIZATION_COLUMNS: readonly ColumnDef<OrganizationField>[] = [
  { field: 'id', en: 'id', fi: 'tunniste', aliases: ['asiakkuus_id'] },
  { field: 'name', en: 'name', fi: 'nimi', aliases: ['namn', 'asiakas', 'organization_name'] },
  { field: 'businessId', en: 'business_id', fi: 'y-tunnus', aliases: ['ytunnus', 'fo-nummer', 'business_id_fi'] },
  { field: 'segment', en: 'segment', fi: 'segmentti' },
  { field: 'customerGroup', en: 'customer_group', fi: 'asiakasryhmä', aliases: ['kundgrupp'] },
  { field: 'domains', en: 'domains', fi: 'verkkotunnukset', aliases: ['email_domains', 'domain', 'verkkotunnus', 'domäner'] },
  { field: 'top', en: 'top_id', fi: 'top-tunnus', aliases: ['top'] },
  { field: 'profinder', en: 'profinder_id', fi: 'profinder-tunnus', aliases: ['profinder'] },
  { field: 'responsibleEmail', en: 'responsible_email', fi: 'vastuuhenkilö', aliases: ['responsible', 'vastuuhenkilön_sähköposti', 'ansvarsperson'] },
  { field: 'backupEmail', en: 'backup_email', fi: 'varahenkilö', aliases: ['backup', 'varahenkilön_sähköposti'] },
  { field: 'department', en: 'department', fi: 'osasto', aliases: ['avdelning'] },
  { field: 'classifications', en: 'classifications', fi: 'luokitukset', aliases: ['luokitus', 'classification'] },
  { field: 'carePlanStatus', en: 'care_plan_status', fi: 'hoitosuunnitelman_tila', readOnly: true },
];

export const CONTACT_COLUMNS: readonly ColumnDef<ContactField>[] = [
  { field: 'id', en: 'id', fi: 'tunniste', aliases: ['asiakkuus_id'] },
  { field: 'name', en: 'name', fi: 'nimi', aliases: ['namn'] },
  { field: 'emails', en: 'email', fi: 'sähköposti', aliases: ['emails', 'sähköpostit', 'e-post', 'e-mail'] },
  { field: 'phone', en: 'phone', fi: 'puhelin', aliases: ['telefon', 'puhelinnumero'] },
  { field: 'title', en: 'title', fi: 'titteli', aliases: ['titel', 'nimike', 'rooli'] },
  { field: 'classifications', en: 'classifications', fi: 'luokitukset', aliases: ['luokitus', 'classification'] },
  { field: 'organizationId', en: 'organization_id', fi: 'asiakkaan_tunniste' },
  { field: 'businessId', en: 'business_id', fi: 'y-tunnus', aliases: ['ytunnus', 'fo-nummer'] },
  { field: 'top', en: 'top_id', fi: 'top-tunnus', aliases: ['top'] },
  { field: 'profinder', en: 'profinder_id', fi: 'profinder-tunnus', aliases: ['profinder'] },
  { field: 'organizationName', en: 'organization_name', fi: 'asiakas', readOnly: true },
];

export type ProductField = 'code' | 'nameFi' | 'nameSv' | 'nameEn' | 'kind' | 'unit' | 'unitPrice' | 'vatRate' | 'active';

/** The training-product catalogue: matched by code; prices in euros with a decimal comma, VAT in percent. */
export const PRODUCT_COLUMNS: readonly ColumnDef<ProductField>[] = [
  { field: 'code', en: 'code', fi: 'koodi', aliases: ['tuotekoodi', 'product_code', 'kod', 'produktkod'] },
  { field: 'nameFi', en: 'name_fi', fi: 'nimi_fi', aliases: ['nimi', 'name'] },
  { field: 'nameSv', en: 'name_sv', fi: 'nimi_sv', aliases: ['namn'] },
  { field: 'nameEn', en: 'name_en', fi: 'nimi_en' },
  { field: 'kind', en: 'kind', fi: 'laji', aliases: ['tyyppi', 'typ'] },
  { field: 'unit', en: 'unit', fi: 'yksikkö', aliases: ['enhet'] },
  { field: 'unitPrice', en: 'unit_price', fi: 'yksikköhinta', aliases: ['hinta', 'price', 'pris', 'à-pris'] },
  { field: 'vatRate', en: 'vat_rate', fi: 'alv', aliases: ['alv_prosentti', 'vat', 'moms'] },
  { field: 'active', en: 'active', fi: 'aktiivinen', aliases: ['myynnissä', 'aktiv'] },
];

export const columnsOf = (kind: ImportKind): readonly ColumnDef[] =>
  kind === 'organizations' ? ORGANIZATION_COLUMNS : kind === 'contacts' ? CONTACT_COLUMNS : PRODUCT_COLUMNS;

/** `Y-tunnus ` → `ytunnus`; `Asiakasryhmä` → `asiakasryhmä`. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').normalize('NFC').trim().toLowerCase().replace(/[\s_\-.]+/g, '');
}

export interface HeaderMapping<F extends string = string> {
  /** Field → index of its column in each record. */
  index: Map<F, number>;
  columns: { header: string; field: string }[];
  /** The header as written in the file, by field: what row errors name. */
  headerOf: Map<F, string>;
  ignored: string[];
  problems: string[];
}

export function mapHeaders<F extends string>(headers: readonly string[], defs: readonly ColumnDef<F>[]): HeaderMapping<F> {
  const lookup = new Map<string, ColumnDef<F>>();
  for (const def of defs) for (const spelling of [def.en, def.fi, ...(def.aliases ?? [])]) lookup.set(normaliseHeader(spelling), def);
  const mapping: HeaderMapping<F> = { index: new Map(), columns: [], headerOf: new Map(), ignored: [], problems: [] };
  headers.forEach((raw, i) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    const def = lookup.get(normaliseHeader(header));
    if (!def || def.readOnly) {
      if (header !== '') mapping.ignored.push(header);
      return;
    }
    const earlier = mapping.headerOf.get(def.field);
    if (earlier !== undefined) {
      mapping.problems.push(`columns "${earlier}" and "${header}" both mean ${def.en}`);
      return;
    }
    mapping.index.set(def.field, i);
    mapping.headerOf.set(def.field, header);
    mapping.columns.push({ header, field: def.en });
  });
  return mapping;
}
