/**
 * The classification trees (one for customers, one for contacts), as the main user keeps them:
 * add, rename, move, delete. Names are unique among siblings, so that a path such as
 * "Toimiala > Rakentaminen" names one node (CSV files use paths). A node in use is deleted
 * only when its records are given another node instead.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type {
  ClassificationNode, CreateClassificationSchema, UpdateClassificationSchema,
} from '../../shared/contract-admin';
import { AppError } from '../errors';
import type { ClassificationNodeDoc, Models } from '../persistence/models';
import { idOf } from '../persistence/views';
import type { UseCaseContext } from './context';
import { loadClassificationIndex } from './imports/importContext';

type Target = 'organization' | 'contact';

const holders = (models: Models, appliesTo: Target) => (appliesTo === 'organization' ? models.Organization : models.Contact) as typeof models.Contact;

/** How many records carry each node: one aggregation per tree. */
async function usageCounts(models: Models): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const model of [models.Organization, models.Contact] as (typeof models.Contact)[]) {
    const rows = await model.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $project: { classificationIds: 1 } },
      { $unwind: '$classificationIds' },
      { $group: { _id: '$classificationIds', n: { $sum: 1 } } },
    ]);
    for (const r of rows) counts.set(idOf(r._id), (counts.get(idOf(r._id)) ?? 0) + r.n);
  }
  return counts;
}

export async function listClassifications(ctx: UseCaseContext, appliesTo?: Target): Promise<ClassificationNode[]> {
  const [nodes, index, usage] = await Promise.all([
    ctx.models.ClassificationNode.find(appliesTo ? { appliesTo } : {}).lean(),
    loadClassificationIndex(ctx.models),
    usageCounts(ctx.models),
  ]);
  return nodes
    .map((n) => ({
      id: idOf(n._id),
      name: n.name,
      parentId: n.parentId ? idOf(n.parentId) : null,
      appliesTo: n.appliesTo,
      path: index.pathOf.get(idOf(n._id)) ?? n.name,
      usage: usage.get(idOf(n._id)) ?? 0,
    }))
    .sort((a, b) => a.appliesTo.localeCompare(b.appliesTo) || a.path.localeCompare(b.path, 'fi'));
}

async function nodeOrThrow(models: Models, id: string, what = 'The classification'): Promise<ClassificationNodeDoc> {
  const node = await models.ClassificationNode.findById(new Types.ObjectId(id)).lean();
  if (!node) throw AppError.notFound(what);
  return node;
}

async function assertFreeName(models: Models, name: string, parentId: Types.ObjectId | null, appliesTo: Target, except?: Types.ObjectId) {
  const siblings = await models.ClassificationNode.find({ parentId, appliesTo }, { name: 1 }).lean();
  if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase() && !(except && s._id.equals(except)))) {
    throw AppError.conflict('name', `"${name}" is already a classification at this place in the tree`);
  }
}

async function viewOf(ctx: UseCaseContext, id: Types.ObjectId): Promise<ClassificationNode> {
  const all = await listClassifications(ctx);
  return all.find((n) => n.id === idOf(id))!;
}

export async function createClassification(ctx: UseCaseContext, input: z.output<typeof CreateClassificationSchema>): Promise<ClassificationNode> {
  const parentId = input.parentId ? new Types.ObjectId(input.parentId) : null;
  if (parentId) {
    const parent = await nodeOrThrow(ctx.models, input.parentId!, 'The parent classification');
    if (parent.appliesTo !== input.appliesTo) throw AppError.unprocessable(`parentId is a ${parent.appliesTo} classification`, 'parentId');
  }
  await assertFreeName(ctx.models, input.name, parentId, input.appliesTo);
  const doc = await ctx.models.ClassificationNode.create({ name: input.name, parentId, appliesTo: input.appliesTo });
  return viewOf(ctx, doc._id);
}

export async function updateClassification(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateClassificationSchema>): Promise<ClassificationNode> {
  const node = await nodeOrThrow(ctx.models, id);
  const set: Record<string, unknown> = {};
  let parentId = node.parentId ?? null;
  if (patch.parentId !== undefined) {
    parentId = patch.parentId ? new Types.ObjectId(patch.parentId) : null;
    if (parentId) {
      const parent = await nodeOrThrow(ctx.models, patch.parentId!, 'The parent classification');
      if (parent.appliesTo !== node.appliesTo) throw AppError.unprocessable(`parentId is a ${parent.appliesTo} classification`, 'parentId');
      // Moving a node under itself or its own descendant would cut the branch off the tree.
      const all = await ctx.models.ClassificationNode.find({ appliesTo: node.appliesTo }, { parentId: 1 }).lean();
      const parentOf = new Map(all.map((n) => [idOf(n._id), n.parentId ? idOf(n.parentId) : null]));
      for (let at: string | null = idOf(parentId); at; at = parentOf.get(at) ?? null) {
        if (at === idOf(node._id)) throw AppError.unprocessable('a classification cannot move under itself or its own sub-classification', 'parentId');
      }
    }
    set.parentId = parentId;
  }
  const name = patch.name ?? node.name;
  if (patch.name !== undefined) set.name = patch.name;
  await assertFreeName(ctx.models, name, parentId, node.appliesTo, node._id);
  await ctx.models.ClassificationNode.updateOne({ _id: node._id }, { $set: set });
  return viewOf(ctx, node._id);
}

export async function deleteClassification(ctx: UseCaseContext, id: string, reassignTo?: string): Promise<{ deleted: string; reassigned: number }> {
  const { models } = ctx;
  const node = await nodeOrThrow(models, id);
  if (await models.ClassificationNode.exists({ parentId: node._id })) {
    throw AppError.conflict('id', 'has sub-classifications: move or delete them first');
  }
  const model = holders(models, node.appliesTo);
  const inUse = await model.countDocuments({ classificationIds: node._id });
  let reassigned = 0;
  if (inUse > 0) {
    if (!reassignTo) {
      throw AppError.conflict('reassignTo', `is needed: ${inUse} ${node.appliesTo === 'organization' ? 'customers' : 'contacts'} carry this classification`);
    }
    const target = await nodeOrThrow(models, reassignTo, 'The classification to reassign to');
    if (target._id.equals(node._id)) throw AppError.unprocessable('reassignTo must be another classification', 'reassignTo');
    if (target.appliesTo !== node.appliesTo) throw AppError.unprocessable(`reassignTo is a ${target.appliesTo} classification`, 'reassignTo');
    // Two steps without a transaction, each safe to repeat: add the new node, then drop the old one.
    const added = await model.updateMany({ classificationIds: node._id }, { $addToSet: { classificationIds: target._id } });
    await model.updateMany({ classificationIds: node._id }, { $pull: { classificationIds: node._id } });
    reassigned = added.matchedCount;
  }
  await models.ClassificationNode.deleteOne({ _id: node._id });
  return { deleted: idOf(node._id), reassigned };
}
