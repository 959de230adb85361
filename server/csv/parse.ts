/**
 * A streaming CSV parser (RFC 4180 plus what Excel does): fields separated by `;`, `,` or a
 * tab — detected from the header line —, quoted fields with `""` for a quote and with line
 * breaks inside, CRLF, LF or CR line ends. It is fed text chunk by chunk and hands back whole
 * records with the line each one starts on, so a file of any size needs only one record in
 * memory at a time.
 *
 * Lenient where Excel and hand-edited files are sloppy: a quote inside an unquoted field is
 * kept as text, and text after a closing quote is kept too. Blank lines and lines of empty
 * fields are skipped. A quoted field still open at the end of the file is reported on its
 * record (`unterminatedQuote`); one that runs past `maxRecordChars` stops the file, since
 * nothing after it can be read reliably.
 */
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

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

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
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) return text.slice(0, i);
  }
  return null;
}

export class CsvParser {
  delimiter: Delimiter | null;
  private readonly maxRecordChars: number;
  private pending = ''; // text held back until the delimiter is known
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private skipLf = false;
  private quotedCr = false;

  constructor(opts: { delimiter?: Delimiter; maxRecordChars?: number } = {}) {
    this.delimiter = opts.delimiter ?? null;
    this.maxRecordChars = opts.maxRecordChars ?? 1_000_000;
  }

  push(text: string): CsvRecord[] {
    if (this.delimiter === null) {
      this.pending += text;
      const header = firstLine(this.pending);
      if (header === null) {
        if (this.pending.length > this.maxRecordChars) throw new CsvFormatError('The header line is longer than the limit: is this a CSV file?');
        return [];
      }
      this.delimiter = detectDelimiter(header);
      text = this.pending;
      this.pending = '';
    }
    const out: CsvRecord[] = [];
    this.scan(text, out);
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.pending);
      const text = this.pending;
      this.pending = '';
      this.scan(text, out);
    }
    if (this.state === State.Quoted) {
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields, unterminatedQuote: true });
      this.resetRecord();
    } else if (this.state !== State.FieldStart || this.fields.length > 0) {
      this.endRecord(out);
    }
    return out;
  }

  private resetRecord() {
    this.fields = [];
    this.field = '';
    this.recordChars = 0;
    this.state = State.FieldStart;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(out: CsvRecord[]) {
    this.fields.push(this.field);
    if (this.fields.some((f) => f.trim() !== '')) out.push({ line: this.recordLine, fields: this.fields });
    this.resetRecord();
  }

  private grow(n: number) {
    this.recordChars += n;
    if (this.recordChars > this.maxRecordChars) {
      throw new CsvFormatError(
        `Line ${this.recordLine}: a record is longer than ${this.maxRecordChars} characters; is a quote left open?`,
      );
    }
  }

  private scan(text: string, out: CsvRecord[]) {
    const delim = this.delimiter!.charCodeAt(0);
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.state) {
        case State.FieldStart:
        case State.Unquoted: {
          if (this.state === State.FieldStart) {
            if (this.fields.length === 0 && this.field === '') this.recordLine = this.line;
            if (c === QUOTE) {
              this.state = State.Quoted;
              i++;
              continue;
            }
          }
          // Run to the next delimiter or line end in one slice.
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === delim || d === LF || d === CR) break;
            j++;
          }
          if (j > i) {
            this.grow(j - i);
            this.field += text.slice(i, j);
            this.state = State.Unquoted;
          }
          if (j === n) return;
          const d = text.charCodeAt(j);
          if (d === delim) this.endField();
          else this.lineBreak(d, out, true);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            // CRLF, LF and CR each end one line, also when a chunk ends between CR and LF.
            if (d === LF) {
              if (!this.quotedCr) this.line++;
              this.quotedCr = false;
            } else if (d === CR) {
              this.line++;
              this.quotedCr = true;
            } else {
              this.quotedCr = false;
            }
            j++;
          }
          if (j > i) {
            this.grow(j - i);
            this.field += text.slice(i, j);
          }
          if (j === n) return;
          this.quotedCr = false;
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          if (c === QUOTE) {
            this.field += '"';
            this.grow(1);
            this.state = State.Quoted;
          } else if (c === delim) {
            this.endField();
          } else if (c === LF || c === CR) {
            this.lineBreak(c, out, true);
          } else {
            this.state = State.Unquoted; // text after a closing quote: keep it
            continue;
          }
          i++;
          break;
        }
      }
    }
  }

  private lineBreak(c: number, out: CsvRecord[], endsRecord: boolean) {
    this.line++;
    if (c === CR) this.skipLf = true;
    if (endsRecord) this.endRecord(out);
  }
}
