/**
 * Responsible and backup account managers, in bulk. Staff turnover is a named risk: a leaving
 * manager's customers are handed over in one step. Nobody is left both responsible and backup
 * of the same customer: that backup is emptied (and counted) instead.
 */
import type { z } from 'zod';
import type { AssignManagersSchema, HandoverResult, HandoverSchema } from '../../shared/contract-admin';
import { AppError } from '../errors';
import type { UseCaseContext } from './context';
import { customersChangedInBulk } from './desk';
import { assertUsersExist } from './references';

export async function handOver(ctx: UseCaseContext, input: z.output<typeof HandoverSchema>): Promise<HandoverResult> {
  const { repos } = ctx;
  await assertUsersExist(repos, { fromUserId: input.fromUserId, toUserId: input.toUserId, backupToUserId: input.backupToUserId });
  const to = input.toUserId;
  const backupTo = input.backupToUserId ?? input.toUserId;
  const responsible = await repos.customers.replaceManager('responsibleId', input.fromUserId, to);
  const backup = await repos.customers.replaceManager('backupId', input.fromUserId, backupTo);
  let backupCleared = 0;
  for (const who of new Set([to, backupTo])) backupCleared += await repos.customers.clearSelfBackup(who);
  // Only the desks of the three people involved change; a backup cleared is on a customer handed over.
  await customersChangedInBulk(repos, { ids: [...responsible, ...backup], users: [input.fromUserId, to, backupTo] });
  return { responsibleChanged: responsible.length, backupChanged: backup.length, backupCleared };
}

export async function assignManagers(ctx: UseCaseContext, input: z.output<typeof AssignManagersSchema>): Promise<{ matched: number; changed: number }> {
  const { repos } = ctx;
  await assertUsersExist(repos, { responsibleId: input.responsibleId, backupId: input.backupId });
  const ids = [...new Set(input.organizationIds)];
  const before = await repos.customers.getMany(ids);
  if (before.length !== ids.length) throw AppError.unprocessable('organizationIds must all name customers', 'organizationIds');
  const fields: { responsibleId?: string | null; backupId?: string | null } = {};
  if (input.responsibleId !== undefined) fields.responsibleId = input.responsibleId ?? null;
  if (input.backupId !== undefined) fields.backupId = input.backupId ?? null;
  const { changed } = await repos.customers.setManagers(ids, fields);
  for (const who of [input.responsibleId, input.backupId]) if (who) await repos.customers.clearSelfBackup(who, ids);
  // Every customer named: a change of their managers that raced this one is on their own desks' writes.
  await customersChangedInBulk(repos, { ids });
  return { matched: ids.length, changed };
}
