/**
 * CSV text → records, by csv-parse: fields separated by `;`, `,` or a tab — detected from the
 * header line —, quoted fields with `""` for a quote and with line breaks inside, CRLF, LF or CR
 * line ends (also mixed), a UTF-8 BOM dropped. It is fed text chunk by chunk and hands back whole
 * records with the line each one starts on, so a file of any size needs only a few records in
 * memory at a time.
 *
 * Lenient where Excel and hand-edited files are sloppy: a quote inside an unquoted field is
 * kept as text, and text after a closing quote is kept too. Blank lines and lines of empty
 * fields are skipped. A quoted field still open at the end of the file is reported on its
 * record (`unterminatedQuote`); one that runs past `maxRecordChars` stops the file, since
 * nothing after it can be read reliably.
 *
 * What is ours around csv-parse, to keep reading files as this reader always has:
 * - the delimiter rule (csv-parse's `delimiter_auto` scores every character of the first 2 KB,
 *   spaces and dots included);
 * - line numbers, counted from each record's raw text (csv-parse's `info.lines` counts a CRLF
 *   inside quotes twice), and the skipping of blank records, which must still count their lines;
 * - with text after a closing quote, csv-parse keeps the quotes (`"x"y` → `"x"y`): such a
 *   record is read again to drop them (`xy`);
 * - an unclosed quote at the end, for which csv-parse gives only an error: the record is read
 *   again with the quote closed;
 * - the record limit in characters (csv-parse's is in bytes).
 */
import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError, type Options } from 'csv-parse';
import { parse as parseWhole } from 'csv-parse/sync';
import { CsvFormatError } from './decode';

export interface CsvRecord {
  /** The physical line (1-based) the record starts on: what a text editor shows. */
  line: number;
  fields: string[];
  /** The record ends inside a quoted field: the file ended before the closing quote. */
  unterminatedQuote?: boolean;
}

export type Delimiter = ';' | ',' | '\t';
export const DELIMITERS: readonly Delimiter[] = [';', ',', '\t'];

/** The delimiter of a header line: the candidate that occurs most often outside quotes (`;` on a tie or none). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** The first line of `text` (up to an unquoted line break), or null when the text holds no complete line yet. */
function firstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return null;
}

/** How many lines a record's raw text ends: CRLF, LF and CR count one each. */
function lineBreaks(raw: string): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 13 || (c === 10 && raw.charCodeAt(i - 1) !== 13)) n++;
  }
  return n;
}

/** With `raw`, csv-parse emits each record with its source text. */
interface RawRecord {
  record: string[];
  raw: string;
}

/** `maxRecordBytes` 0 for no limit. */
function csvOptions(delimiter: Delimiter, maxRecordBytes: number): Options {
  return {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: maxRecordBytes,
    raw: true,
  };
}

/**
 * A field as it reads when text follows its closing quote: `"x"y` → `xy`, `"a""b"c` → `a"bc`.
 * `value` is what csv-parse made of it (the quotes kept, `""` already one quote), `text` the
 * field as written. Other fields come back as they are.
 */
function withoutQuotes(value: string, text: string): string {
  if (!text.startsWith('"')) return value;
  let close = 1;
  while ((close = text.indexOf('"', close)) !== -1 && text[close + 1] === '"') close += 2;
  if (close === -1 || close === text.length - 1) return value;
  const after = text.slice(close + 1);
  return value.slice(1, value.length - after.length - 1) + after;
}

/** Reads the raw text of one record again, field by field, dropping the quotes of fields with text after them. */
function reread(raw: string, delimiter: Delimiter): string[] {
  let fieldStart = 0;
  const records = parseWhole(raw, {
    ...csvOptions(delimiter, 0),
    bom: false, // a U+FEFF here is text: the file's BOM was dropped before its first record
    // The context's raw is the record so far, up to and with the character that ended this field.
    cast: (value, { raw: soFar = '' }) => {
      const last = soFar[soFar.length - 1];
      const ended = last === delimiter || last === '\r' || last === '\n' ? soFar.length - 1 : soFar.length;
      const text = soFar.slice(fieldStart, Math.max(fieldStart, ended));
      fieldStart = soFar.length;
      return withoutQuotes(value, text);
    },
  }) as unknown as RawRecord[];
  return records[0]?.record ?? [];
}

export class CsvParser {
  delimiter: Delimiter | null = null;
  private readonly maxRecordChars: number;
  /** The line the next record starts on. */
  private line = 1;

  constructor(opts: { maxRecordChars?: number } = {}) {
    this.maxRecordChars = opts.maxRecordChars ?? 1_000_000;
  }

  /** The records of the text, in order. Read it once. */
  async *records(text: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
    const chunks = text[Symbol.asyncIterator]();
    try {
      let head = '';
      let header: string | null = null;
      while (header === null) {
        const next = await chunks.next();
        if (next.done) break;
        head += next.value;
        header = firstLine(head);
        if (header === null && head.replace(/^\uFEFF/, '').length > this.maxRecordChars) throw new CsvFormatError('The header line is longer than the limit: is this a CSV file?');
      }
      const delimiter = detectDelimiter(header ?? head);
      this.delimiter = delimiter;

      const tooLong = (fields: readonly string[]) => fields.reduce((n, f) => n + f.length, 0) > this.maxRecordChars;
      const recordTooLong = () => new CsvFormatError(`Line ${this.line}: a record is longer than ${this.maxRecordChars} characters; is a quote left open?`);

      // The errors left with relaxed quotes and column counts come to on_skip as the parser meets
      // them: the one that ends the text, and how many records came before it, are kept until
      // those records are handed out.
      // (Typed by a cast: the compiler cannot see on_skip assign it.)
      let stop = null as { error: CsvError | undefined; raw: string; after: number } | null;
      const parser = parse({
        // csv-parse counts a field being read in UTF-8 bytes, at most 3 per character: its limit
        // stops a runaway quote early, and the one in characters is applied below.
        ...csvOptions(delimiter, 3 * this.maxRecordChars),
        skip_records_with_error: true,
        on_skip: (error, raw) => {
          stop ??= { error, raw: raw ?? '', after: parser.info.records };
          return undefined;
        },
      });
      async function* all(): AsyncGenerator<string> {
        if (head) yield head;
        for (let next = await chunks.next(); !next.done && !stop; next = await chunks.next()) yield next.value;
      }
      // An error of the text's source (a file too large, not a text) reaches the loop through the parser.
      pipeline(Readable.from(all(), { highWaterMark: 1 }), parser, () => undefined);

      let read = 0;
      for await (const { record, raw } of parser as AsyncIterable<RawRecord>) {
        if (stop && read === stop.after) break;
        read++;
        const fields = record.some((f) => f.startsWith('"')) ? reread(raw, delimiter) : record;
        if (tooLong(fields)) throw recordTooLong();
        const line = this.line;
        this.line += lineBreaks(raw);
        if (fields.some((f) => f.trim() !== '')) yield { line, fields };
      }
      if (!stop) return;
      const { error, raw } = stop;
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
        // Only at the end of the text, so this is the last record.
        const fields = reread(`${raw}"`, delimiter);
        if (tooLong(fields)) throw recordTooLong();
        yield { line: this.line, fields, unterminatedQuote: true };
      } else if (error?.code === 'CSV_MAX_RECORD_SIZE') {
        throw recordTooLong();
      } else {
        throw new CsvFormatError(`Line ${this.line}: ${error?.message ?? 'the file cannot be read as CSV'}`);
      }
    } finally {
      await chunks.return?.();
    }
  }
}
