/**
 * CSV batch imports of customers and contacts (administrators). The file is the request body
 * (`text/csv`), read as a stream; the report is written out as it is read from the database.
 */
import * as z from 'zod';
import { API_PREFIX, IdSchema } from '../../../shared/contract';
import { ImportListQuerySchema, ImportQuerySchema } from '../../../shared/contract-admin';
import { AppError } from '../../errors';
import { getReportHeader, listReports, writeReportJson } from '../../usecases/imports/reports';
import { IMPORT_MAX_BYTES, runImport, spoolUpload } from '../../usecases/imports/runImport';
import { ADMINS, route, type RouteDeclaration } from '../route';

/** What Excel, browsers and other systems send CSV files as. A body without a Content-Type counts as application/octet-stream. */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'];

const IdParams = z.strictObject({ id: IdSchema });

export const IMPORT_ROUTES: readonly RouteDeclaration[] = [
  route({
    method: 'POST', path: '/imports', resource: 'import', access: ADMINS, query: ImportQuerySchema, accepts: CSV_CONTENT_TYPES,
    handler: async ({ ctx, query, req, res }) => {
      const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      if (declared !== null && declared > IMPORT_MAX_BYTES) {
        throw new AppError('payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
      }
      const file = await spoolUpload(req);
      try {
        const id = await runImport(ctx, { kind: query.kind, dryRun: query.dryRun, file, expectedBytes: declared });
        const header = await getReportHeader(ctx, id);
        res.status(201).location(`${API_PREFIX}/imports/${id}`).type('application/json');
        await writeReportJson(ctx, header, res);
        res.end();
      } finally {
        await file.remove();
      }
    },
  }),
  route({
    method: 'GET', path: '/imports', resource: 'import', access: ADMINS, query: ImportListQuerySchema,
    handler: async ({ ctx, query, res }) => res.json({ items: await listReports(ctx, query.limit) }),
  }),
  route({
    method: 'GET', path: '/imports/:id', resource: 'import', access: ADMINS, params: IdParams,
    handler: async ({ ctx, params, res }) => {
      const header = await getReportHeader(ctx, params.id);
      res.status(200).type('application/json');
      await writeReportJson(ctx, header, res);
      res.end();
    },
  }),
];
