/**
 * /api/v1/imports: CSV batch imports of customers and contacts (administrators; rights in
 * ../permissions). The file is the request body (`text/csv`), read as a stream.
 */
import { Router, type Request, type RequestHandler } from 'express';
import * as z from 'zod';
import { API_PREFIX, IdSchema } from '../../../shared/contract';
import { ImportListQuerySchema, ImportQuerySchema } from '../../../shared/contract-admin';
import { AppError } from '../../errors';
import type { Models } from '../../persistence/models';
import type { UseCaseContext, UseCaseSettings } from '../../usecases/context';
import { getReportHeader, listReports, writeReportJson } from '../../usecases/imports/reports';
import { IMPORT_MAX_BYTES, runImport, spoolUpload } from '../../usecases/imports/runImport';
import { parseInput } from '../validate';

/** What Excel, browsers and other systems send CSV files as. */
export const CSV_CONTENT_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'];

/**
 * A POST to /imports with a CSV body. A body without a Content-Type counts as
 * application/octet-stream (RFC 9110 §8.3), which this route takes as CSV too.
 */
function isCsvUpload(req: Request): boolean {
  if (req.method !== 'POST' || !/^\/imports\/?$/i.test(req.path)) return false;
  if (!req.headers['content-type']) return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  return typeof req.is(CSV_CONTENT_TYPES) === 'string';
}

/** The API gate's "bodies are JSON" rule, except for CSV uploads to /imports (mounted at API_PREFIX). */
export function allowCsvUploads(requireJson: RequestHandler): RequestHandler {
  return (req, res, next) => (isCsvUpload(req) ? next() : requireJson(req, res, next));
}

const IdParams = z.strictObject({ id: IdSchema });

export function importsRouter(models: Models, settings: UseCaseSettings, clock: () => Date = () => new Date()): Router {
  const router = Router();
  const ctx = (req: Request): UseCaseContext => ({ models, user: req.user!, now: clock(), settings });

  router.post('/imports', async (req, res) => {
    const q = parseInput(ImportQuerySchema, req.query, 'query');
    if (!isCsvUpload(req)) throw new AppError('unsupported_media_type', 'Send the file as the request body with Content-Type: text/csv');
    const declared = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
    if (declared !== null && declared > IMPORT_MAX_BYTES) {
      throw new AppError('payload_too_large', `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
    }
    const file = await spoolUpload(req);
    try {
      const id = await runImport(ctx(req), { kind: q.kind, dryRun: q.dryRun, file, expectedBytes: declared });
      const header = await getReportHeader(models, id);
      res.status(201).location(`${API_PREFIX}/imports/${id}`).type('application/json');
      await writeReportJson(models, header, res);
      res.end();
    } finally {
      await file.remove();
    }
  });

  router.get('/imports', async (req, res) => {
    const q = parseInput(ImportListQuerySchema, req.query, 'query');
    res.json({ items: await listReports(models, q.limit) });
  });

  router.get('/imports/:id', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'params');
    const header = await getReportHeader(models, id);
    res.status(200).type('application/json');
    await writeReportJson(models, header, res);
    res.end();
  });
  return router;
}
