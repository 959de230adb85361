/** Merge records (`merge_records`): append-only, an insert with a fresh `_id` each. */
import type { PersonRef } from '../../../shared/contract';
import type { MergeRecordDoc } from '../customerDataModels';
import type { Models } from '../models';
import { oid, str } from './records';

export interface MergeRecord {
  id: string;
  kind: 'organization' | 'contact';
  keptId: string;
  mergedIds: string[];
  /** The merged records as they were. */
  merged: Record<string, unknown>[];
  moved: { actions: number; contacts: number; keys: number; tasks: number; plannedActions: number };
  note: string | null;
  by: PersonRef;
  at: Date;
}

export interface MergeRecordRepository {
  record(r: Omit<MergeRecord, 'id'>): Promise<MergeRecord>;
  latest(limit: number): Promise<MergeRecord[]>;
}

export function mergeRecordRepository(models: Models): MergeRecordRepository {
  const { MergeRecord } = models;
  const fromDoc = (d: MergeRecordDoc): MergeRecord => ({
    id: str(d._id),
    kind: d.kind,
    keptId: str(d.keptId),
    mergedIds: d.mergedIds.map(str),
    merged: (d.merged ?? []) as Record<string, unknown>[],
    moved: {
      actions: d.moved?.actions ?? 0, contacts: d.moved?.contacts ?? 0, keys: d.moved?.keys ?? 0,
      tasks: d.moved?.tasks ?? 0, plannedActions: d.moved?.plannedActions ?? 0,
    },
    note: d.note ?? null,
    by: { id: str(d.by.id), name: d.by.name ?? '', email: d.by.email ?? '' },
    at: d.at,
  });
  return {
    async record(r) {
      const doc = await MergeRecord.create({ ...r, keptId: oid(r.keptId), mergedIds: r.mergedIds.map(oid), by: { ...r.by, id: oid(r.by.id) } });
      return fromDoc(doc.toObject() as MergeRecordDoc);
    },
    async latest(limit) {
      return (await MergeRecord.find().sort({ at: -1, _id: -1 }).limit(limit).lean()).map(fromDoc);
    },
  };
}
