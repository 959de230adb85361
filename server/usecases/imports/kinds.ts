/** What the import run needs from each kind of row (customers, contacts). */
import type { ImportRow } from '../../../shared/contract-admin';
import type { ColumnDef, HeaderMapping } from '../../csv/columns';
import type { CsvRecord } from '../../csv/parse';
import type { UniqueKeyKind } from '../../persistence/repositories';
import type { UseCaseContext } from '../context';
import type { ImportState } from './importContext';

export interface BatchResult {
  rows: ImportRow[];
}

export interface KindHandler<F extends string> {
  columns: readonly ColumnDef<F>[];
  /** The unique keys the rows are matched and checked against. */
  keyKinds: readonly UniqueKeyKind[];
  /** Why a file with these columns cannot be imported at all (nothing is read then). */
  headerProblems(mapping: HeaderMapping<F>): string[];
  /** Judges a batch of rows in file order and, unless a dry run, writes the good ones. */
  batch(ctx: UseCaseContext, state: ImportState, mapping: HeaderMapping<F>, records: readonly CsvRecord[], dryRun: boolean): Promise<BatchResult>;
}
