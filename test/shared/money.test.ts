import {
  MAX_CENTS,
  VAT_RATES_BP,
  checkDiscountBp,
  checkQuantityHundredths,
  checkUnitPriceCents,
  checkVatRateBp,
  formatEuros,
  formatHundredths,
  formatVatRate,
  lineNet,
  parseEuros,
  parseHundredths,
  totals,
  type OfferLine,
  type VatRateBp,
} from '../../shared/domain/money';

const NBSP = '\u00A0';
const MINUS = '\u2212';

const line = (quantityHundredths: number, unitPriceCents: number, discountBp = 0, vatRateBp: VatRateBp = 2550): OfferLine => ({
  quantityHundredths,
  unitPriceCents,
  discountBp,
  vatRateBp,
});

describe('offer line net', () => {
  test('3 × 33,33 € with a 10 % discount is 89,99 € (89,991 rounded to the cent)', () => {
    expect(lineNet(line(300, 3333, 1000))).toBe(8999);
  });

  test('half a cent rounds away from zero: 0,5 × 0,01 € is 0,01 €', () => {
    expect(lineNet(line(50, 1))).toBe(1);
  });

  test.each([
    [70, 165, 116], // 0,70 × 1,65 € = 1,155 €; in floats 115.49999… and so 1,15 €
    [230, 12345, 28394], // 2,30 × 123,45 € = 283,935 €; in floats 283,93 €
  ])('is exact where float arithmetic would round the wrong way: %i/100 × %i cents = %i cents', (q, price, expected) => {
    expect(lineNet(line(q, price))).toBe(expected);
  });

  test('10 000 participants × 9 999,99 € is exactly 99 999 900,00 €', () => {
    expect(lineNet(line(1_000_000, 999_999))).toBe(9_999_990_000);
  });

  test('stays exact where the product of quantity, price and discount is beyond 2^53', () => {
    // 9 999,99 × 999 999,99 € × 0,9999 = 9 998 989 901,010 099 99 €: the product 999999 × 99999999 × 9999 ≈ 10^18
    expect(lineNet(line(999_999, 99_999_999, 1))).toBe(999_898_990_101);
  });

  test('a zero quantity or a 100 % discount gives nothing', () => {
    expect(lineNet(line(0, 12_345))).toBe(0);
    expect(lineNet(line(100, 12_345, 10_000))).toBe(0);
  });

  test('refuses an invalid line rather than computing with it', () => {
    expect(() => lineNet(line(150, 1000, 10_001))).toThrow(RangeError);
    expect(() => lineNet(line(-100, 1000))).toThrow(RangeError);
    expect(() => lineNet(line(1.5, 1000))).toThrow(RangeError);
    expect(() => lineNet(line(100, 10.5))).toThrow(RangeError);
  });

  test('refuses a net beyond MAX_CENTS', () => {
    expect(() => lineNet(line(200, MAX_CENTS))).toThrow(/MAX_CENTS/);
    expect(lineNet(line(100, MAX_CENTS))).toBe(MAX_CENTS);
  });
});

describe('offer totals', () => {
  test('a four-line offer across 0 % and 25,5 % adds up to the hand-computed figures', () => {
    // line        quantity × unit price − discount   net (cents)
    // course      3    × 33,33 €  − 10 %  = 89,991 €    →   8 999   (25,5 %)
    // training    12   × 450,00 €         = 5 400,00 €  → 540 000   (0 %)
    // materials   1,5  × 120,80 €         = 181,20 €    →  18 120   (25,5 %)
    // exam fee    2,25 × 19,99 €          = 44,9775 €   →   4 498   (0 %)
    // 0 %:    net 540 000 + 4 498 = 544 498, VAT 0,                          gross 544 498
    // 25,5 %: net 8 999 + 18 120 = 27 119,   VAT 27 119 × 0,255 = 6 915,345 → 6 915, gross 34 034
    //         (VAT per line would be 2 294,745 → 2 295 and 4 620,6 → 4 621, i.e. 6 916: one cent more)
    // total:  net 571 617, VAT 6 915, gross 578 532
    const offer = [line(300, 3333, 1000, 2550), line(1200, 45_000, 0, 0), line(150, 12_080, 0, 2550), line(225, 1999, 0, 0)];
    expect(totals(offer)).toEqual({
      net: 571_617,
      vat: 6915,
      gross: 578_532,
      byRate: [
        { rateBp: 0, net: 544_498, vat: 0, gross: 544_498 },
        { rateBp: 2550, net: 27_119, vat: 6915, gross: 34_034 },
      ],
    });
  });

  test('VAT is rounded once on the rate total, not per line', () => {
    // two lines of 0,10 €: 2,55 cents of VAT each would round to 3 + 3, but 20 × 0,255 = 5,1 → 5
    expect(totals([line(100, 10), line(100, 10)]).vat).toBe(5);
  });

  test('VAT of half a cent on a rate total rounds away from zero', () => {
    // 0,05 € at 10 % = 0,5 cents → 1 cent
    expect(totals([line(100, 5, 0, 1000)]).byRate).toEqual([{ rateBp: 1000, net: 5, vat: 1, gross: 6 }]);
  });

  test('lists every rate used, by ascending rate, with a zero-quantity line contributing nothing', () => {
    const result = totals([line(100, 1000, 0, 2550), line(0, 99_999, 0, 1400), line(100, 1000, 0, 1000), line(100, 1000, 0, 2550)]);
    expect(result.byRate).toEqual([
      { rateBp: 1000, net: 1000, vat: 100, gross: 1100 },
      { rateBp: 1400, net: 0, vat: 0, gross: 0 },
      { rateBp: 2550, net: 2000, vat: 510, gross: 2510 },
    ]);
    expect(result).toMatchObject({ net: 3000, vat: 610, gross: 3610 });
  });

  test('an empty offer is all zeros', () => {
    expect(totals([])).toEqual({ net: 0, vat: 0, gross: 0, byRate: [] });
  });

  test('refuses a VAT rate that is not one of the rates in use', () => {
    expect(() => totals([{ ...line(100, 100), vatRateBp: 2400 as VatRateBp }])).toThrow(RangeError);
  });

  test('refuses an offer whose gross would exceed MAX_CENTS', () => {
    expect(() => totals([line(100, MAX_CENTS, 0, 0), line(100, 1, 0, 0)])).toThrow(/MAX_CENTS/);
  });
});

describe('euro formatting', () => {
  test.each([
    [123_450, 'fi', `1${NBSP}234,50${NBSP}€`],
    [123_450, 'sv', `1${NBSP}234,50${NBSP}€`],
    [123_450, 'en', '€1,234.50'],
    [-123_450, 'fi', `${MINUS}1${NBSP}234,50${NBSP}€`],
    [-123_450, 'en', '-€1,234.50'],
    [0, 'fi', `0,00${NBSP}€`],
    [5, 'en', '€0.05'],
  ] as const)('%i cents in %s reads %j', (cents, language, expected) => {
    expect(formatEuros(cents, language)).toBe(expected);
  });

  test('formats the largest amount to the cent, with no float rounding', () => {
    expect(formatEuros(MAX_CENTS, 'fi')).toBe(`9${NBSP}999${NBSP}999${NBSP}999${NBSP}999,99${NBSP}€`);
    expect(formatEuros(-MAX_CENTS, 'en')).toBe('-€9,999,999,999,999.99');
  });

  test('refuses fractional cents and amounts beyond MAX_CENTS', () => {
    expect(() => formatEuros(10.5, 'fi')).toThrow(RangeError);
    expect(() => formatEuros(MAX_CENTS + 1, 'fi')).toThrow(RangeError);
  });
});

describe('VAT rate formatting', () => {
  test.each([
    [2550, 'fi', `25,5${NBSP}%`],
    [2550, 'sv', `25,5${NBSP}%`],
    [2550, 'en', '25.5%'],
    [1400, 'fi', `14${NBSP}%`],
    [0, 'fi', `0${NBSP}%`],
    [0, 'en', '0%'],
  ] as const)('%i basis points in %s reads %j', (rateBp, language, expected) => {
    expect(formatVatRate(rateBp, language)).toBe(expected);
  });

  test('every VAT rate in use has a label in every language', () => {
    for (const rate of VAT_RATES_BP) for (const language of ['fi', 'sv', 'en'] as const) expect(formatVatRate(rate, language)).toMatch(/^\d+([,.]5)?\u00A0?%$/);
  });
});

describe('parsing euros typed by a user', () => {
  test.each([
    ['1 234,50', 123_450],
    ['1234.5', 123_450],
    ['12', 1200],
    ['12,5 €', 1250],
    ['€12', 1200],
    ['0,05', 5],
    ['  7,00  ', 700],
    [`1${NBSP}234,50${NBSP}€`, 123_450],
    ['1\u202F234,50', 123_450],
    ['€1,234.50', 123_450],
    ['1.234,50', 123_450],
    ['1,234,567.89', 123_456_789],
    ['9 999 999 999 999,99', MAX_CENTS],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  test.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['12,345', 'more than two decimals'],
    ['1,234', 'more than two decimals (not a thousands separator)'],
    ['12.5.0', 'two decimal points'],
    ['1.234.567', 'ambiguous points'],
    ['12 34', 'digits not grouped by three'],
    ['1 234 ,50', 'a space before the decimals'],
    ['12,', 'a separator without decimals'],
    [',5', 'no whole euros'],
    ['12 e', 'letters'],
    ['abc', 'letters'],
    ['1e3', 'an exponent'],
    ['€12 €', 'two euro signs'],
    ['-12', 'a negative amount'],
    ['10 000 000 000 000,00', 'an amount beyond MAX_CENTS'],
  ])('rejects %j (%s)', (text) => {
    expect(parseEuros(text)).toBeNull();
  });

  test('reads a negative amount only when allowed', () => {
    expect(parseEuros('-12,50', { allowNegative: true })).toBe(-1250);
    expect(parseEuros(`${MINUS}1${NBSP}234,50${NBSP}€`, { allowNegative: true })).toBe(-123_450);
    expect(parseEuros('-€1,234.50', { allowNegative: true })).toBe(-123_450);
    expect(parseEuros('-0', { allowNegative: true })).toBe(0);
    expect(parseEuros('-12,50')).toBeNull();
  });

  test('reads back every amount it formats, in every language', () => {
    for (const cents of [0, 5, 99, 100, 123_450, 100_000_000, MAX_CENTS, -1, -123_450])
      for (const language of ['fi', 'sv', 'en'] as const) expect(parseEuros(formatEuros(cents, language), { allowNegative: true })).toBe(cents);
  });
});

describe('quantities and discounts as typed (hundredths)', () => {
  test.each([
    ['1', 100], ['1,5', 150], ['1.5', 150], ['0,25', 25], [' 12,5 ', 1250], ['1 000', 100_000], ['0', 0],
  ])('reads %j as %i hundredths', (text, hundredths) => {
    expect(parseHundredths(text)).toBe(hundredths);
  });

  test.each(['', '-1', '1,255', '1,5 €', 'x', '12 34'])('rejects %j', (text) => {
    expect(parseHundredths(text)).toBeNull();
  });

  test('writes hundredths back so that they read the same, in every language', () => {
    expect(formatHundredths(150, 'fi')).toBe('1,5');
    expect(formatHundredths(150, 'en')).toBe('1.5');
    expect(formatHundredths(100_000, 'sv')).toBe('1000');
    for (const value of [0, 1, 25, 150, 1250, 100_000])
      for (const language of ['fi', 'sv', 'en'] as const) expect(parseHundredths(formatHundredths(value, language))).toBe(value);
  });
});

describe('validation of offer lines for the API', () => {
  test.each([0, 1, 2500, 10_000])('accepts a discount of %i basis points', (bp) => {
    expect(checkDiscountBp(bp)).toBeNull();
  });

  test.each([-1, 10_001, 12.5, Number.NaN])('rejects a discount of %p basis points', (bp) => {
    expect(checkDiscountBp(bp)).toEqual(expect.any(String));
  });

  test.each([0, 150, 1_000_000])('accepts a quantity of %i hundredths', (q) => {
    expect(checkQuantityHundredths(q)).toBeNull();
  });

  test.each([-1, 1.5, Number.POSITIVE_INFINITY])('rejects a quantity of %p hundredths', (q) => {
    expect(checkQuantityHundredths(q)).toEqual(expect.any(String));
  });

  test.each([0, 1, 999_999, MAX_CENTS])('accepts a unit price of %i cents', (cents) => {
    expect(checkUnitPriceCents(cents)).toBeNull();
  });

  test.each([-1, 0.5, MAX_CENTS + 1, Number.NaN])('rejects a unit price of %p cents', (cents) => {
    expect(checkUnitPriceCents(cents)).toEqual(expect.any(String));
  });

  test('accepts only the VAT rates in use', () => {
    for (const rate of VAT_RATES_BP) expect(checkVatRateBp(rate)).toBeNull();
    expect(checkVatRateBp(2400)).toMatch(/VAT rate/);
  });

  test('says what is wrong in a short English reason', () => {
    expect(checkDiscountBp(12_000)).toBe('discount must be between 0 and 10000 basis points');
    expect(checkQuantityHundredths(-100)).toBe('quantity must not be negative');
    expect(checkUnitPriceCents(1.5)).toBe('unit price must be an integer number of cents');
  });
});
