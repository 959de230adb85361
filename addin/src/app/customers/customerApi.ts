/**
 * The calls and query keys of the customer pages (list, customer, contact): named requests over
 * the one API client, each answer checked with its contract schema. Query keys start with
 * `['customers']`, `['customer', id]` or `['contact', id]`, so a write invalidates what it changed.
 */
import * as z from 'zod';
import {
  ActionSchema, CarePlanRuleSchema, ContactSchema, OrganizationListItemSchema, OrganizationSchema, TimelinePageSchema, UserSchema, pageOf,
  type Action, type CarePlanRuleView, type CreateAction, type Organization, type OrganizationListItem,
} from '../../../../shared/contract';
import { ClassificationListSchema } from '../../../../shared/contract-admin';
import { TaskPageSchema } from '../../../../shared/contract-tasks';
import { evaluateCarePlan, type CarePlanEvaluation, type PlannedAction } from '../../../../shared/domain/carePlan';
import type { ActionKind, CarePlanStatus, CustomerGroup, Segment } from '../../../../shared/domain/codes';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/zonedTime';
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

export const PAGE_SIZE = 25;

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
    organization: (id: string) => request({ path: `/organizations/${seg(id)}`, schema: OrganizationSchema }),
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
    logAction: (body: CreateAction) => request({ method: 'POST', path: '/actions', body, schema: ActionSchema }),
  };
}
export type CustomerCalls = ReturnType<typeof customerCalls>;

/** One rule of a customer's care plan with the action that last satisfied it. */
export interface RuleRow {
  rule: CarePlanRuleView;
  status: CarePlanStatus;
  lastAt: Date | null;
  lastAction: Action | null;
  dueAt: Date;
  plannedAt: Date | null;
}

export interface CustomerCarePlan {
  overall: CarePlanStatus;
  rules: RuleRow[];
}

/**
 * A customer's care plan, rule by rule, from the rules and the customer's timeline: per rule the
 * newest actions of its kinds (planned ones are the future meetings and events), evaluated by the
 * same pure function the server uses. Null when no rule applies to the customer.
 */
export async function carePlanOf(calls: CustomerCalls, org: Organization, now: Date, timeZone = DEFAULT_TIME_ZONE): Promise<CustomerCarePlan | null> {
  const rules = (await calls.rules()).filter((r) => r.segment === org.segment);
  const grouped = rules.filter((r) => r.customerGroup === org.customerGroup);
  const applicable = grouped.length > 0 ? grouped : rules.filter((r) => r.customerGroup === null);
  if (applicable.length === 0) return null;
  const pages = await Promise.all(applicable.map((r) => calls.timeline({ organizationId: org.id }, { kind: [...new Set(r.actionKinds)] }, undefined, 20).then((p) => p.items)));
  const lastActionAt: Partial<Record<ActionKind, Date>> = {};
  const planned: PlannedAction[] = [];
  const lastOf = new Map<string, Action | null>();
  applicable.forEach((rule, i) => {
    const items = pages[i]!;
    const past = items.find((a) => !a.planned) ?? null;
    lastOf.set(rule.id, past);
    if (past) {
      const at = new Date(past.occurredAt);
      if (!lastActionAt[past.kind] || lastActionAt[past.kind]! < at) lastActionAt[past.kind] = at;
    }
    for (const a of items) if (a.planned) planned.push({ kind: a.kind, occurredAt: new Date(a.occurredAt) });
  });
  const evaluation: CarePlanEvaluation | null = evaluateCarePlan(
    applicable,
    { segment: org.segment, customerGroup: org.customerGroup, createdAt: new Date(org.createdAt), lastActionAt, planned },
    now,
    timeZone,
  );
  if (!evaluation) return null;
  return {
    overall: evaluation.overall,
    rules: evaluation.rules.map((r) => ({
      rule: applicable.find((a) => a.id === r.id)!,
      status: r.status,
      lastAt: r.lastAt,
      lastAction: lastOf.get(r.id) ?? null,
      dueAt: r.dueAt,
      plannedAt: r.plannedAt,
    })),
  };
}
