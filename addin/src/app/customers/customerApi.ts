/**
 * The calls and query keys of the customer pages (list, customer, contact): named requests over
 * the one API client, each answer checked with its contract schema. Query keys start with
 * `['customers']`, `['customer', id]` or `['contact', id]`, so a write invalidates what it changed.
 */
import * as z from 'zod';
import {
  ActionSchema, CUSTOMER_LIST_PAGE_SIZE, CarePlanRuleSchema, ContactSchema, OrganizationDetailSchema, OrganizationListItemSchema, OrganizationSchema, TimelinePageSchema, UserSchema, pageOf,
  type CreateAction, type OrganizationListItem,
} from '../../../../shared/contract';
import { ClassificationListSchema } from '../../../../shared/contract-admin';
import { LatestFeedbackSchema } from '../../../../shared/contract-feedback';
import { TaskPageSchema } from '../../../../shared/contract-tasks';
import type { ActionKind, CarePlanStatus, CustomerGroup, Segment } from '../../../../shared/domain/codes';
import type { Http } from '../../api/request';

export type ListItem = OrganizationListItem;
const ListPageSchema = pageOf(OrganizationListItemSchema);

const ContactListSchema = z.object({ items: z.array(ContactSchema) });
const RulesSchema = z.object({ rules: z.array(CarePlanRuleSchema) });
const UserPageSchema = z.object({ items: z.array(UserSchema.loose()) });

export const SORTS = ['name', 'segment', 'status', 'lastAction'] as const;
export type Sort = (typeof SORTS)[number];

/** A view of the customer list: what the URL carries and the server filters by. */
export interface CustomerView {
  q?: string;
  segment?: Segment;
  customerGroup?: CustomerGroup;
  carePlanStatus?: CarePlanStatus;
  responsibleId?: string;
  backupId?: string;
  managerId?: string;
  classificationId?: string;
  department?: string;
  sort?: Sort;
  order?: 'asc' | 'desc';
  page?: number;
}

export const PAGE_SIZE = CUSTOMER_LIST_PAGE_SIZE;

/** The filters of a view without its page: what the export takes. */
export function filtersOf(view: CustomerView): Omit<CustomerView, 'page'> {
  const { page: _page, ...filters } = view;
  return filters;
}

export interface TimelineFilter {
  /** One kind or several (the care plan asks for a rule's kinds). */
  kind?: ActionKind | ActionKind[];
  loggedBy?: string;
  contactId?: string;
}

const seg = encodeURIComponent;

export function customerCalls(http: Http) {
  const { request } = http;
  return {
    list: (view: CustomerView) => request({ path: '/organizations', query: { ...view, pageSize: PAGE_SIZE }, schema: ListPageSchema }),
    /** The CSV of exactly the view's customers, as a Blob (the token goes in a header, never in a URL). */
    exportCsv: (view: CustomerView, headers: 'fi' | 'en') => http.download({ path: '/exports/organizations.csv', query: { ...filtersOf(view), headers } }),
    search: (q: string) => request({ path: '/organizations', query: { q, pageSize: 10 }, schema: ListPageSchema }).then((p) => p.items),
    /** The customer with its care plan, rule by rule (evaluated by the server). */
    organization: (id: string) => request({ path: `/organizations/${seg(id)}`, schema: OrganizationDetailSchema }),
    updateOrganization: (id: string, patch: Record<string, unknown>) =>
      request({ method: 'PATCH', path: `/organizations/${seg(id)}`, body: patch, schema: OrganizationSchema }),
    contactsOf: (id: string) => request({ path: `/organizations/${seg(id)}/contacts`, schema: ContactListSchema }).then((r) => r.items),
    contact: (id: string) => request({ path: `/contacts/${seg(id)}`, schema: ContactSchema }),
    createContact: (body: Record<string, unknown>) => request({ method: 'POST', path: '/contacts', body, schema: ContactSchema }),
    updateContact: (id: string, patch: Record<string, unknown>) => request({ method: 'PATCH', path: `/contacts/${seg(id)}`, body: patch, schema: ContactSchema }),
    timeline: (owner: { organizationId: string } | { contactId: string }, filter: TimelineFilter, before?: string, limit = 20) =>
      request({
        path: 'organizationId' in owner ? `/organizations/${seg(owner.organizationId)}/actions` : `/contacts/${seg(owner.contactId)}/actions`,
        query: { ...filter, before, limit },
        schema: TimelinePageSchema,
      }),
    rules: () => request({ path: '/care-plans', schema: RulesSchema }).then((r) => r.rules),
    classifications: (appliesTo: 'organization' | 'contact') =>
      request({ path: '/classifications', query: { appliesTo }, schema: ClassificationListSchema }).then((r) => r.items),
    accountManagers: () => request({ path: '/users', query: { role: 'account_manager', pageSize: 200 }, schema: UserPageSchema }).then((p) => p.items),
    openTasks: (organizationId: string) => request({ path: '/tasks', query: { organizationId, status: 'open', pageSize: 50 }, schema: TaskPageSchema }),
    /** The customer's newest survey answer and its score (null: none yet). */
    latestFeedback: (id: string) => request({ path: `/organizations/${seg(id)}/feedback`, schema: LatestFeedbackSchema }).then((r) => r.latest),
    logAction: (body: CreateAction) => request({ method: 'POST', path: '/actions', body, schema: ActionSchema }),
  };
}
export type CustomerCalls = ReturnType<typeof customerCalls>;
