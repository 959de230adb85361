/** Import reports: stored as a header document plus row chunks, read back as one JSON document. */
import { Types } from 'mongoose';
import type { Writable } from 'node:stream';
import type { ImportKind, ImportListItem, ImportRow, ImportSummary } from '../../../shared/contract-admin';
import { AppError } from '../../errors';
import type { ImportReportDoc } from '../../persistence/customerDataModels';
import type { Models } from '../../persistence/models';
import type { UseCaseContext } from '../context';

export const chunkId = (importId: Types.ObjectId | string, n: number) => `${String(importId)}:${n}`;

export function reportHeaderView(d: ImportReportDoc): ImportListItem {
  return {
    id: String(d._id),
    kind: d.kind,
    dryRun: d.dryRun,
    status: d.status,
    createdAt: d.createdAt.toISOString(),
    finishedAt: d.finishedAt ? d.finishedAt.toISOString() : null,
    createdBy: { id: String(d.createdBy.id), name: d.createdBy.name ?? '', email: d.createdBy.email ?? '' },
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
    failure: d.failure ?? null,
  };
}

export interface ReportStart {
  kind: ImportKind;
  dryRun: boolean;
  file: ImportListItem['file'];
  columns: ImportListItem['columns'];
  ignoredColumns: string[];
  totalRows: number;
}

export class ReportWriter {
  readonly id = new Types.ObjectId();
  private chunks = 0;
  readonly summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, errors: 0 };
  rowsRead = 0;

  constructor(private readonly models: Models) {}

  async start(ctx: UseCaseContext, s: ReportStart): Promise<void> {
    await this.models.ImportReport.create({
      _id: this.id,
      kind: s.kind,
      dryRun: s.dryRun,
      status: 'running',
      createdAt: ctx.now,
      createdBy: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
      file: s.file,
      columns: s.columns,
      ignoredColumns: s.ignoredColumns,
      totalRows: s.totalRows,
    });
  }

  async append(rows: readonly ImportRow[]): Promise<void> {
    if (rows.length === 0) return;
    for (const r of rows) {
      if (r.status === 'error') this.summary.errors++;
      else this.summary[r.status]++;
    }
    this.rowsRead += rows.length;
    await this.models.ImportChunk.create({ _id: chunkId(this.id, this.chunks), rows: [...rows] });
    this.chunks++;
    await this.models.ImportReport.updateOne(
      { _id: this.id },
      { $set: { rowsRead: this.rowsRead, summary: this.summary, chunkCount: this.chunks } },
    );
  }

  async finish(at: Date, failure: string | null): Promise<void> {
    await this.models.ImportReport.updateOne(
      { _id: this.id },
      { $set: { status: failure ? 'failed' : 'done', finishedAt: at, failure, rowsRead: this.rowsRead, summary: this.summary, chunkCount: this.chunks } },
    );
  }
}

export async function getReportHeader(models: Models, id: string): Promise<ImportReportDoc> {
  const doc = await models.ImportReport.findById(new Types.ObjectId(id)).lean();
  if (!doc) throw AppError.notFound('The import report');
  return doc;
}

export async function listReports(models: Models, limit: number): Promise<ImportListItem[]> {
  const docs = await models.ImportReport.find().sort({ createdAt: -1, _id: -1 }).limit(limit).lean();
  return docs.map(reportHeaderView);
}

/**
 * Writes the whole report as JSON (`{ …header, rows: [...] }`) chunk by chunk, so a report of
 * 100,000 rows never has to be one object in memory. Waits for the stream to drain between chunks.
 */
export async function writeReportJson(models: Models, header: ImportReportDoc, out: Writable): Promise<void> {
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });
  const head = JSON.stringify(reportHeaderView(header));
  await write(`${head.slice(0, -1)},"rows":[`);
  let first = true;
  for (let n = 0; n < (header.chunkCount ?? 0); n++) {
    const chunk = await models.ImportChunk.findById(chunkId(header._id, n)).lean();
    if (!chunk) continue;
    const rows = chunk.rows.map((r) => {
      const row: ImportRow = { line: r.line, status: r.status as ImportRow['status'] };
      if (r.key) row.key = r.key;
      if (r.errors && r.errors.length > 0) row.errors = r.errors.map((e) => ({ column: e.column ?? '', message: e.message ?? '' }));
      return JSON.stringify(row);
    });
    if (rows.length === 0) continue;
    await write(`${first ? '' : ','}${rows.join(',')}`);
    first = false;
  }
  await write(']}');
}
