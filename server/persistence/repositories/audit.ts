/**
 * The audit log (`audit_log`): append-only entries, each an insert of an immutable fact with a
 * fresh `_id`, safe from any number of instances.
 */
import type { Role } from '../../../shared/domain/codes';
import type { Models } from '../models';
import { type Page, type PageRequest, pageFrom, pageWindow } from '../paging';
import type { AuditEntryDoc } from '../securityModels';
import { oid, str } from './records';

/** Who wrote: a signed-in user (with a role), or a contact through a public page (no role). */
export type AuditActor = { kind: 'user'; id: string; name: string; role: Role } | { kind: 'contact'; id: string; name: string; role: null };

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  resource: string;
  recordId: string | null;
  changedFields: readonly string[];
  route: string;
  status: number;
  requestId: string | null;
  at: Date;
}

export interface StoredAuditRecord extends AuditRecord {
  id: string;
}

export interface AuditRepository {
  record(entry: AuditRecord): Promise<void>;
  list(filter: { recordId?: string; actorId?: string; resource?: string }, page: PageRequest): Promise<Page<StoredAuditRecord>>;
}

export function auditRepository(models: Models): AuditRepository {
  const { AuditEntry } = models;
  const fromDoc = (d: AuditEntryDoc): StoredAuditRecord => ({
    id: str(d._id),
    at: d.at,
    actor: d.actor.kind === 'contact' || !d.actor.role
      ? { kind: 'contact', id: str(d.actor.id), name: d.actor.name, role: null }
      : { kind: 'user', id: str(d.actor.id), name: d.actor.name, role: d.actor.role as Role },
    action: d.action,
    resource: d.resource,
    recordId: d.recordId ?? null,
    changedFields: d.changedFields ?? [],
    route: d.route,
    status: d.status,
    requestId: d.requestId ?? null,
  });
  return {
    async record(r) {
      const { role, ...actor } = r.actor;
      await AuditEntry.create({ ...r, actor: { ...actor, ...(role ? { role } : {}), id: oid(r.actor.id) }, changedFields: [...new Set(r.changedFields)].sort() });
    },
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.recordId) query.recordId = filter.recordId;
      if (filter.actorId) query['actor.id'] = oid(filter.actorId);
      if (filter.resource) query.resource = filter.resource;
      const docs = await AuditEntry.find(query).sort({ at: -1, _id: -1 }).skip(pageWindow(page).skip).limit(pageWindow(page).limit).lean();
      return pageFrom(docs, page, fromDoc);
    },
  };
}
