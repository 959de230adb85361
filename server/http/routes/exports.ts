/** GET /api/v1/exports/{organizations,contacts}.csv: a selection as CSV (rights in ../permissions). */
import { Router, type Request, type Response } from 'express';
import { ExportQuerySchema } from '../../../shared/contract-admin';
import type { Models } from '../../persistence/models';
import type { UseCaseContext, UseCaseSettings } from '../../usecases/context';
import { exportContacts, exportOrganizations } from '../../usecases/exports';
import { parseInput } from '../validate';

function startCsv(res: Response, name: string, now: Date) {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
}

export function exportsRouter(models: Models, settings: UseCaseSettings, clock: () => Date = () => new Date()): Router {
  const router = Router();
  const ctx = (req: Request): UseCaseContext => ({ models, user: req.user!, now: clock(), settings });

  router.get('/exports/organizations.csv', async (req, res) => {
    const q = parseInput(ExportQuerySchema, req.query, 'query');
    const c = ctx(req);
    startCsv(res, 'asiakkaat', c.now);
    await exportOrganizations(c, q, res);
    res.end();
  });
  router.get('/exports/contacts.csv', async (req, res) => {
    const q = parseInput(ExportQuerySchema, req.query, 'query');
    const c = ctx(req);
    startCsv(res, 'yhteyshenkilot', c.now);
    await exportContacts(c, q, res);
    res.end();
  });
  return router;
}
