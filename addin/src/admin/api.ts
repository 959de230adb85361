/**
 * The admin pages' one API client: bearer token, JSON or CSV bodies, answers validated
 * against the shared contract. Components reach it through hooks, never `fetch`.
 */
import type * as z from 'zod';
import { API_PREFIX, CarePlanRuleSchema, ErrorBodySchema, UserSchema } from '../../../shared/contract';
import {
  ClassificationListSchema, DashboardSchema, ImportListSchema, ImportReportSchema,
  type ImportKind, type ImportReport,
} from '../../../shared/contract-admin';
import * as zod from 'zod';

export class AdminApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
    this.name = 'AdminApiError';
  }
}

const RulesSchema = zod.object({ rules: zod.array(CarePlanRuleSchema) });
const UserPageSchema = zod.object({ items: zod.array(UserSchema.passthrough()) });

export function createAdminApi(getToken: () => string | null, fetchFn: typeof fetch = (i, init) => window.fetch(i, init)) {
  async function call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    const token = getToken();
    const res = await fetchFn(`${API_PREFIX}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await errorOf(res);
    if (res.status === 204 || !schema) return undefined as T;
    return schema.parse(await res.json());
  }

  return {
    me: () => call('GET', '/me', UserSchema),
    users: () => call('GET', '/users?pageSize=200', UserPageSchema).then((p) => p.items),
    rules: () => call('GET', '/care-plans', RulesSchema).then((r) => r.rules),
    updateRule: (id: string, patch: Record<string, unknown>) => call('PATCH', `/care-plans/rules/${encodeURIComponent(id)}`, CarePlanRuleSchema, patch),
    classifications: () => call('GET', '/classifications', ClassificationListSchema).then((r) => r.items),
    dashboard: (weeks = 12) => call('GET', `/dashboard?weeks=${weeks}`, DashboardSchema),
    imports: () => call('GET', '/imports?limit=10', ImportListSchema).then((r) => r.items),
    importReport: (id: string) => call('GET', `/imports/${id}`, ImportReportSchema),
    exportUrl: (kind: ImportKind) => `${API_PREFIX}/exports/${kind}.csv`,

    /** Sends a CSV file with upload progress (XMLHttpRequest: fetch cannot report it). */
    importFile(kind: ImportKind, file: Blob, dryRun: boolean, onProgress?: (sent: number, total: number) => void): Promise<ImportReport> {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${API_PREFIX}/imports?kind=${kind}&dryRun=${dryRun}`);
        const token = getToken();
        if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('content-type', 'text/csv');
        xhr.setRequestHeader('accept', 'application/json');
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onerror = () => reject(new AdminApiError(0, 'The network request failed'));
        xhr.onload = () => {
          let json: unknown;
          try {
            json = JSON.parse(xhr.responseText);
          } catch {
            return reject(new AdminApiError(xhr.status, 'The server answered something other than JSON'));
          }
          if (xhr.status >= 200 && xhr.status < 300) {
            const parsed = ImportReportSchema.safeParse(json);
            return parsed.success ? resolve(parsed.data) : reject(new AdminApiError(xhr.status, 'The report does not match the contract'));
          }
          const err = ErrorBodySchema.safeParse(json);
          reject(new AdminApiError(xhr.status, err.success ? err.data.error.message : `HTTP ${xhr.status}`, err.success ? err.data.error.code : undefined));
        };
        xhr.send(file);
      });
    },
  };
}

async function errorOf(res: Response): Promise<AdminApiError> {
  const body = await res.json().catch(() => null);
  const parsed = ErrorBodySchema.safeParse(body);
  return new AdminApiError(res.status, parsed.success ? parsed.data.error.message : `HTTP ${res.status}`, parsed.success ? parsed.data.error.code : undefined);
}

export type AdminApi = ReturnType<typeof createAdminApi>;
