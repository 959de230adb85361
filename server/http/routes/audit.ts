/** GET /api/v1/audit: the audit log, newest first, paged (administrators; see ../permissions). */
import { Router } from 'express';
import { AuditQuerySchema } from '../../../shared/contract';
import type { Models } from '../../persistence/models';
import { listAudit } from '../../usecases/audit';
import { parseInput } from '../validate';

export function auditRouter(models: Models): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    res.json(await listAudit(models, parseInput(AuditQuerySchema, req.query, 'query')));
  });
  return router;
}
