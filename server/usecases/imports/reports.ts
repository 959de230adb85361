/** Import reports: stored as a header plus row chunks (the import-report repository), read back as one JSON document. */
import type { Writable } from 'node:stream';
import type { ImportKind, ImportListItem, ImportRow, ImportSummary } from '../../../shared/contract-admin';
import { AppError } from '../../errors';
import type { ImportReportRecord } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';

export function reportHeaderView(r: ImportReportRecord): ImportListItem {
  return {
    id: r.id,
    kind: r.kind,
    dryRun: r.dryRun,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
    createdBy: { ...r.createdBy },
    file: { ...r.file },
    columns: r.columns.map((c) => ({ ...c })),
    ignoredColumns: [...r.ignoredColumns],
    totalRows: r.totalRows,
    rowsRead: r.rowsRead,
    summary: { ...r.summary },
    failure: r.failure,
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

/** Writes one run's report as the run goes: the header first, then a chunk per batch of rows. */
export class ReportWriter {
  readonly id: string;
  private chunks = 0;
  readonly summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, errors: 0 };
  rowsRead = 0;

  constructor(private readonly ctx: UseCaseContext) {
    this.id = ctx.repos.importReports.newId();
  }

  async start(s: ReportStart): Promise<void> {
    const { ctx } = this;
    await ctx.repos.importReports.start({
      id: this.id,
      kind: s.kind,
      dryRun: s.dryRun,
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
    await this.ctx.repos.importReports.appendChunk(this.id, this.chunks, rows, { rowsRead: this.rowsRead, summary: { ...this.summary } });
    this.chunks++;
  }

  async finish(at: Date, failure: string | null): Promise<void> {
    await this.ctx.repos.importReports.finish(this.id, {
      finishedAt: at, failure, rowsRead: this.rowsRead, summary: { ...this.summary }, chunkCount: this.chunks,
    });
  }
}

export async function getReportHeader(ctx: UseCaseContext, id: string): Promise<ImportReportRecord> {
  const report = await ctx.repos.importReports.get(id);
  if (!report) throw AppError.notFound('The import report');
  return report;
}

export async function listReports(ctx: UseCaseContext, limit: number): Promise<ImportListItem[]> {
  return (await ctx.repos.importReports.latest(limit)).map(reportHeaderView);
}

/**
 * Writes the whole report as JSON (`{ …header, rows: [...] }`) chunk by chunk, so a report of
 * 100,000 rows never has to be one object in memory. Waits for the stream to drain between chunks.
 */
export async function writeReportJson(ctx: UseCaseContext, header: ImportReportRecord, out: Writable): Promise<void> {
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      const ok = out.write(s, (err) => (err ? reject(err) : undefined));
      if (ok) resolve();
      else out.once('drain', resolve);
    });
  const head = JSON.stringify(reportHeaderView(header));
  await write(`${head.slice(0, -1)},"rows":[`);
  let first = true;
  for (let n = 0; n < header.chunkCount; n++) {
    const rows = (await ctx.repos.importReports.chunk(header.id, n)).map((r) => JSON.stringify(r));
    if (rows.length === 0) continue;
    await write(`${first ? '' : ','}${rows.join(',')}`);
    first = false;
  }
  await write(']}');
}
