/** The audit log: every write through the API is recorded; administrators read it newest first. */
import type { z } from 'zod';
import type { AuditEntry, AuditQuerySchema } from '../../shared/contract';
import type { AuditRecord, Repositories, StoredAuditRecord, UserRecord } from '../persistence/repositories';

export interface AuditInput extends Omit<AuditRecord, 'actor'> {
  actor: Pick<UserRecord, 'id' | 'name' | 'role'>;
}

/** A write by a signed-in user. */
export async function recordAudit(repos: Repositories, r: AuditInput): Promise<void> {
  await repos.audit.record({ ...r, actor: { kind: 'user', id: r.actor.id, name: r.actor.name, role: r.actor.role } });
}

export interface PublicAuditInput extends Omit<AuditRecord, 'actor' | 'status' | 'at'> {
  contact: { id: string; name: string };
  at: Date;
}

/**
 * A write by a contact on a public page (an unsubscribe, a survey answer): the contact is the actor,
 * marked as such (no role), so the audit log tells it from what users did. Recorded before the page
 * answers, as the API's writes are.
 */
export async function recordPublicAudit(repos: Repositories, r: PublicAuditInput): Promise<void> {
  const { contact, ...rest } = r;
  await repos.audit.record({ ...rest, status: 200, actor: { kind: 'contact', id: contact.id, name: contact.name, role: null } });
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
