/**
 * CSV import reports: a header document (`import_reports`) and the rows in chunks of up to
 * IMPORT_CHUNK_ROWS under deterministic `_id`s (`<importId>:<n>`, `import_chunks`), so that a report
 * of any size is stored and read back by `_id` alone (see ../customerDataModels).
 *
 * Why each write is safe with several instances: a report has one writer, the run that started it.
 * Its header is an insert with a fresh `_id`; each chunk an insert of an immutable fact under its
 * deterministic `_id` (a repeat of the same chunk is refused by the `_id` index and changes
 * nothing); the progress a `$set` of the counters the run keeps, with `$max` of the chunk count, so
 * a late write never makes the report shorter.
 */
import type { ImportKind, ImportListItem, ImportRow, ImportSummary } from '../../../shared/contract-admin';
import type { PersonRef } from '../../../shared/contract';
import { IMPORT_CHUNK_ROWS, type ImportChunkDoc, type ImportReportDoc } from '../customerDataModels';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models } from '../models';
import { newId, oid, str } from './records';

export { IMPORT_CHUNK_ROWS };

export type ImportStatus = ImportListItem['status'];

export interface ImportReportRecord {
  id: string;
  kind: ImportKind;
  dryRun: boolean;
  status: ImportStatus;
  createdAt: Date;
  finishedAt: Date | null;
  createdBy: PersonRef;
  file: ImportListItem['file'];
  columns: ImportListItem['columns'];
  ignoredColumns: string[];
  totalRows: number | null;
  rowsRead: number;
  summary: ImportSummary;
  /** How many row chunks the report has (numbered from 0). */
  chunkCount: number;
  failure: string | null;
}

export type NewImportReport = Pick<ImportReportRecord, 'id' | 'kind' | 'dryRun' | 'createdAt' | 'createdBy' | 'file' | 'columns' | 'ignoredColumns' | 'totalRows'>;

export interface ImportProgress {
  rowsRead: number;
  summary: ImportSummary;
}

export interface ImportReportRepository {
  newId(): string;
  /** Stores the header of a run that starts (status `running`). */
  start(report: NewImportReport): Promise<void>;
  /** Stores chunk `n` of the rows and the progress after it. */
  appendChunk(id: string, n: number, rows: readonly ImportRow[], progress: ImportProgress): Promise<void>;
  finish(id: string, end: ImportProgress & { chunkCount: number; finishedAt: Date; failure: string | null }): Promise<void>;
  get(id: string): Promise<ImportReportRecord | null>;
  /** The newest reports first. */
  latest(limit: number): Promise<ImportReportRecord[]>;
  /** The rows of chunk `n` (none when it is missing). */
  chunk(id: string, n: number): Promise<ImportRow[]>;
}

export const chunkId = (importId: string, n: number): string => `${importId}:${n}`;

function reportFromDoc(d: ImportReportDoc): ImportReportRecord {
  return {
    id: str(d._id),
    kind: d.kind,
    dryRun: d.dryRun,
    status: d.status,
    createdAt: d.createdAt,
    finishedAt: d.finishedAt ?? null,
    createdBy: { id: str(d.createdBy.id), name: d.createdBy.name ?? '', email: d.createdBy.email ?? '' },
    file: {
      bytes: d.file?.bytes ?? 0,
      expectedBytes: d.file?.expectedBytes ?? null,
      sha256: d.file?.sha256 ?? null,
      encoding: (d.file?.encoding as ImportListItem['file']['encoding']) ?? null,
      delimiter: d.file?.delimiter ?? null,
    },
    columns: (d.columns ?? []).map((c) => ({ header: c.header ?? '', field: c.field ?? '' })),
    ignoredColumns: [...(d.ignoredColumns ?? [])],
    totalRows: d.totalRows ?? null,
    rowsRead: d.rowsRead ?? 0,
    summary: {
      created: d.summary?.created ?? 0,
      updated: d.summary?.updated ?? 0,
      unchanged: d.summary?.unchanged ?? 0,
      errors: d.summary?.errors ?? 0,
    },
    chunkCount: d.chunkCount ?? 0,
    failure: d.failure ?? null,
  };
}

function rowFromDoc(r: ImportChunkDoc['rows'][number]): ImportRow {
  const row: ImportRow = { line: r.line, status: r.status as ImportRow['status'] };
  if (r.key) row.key = r.key;
  if (r.errors && r.errors.length > 0) row.errors = r.errors.map((e) => ({ column: e.column ?? '', message: e.message ?? '' }));
  return row;
}

export function importReportRepository(models: Models, engine: Engine): ImportReportRepository {
  const { ImportReport, ImportChunk } = models;
  return {
    newId,
    async start(r) {
      await ImportReport.create({
        _id: oid(r.id),
        kind: r.kind,
        dryRun: r.dryRun,
        status: 'running',
        createdAt: r.createdAt,
        createdBy: { ...r.createdBy, id: oid(r.createdBy.id) },
        file: r.file,
        columns: r.columns,
        ignoredColumns: r.ignoredColumns,
        totalRows: r.totalRows,
      });
    },
    async appendChunk(id, n, rows, progress) {
      try {
        await ImportChunk.create({ _id: chunkId(id, n), rows: [...rows] });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      await engine.updateById(
        ImportReport,
        oid(id),
        { $set: { rowsRead: progress.rowsRead, summary: progress.summary }, $max: { chunkCount: n + 1 } },
        { timestamps: false },
      );
    },
    async finish(id, end) {
      await engine.updateById(
        ImportReport,
        oid(id),
        {
          $set: { status: end.failure ? 'failed' : 'done', finishedAt: end.finishedAt, failure: end.failure, rowsRead: end.rowsRead, summary: end.summary },
          $max: { chunkCount: end.chunkCount },
        },
        { timestamps: false },
      );
    },
    async get(id) {
      const [doc] = await engine.findByIds<ImportReportDoc>(ImportReport, [oid(id)]);
      return doc ? reportFromDoc(doc) : null;
    },
    async latest(limit) {
      return (await ImportReport.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ImportReportDoc[]>()).map(reportFromDoc);
    },
    async chunk(id, n) {
      const [doc] = await engine.findByIds<ImportChunkDoc>(ImportChunk, [chunkId(id, n)]);
      return (doc?.rows ?? []).map(rowFromDoc);
    },
  };
}
