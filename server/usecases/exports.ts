/**
 * CSV exports of a selection of customers or of their contacts (and a selection's members as CSV
 * or an Excel workbook), as Excel opens them and as
 * the import reads them back: UTF-8 with a BOM, `;`, the import's column names, external IDs
 * and the Asiakkuus id. Exporting and importing the same file changes nothing.
 * The customers are those of the list's view (the same filters, search and order: customersOfView);
 * rows are written as the database cursor delivers them, with backpressure.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportQuery } from '../../shared/contract-admin';
import type { MarketingConsent } from '../../shared/contract-campaigns';
import { CUSTOMER_GROUP_FINNISH, type CustomerGroup, type Language } from '../../shared/domain/codes';
import { CONTACT_COLUMNS, ORGANIZATION_COLUMNS, PRODUCT_COLUMNS, type ColumnDef } from '../csv/columns';
import { csvLine, UTF8_BOM } from '../csv/write';
import { carePlanOf } from './carePlans';
import type { ContactRecord, CustomerRow } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { customersOfView } from './organizations';
import { classificationIndex, LIST_SEPARATOR, type ClassificationIndex } from './imports/importContext';
import { euroCell, vatPercentCell } from './imports/productRows';

function writer(out: Writable) {
  return (s: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });
}

const headerLine = (defs: readonly ColumnDef[], lang: 'en' | 'fi') => csvLine(defs.map((d) => d[lang]));

/**
 * The users, classifications and rules as they are now: an export is rare, and a file should not
 * miss what another instance changed a moment ago.
 */
async function freshReference(ctx: UseCaseContext) {
  ctx.repos.reference.invalidate();
  const [ref, rules] = await Promise.all([ctx.repos.reference.get(), ctx.repos.carePlanRules.all()]);
  return { ref, rules, index: classificationIndex(ref.classifications.values()) };
}

const classificationCell = (index: ClassificationIndex, ids: readonly string[]) =>
  ids.flatMap((id) => {
    const p = index.pathOf.get(id);
    return p ? [p] : [];
  }).join(LIST_SEPARATOR);

export async function exportOrganizations(ctx: UseCaseContext, q: ExportQuery, out: Writable): Promise<number> {
  const reference = await freshReference(ctx);
  return writeOrganizationCsv(customersOfView(ctx, q, reference.ref, reference.rules), organizationCells(ctx, reference, q.headers), q.headers, out);
}

type Reference = Awaited<ReturnType<typeof freshReference>>;

/** A customer as the export's columns (ORGANIZATION_COLUMNS). */
function organizationCells(ctx: UseCaseContext, { ref, rules, index }: Reference, headers: 'en' | 'fi') {
  const emailOf = (id: string | null) => (id ? ref.users.get(id)?.email ?? '' : '');
  const group = (g: CustomerGroup) => (headers === 'fi' ? CUSTOMER_GROUP_FINNISH[g] : g);
  return (o: CustomerRow): string[] => [
    o.id, o.name, o.businessId ?? '', o.segment, group(o.customerGroup), o.emailDomains.join(' '),
    o.externalIds.top ?? '', o.externalIds.profinder ?? '', emailOf(o.responsibleId), emailOf(o.backupId),
    o.department ?? '', classificationCell(index, o.classificationIds), carePlanOf(o, rules, ctx)?.overall ?? '',
  ];
}

async function writeOrganizationCsv(
  rows: AsyncIterable<CustomerRow> | Iterable<CustomerRow>, cells: (o: CustomerRow) => string[], headers: 'en' | 'fi', out: Writable,
): Promise<number> {
  const write = writer(out);
  await write(UTF8_BOM + headerLine(ORGANIZATION_COLUMNS, headers));
  let n = 0;
  for await (const o of rows) {
    await write(csvLine(cells(o)));
    n++;
  }
  return n;
}

/** Customers given (a selection's members) as the customer export's CSV: the import reads it back. */
export async function exportCustomerRows(ctx: UseCaseContext, rows: readonly CustomerRow[], headers: 'en' | 'fi', out: Writable): Promise<number> {
  return writeOrganizationCsv(rows, organizationCells(ctx, await freshReference(ctx), headers), headers, out);
}

/** The same columns and rows as an Excel workbook (one sheet, a bold header row, the columns sized to their content). */
export async function customerRowsXlsx(ctx: UseCaseContext, rows: readonly CustomerRow[], headers: 'en' | 'fi', sheetName: string): Promise<Buffer> {
  const cells = organizationCells(ctx, await freshReference(ctx), headers);
  return workbook(ctx, ORGANIZATION_COLUMNS.map((d) => d[headers]), rows.map(cells), sheetName);
}

/** One sheet of rows under a bold, frozen header row, each column as wide as its first 500 cells need (8–60 characters). */
async function workbook(ctx: UseCaseContext, header: readonly string[], rows: readonly string[][], sheetName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = ctx.now;
  // Excel allows 31 characters and none of []:*?/\ in a sheet's name
  const sheet = book.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  sheet.addRow([...header]).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => {
    const longest = Math.max(header[i]!.length, ...rows.slice(0, 500).map((r) => r[i]!.length));
    c.width = Math.min(60, Math.max(8, longest + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A selection's contacts: the contact export's columns (the import reads them back), then the contact's language and marketing consent. */
const SELECTION_CONTACT_COLUMNS: readonly ColumnDef[] = [
  ...CONTACT_COLUMNS,
  { field: 'language', en: 'language', fi: 'kieli', readOnly: true },
  { field: 'marketingConsent', en: 'marketing_consent', fi: 'markkinointilupa', readOnly: true },
];
const LANGUAGE_FINNISH: Record<Language, string> = { fi: 'suomi', sv: 'ruotsi', en: 'englanti' };
const CONSENT_FINNISH: Record<MarketingConsent, string> = { unknown: 'ei kysytty', granted: 'sallittu', opted_out: 'kielletty' };

/** The customer columns a contact row repeats. */
export type ContactCustomer = Pick<CustomerRow, 'name' | 'businessId' | 'externalIds'>;

function selectionContactCells(index: ClassificationIndex, headers: 'en' | 'fi', customers: ReadonlyMap<string, ContactCustomer>) {
  return (c: ContactRecord): string[] => {
    const o = customers.get(c.organizationId);
    return [
      c.id, c.name, c.emails.join(' '), c.phone ?? '', c.title ?? '', classificationCell(index, c.classificationIds),
      c.organizationId, o?.businessId ?? '', o?.externalIds.top ?? '', o?.externalIds.profinder ?? '', o?.name ?? '',
      c.language ? (headers === 'fi' ? LANGUAGE_FINNISH[c.language] : c.language) : '',
      headers === 'fi' ? CONSENT_FINNISH[c.marketingConsent] : c.marketingConsent,
    ];
  };
}

/** Contacts given (a selection's) as CSV, in the order given. */
export async function exportSelectionContactRows(
  ctx: UseCaseContext, contacts: readonly ContactRecord[], customers: ReadonlyMap<string, ContactCustomer>, headers: 'en' | 'fi', out: Writable,
): Promise<number> {
  const cells = selectionContactCells((await freshReference(ctx)).index, headers, customers);
  const write = writer(out);
  await write(UTF8_BOM + headerLine(SELECTION_CONTACT_COLUMNS, headers));
  for (const c of contacts) await write(csvLine(cells(c)));
  return contacts.length;
}

/** The same contacts as an Excel workbook. */
export async function selectionContactsXlsx(
  ctx: UseCaseContext, contacts: readonly ContactRecord[], customers: ReadonlyMap<string, ContactCustomer>, headers: 'en' | 'fi', sheetName: string,
): Promise<Buffer> {
  const cells = selectionContactCells((await freshReference(ctx)).index, headers, customers);
  return workbook(ctx, SELECTION_CONTACT_COLUMNS.map((d) => d[headers]), contacts.map(cells), sheetName);
}

/**
 * Contacts of the selected customers. The customers are read first (only what the rows show
 * of them), then the contacts in one pass: a contact export costs two collection reads
 * whatever its size, never one query per customer.
 */
export async function exportContacts(ctx: UseCaseContext, q: ExportQuery, out: Writable): Promise<number> {
  const write = writer(out);
  const reference = await freshReference(ctx);
  const orgs = new Map<string, { name: string; businessId: string; top: string; profinder: string }>();
  for await (const o of customersOfView(ctx, q, reference.ref, reference.rules)) {
    orgs.set(o.id, { name: o.name, businessId: o.businessId ?? '', top: o.externalIds.top ?? '', profinder: o.externalIds.profinder ?? '' });
  }
  await write(UTF8_BOM + headerLine(CONTACT_COLUMNS, q.headers));
  let n = 0;
  for await (const c of ctx.repos.contacts.stream()) {
    const org = orgs.get(c.organizationId);
    if (!org) continue;
    await write(
      csvLine([
        c.id, c.name, c.emails.join(' '), c.phone ?? '', c.title ?? '', classificationCell(reference.index, c.classificationIds),
        c.organizationId, org.businessId, org.top, org.profinder, org.name,
      ]),
    );
    n++;
  }
  return n;
}

/**
 * The product catalogue, every product by code, in the import's columns: the price in euros with a
 * decimal comma (`1234,50`), the VAT rate in percent (`25,5`), active as yes/no (kyllä/ei with
 * Finnish headers). Importing the file back changes nothing.
 */
export async function exportProducts(ctx: UseCaseContext, headers: 'en' | 'fi', out: Writable): Promise<number> {
  const write = writer(out);
  const products = await ctx.repos.products.all();
  const yesNo = (v: boolean) => (headers === 'fi' ? (v ? 'kyllä' : 'ei') : v ? 'yes' : 'no');
  await write(UTF8_BOM + headerLine(PRODUCT_COLUMNS, headers));
  for (const p of products) {
    await write(csvLine([p.code, p.name.fi, p.name.sv ?? '', p.name.en ?? '', p.kind, p.unit, euroCell(p.unitPriceCents), vatPercentCell(p.vatRateBp), yesNo(p.active)]));
  }
  return products.length;
}
