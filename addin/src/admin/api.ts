/**
 * The admin pages' one API client: bearer token, JSON or CSV bodies, answers validated
 * against the shared contract. Components reach it through hooks, never `fetch`.
 */
import type * as z from 'zod';
import {
  AdminUserSchema, API_PREFIX, CarePlanRuleSchema, ContactSchema, ErrorBodySchema, OrganizationSchema, pageOf, UserSchema,
} from '../../../shared/contract';
import type { Role } from '../../../shared/domain/codes';
import {
  AssignManagersResultSchema, ClassificationListSchema, ClassificationNodeSchema, DashboardSchema, DeleteClassificationResultSchema, HandoverResultSchema,
  ImportListSchema, ImportReportSchema, MergeListSchema, MergeResultSchema,
  type ImportKind, type ImportReport,
} from '../../../shared/contract-admin';
import * as zod from 'zod';

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    /** The fields the server named as the problem, such as `reassignTo`. */
    readonly fields: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

const RulesSchema = zod.object({ rules: zod.array(CarePlanRuleSchema) });
const UserPageSchema = zod.object({ items: zod.array(UserSchema.passthrough()) });
const AdminUserPageSchema = pageOf(AdminUserSchema);
const OrganizationPageSchema = pageOf(OrganizationSchema);
const ContactPageSchema = pageOf(ContactSchema);

/** Customers or contacts: what the merge page merges. */
export type MergeKind = 'organizations' | 'contacts';
export interface NewUser { email: string; name: string; role: Role; department?: string | null }

/**
 * Where the client gets its bearer token, asked on every call: the dev token kept after the dev
 * sign-in, or Entra ID through MSAL (../auth/browser.ts). `forceRefresh` after the API refused
 * the previous one (401); null means not signed in.
 */
export interface AdminTokenSource {
  getToken(options?: { forceRefresh?: boolean }): Promise<string | null>;
}

export function createAdminApi(tokens: AdminTokenSource, fetchFn: typeof fetch = (i, init) => window.fetch(i, init)) {
  /** Sends once with a token; after a 401, once more with a fresh token if there is a different one. */
  async function withToken<R extends { status: number }>(send: (token: string | null) => Promise<R>): Promise<R> {
    const token = await tokens.getToken();
    const first = await send(token);
    if (first.status !== 401) return first;
    const fresh = await tokens.getToken({ forceRefresh: true });
    return fresh && fresh !== token ? send(fresh) : first;
  }

  async function call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    const res = await withToken((token) =>
      fetchFn(`${API_PREFIX}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
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
    adminUsers: () => call('GET', '/users?pageSize=200', AdminUserPageSchema).then((p) => p.items),
    provisionUser: (user: NewUser) => call('POST', '/users', AdminUserSchema, user),
    updateUser: (id: string, patch: { role?: Role; name?: string; department?: string | null }) =>
      call('PATCH', `/users/${encodeURIComponent(id)}`, AdminUserSchema, patch),
    handOver: (input: { fromUserId: string; toUserId: string; backupToUserId?: string }) => call('POST', '/handovers', HandoverResultSchema, input),
    /** Sets the responsible and/or backup manager of chosen customers (null: nobody; absent: unchanged). */
    assignManagers: (input: { organizationIds: string[]; responsibleId?: string | null; backupId?: string | null }) =>
      call('POST', '/manager-assignments', AssignManagersResultSchema, input),
    createClassification: (input: { name: string; parentId: string | null; appliesTo: 'organization' | 'contact' }) =>
      call('POST', '/classifications', ClassificationNodeSchema, input),
    renameClassification: (id: string, name: string) => call('PATCH', `/classifications/${encodeURIComponent(id)}`, ClassificationNodeSchema, { name }),
    moveClassification: (id: string, parentId: string | null) =>
      call('PATCH', `/classifications/${encodeURIComponent(id)}`, ClassificationNodeSchema, { parentId }),
    deleteClassification: (id: string, reassignTo?: string) =>
      call('DELETE', `/classifications/${encodeURIComponent(id)}${reassignTo ? `?reassignTo=${encodeURIComponent(reassignTo)}` : ''}`, DeleteClassificationResultSchema),
    searchOrganizations: (q: string) => call('GET', `/organizations?q=${encodeURIComponent(q)}&pageSize=20`, OrganizationPageSchema).then((p) => p.items),
    searchContacts: (q: string) => call('GET', `/contacts?q=${encodeURIComponent(q)}&pageSize=20`, ContactPageSchema).then((p) => p.items),
    merge: (kind: MergeKind, keepId: string, mergeIds: string[]) => call('POST', `/merges/${kind}`, MergeResultSchema, { keepId, mergeIds }),
    merges: () => call('GET', '/merges?limit=10', MergeListSchema).then((r) => r.items),
    exportUrl: (kind: ImportKind) => `${API_PREFIX}/exports/${kind}.csv`,

    /** Sends a CSV file with upload progress (XMLHttpRequest: fetch cannot report it). */
    async importFile(kind: ImportKind, file: Blob, dryRun: boolean, onProgress?: (sent: number, total: number) => void): Promise<ImportReport> {
      const xhr = await withToken((token) => upload(`${API_PREFIX}/imports?kind=${kind}&dryRun=${dryRun}`, token, file, onProgress));
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        throw new AdminApiError(xhr.status, 'The server answered something other than JSON');
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = ImportReportSchema.safeParse(json);
        if (parsed.success) return parsed.data;
        throw new AdminApiError(xhr.status, 'The report does not match the contract');
      }
      const err = ErrorBodySchema.safeParse(json);
      throw new AdminApiError(xhr.status, err.success ? err.data.error.message : `HTTP ${xhr.status}`, err.success ? err.data.error.code : undefined);
    },
  };
}

function upload(url: string, token: string | null, file: Blob, onProgress?: (sent: number, total: number) => void): Promise<XMLHttpRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
    xhr.onerror = () => reject(new AdminApiError(0, 'The network request failed'));
    xhr.onload = () => resolve(xhr);
    xhr.send(file);
  });
}

async function errorOf(res: Response): Promise<AdminApiError> {
  const body = await res.json().catch(() => null);
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return new AdminApiError(res.status, `HTTP ${res.status}`);
  const { message, code, fields } = parsed.data.error;
  return new AdminApiError(res.status, message, code, fields ?? []);
}

export type AdminApi = ReturnType<typeof createAdminApi>;
