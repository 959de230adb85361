/** The audit log: every write through the API is recorded; administrators read it newest first. */
import type { z } from 'zod';
import type { AuditEntry, AuditQuerySchema } from '../../shared/contract';
import type { Role } from '../../shared/domain/codes';
import type { Models, UserDoc } from '../persistence/models';
import type { AuditEntryDoc } from '../persistence/securityModels';
import { toObjectId } from '../persistence/store';

export interface AuditRecord {
  actor: Pick<UserDoc, '_id' | 'name' | 'role'>;
  action: string;
  resource: string;
  recordId: string | null;
  changedFields: readonly string[];
  route: string;
  status: number;
  requestId: string | null;
  at: Date;
}

export async function recordAudit(models: Models, r: AuditRecord): Promise<void> {
  await models.AuditEntry.create({
    at: r.at,
    actor: { id: r.actor._id, name: r.actor.name, role: r.actor.role as Role },
    action: r.action,
    resource: r.resource,
    recordId: r.recordId,
    changedFields: [...new Set(r.changedFields)].sort(),
    route: r.route,
    status: r.status,
    requestId: r.requestId,
  });
}

/** Field names a request body sets, as dotted paths (two levels deep); never the values. */
export function changedFieldsOf(body: unknown, depth = 2, prefix = ''): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0;
    return isObject && depth > 1 ? changedFieldsOf(value, depth - 1, path) : [path];
  });
}

const view = (d: AuditEntryDoc): AuditEntry => ({
  id: String(d._id),
  at: d.at.toISOString(),
  actor: { id: String(d.actor.id), name: d.actor.name, role: d.actor.role as Role },
  action: d.action,
  resource: d.resource,
  recordId: d.recordId ?? null,
  changedFields: d.changedFields ?? [],
  route: d.route,
  status: d.status,
  requestId: d.requestId ?? null,
});

export async function listAudit(models: Models, q: z.output<typeof AuditQuerySchema>) {
  const filter: Record<string, unknown> = {};
  if (q.recordId) filter.recordId = q.recordId;
  if (q.actorId) filter['actor.id'] = toObjectId(q.actorId);
  if (q.resource) filter.resource = q.resource;
  const docs = await models.AuditEntry.find(filter)
    .sort({ at: -1, _id: -1 })
    .skip((q.page - 1) * q.pageSize)
    .limit(q.pageSize + 1)
    .lean();
  return { items: docs.slice(0, q.pageSize).map(view), page: q.page, pageSize: q.pageSize, hasMore: docs.length > q.pageSize };
}
