/**
 * Money of the sales pipeline's offers, exact: amounts are integer cents, quantities integer
 * hundredths (1.5 days = 150), discounts and VAT rates integer basis points (25.5 % = 2550).
 * Products are computed in BigInt and rounded half away from zero once, to whole cents: a line's
 * net, and the VAT of each rate on the sum of that rate's nets (the Finnish invoice practice), so
 * no float ever touches an amount. Formatting hands Intl an exact decimal string, never cents / 100.
 */

export const VAT_RATES_BP = [0, 1000, 1400, 2550] as const;
export type VatRateBp = (typeof VAT_RATES_BP)[number];

/**
 * The largest amount in cents: 9 999 999 999 999,99 €. Fifteen significant digits, which a double
 * always keeps (so formatting is exact even where Intl reads the decimal string as a Number), and
 * below Number.MAX_SAFE_INTEGER, so every amount up to it is an exact JavaScript integer.
 */
export const MAX_CENTS = 999_999_999_999_999;

/** 100 % in basis points: the upper bound of a discount. */
export const FULL_BP = 10_000;

export type MoneyLanguage = 'fi' | 'sv' | 'en';

export interface OfferLine {
  /** Quantity × 100, so 1.5 days is 150; never negative. */
  quantityHundredths: number;
  /** Net unit price (VAT excluded) in cents. */
  unitPriceCents: number;
  /** 0–10000 (0–100 %). */
  discountBp: number;
  vatRateBp: VatRateBp;
}

export interface RateTotals {
  rateBp: VatRateBp;
  net: number;
  vat: number;
  gross: number;
}

export interface OfferTotals {
  net: number;
  vat: number;
  gross: number;
  /** One entry per VAT rate used by a line (a zero-quantity line too), by ascending rate. */
  byRate: RateTotals[];
}

// ---- validation (null, or a short English reason for the API's 4xx) ----

export function checkDiscountBp(value: number): string | null {
  if (!Number.isInteger(value)) return 'discount must be an integer number of basis points';
  if (value < 0 || value > FULL_BP) return 'discount must be between 0 and 10000 basis points';
  return null;
}

export function checkQuantityHundredths(value: number): string | null {
  if (!Number.isSafeInteger(value)) return 'quantity must be an integer number of hundredths';
  if (value < 0) return 'quantity must not be negative';
  return null;
}

export function checkUnitPriceCents(value: number): string | null {
  if (!Number.isSafeInteger(value)) return 'unit price must be an integer number of cents';
  if (value < 0) return 'unit price must not be negative';
  if (value > MAX_CENTS) return 'unit price is too large';
  return null;
}

export function checkVatRateBp(value: number): string | null {
  return (VAT_RATES_BP as readonly number[]).includes(value) ? null : `VAT rate must be one of ${VAT_RATES_BP.join(', ')} basis points`;
}

function assertValid(problem: string | null): void {
  if (problem !== null) throw new RangeError(problem);
}

// ---- arithmetic ----

/** numerator / denominator (denominator > 0) rounded half away from zero. */
function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  const magnitude = (2n * (numerator < 0n ? -numerator : numerator) + denominator) / (2n * denominator);
  return numerator < 0n ? -magnitude : magnitude;
}

function toCents(amount: bigint, what: string): number {
  if (amount > BigInt(MAX_CENTS) || amount < -BigInt(MAX_CENTS)) throw new RangeError(`${what} exceeds MAX_CENTS`);
  return Number(amount);
}

/** quantity × unit price × (1 − discount) in cents: q/100 × p × (10000 − d)/10000, rounded once. */
function lineNetBig(line: OfferLine): bigint {
  assertValid(checkQuantityHundredths(line.quantityHundredths));
  assertValid(checkUnitPriceCents(line.unitPriceCents));
  assertValid(checkDiscountBp(line.discountBp));
  const product = BigInt(line.quantityHundredths) * BigInt(line.unitPriceCents) * BigInt(FULL_BP - line.discountBp);
  return roundHalfAwayFromZero(product, 100n * BigInt(FULL_BP));
}

/** The net cents of a line, rounded half away from zero; throws a RangeError on an invalid line or a net above MAX_CENTS. */
export function lineNet(line: OfferLine): number {
  return toCents(lineNetBig(line), 'line net');
}

/** Net, VAT and gross of an offer, in total and per VAT rate; VAT is rounded once per rate, on that rate's net. */
export function totals(lines: readonly OfferLine[]): OfferTotals {
  const netByRate = new Map<VatRateBp, bigint>();
  for (const line of lines) {
    assertValid(checkVatRateBp(line.vatRateBp));
    netByRate.set(line.vatRateBp, (netByRate.get(line.vatRateBp) ?? 0n) + lineNetBig(line));
  }
  let net = 0n;
  let vat = 0n;
  const byRate = [...netByRate]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, rateNet]) => {
      const rateVat = roundHalfAwayFromZero(rateNet * BigInt(rateBp), BigInt(FULL_BP));
      net += rateNet;
      vat += rateVat;
      return { rateBp, net: toCents(rateNet, 'net'), vat: toCents(rateVat, 'VAT'), gross: toCents(rateNet + rateVat, 'gross') };
    });
  return { net: toCents(net, 'net'), vat: toCents(vat, 'VAT'), gross: toCents(net + vat, 'gross'), byRate };
}

// ---- formatting ----

const LOCALES: Record<MoneyLanguage, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const euroFormats = new Map<MoneyLanguage, Intl.NumberFormat>();
const percentFormats = new Map<MoneyLanguage, Intl.NumberFormat>();
const hundredthsFormats = new Map<MoneyLanguage, Intl.NumberFormat>();

function cached(cache: Map<MoneyLanguage, Intl.NumberFormat>, language: MoneyLanguage, options: Intl.NumberFormatOptions) {
  let format = cache.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], options);
    cache.set(language, format);
  }
  return format;
}

/** An integer divided by 10^places as an exact decimal string: (−123456, 2) → "-1234.56". */
function decimalString(value: number, places: number): `${number}` {
  const digits = Math.abs(value).toString().padStart(places + 1, '0');
  const sign = value < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}` as `${number}`;
}

/**
 * `1 234,50 €` (fi, sv: no-break spaces U+00A0, minus sign U+2212) or `€1,234.50` (en, hyphen-minus),
 * as Intl writes them; throws a RangeError for a non-integer or an amount beyond ±MAX_CENTS.
 */
export function formatEuros(cents: number, language: MoneyLanguage): string {
  if (!Number.isInteger(cents) || Math.abs(cents) > MAX_CENTS) throw new RangeError('amount must be integer cents within MAX_CENTS');
  return cached(euroFormats, language, { style: 'currency', currency: 'EUR' }).format(decimalString(cents || 0, 2));
}

/** `25,5 %` (fi, sv: a no-break space before %) or `25.5%` (en); at most two decimals of a percent. */
export function formatVatRate(rateBp: number, language: MoneyLanguage): string {
  if (!Number.isSafeInteger(rateBp)) throw new RangeError('rate must be integer basis points');
  return cached(percentFormats, language, { style: 'percent', maximumFractionDigits: 2 }).format(decimalString(rateBp || 0, 4));
}

// ---- parsing ----

const SPACES = /[\s\u00A0\u202F]+/g;

/** Digit groups of three after a first group of one to three: "1 234 567". */
function isGrouped(groups: string[]): boolean {
  return groups.every((g, i) => (i === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(g));
}

/**
 * Cents from what a user typed: `1 234,50`, `1234.5`, `12`, `12,5 €`, `€1,234.50`. Comma or point is
 * the decimal separator (the last of them when both occur; the other then groups thousands, as may
 * spaces); null for anything else: letters, empty, more than two decimals, groups not of three
 * (`1,234` is one euro and 234 thousandths, so null), above MAX_CENTS, or negative unless allowed.
 */
export function parseEuros(text: string, options: { allowNegative?: boolean } = {}): number | null {
  let s = text.replace(SPACES, ' ').replace(/\u2212/g, '-').trim();
  const negative = s.startsWith('-');
  if (negative) {
    if (!options.allowNegative) return null;
    s = s.slice(1).trimStart();
  }
  if (s.startsWith('€')) s = s.slice(1).trimStart();
  else if (s.endsWith('€')) s = s.slice(0, -1).trimEnd();
  const cents = parseHundredths(s);
  return cents === null || cents === 0 || !negative ? cents : -cents;
}

/**
 * Hundredths from a non-negative decimal as typed, with at most two decimals, grouped like
 * {@link parseEuros}: `1,5` → 150 (a quantity of 1.5), `12,5` → 1250 (12.5 % as basis points);
 * null for anything else or above MAX_CENTS.
 */
export function parseHundredths(text: string): number | null {
  const s = text.replace(SPACES, ' ').trim();
  if (!/^\d[\d ,.]*$/.test(s)) return null;

  const decimalAt = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  const integer = decimalAt < 0 ? s : s.slice(0, decimalAt);
  const fraction = decimalAt < 0 ? '' : s.slice(decimalAt + 1);
  if (decimalAt >= 0 && !/^\d{1,2}$/.test(fraction)) return null;

  const separators = new Set(integer.replace(/\d/g, ''));
  if (separators.size > 1 || (decimalAt >= 0 && separators.has(s[decimalAt]!))) return null;
  const [separator] = separators;
  const groups = separator === undefined ? [integer] : integer.split(separator);
  if (separator !== undefined && !isGrouped(groups)) return null;

  const hundredths = BigInt(groups.join('')) * 100n + BigInt(fraction.padEnd(2, '0'));
  return hundredths > BigInt(MAX_CENTS) ? null : Number(hundredths);
}

/** Hundredths written back in the user's language with up to two decimals: 150 → `1,5` (fi, sv) or `1.5` (en). */
export function formatHundredths(value: number, language: MoneyLanguage): string {
  return cached(hundredthsFormats, language, { maximumFractionDigits: 2, useGrouping: false }).format(decimalString(value, 2));
}

/** An amount weighted by a probability in whole percent, rounded half up to whole cents (exact for any amount up to MAX_CENTS). */
export function weightedCents(cents: number, percent: number): number {
  return Number((BigInt(cents) * BigInt(percent) * 2n + 100n) / 200n);
}
