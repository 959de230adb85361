/**
 * The classification trees (`classification_nodes`), and what customers and contacts know of them
 * (`classificationIds`).
 *
 * Why each write is safe with several instances:
 * - a node's create is an insert with a fresh `_id`; a rename or move a `$set` of the named fields
 *   by `_id`; a delete a delete by `_id`.
 * - reassigning the records that carry a node (before it is deleted): `$addToSet` of the new node,
 *   then `$pull` of the old one, each an `updateMany` filtered on the old node, so each document's
 *   update is atomic on every engine (the engine module runs them one `_id` update at a time on
 *   FerretDB) and a repeat after a failure between the two steps changes nothing twice.
 * Sibling names are checked before a write (there is no unique index over parent and name that
 * FerretDB would enforce): two administrators adding the same name under one parent at the same
 * moment can both succeed, and one renames the duplicate.
 *
 * Writes go through mongoose's model methods (not the raw collection), so that the reference-data
 * cache (./referenceData) sees them.
 */
import type { Engine, AnyModel } from '../engine';
import type { ClassificationNodeDoc, Models } from '../models';
import { classificationFromDoc, oid, oidOrNull, type ClassificationRecord, type ClassificationTarget } from './records';

/** What the holders of classifications (customers, contacts) answer about them. */
export interface ClassificationHolder {
  /** How many records carry each node. */
  classificationUsage(): Promise<Map<string, number>>;
  /** How many records carry the node. */
  countWithClassification(id: string): Promise<number>;
  /** Gives every record that carries `from` the node `to` instead; returns how many carried `from`. */
  replaceClassification(from: string, to: string): Promise<number>;
}

export function classificationHolder(model: AnyModel, engine: Engine): ClassificationHolder {
  return {
    async classificationUsage() {
      const rows = await model.aggregate<{ _id: unknown; n: number }>([
        { $project: { classificationIds: 1 } },
        { $unwind: '$classificationIds' },
        { $group: { _id: '$classificationIds', n: { $sum: 1 } } },
      ]);
      return new Map(rows.map((r) => [String(r._id), r.n]));
    },
    countWithClassification: (id) => model.countDocuments({ classificationIds: oid(id) }).exec(),
    async replaceClassification(from, to) {
      const added = await engine.updateMany(model, { classificationIds: oid(from) }, { $addToSet: { classificationIds: oid(to) } });
      await engine.updateMany(model, { classificationIds: oid(from) }, { $pull: { classificationIds: oid(from) } });
      return added.matched;
    },
  };
}

export interface NewClassification {
  name: string;
  parentId: string | null;
  appliesTo: ClassificationTarget;
}

export interface ClassificationRepository {
  /** Every node (of one tree, when given), read now (not the cached reference data). */
  all(appliesTo?: ClassificationTarget): Promise<ClassificationRecord[]>;
  get(id: string): Promise<ClassificationRecord | null>;
  /** The nodes directly under `parentId` (null: the top) of one tree. */
  children(parentId: string | null, appliesTo: ClassificationTarget): Promise<ClassificationRecord[]>;
  hasChildren(id: string): Promise<boolean>;
  create(node: NewClassification): Promise<ClassificationRecord>;
  /** Renames or moves a node; null when there is no such node. */
  update(id: string, fields: Partial<Pick<ClassificationRecord, 'name' | 'parentId'>>): Promise<ClassificationRecord | null>;
  delete(id: string): Promise<boolean>;
}

export function classificationRepository(models: Models, engine: Engine): ClassificationRepository {
  const { ClassificationNode } = models;
  const fields = { name: 1, parentId: 1, appliesTo: 1 } as const;
  const get = async (id: string) => {
    const [doc] = await engine.findByIds<ClassificationNodeDoc>(ClassificationNode, [oid(id)], fields);
    return doc ? classificationFromDoc(doc) : null;
  };
  return {
    async all(appliesTo) {
      return (await ClassificationNode.find(appliesTo ? { appliesTo } : {}, fields).lean<ClassificationNodeDoc[]>()).map(classificationFromDoc);
    },
    get,
    async children(parentId, appliesTo) {
      return (await ClassificationNode.find({ parentId: oidOrNull(parentId), appliesTo }, fields).lean<ClassificationNodeDoc[]>()).map(classificationFromDoc);
    },
    async hasChildren(id) {
      return (await ClassificationNode.exists({ parentId: oid(id) })) !== null;
    },
    async create(node) {
      const doc = await ClassificationNode.create({ name: node.name, parentId: oidOrNull(node.parentId), appliesTo: node.appliesTo });
      return classificationFromDoc(doc.toObject() as ClassificationNodeDoc);
    },
    async update(id, change) {
      const set: Record<string, unknown> = {};
      if (change.name !== undefined) set.name = change.name;
      if (change.parentId !== undefined) set.parentId = oidOrNull(change.parentId);
      if (Object.keys(set).length === 0) return get(id);
      const res = await engine.updateById<ClassificationNodeDoc>(ClassificationNode, oid(id), { $set: set }, { returnDocument: 'after' });
      return res.doc ? classificationFromDoc(res.doc) : null;
    },
    async delete(id) {
      return engine.deleteById(ClassificationNode, oid(id));
    },
  };
}
