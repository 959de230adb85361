/**
 * Collections of customer-data administration: CSV import reports and merge records.
 * A report's rows are kept in chunks of up to IMPORT_CHUNK_ROWS under deterministic `_id`s
 * (`<importId>:<n>`), so a report of any size is stored and read back by `_id` alone: the
 * one lookup FerretDB's SQLite backend answers from an index.
 */
import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { IMPORT_KINDS } from '../../shared/contract-admin';

export const IMPORT_CHUNK_ROWS = 1000;

const personRef = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, name: String, email: String }, { _id: false });
const counts = new Schema(
  { created: { type: Number, default: 0 }, updated: { type: Number, default: 0 }, unchanged: { type: Number, default: 0 }, errors: { type: Number, default: 0 } },
  { _id: false, suppressReservedKeysWarning: true },
);

export const importReportSchema = new Schema(
  {
    kind: { type: String, enum: IMPORT_KINDS, required: true },
    dryRun: { type: Boolean, required: true },
    status: { type: String, enum: ['running', 'done', 'failed'], required: true },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    createdBy: { type: personRef, required: true },
    file: {
      bytes: { type: Number, default: 0 },
      expectedBytes: { type: Number, default: null },
      sha256: { type: String, default: null },
      encoding: { type: String, default: null },
      delimiter: { type: String, default: null },
    },
    columns: { type: [new Schema({ header: String, field: String }, { _id: false })], default: [] },
    ignoredColumns: { type: [String], default: [] },
    totalRows: { type: Number, default: null },
    rowsRead: { type: Number, default: 0 },
    summary: { type: counts, default: () => ({}) },
    chunkCount: { type: Number, default: 0 },
    failure: { type: String, default: null },
  },
  { collection: 'import_reports', versionKey: false, strict: 'throw', suppressReservedKeysWarning: true },
);
importReportSchema.index({ createdAt: -1 });

const importRow = new Schema(
  {
    line: { type: Number, required: true },
    status: { type: String, required: true },
    key: { type: String },
    errors: { type: [new Schema({ column: String, message: String }, { _id: false })], default: undefined },
  },
  { _id: false, suppressReservedKeysWarning: true },
);

export const importChunkSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${importId}:${n}`
    rows: { type: [importRow], default: [] },
  },
  { collection: 'import_chunks', versionKey: false, strict: 'throw' },
);

export const mergeRecordSchema = new Schema(
  {
    kind: { type: String, enum: ['organization', 'contact'], required: true },
    keptId: { type: Schema.Types.ObjectId, required: true },
    mergedIds: { type: [Schema.Types.ObjectId], required: true },
    /** The merged records as they were before the merge. */
    merged: { type: [Schema.Types.Mixed], default: [] },
    moved: { actions: Number, contacts: Number, keys: Number, tasks: Number, plannedActions: Number },
    note: { type: String, default: null },
    by: { type: personRef, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'merge_records', versionKey: false, strict: 'throw' },
);
mergeRecordSchema.index({ at: -1 });

export type ImportReportDoc = InferSchemaType<typeof importReportSchema> & { _id: Types.ObjectId };
export type ImportChunkDoc = InferSchemaType<typeof importChunkSchema>;
export type MergeRecordDoc = InferSchemaType<typeof mergeRecordSchema> & { _id: Types.ObjectId };
