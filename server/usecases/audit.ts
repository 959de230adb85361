/** The audit log: every write through the API is recorded; administrators read it newest first. */
import type { z } from 'zod';
import type { AuditEntry, AuditQuerySchema } from '../../shared/contract';
import type { AuditRecord, Repositories, StoredAuditRecord, UserRecord } from '../persistence/repositories';

export interface AuditInput extends Omit<AuditRecord, 'actor'> {
  actor: Pick<UserRecord, 'id' | 'name' | 'role'>;
}

export async function recordAudit(repos: Repositories, r: AuditInput): Promise<void> {
  await repos.audit.record({ ...r, actor: { id: r.actor.id, name: r.actor.name, role: r.actor.role } });
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

const view = (d: StoredAuditRecord): AuditEntry => ({
  id: d.id,
  at: d.at.toISOString(),
  actor: { ...d.actor },
  action: d.action,
  resource: d.resource,
  recordId: d.recordId,
  changedFields: [...d.changedFields],
  route: d.route,
  status: d.status,
  requestId: d.requestId,
});

export async function listAudit(repos: Repositories, q: z.output<typeof AuditQuerySchema>) {
  const page = await repos.audit.list({ recordId: q.recordId, actorId: q.actorId, resource: q.resource }, q);
  return { ...page, items: page.items.map(view) };
}
