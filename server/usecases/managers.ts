/**
 * Responsible and backup account managers, in bulk. Staff turnover is a named risk: a leaving
 * manager's customers are handed over in one step. Nobody is left both responsible and backup
 * of the same customer: that backup is emptied (and counted) instead.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { AssignManagersSchema, HandoverResult, HandoverSchema } from '../../shared/contract-admin';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';
import { assertUsersExist } from './references';

export async function handOver(ctx: UseCaseContext, input: z.output<typeof HandoverSchema>): Promise<HandoverResult> {
  const { models } = ctx;
  await assertUsersExist(models, { fromUserId: input.fromUserId, toUserId: input.toUserId, backupToUserId: input.backupToUserId });
  const from = new Types.ObjectId(input.fromUserId);
  const to = new Types.ObjectId(input.toUserId);
  const backupTo = new Types.ObjectId(input.backupToUserId ?? input.toUserId);
  const responsible = await models.Organization.updateMany({ responsibleId: from }, { $set: { responsibleId: to } });
  const backup = await models.Organization.updateMany({ backupId: from }, { $set: { backupId: backupTo } });
  let cleared = 0;
  for (const who of new Set([String(to), String(backupTo)])) {
    const id = new Types.ObjectId(who);
    cleared += (await models.Organization.updateMany({ responsibleId: id, backupId: id }, { $set: { backupId: null } })).modifiedCount;
  }
  return { responsibleChanged: responsible.modifiedCount, backupChanged: backup.modifiedCount, backupCleared: cleared };
}

export async function assignManagers(ctx: UseCaseContext, input: z.output<typeof AssignManagersSchema>): Promise<{ matched: number; changed: number }> {
  const { models } = ctx;
  await assertUsersExist(models, { responsibleId: input.responsibleId, backupId: input.backupId });
  const ids = [...new Set(input.organizationIds)].map((id) => new Types.ObjectId(id));
  const found = await models.Organization.countDocuments({ _id: { $in: ids } });
  if (found !== ids.length) throw AppError.unprocessable('organizationIds must all name customers', 'organizationIds');
  const set: Record<string, unknown> = {};
  if (input.responsibleId !== undefined) set.responsibleId = input.responsibleId ? new Types.ObjectId(input.responsibleId) : null;
  if (input.backupId !== undefined) set.backupId = input.backupId ? new Types.ObjectId(input.backupId) : null;
  const res = await models.Organization.updateMany({ _id: { $in: ids } }, { $set: set });
  for (const who of [input.responsibleId, input.backupId]) {
    if (!who) continue;
    const id = new Types.ObjectId(who);
    await models.Organization.updateMany({ _id: { $in: ids }, responsibleId: id, backupId: id }, { $set: { backupId: null } });
  }
  return { matched: res.matchedCount, changed: res.modifiedCount };
}
