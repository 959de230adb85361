/**
 * Training-product rows of a CSV import (administrators maintain the catalogue). A row updates the
 * product with its code, else creates one. An empty cell leaves a field as it is; a new product
 * needs its Finnish name, kind, unit, unit price and VAT rate. The price is euros as people write
 * them (`1 234,50`, `1234.5`), the VAT rate a percent (`25,5`), `active` yes/no (kyllä/ei, ja/nej).
 * The catalogue is tens of products, read whole once per batch; products are written through the
 * catalogue's own use cases (the code claimed in `unique_keys` first), so a code another
 * administrator took meanwhile makes the row an error, never a second product with that code.
 */
import { ProductCodeSchema, PRODUCT_KINDS, PRODUCT_UNITS, type ProductKind, type ProductUnit, type UpdateProductSchema } from '../../../shared/contract-sales';
import type { z } from 'zod';
import { checkVatRateBp, parseEuros, VAT_RATES_BP, type VatRateBp } from '../../../shared/domain/money';
import { PRODUCT_COLUMNS, type HeaderMapping, type ProductField } from '../../csv/columns';
import type { CsvRecord } from '../../csv/parse';
import { AppError } from '../../errors';
import type { ProductRecord } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';
import { createProduct, updateProduct } from '../products';
import { RowReader } from './cells';
import { keyOf, type ImportState, type RowError } from './importContext';
import type { BatchResult, KindHandler } from './kinds';

type Mapping = HeaderMapping<ProductField>;
type Reader = RowReader<ProductField>;
type ProductPatch = z.output<typeof UpdateProductSchema>;

const YES = ['yes', 'true', '1', 'kyllä', 'k', 'ja', 'y'];
const NO = ['no', 'false', '0', 'ei', 'e', 'nej', 'n'];

/** `25,5`, `25.5 %`, `0` → basis points (2550, 0), or null when it is not a percent with at most two decimals. */
export function parseVatPercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Basis points as the CSV writes them: 2550 → `25,5`, 0 → `0`. */
export function vatPercentCell(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return rest ? `${whole},${rest}` : String(whole);
}

/** Cents as the CSV writes them: 123450 → `1234,50` (a decimal comma, no grouping, no currency). */
export function euroCell(cents: number): string {
  return `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
}

function readValues(r: Reader) {
  const code = () => {
    const v = r.cell('code', 100);
    if (v === undefined) return undefined;
    const parsed = ProductCodeSchema.safeParse(v);
    if (!parsed.success) {
      r.error('code', `"${v}" ${parsed.error.issues[0]?.message ?? 'is not a product code'}`);
      return undefined;
    }
    return parsed.data;
  };
  const choice = <T extends string>(field: ProductField, allowed: readonly T[]): T | undefined => {
    const v = r.cell(field, 50);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if ((allowed as readonly string[]).includes(lower)) return lower as T;
    r.error(field, `unknown value "${v}": use ${allowed.join(', ')}`);
    return undefined;
  };
  const unitPriceCents = () => {
    const v = r.cell('unitPrice', 40);
    if (v === undefined) return undefined;
    const cents = parseEuros(v);
    if (cents === null) r.error('unitPrice', `"${v}" is not a price in euros (such as 1234,50)`);
    return cents ?? undefined;
  };
  const vatRateBp = () => {
    const v = r.cell('vatRate', 20);
    if (v === undefined) return undefined;
    const bp = parseVatPercent(v);
    if (bp === null || checkVatRateBp(bp) !== null) {
      r.error('vatRate', `"${v}" is not a Finnish VAT rate: use ${VAT_RATES_BP.map(vatPercentCell).join(', ')} (percent)`);
      return undefined;
    }
    return bp as VatRateBp;
  };
  const active = () => {
    const v = r.cell('active', 20);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (YES.includes(lower)) return true;
    if (NO.includes(lower)) return false;
    r.error('active', `"${v}" is neither yes nor no (kyllä / ei)`);
    return undefined;
  };
  // in the order of the columns, so that a row's errors are too
  return {
    code: code(),
    nameFi: r.cell('nameFi', 200),
    nameSv: r.cell('nameSv', 200),
    nameEn: r.cell('nameEn', 200),
    kind: choice<ProductKind>('kind', PRODUCT_KINDS),
    unit: choice<ProductUnit>('unit', PRODUCT_UNITS),
    unitPriceCents: unitPriceCents(),
    vatRateBp: vatRateBp(),
    active: active(),
  };
}

type Values = ReturnType<typeof readValues>;

/** What the row changes on the product (an empty patch: nothing). */
function patchOf(v: Values, current: ProductRecord): ProductPatch {
  const patch: ProductPatch = {};
  const name: NonNullable<ProductPatch['name']> = {};
  if (v.nameFi !== undefined && v.nameFi !== current.name.fi) name.fi = v.nameFi;
  if (v.nameSv !== undefined && v.nameSv !== current.name.sv) name.sv = v.nameSv;
  if (v.nameEn !== undefined && v.nameEn !== current.name.en) name.en = v.nameEn;
  if (Object.keys(name).length > 0) patch.name = name;
  if (v.kind !== undefined && v.kind !== current.kind) patch.kind = v.kind;
  if (v.unit !== undefined && v.unit !== current.unit) patch.unit = v.unit;
  if (v.unitPriceCents !== undefined && v.unitPriceCents !== current.unitPriceCents) patch.unitPriceCents = v.unitPriceCents;
  if (v.vatRateBp !== undefined && v.vatRateBp !== current.vatRateBp) patch.vatRateBp = v.vatRateBp;
  if (v.active !== undefined && v.active !== current.active) patch.active = v.active;
  return patch;
}

const NEEDED: readonly { field: ProductField; value: keyof Values }[] = [
  { field: 'nameFi', value: 'nameFi' },
  { field: 'kind', value: 'kind' },
  { field: 'unit', value: 'unit' },
  { field: 'unitPrice', value: 'unitPriceCents' },
  { field: 'vatRate', value: 'vatRateBp' },
];

/** A refusal of the catalogue's use case as the row's error, on the row's code column by default. */
function refusal(err: unknown, r: Reader): RowError[] {
  if (!(err instanceof AppError)) throw err;
  const f = err.fields?.[0];
  return [{ column: f?.path === 'code' || !f ? r.column('code') : f.path, message: f?.message ?? err.message }];
}

async function batch(ctx: UseCaseContext, state: ImportState, mapping: Mapping, records: readonly CsvRecord[], dryRun: boolean): Promise<BatchResult> {
  const byCode = new Map((await ctx.repos.products.all()).map((p) => [p.code, p]));
  const rows: BatchResult['rows'] = [];
  for (const record of records) {
    const r = new RowReader(record.fields, mapping);
    if (record.unterminatedQuote) r.errors.push({ column: '', message: 'a quoted field is not closed before the end of the file' });
    const v = readValues(r);
    if (v.code === undefined && !r.errors.some((e) => e.column === r.column('code'))) r.error('code', 'is needed: products are matched by their code');
    const key = v.code ? keyOf('productCode', v.code) : undefined;
    if (key) {
      const earlier = state.useKey(key, record.line);
      if (earlier !== undefined) r.error('code', `line ${earlier} of this file already has the code ${v.code}; the first row wins`);
    }
    const current = v.code ? byCode.get(v.code) : undefined;
    if (v.code && !current) for (const n of NEEDED) if (v[n.value] === undefined && !r.errors.some((e) => e.column === r.column(n.field))) r.error(n.field, 'is needed for a new product');
    const keyed = key ? { key } : {};
    if (r.errors.length > 0) {
      rows.push({ line: record.line, status: 'error', ...keyed, errors: r.errors });
      continue;
    }
    if (!current) {
      if (!dryRun) {
        try {
          await createProduct(ctx, {
            code: v.code!, name: { fi: v.nameFi!, sv: v.nameSv ?? null, en: v.nameEn ?? null },
            kind: v.kind!, unit: v.unit!, unitPriceCents: v.unitPriceCents!, vatRateBp: v.vatRateBp!, active: v.active ?? true,
          });
        } catch (err) {
          rows.push({ line: record.line, status: 'error', ...keyed, errors: refusal(err, r) });
          continue;
        }
      }
      rows.push({ line: record.line, status: 'created', ...keyed });
      continue;
    }
    const patch = patchOf(v, current);
    if (Object.keys(patch).length === 0) {
      rows.push({ line: record.line, status: 'unchanged', ...keyed });
      continue;
    }
    if (!dryRun) {
      try {
        await updateProduct(ctx, current.id, patch);
      } catch (err) {
        rows.push({ line: record.line, status: 'error', ...keyed, errors: refusal(err, r) });
        continue;
      }
    }
    rows.push({ line: record.line, status: 'updated', ...keyed });
  }
  return { rows };
}

export const productRows: KindHandler<ProductField> = {
  columns: PRODUCT_COLUMNS,
  keyKinds: [],
  headerProblems(mapping) {
    return mapping.index.has('code') ? [] : ['the file needs a code (koodi) column: products are matched by their code'];
  },
  batch,
};
