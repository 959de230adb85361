/**
 * An offer as a PDF (pdfkit): the college's letterhead, the customer and contact, the lines with
 * quantity, unit price, discount, VAT rate and net, the totals per VAT rate and in all, validity and
 * terms, page numbers; in the offer's language, euros formatted for it (`1 234,50 €`). DejaVu Sans is
 * embedded (subset), so ä, ö, å and every other character of a name survive.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatEuros, formatVatRate, type MoneyLanguage } from '../../shared/domain/money';
import type { OfferRecord } from '../persistence/repositories';

export interface Letterhead {
  name: string;
  address: string;
  businessId: string;
  contact: string;
}

export const DEFAULT_LETTERHEAD: Letterhead = {
  name: 'Aikuisopisto',
  address: 'Koulutie 1, 02100 Espoo',
  businessId: '1234567-1',
  contact: 'yrityspalvelut@aikuisopisto.fi',
};

const FONT_DIR = path.dirname(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));

const FI = {
  offer: 'Tarjous', number: 'Numero', date: 'Päiväys', validUntil: 'Voimassa', customer: 'Asiakas', contact: 'Yhteyshenkilö', businessId: 'Y-tunnus',
  description: 'Kuvaus', quantity: 'Määrä', unitPrice: 'Yksikköhinta', discount: 'Ale', vat: 'ALV', net: 'Veroton', totals: 'Yhteenveto',
  vatBase: 'ALV {rate}: veroton {net}, vero {vat}', totalNet: 'Veroton yhteensä', totalVat: 'Arvonlisävero', totalGross: 'Yhteensä', terms: 'Ehdot', page: 'Sivu {n}/{m}',
};
type Labels = Record<keyof typeof FI, string>;

const LABELS: Record<MoneyLanguage, Labels> = {
  fi: FI,
  sv: {
    offer: 'Offert', number: 'Nummer', date: 'Datum', validUntil: 'Giltig till', customer: 'Kund', contact: 'Kontaktperson', businessId: 'FO-nummer',
    description: 'Beskrivning', quantity: 'Antal', unitPrice: 'À-pris', discount: 'Rabatt', vat: 'Moms', net: 'Exkl. moms', totals: 'Sammanfattning',
    vatBase: 'Moms {rate}: exkl. moms {net}, moms {vat}', totalNet: 'Totalt exkl. moms', totalVat: 'Moms', totalGross: 'Totalt', terms: 'Villkor', page: 'Sida {n}/{m}',
  },
  en: {
    offer: 'Offer', number: 'Number', date: 'Date', validUntil: 'Valid until', customer: 'Customer', contact: 'Contact', businessId: 'Business ID',
    description: 'Description', quantity: 'Quantity', unitPrice: 'Unit price', discount: 'Discount', vat: 'VAT', net: 'Net', totals: 'Summary',
    vatBase: 'VAT {rate}: net {net}, VAT {vat}', totalNet: 'Total net', totalVat: 'VAT', totalGross: 'Total', terms: 'Terms', page: 'Page {n}/{m}',
  },
};

const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
const LOCALE: Record<MoneyLanguage, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const dayText = (day: string, language: MoneyLanguage) =>
  new Intl.DateTimeFormat(LOCALE[language], { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
const quantityText = (hundredths: number, language: MoneyLanguage) =>
  new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 2 }).format(hundredths / 100);

export interface OfferDocumentInput {
  offer: OfferRecord;
  customer: { name: string; businessId: string | null };
  contact: { name: string; email: string | null } | null;
  letterhead: Letterhead;
  /** The day it is printed (YYYY-MM-DD in the college's zone). */
  today: string;
}

/** The offer's PDF, in its language. */
export function renderOfferPdf({ offer, customer, contact, letterhead, today }: OfferDocumentInput): Promise<Buffer> {
  const language = offer.language;
  const L = LABELS[language];
  const euros = (cents: number) => formatEuros(cents, language);
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, lang: LOCALE[language], info: { Title: `${L.offer} ${offer.number}`, Author: letterhead.name } });
  doc.registerFont('body', path.join(FONT_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  // letterhead and title
  doc.font('bold').fontSize(14).text(letterhead.name, left, 50);
  doc.font('body').fontSize(9).text(letterhead.address).text(`${L.businessId} ${letterhead.businessId}`).text(letterhead.contact);
  doc.font('bold').fontSize(18).text(`${L.offer} ${offer.number}`, left, 50, { width, align: 'right' });
  doc.font('body').fontSize(10)
    .text(`${L.date}: ${dayText(today, language)}`, { width, align: 'right' })
    .text(`${L.validUntil}: ${dayText(offer.validUntil, language)}`, { width, align: 'right' });

  // customer
  doc.moveDown(3).font('bold').fontSize(11).text(L.customer, left);
  doc.font('body').fontSize(10).text(customer.name);
  if (customer.businessId) doc.text(`${L.businessId} ${customer.businessId}`);
  if (contact) doc.text(`${L.contact}: ${contact.name}${contact.email ? `, ${contact.email}` : ''}`);

  // lines
  const columns = [
    { key: 'description' as const, width: width * 0.36, align: 'left' as const },
    { key: 'quantity' as const, width: width * 0.1, align: 'right' as const },
    { key: 'unitPrice' as const, width: width * 0.16, align: 'right' as const },
    { key: 'discount' as const, width: width * 0.1, align: 'right' as const },
    { key: 'vat' as const, width: width * 0.1, align: 'right' as const },
    { key: 'net' as const, width: width * 0.18, align: 'right' as const },
  ];
  const row = (cells: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 6 }));
    const height = Math.max(...heights) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align });
      x += columns[i]!.width;
    });
    doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = left;
    doc.y = y + height;
  };
  doc.moveDown(2);
  row(columns.map((c) => L[c.key]), 'bold');
  for (const line of offer.lines) {
    row([
      line.description,
      quantityText(line.quantityHundredths, language),
      euros(line.unitPriceCents),
      formatVatRate(line.discountBp, language),
      formatVatRate(line.vatRateBp, language),
      euros(line.netCents),
    ], 'body');
  }

  // totals
  doc.moveDown(1.5).font('bold').fontSize(11).text(L.totals, left);
  doc.font('body').fontSize(10);
  for (const r of offer.totals.byRate) doc.text(fill(L.vatBase, { rate: formatVatRate(r.rateBp, language), net: euros(r.net), vat: euros(r.vat) }));
  doc.moveDown(0.5)
    .text(`${L.totalNet}: ${euros(offer.totals.net)}`, { width, align: 'right' })
    .text(`${L.totalVat}: ${euros(offer.totals.vat)}`, { width, align: 'right' });
  doc.font('bold').fontSize(12).text(`${L.totalGross}: ${euros(offer.totals.gross)}`, { width, align: 'right' });

  if (offer.terms.trim()) {
    doc.moveDown(1.5).font('bold').fontSize(11).text(L.terms, left);
    doc.font('body').fontSize(10).text(offer.terms, { width });
  }

  // page numbers, once every page is there
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(8).text(fill(L.page, { n: String(i + 1), m: String(pages.count) }), left, doc.page.height - 35, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
