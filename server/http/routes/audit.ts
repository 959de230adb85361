/** The audit log, newest first, paged (administrators). */
import { AuditQuerySchema } from '../../../shared/contract';
import { listAudit } from '../../usecases/audit';
import { ADMINS, route, type RouteDeclaration } from '../route';

export const AUDIT_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/audit', resource: 'audit', access: ADMINS, query: AuditQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await listAudit(ctx.repos, query)),
  }),
];
