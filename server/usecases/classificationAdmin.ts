/**
 * The classification trees (one for customers, one for contacts), as the main user keeps them:
 * add, rename, move, delete. Names are unique among siblings, so that a path such as
 * "Toimiala > Rakentaminen" names one node (CSV files use paths). A node in use is deleted
 * only when its records are given another node instead.
 */
import type { z } from 'zod';
import type {
  ClassificationNode, CreateClassificationSchema, UpdateClassificationSchema,
} from '../../shared/contract-admin';
import { AppError } from '../errors';
import type { ClassificationHolder, ClassificationRecord, ClassificationTarget, Repositories } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { classificationIndex } from './imports/importContext';

const holders = (repos: Repositories, appliesTo: ClassificationTarget): ClassificationHolder =>
  appliesTo === 'organization' ? repos.customers : repos.contacts;

/** How many records carry each node: one aggregation per tree. */
async function usageCounts(repos: Repositories): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const holder of [repos.customers, repos.contacts]) {
    for (const [id, n] of await holder.classificationUsage()) counts.set(id, (counts.get(id) ?? 0) + n);
  }
  return counts;
}

export async function listClassifications(ctx: UseCaseContext, appliesTo?: ClassificationTarget): Promise<ClassificationNode[]> {
  const [nodes, usage] = await Promise.all([ctx.repos.classifications.all(), usageCounts(ctx.repos)]);
  const index = classificationIndex(nodes);
  return nodes
    .filter((n) => !appliesTo || n.appliesTo === appliesTo)
    .map((n) => ({
      id: n.id,
      name: n.name,
      parentId: n.parentId,
      appliesTo: n.appliesTo,
      path: index.pathOf.get(n.id) ?? n.name,
      usage: usage.get(n.id) ?? 0,
    }))
    .sort((a, b) => a.appliesTo.localeCompare(b.appliesTo) || a.path.localeCompare(b.path, 'fi'));
}

async function nodeOrThrow(repos: Repositories, id: string, what = 'The classification'): Promise<ClassificationRecord> {
  const node = await repos.classifications.get(id);
  if (!node) throw AppError.notFound(what);
  return node;
}

async function assertFreeName(repos: Repositories, name: string, parentId: string | null, appliesTo: ClassificationTarget, except?: string) {
  const siblings = await repos.classifications.children(parentId, appliesTo);
  if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase() && s.id !== except)) {
    throw AppError.conflict('name', `"${name}" is already a classification at this place in the tree`);
  }
}

async function viewOf(ctx: UseCaseContext, id: string): Promise<ClassificationNode> {
  const all = await listClassifications(ctx);
  return all.find((n) => n.id === id)!;
}

export async function createClassification(ctx: UseCaseContext, input: z.output<typeof CreateClassificationSchema>): Promise<ClassificationNode> {
  const { repos } = ctx;
  const parentId = input.parentId ?? null;
  if (parentId) {
    const parent = await nodeOrThrow(repos, parentId, 'The parent classification');
    if (parent.appliesTo !== input.appliesTo) throw AppError.unprocessable(`parentId is a ${parent.appliesTo} classification`, 'parentId', 'invalid_value');
  }
  await assertFreeName(repos, input.name, parentId, input.appliesTo);
  const node = await repos.classifications.create({ name: input.name, parentId, appliesTo: input.appliesTo });
  return viewOf(ctx, node.id);
}

export async function updateClassification(ctx: UseCaseContext, id: string, patch: z.output<typeof UpdateClassificationSchema>): Promise<ClassificationNode> {
  const { repos } = ctx;
  const node = await nodeOrThrow(repos, id);
  const change: Partial<Pick<ClassificationRecord, 'name' | 'parentId'>> = {};
  let parentId = node.parentId;
  if (patch.parentId !== undefined) {
    parentId = patch.parentId ?? null;
    if (parentId) {
      const parent = await nodeOrThrow(repos, parentId, 'The parent classification');
      if (parent.appliesTo !== node.appliesTo) throw AppError.unprocessable(`parentId is a ${parent.appliesTo} classification`, 'parentId', 'invalid_value');
      // Moving a node under itself or its own descendant would cut the branch off the tree.
      const parentOf = new Map((await repos.classifications.all(node.appliesTo)).map((n) => [n.id, n.parentId]));
      for (let at: string | null = parentId; at; at = parentOf.get(at) ?? null) {
        if (at === node.id) throw AppError.unprocessable('a classification cannot move under itself or its own sub-classification', 'parentId', 'invalid_value');
      }
    }
    change.parentId = parentId;
  }
  const name = patch.name ?? node.name;
  if (patch.name !== undefined) change.name = patch.name;
  await assertFreeName(repos, name, parentId, node.appliesTo, node.id);
  if (!(await repos.classifications.update(node.id, change))) throw AppError.notFound('The classification');
  return viewOf(ctx, node.id);
}

export async function deleteClassification(ctx: UseCaseContext, id: string, reassignTo?: string): Promise<{ deleted: string; reassigned: number }> {
  const { repos } = ctx;
  const node = await nodeOrThrow(repos, id);
  if (await repos.classifications.hasChildren(node.id)) {
    throw AppError.conflict('id', 'has sub-classifications: move or delete them first', 'invalid');
  }
  const holder = holders(repos, node.appliesTo);
  const inUse = await holder.countWithClassification(node.id);
  let reassigned = 0;
  if (inUse > 0) {
    if (!reassignTo) {
      throw AppError.conflict('reassignTo', `is needed: ${inUse} ${node.appliesTo === 'organization' ? 'customers' : 'contacts'} carry this classification`, 'required');
    }
    const target = await nodeOrThrow(repos, reassignTo, 'The classification to reassign to');
    if (target.id === node.id) throw AppError.unprocessable('reassignTo must be another classification', 'reassignTo', 'invalid_value');
    if (target.appliesTo !== node.appliesTo) throw AppError.unprocessable(`reassignTo is a ${target.appliesTo} classification`, 'reassignTo', 'invalid_value');
    // Two steps without a transaction, each atomic per record and safe to repeat: add the new node, then drop the old one.
    reassigned = await holder.replaceClassification(node.id, target.id);
  }
  await repos.classifications.delete(node.id);
  return { deleted: node.id, reassigned };
}
