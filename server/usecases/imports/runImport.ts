/**
 * A CSV import from upload to report.
 *
 * 1. The upload is spooled to a temporary file (never held in memory), hashed and checked for
 *    UTF-8 on the way, so that the whole file is read in one encoding and the request is
 *    received at network speed however slow the database is.
 * 2. A first pass reads the header and counts the rows: a file that cannot be read (bad
 *    columns, a runaway quote) is refused before anything is written.
 * 3. A second pass judges the rows in batches of IMPORT_CHUNK_ROWS, in file order, against the
 *    data as it was when the run started (see ./importContext), writes the good ones unless
 *    this is a dry run, and stores the report as it goes: GET /imports shows the progress.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ImportKind } from '../../../shared/contract-admin';
import { mapHeaders, type HeaderMapping } from '../../csv/columns';
import { CsvFormatError, Utf8Validator, type TextEncoding } from '../../csv/decode';
import type { CsvRecord } from '../../csv/parse';
import { CsvReader } from '../../csv/reader';
import { AppError } from '../../errors';
import { IMPORT_CHUNK_ROWS } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';
import { contactRows } from './contactRows';
import { ImportState } from './importContext';
import type { KindHandler } from './kinds';
import { organizationRows } from './organizationRows';
import { productRows } from './productRows';
import { ReportWriter } from './reports';

export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;

const HANDLERS: Record<ImportKind, KindHandler<string>> = {
  organizations: organizationRows as KindHandler<string>,
  contacts: contactRows as KindHandler<string>,
  products: productRows as KindHandler<string>,
};

export interface SpooledFile {
  path: string;
  bytes: number;
  sha256: string;
  encoding: TextEncoding;
  /** Removes the temporary file. */
  remove(): Promise<void>;
}

/** Writes the upload to a temporary file, waiting for the disk (backpressure), at most `maxBytes`. */
export async function spoolUpload(source: AsyncIterable<Uint8Array>, maxBytes = IMPORT_MAX_BYTES): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'asiakkuus-import-'));
  const file = path.join(dir, 'upload.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  const hash = createHash('sha256');
  const utf8 = new Utf8Validator();
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (bytes > maxBytes) throw new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
      hash.update(chunk);
      utf8.push(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    out.destroy();
    await remove();
    throw err;
  }
  return { path: file, bytes, sha256: hash.digest('hex'), encoding: utf8.end(), remove };
}

function readerOf(file: SpooledFile): CsvReader {
  return new CsvReader(createReadStream(file.path, { highWaterMark: 256 * 1024 }), { encoding: file.encoding });
}

const formatError = (err: unknown): never => {
  if (err instanceof CsvFormatError) throw new AppError('invalid_input', err.message, [{ path: 'body', message: err.message, code: 'invalid_format' }]);
  throw err;
};

/** First pass: the header mapping and the number of data rows. */
async function survey(handler: KindHandler<string>, file: SpooledFile): Promise<{ mapping: HeaderMapping<string>; rows: number; delimiter: string }> {
  const reader = readerOf(file);
  let mapping: HeaderMapping<string> | null = null;
  let rows = 0;
  try {
    for await (const record of reader.records()) {
      if (!mapping) mapping = mapHeaders(record.fields, handler.columns);
      else rows++;
    }
  } catch (err) {
    formatError(err);
  }
  if (!mapping) throw AppError.invalid('body', 'is empty: the file needs a header line and rows', 'required');
  const problems = [...mapping.problems, ...handler.headerProblems(mapping)];
  if (problems.length > 0) {
    throw new AppError('invalid_input', `The file's columns cannot be imported: ${problems.join('; ')}`, problems.map((message) => ({ path: 'header', message, code: 'invalid' as const })));
  }
  return { mapping, rows, delimiter: reader.delimiter ?? ';' };
}

export interface ImportRequest {
  kind: ImportKind;
  dryRun: boolean;
  file: SpooledFile;
  expectedBytes: number | null;
}

/** Runs an import over a spooled file and returns the report's id. */
export async function runImport(ctx: UseCaseContext, req: ImportRequest): Promise<string> {
  const handler = HANDLERS[req.kind];
  const { mapping, rows: totalRows, delimiter } = await survey(handler, req.file);
  const report = new ReportWriter(ctx);
  await report.start({
    kind: req.kind,
    dryRun: req.dryRun,
    file: { bytes: req.file.bytes, expectedBytes: req.expectedBytes, sha256: req.file.sha256, encoding: req.file.encoding, delimiter },
    columns: mapping.columns,
    ignoredColumns: mapping.ignored,
    totalRows,
  });
  let failure: string | null = null;
  try {
    const state = await ImportState.load(ctx.repos, handler.keyKinds);
    let header = true;
    let batch: CsvRecord[] = [];
    const flush = async () => {
      const { rows } = await handler.batch(ctx, state, mapping, batch, req.dryRun);
      batch = [];
      await report.append(rows);
    };
    for await (const record of readerOf(req.file).records()) {
      if (header) {
        header = false;
        continue;
      }
      batch.push(record);
      if (batch.length >= IMPORT_CHUNK_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
  } catch (err) {
    failure = err instanceof CsvFormatError || err instanceof AppError ? err.message : 'the import stopped because of a server error';
    await report.finish(new Date(), failure).catch(() => undefined);
    if (!(err instanceof CsvFormatError || err instanceof AppError)) throw err;
    return report.id;
  }
  await report.finish(new Date(), null);
  return report.id;
}
