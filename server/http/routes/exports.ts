/** A selection of customers or contacts as CSV (management and administrators); the product catalogue (administrators). */
import type { Response } from 'express';
import { ExportQuerySchema, ProductExportQuerySchema } from '../../../shared/contract-admin';
import { exportContacts, exportOrganizations, exportProducts } from '../../usecases/exports';
import { ADMINS, READERS, route, type RouteDeclaration } from '../route';

function startCsv(res: Response, name: string, now: Date) {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
}

export const EXPORT_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'GET', path: '/exports/organizations.csv', resource: 'export', access: READERS, query: ExportQuerySchema,
    handler: async ({ ctx, query, res }) => {
      startCsv(res, 'asiakkaat', ctx.now);
      await exportOrganizations(ctx, query, res);
      res.end();
    },
  }),
  route({
    method: 'GET', path: '/exports/contacts.csv', resource: 'export', access: READERS, query: ExportQuerySchema,
    handler: async ({ ctx, query, res }) => {
      startCsv(res, 'yhteyshenkilot', ctx.now);
      await exportContacts(ctx, query, res);
      res.end();
    },
  }),
  route({
    method: 'GET', path: '/exports/products.csv', resource: 'export', access: ADMINS, query: ProductExportQuerySchema,
    handler: async ({ ctx, query, res }) => {
      startCsv(res, 'tuotteet', ctx.now);
      await exportProducts(ctx, query.headers, res);
      res.end();
    },
  }),
];
