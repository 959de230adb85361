/**
 * The web app's administration and dashboard calls, over the shared `request()` (./request.ts):
 * the same token handling, errors (`ApiError`) and contract validation as the pane. The CSV
 * export goes through `download()` too, so it carries whatever token the sign-in gives (dev or Entra ID).
 */
import * as zod from 'zod';
import { AdminUserSchema, CarePlanRuleSchema, ContactSchema, OrganizationSchema, pageOf, UserSchema } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/codes';
import {
  AssignManagersResultSchema, CarePlanPreviewResultSchema, type CarePlanPreviewRequest, type CreateCarePlanRule, type UpdateCarePlanRule, ClassificationListSchema, ClassificationNodeSchema, DashboardSchema, DeleteClassificationResultSchema, HandoverResultSchema,
  ImportListSchema, ImportReportSchema, MergeListSchema, MergeResultSchema,
  type ImportKind, type ImportReport,
} from '../../../shared/contract-admin';
import {
  ProductListSchema, ProductSchema, type CreateProduct, type UpdateProduct,
} from '../../../shared/contract-sales';
import type { TokenSource } from '../core/tokens';
import { TrackedConversationListSchema, type StopTracking } from '../../../shared/contract-conversations';
import { ApiError } from './errors';
import { createHttp, type Http } from './request';

const RulesSchema = zod.object({ rules: zod.array(CarePlanRuleSchema) });
const UserPageSchema = zod.object({ items: zod.array(UserSchema.passthrough()) });
const AdminUserPageSchema = pageOf(AdminUserSchema);
const OrganizationPageSchema = pageOf(OrganizationSchema);
const ContactPageSchema = pageOf(ContactSchema);

/** Customers or contacts: what the merge page merges. */
export type MergeKind = 'organizations' | 'contacts';
export interface NewUser { email: string; name: string; role: Role; department?: string | null }

export function adminCalls(http: Http) {
  const { request } = http;
  const id = (value: string) => encodeURIComponent(value);
  return {
    me: () => request({ path: '/me', schema: UserSchema }),
    users: () => request({ path: '/users', query: { pageSize: 200 }, schema: UserPageSchema }).then((p) => p.items),
    rules: () => request({ path: '/care-plans', schema: RulesSchema }).then((r) => r.rules),
    updateRule: (ruleId: string, patch: UpdateCarePlanRule) =>
      request({ method: 'PATCH', path: `/care-plans/rules/${id(ruleId)}`, body: patch, schema: CarePlanRuleSchema }),
    createRule: (rule: CreateCarePlanRule) => request({ method: 'POST', path: '/care-plans/rules', body: rule, schema: CarePlanRuleSchema }),
    deleteRule: (ruleId: string) => request({ method: 'DELETE', path: `/care-plans/rules/${id(ruleId)}`, schema: null }),
    /** What a rule change would do to the customers' status; nothing is written. */
    previewCarePlan: (preview: CarePlanPreviewRequest) => request({ method: 'POST', path: '/care-plans/preview', body: preview, schema: CarePlanPreviewResultSchema }),
    classifications: () => request({ path: '/classifications', schema: ClassificationListSchema }).then((r) => r.items),
    dashboard: (weeks = 12) => request({ path: '/dashboard', query: { weeks }, schema: DashboardSchema }),
    imports: () => request({ path: '/imports', query: { limit: 10 }, schema: ImportListSchema }).then((r) => r.items),
    importReport: (importId: string) => request({ path: `/imports/${id(importId)}`, schema: ImportReportSchema }),
    adminUsers: () => request({ path: '/users', query: { pageSize: 200 }, schema: AdminUserPageSchema }).then((p) => p.items),
    provisionUser: (user: NewUser) => request({ method: 'POST', path: '/users', body: user, schema: AdminUserSchema }),
    updateUser: (userId: string, patch: { role?: Role; name?: string; department?: string | null }) =>
      request({ method: 'PATCH', path: `/users/${id(userId)}`, body: patch, schema: AdminUserSchema }),
    /** Every tracked conversation (newest first) and whether the list was cut. */
    trackedConversations: () => request({ path: '/conversations', schema: TrackedConversationListSchema }),
    stopTracking: (body: StopTracking) => request({ method: 'POST', path: '/conversations/stop', body, schema: null }),
    handOver: (input: { fromUserId: string; toUserId: string; backupToUserId?: string }) =>
      request({ method: 'POST', path: '/handovers', body: input, schema: HandoverResultSchema }),
    /** Sets the responsible and/or backup manager of chosen customers (null: nobody; absent: unchanged). */
    assignManagers: (input: { organizationIds: string[]; responsibleId?: string | null; backupId?: string | null }) =>
      request({ method: 'POST', path: '/manager-assignments', body: input, schema: AssignManagersResultSchema }),
    createClassification: (input: { name: string; parentId: string | null; appliesTo: 'organization' | 'contact' }) =>
      request({ method: 'POST', path: '/classifications', body: input, schema: ClassificationNodeSchema }),
    renameClassification: (nodeId: string, name: string) =>
      request({ method: 'PATCH', path: `/classifications/${id(nodeId)}`, body: { name }, schema: ClassificationNodeSchema }),
    moveClassification: (nodeId: string, parentId: string | null) =>
      request({ method: 'PATCH', path: `/classifications/${id(nodeId)}`, body: { parentId }, schema: ClassificationNodeSchema }),
    deleteClassification: (nodeId: string, reassignTo?: string) =>
      request({ method: 'DELETE', path: `/classifications/${id(nodeId)}`, query: { reassignTo }, schema: DeleteClassificationResultSchema }),
    searchOrganizations: (q: string) => request({ path: '/organizations', query: { q, pageSize: 20 }, schema: OrganizationPageSchema }).then((p) => p.items),
    searchContacts: (q: string) => request({ path: '/contacts', query: { q, pageSize: 20 }, schema: ContactPageSchema }).then((p) => p.items),
    merge: (kind: MergeKind, keepId: string, mergeIds: string[]) =>
      request({ method: 'POST', path: `/merges/${kind}`, body: { keepId, mergeIds }, schema: MergeResultSchema }),
    merges: () => request({ path: '/merges', query: { limit: 10 }, schema: MergeListSchema }).then((r) => r.items),
    /** The CSV export as a file (UTF-8 with BOM, `;`), fetched with the signed-in user's token. */
    exportCsv: (kind: ImportKind) => http.download({ path: `/exports/${kind}.csv` }),

    /** The whole training-product catalogue (retired products too). */
    products: () => request({ path: '/products', schema: ProductListSchema }).then((r) => r.items),
    createProduct: (product: CreateProduct) => request({ method: 'POST', path: '/products', body: product, schema: ProductSchema }),
    updateProduct: (productId: string, patch: UpdateProduct) => request({ method: 'PATCH', path: `/products/${id(productId)}`, body: patch, schema: ProductSchema }),
    /** The catalogue as CSV, with English or Finnish headers. */
    exportProducts: (headers: 'en' | 'fi') => http.download({ path: '/exports/products.csv', query: { headers } }),

    /** Sends a CSV file with upload progress. */
    async importFile(kind: ImportKind, file: Blob, dryRun: boolean, onProgress?: (sent: number, total: number) => void): Promise<ImportReport> {
      const json = await http.upload({ path: '/imports', query: { kind, dryRun }, file, contentType: 'text/csv', onProgress });
      const parsed = ImportReportSchema.safeParse(json);
      if (parsed.success) return parsed.data;
      throw new ApiError('invalid_response', 'The report does not match the contract');
    },
  };
}

/** The admin calls on their own HTTP stack (tests; the web app builds one `Http` and shares it). */
export function createAdminApi(tokens: TokenSource, fetchFn?: typeof fetch) {
  return adminCalls(createHttp({ tokens, fetchFn }));
}

export type AdminApi = ReturnType<typeof adminCalls>;
/** @deprecated the one token interface is `TokenSource` (../core/tokens). */
export type AdminTokenSource = TokenSource;
