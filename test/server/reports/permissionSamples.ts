/**
 * Sample requests for the reports page's routes (server/http/routes/reports.ts), in the form
 * test/server/auth/permissions.test.ts iterates. The reports read everything and need no records of their own.
 */
interface Req {
  path: string;
}

export const REPORT_SAMPLES: Record<string, { ok: () => Req }> = {
  'GET /reports/compliance': { ok: () => ({ path: '/reports/compliance?months=3' }) },
  'GET /reports/actions': { ok: () => ({ path: '/reports/actions?months=3' }) },
  'GET /reports/pipeline': { ok: () => ({ path: '/reports/pipeline?months=3' }) },
  'GET /reports/campaigns': { ok: () => ({ path: '/reports/campaigns?months=3' }) },
  'GET /reports/feedback': { ok: () => ({ path: '/reports/feedback?months=6' }) },
  'GET /reports/:report/download': { ok: () => ({ path: '/reports/actions/download?months=3&table=byKind&format=csv&lang=fi' }) },
};
