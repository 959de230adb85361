/**
 * The hand-off to invoicing: the orders to be invoiced as CSV for the college's finance system (one
 * row per order line, the customer named by its business ID and external IDs), and that file (or
 * any CSV with its `tilaus_id` column) imported back to mark those orders invoiced. Importing the
 * same file twice changes nothing the second time; a row naming an order that is not to be invoiced
 * is reported, never applied.
 */
import type { Writable } from 'node:stream';
import { formatVatRate } from '../../shared/domain/money';
import { CsvReader } from '../csv/reader';
import { csvLine, UTF8_BOM } from '../csv/write';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';

export const INVOICING_COLUMNS = [
  'tilaus_id', 'tilausnumero', 'y_tunnus', 'top_tunnus', 'profinder_tunnus', 'asiakas', 'rivi', 'kuvaus',
  'maara', 'yksikkohinta', 'ale_pct', 'alv_pct', 'veroton', 'toimitus_alkaa', 'toimitus_paattyy',
] as const;

/** Cents as the finance file writes them: `1234.50` (a point, no grouping). */
const amount = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const hundredths = (h: number) => (h % 100 === 0 ? String(h / 100) : `${Math.trunc(h / 100)}.${String(h % 100).padStart(2, '0')}`);
const percent = (bp: number) => formatVatRate(bp, 'en').replace('%', '');

export async function exportForInvoicing(ctx: UseCaseContext, out: Writable): Promise<number> {
  const orders = await ctx.repos.orders.toBeInvoiced();
  const customers = new Map((await ctx.repos.customers.getMany([...new Set(orders.map((o) => o.organizationId))])).map((c) => [c.id, c]));
  out.write(UTF8_BOM + csvLine(INVOICING_COLUMNS));
  for (const order of orders) {
    const customer = customers.get(order.organizationId);
    order.lines.forEach((line, i) => {
      out.write(csvLine([
        order.id, order.number, customer?.businessId ?? '', customer?.externalIds.top ?? '', customer?.externalIds.profinder ?? '',
        customer?.name ?? order.organizationName, String(i + 1), line.description, hundredths(line.quantityHundredths), amount(line.unitPriceCents),
        percent(line.discountBp), percent(line.vatRateBp), amount(line.netCents), order.deliveryStart ?? '', order.deliveryEnd ?? '',
      ]));
    });
  }
  return orders.length;
}

export interface InvoicedReport {
  invoiced: number;
  /** Invoiced already (the file was imported before). */
  unchanged: number;
  problems: Array<{ line: number; orderId: string; reason: string }>;
}

const ORDER_ID = /^[a-f0-9]{24}$/;

export async function importInvoiced(ctx: UseCaseContext, source: AsyncIterable<Uint8Array | string>): Promise<InvoicedReport> {
  const reader = new CsvReader(source, { maxBytes: 20 * 1024 * 1024 });
  let column = -1;
  const wanted = new Map<string, number>();
  const report: InvoicedReport = { invoiced: 0, unchanged: 0, problems: [] };
  for await (const record of reader.records()) {
    if (column < 0) {
      column = record.fields.findIndex((f) => f.trim().toLowerCase() === 'tilaus_id');
      if (column < 0) throw AppError.invalid('tilaus_id', 'the file has no tilaus_id column: import the invoicing export (or a file with its tilaus_id column)', 'required');
      continue;
    }
    const id = (record.fields[column] ?? '').trim();
    if (id === '') continue;
    if (!ORDER_ID.test(id)) report.problems.push({ line: record.line, orderId: id, reason: 'not an order id' });
    else if (!wanted.has(id)) wanted.set(id, record.line);
  }
  if (column < 0) throw AppError.invalid('tilaus_id', 'the file is empty', 'required');
  const orders = new Map((await ctx.repos.orders.getMany([...wanted.keys()])).map((o) => [o.id, o]));
  for (const [id, line] of wanted) {
    let order = orders.get(id) ?? null;
    let done = false;
    for (let attempt = 0; !done && order?.state === 'to_be_invoiced' && attempt < 3; attempt++) {
      done = (await ctx.repos.orders.update(id, { version: order.version, state: 'to_be_invoiced' }, { state: 'invoiced' })) !== null;
      if (!done) order = await ctx.repos.orders.get(id); // changed meanwhile: judge it again
    }
    if (done) report.invoiced++;
    else if (!order) report.problems.push({ line, orderId: id, reason: 'no such order' });
    else if (order.state === 'invoiced') report.unchanged++;
    else report.problems.push({ line, orderId: id, reason: `the order is ${order.state}, not to be invoiced` });
  }
  return report;
}
