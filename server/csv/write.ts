/**
 * CSV as Excel opens it correctly in Finland: UTF-8 with a BOM, `;` between fields, CRLF line
 * ends, fields quoted when they hold a delimiter, quote, line break or edge spaces.
 *
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-` or `@` would run as a
 * formula in Excel, so it is written with a leading apostrophe (`'+358 40 123`), which Excel
 * shows as text. Imports drop that apostrophe again (`unescapeFormula`), so export → import is
 * a round trip.
 */

export const UTF8_BOM = '\uFEFF';
export const EXPORT_DELIMITER = ';';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n,]|^\s|\s$/;

export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvField).join(EXPORT_DELIMITER)}\r\n`;
}

/** `'=SUM(A1)` → `=SUM(A1)`: undoes the export's formula guard; other cells are left alone. */
export function unescapeFormula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && /[=+\-@\t\r]/.test(cell[1]!) ? cell.slice(1) : cell;
}
