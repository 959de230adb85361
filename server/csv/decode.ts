/**
 * Bytes → text for CSV files as the college's systems and Excel write them: UTF-8 with or
 * without a BOM, or Windows-1252 when the bytes are not valid UTF-8. Works chunk by chunk,
 * so a file of any size streams through without being held in memory.
 *
 * The encoding is decided at the first non-ASCII bytes: valid UTF-8 there means UTF-8 for
 * the whole file, anything else means Windows-1252 (everything before was ASCII, which both
 * encodings read alike). A UTF-8 file with a broken sequence later on keeps U+FFFD in its
 * place, and the row holding it is reported instead of being stored garbled.
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252';

export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export const REPLACEMENT_CHARACTER = '\uFFFD';

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/**
 * Windows-1252 by iconv-lite (Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1,
 * losing €, curly quotes and dashes). The five bytes Windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D), which iconv-lite turns into U+FFFD, keep their C1 control characters, as in
 * browsers: U+FFFD in a cell means broken UTF-8 and makes its row an error (see RowReader.cell).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
  // One byte is one character here, so a U+FFFD stands where its byte was.
  return text.includes(REPLACEMENT_CHARACTER) ? text.replace(/\uFFFD/g, (_, i: number) => String.fromCharCode(bytes[i]!)) : text;
}

const windows1252 = { decode: decodeWindows1252 };

function concat(a: Uint8Array | null, b: Uint8Array): Uint8Array {
  if (!a || a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** How many bytes at the end start a UTF-8 sequence that the next chunk completes (0 when none). */
export function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (b < 0xc0) return 0; // ASCII
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return needed > back ? back : 0;
  }
  return 0;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

export class SniffingDecoder {
  /** null until the first non-ASCII bytes decide it (a pure-ASCII file reads the same either way). */
  encoding: TextEncoding | null = null;
  bom = false;
  private started = false;
  private carry: Uint8Array | null = null;

  /** With `encoding`, the decoder does not sniff: the caller has checked the whole file (see Utf8Validator). */
  constructor(opts: { encoding?: TextEncoding } = {}) {
    this.encoding = opts.encoding ?? null;
  }

  decode(chunk: Uint8Array): string {
    const bytes = concat(this.carry, chunk);
    this.carry = null;
    if (!this.started) {
      if (bytes.length < 3) {
        this.carry = bytes;
        return '';
      }
      this.started = true;
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
        throw new CsvFormatError('The file is UTF-16 ("Unicode text"): save it from Excel as "CSV UTF-8" instead');
      }
      // The BOM is decoded as U+FEFF, for the CSV parser to drop.
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.bom = true;
        this.encoding = 'utf-8';
      }
    }
    if (this.encoding === 'windows-1252') return windows1252.decode(bytes);
    const tail = incompleteUtf8Tail(bytes);
    const body = tail ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (tail) this.carry = bytes.slice(bytes.length - tail);
    if (this.encoding === 'utf-8') return utf8Lenient.decode(body);
    if (!hasNonAscii(body)) return utf8Lenient.decode(body);
    try {
      const text = utf8Strict.decode(body);
      this.encoding = 'utf-8';
      return text;
    } catch {
      this.encoding = 'windows-1252';
      this.carry = null;
      return windows1252.decode(bytes);
    }
  }

  /** The bytes still held back at the end of the file. */
  end(): string {
    const rest = this.carry;
    this.carry = null;
    if (!rest || rest.length === 0) return '';
    if (!this.started) {
      this.started = true;
      if (rest.length >= 2 && ((rest[0] === 0xff && rest[1] === 0xfe) || (rest[0] === 0xfe && rest[1] === 0xff))) {
        throw new CsvFormatError('The file is UTF-16 ("Unicode text"): save it from Excel as "CSV UTF-8" instead');
      }
    }
    if (this.encoding === 'utf-8') return utf8Lenient.decode(rest);
    if (this.encoding === 'windows-1252') return windows1252.decode(rest);
    try {
      const text = utf8Strict.decode(rest);
      if (hasNonAscii(rest)) this.encoding = 'utf-8';
      return text;
    } catch {
      this.encoding = 'windows-1252';
      return windows1252.decode(rest);
    }
  }
}

/**
 * Tells whether a whole byte stream is valid UTF-8, chunk by chunk: the first pass over an
 * uploaded file, so the second can decode it all in one encoding.
 */
export class Utf8Validator {
  valid = true;
  nonAscii = false;
  bom = false;
  private carry: Uint8Array | null = null;
  private started = false;

  push(chunk: Uint8Array): void {
    if (!this.valid) return;
    let bytes = concat(this.carry, chunk);
    this.carry = null;
    if (!this.started) {
      if (bytes.length < 3) {
        this.carry = bytes;
        return;
      }
      this.started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        this.bom = true;
        bytes = bytes.subarray(3);
      }
    }
    const tail = incompleteUtf8Tail(bytes);
    const body = tail ? bytes.subarray(0, bytes.length - tail) : bytes;
    if (tail) this.carry = bytes.slice(bytes.length - tail);
    if (!hasNonAscii(body)) return;
    this.nonAscii = true;
    try {
      utf8Strict.decode(body);
    } catch {
      this.valid = false;
    }
  }

  /** The encoding to read the file in: UTF-8 when it all is (or it has a BOM), else Windows-1252. */
  end(): TextEncoding {
    if (this.valid && this.carry && this.carry.length > 0) {
      const rest = this.carry;
      if (hasNonAscii(rest)) {
        this.nonAscii = true;
        try {
          utf8Strict.decode(rest);
        } catch {
          this.valid = false;
        }
      }
    }
    return this.bom || this.valid ? 'utf-8' : 'windows-1252';
  }
}
