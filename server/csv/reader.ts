/**
 * Reads CSV records from a byte stream (an HTTP request, a file): decoding and parsing chunk by
 * chunk, counting bytes and hashing them, so that a report can say which file it describes.
 */
import { createHash } from 'node:crypto';
import { SniffingDecoder, type TextEncoding } from './decode';
import { CsvParser, type CsvRecord, type Delimiter } from './parse';

export { CsvFormatError } from './decode';
export type { CsvRecord, Delimiter } from './parse';

export interface CsvReadInfo {
  bytes: number;
  encoding: TextEncoding;
  bom: boolean;
  delimiter: Delimiter;
  sha256: string;
}

export interface CsvReaderOptions {
  /** More bytes than this stop the read with a CsvTooLargeError. */
  maxBytes?: number;
  maxRecordChars?: number;
  /** Decode in this encoding rather than deciding at the first non-ASCII bytes. */
  encoding?: TextEncoding;
  /** Called after every chunk with the bytes read so far. */
  onBytes?: (bytes: number) => void;
}

export class CsvTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit} bytes`);
    this.name = 'CsvTooLargeError';
  }
}

export class CsvReader {
  private readonly decoder: SniffingDecoder;
  private readonly parser: CsvParser;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private finished = false;

  constructor(private readonly source: AsyncIterable<Uint8Array | string>, private readonly opts: CsvReaderOptions = {}) {
    this.parser = new CsvParser({ maxRecordChars: opts.maxRecordChars });
    this.decoder = new SniffingDecoder({ encoding: opts.encoding });
  }

  /** Known once the whole source has been read. */
  info(): CsvReadInfo {
    if (!this.finished) throw new Error('CsvReader.info() before the end of the file');
    return {
      bytes: this.bytes,
      encoding: this.decoder.encoding ?? 'utf-8',
      bom: this.decoder.bom,
      delimiter: this.parser.delimiter ?? ';',
      sha256: this.hash.digest('hex'),
    };
  }

  get bytesRead(): number {
    return this.bytes;
  }

  get delimiter(): Delimiter | null {
    return this.parser.delimiter;
  }

  async *records(): AsyncGenerator<CsvRecord> {
    yield* this.parser.records(this.text());
    this.finished = true;
  }

  private async *text(): AsyncGenerator<string> {
    for await (const raw of this.source) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
      this.bytes += chunk.length;
      if (this.opts.maxBytes !== undefined && this.bytes > this.opts.maxBytes) throw new CsvTooLargeError(this.opts.maxBytes);
      this.hash.update(chunk);
      this.opts.onBytes?.(this.bytes);
      const text = this.decoder.decode(chunk);
      if (text) yield text;
    }
    const rest = this.decoder.end();
    if (rest) yield rest;
  }
}

/** Reads a whole small file (tests, fixtures). */
export async function parseCsvBytes(bytes: Uint8Array, chunkSize = 64 * 1024): Promise<{ records: CsvRecord[]; info: CsvReadInfo }> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const reader = new CsvReader(chunks());
  const records: CsvRecord[] = [];
  for await (const r of reader.records()) records.push(r);
  return { records, info: reader.info() };
}
