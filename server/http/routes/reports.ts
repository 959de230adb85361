/**
 * The reports page's routes (management and admins): each report's figures over a period, and
 * any of its tables as CSV or Excel (a bulk read: audited like a write, as the other exports are).
 */
import { ReportDownloadQuerySchema, ReportParamsSchema, ReportPeriodQuerySchema, type ReportId } from '../../../shared/contract-reports';
import { downloadReport, report } from '../../usecases/reports';
import { READERS, route, type RouteDeclaration } from '../route';

const figures = (id: ReportId): RouteDeclaration =>
  route({
    method: 'GET', path: `/reports/${id}`, resource: 'report', access: READERS, query: ReportPeriodQuerySchema,
    handler: async ({ ctx, query, res }) => res.json(await report(ctx, id, query)),
  });

export const REPORT_ROUTES: readonly RouteDeclaration[] = [
  figures('compliance'),
  figures('actions'),
  figures('pipeline'),
  figures('campaigns'),
  figures('feedback'),
  route({
    method: 'GET', path: '/reports/:report/download', resource: 'report', verb: 'export', audited: true, access: READERS,
    params: ReportParamsSchema, query: ReportDownloadQuerySchema,
    handler: async ({ ctx, params, query, res }) => {
      const file = await downloadReport(ctx, params.report, query);
      res.status(200).type(file.contentType).attachment(file.fileName).setHeader('Cache-Control', 'no-store');
      res.send(file.body);
    },
  }),
];
