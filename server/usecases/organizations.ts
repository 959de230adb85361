/** Customers (organisations): create, read, list and change. */
import type { z } from 'zod';
import type {
  CreateOrganization, CustomerFilter, Organization, OrganizationDetail, OrganizationListItem, OrganizationListQuerySchema, UpdateOrganization,
} from '../../shared/contract';
import type { CarePlanRule } from '../../shared/domain/carePlan';
import type { CarePlanStatus } from '../../shared/domain/codes';
import { AppError } from '../errors';
import {
  STATUS_ORDER,
  type CustomerFields, type CustomerOrder, type CustomerRecord, type CustomerRow, type CustomerSelection, type KeyClaim, type Page, type ReferenceSnapshot,
} from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { customerChanged, searchCustomers } from './customerReadModels';
import { syncCustomerOnDesks } from './desk';
import { assertClassificationsExist, assertUsersExist } from './references';
import { organizationView } from './views';

type KeyFields = Pick<CustomerFields, 'emailDomains' | 'businessId' | 'externalIds'>;

/** The unique keys a customer holds: its mail domains, business ID and external IDs. */
export function customerKeys(o: Partial<KeyFields>): KeyClaim[] {
  const keys: KeyClaim[] = [];
  (o.emailDomains ?? []).forEach((d, i) => keys.push({ kind: 'domain', value: d, field: `emailDomains.${i}` }));
  if (o.businessId) keys.push({ kind: 'businessId', value: o.businessId, field: 'businessId' });
  if (o.externalIds?.top) keys.push({ kind: 'top', value: o.externalIds.top, field: 'externalIds.top' });
  if (o.externalIds?.profinder) keys.push({ kind: 'profinder', value: o.externalIds.profinder, field: 'externalIds.profinder' });
  return keys;
}

const sameKey = (a: KeyClaim, b: KeyClaim) => a.kind === b.kind && a.value === b.value;

/** The keys `after` holds that `before` did not. */
export const addedKeys = (before: readonly KeyClaim[], after: readonly KeyClaim[]): KeyClaim[] => after.filter((k) => !before.some((b) => sameKey(b, k)));

export async function organizationViews(ctx: UseCaseContext, records: CustomerRow[]): Promise<Organization[]> {
  const ref = await ctx.repos.reference.get();
  return records.map((o) => organizationView(o, ref));
}

async function view(ctx: UseCaseContext, record: CustomerRecord): Promise<Organization> {
  return (await organizationViews(ctx, [record]))[0]!;
}

export async function createOrganization(ctx: UseCaseContext, input: CreateOrganization): Promise<Organization> {
  const { repos } = ctx;
  await assertUsersExist(repos, { responsibleId: input.responsibleId, backupId: input.backupId });
  await assertClassificationsExist(repos, 'classificationIds', input.classificationIds, 'organization');
  const id = repos.customers.newId();
  const fields: CustomerFields = {
    name: input.name,
    businessId: input.businessId ?? null,
    segment: input.segment,
    customerGroup: input.customerGroup,
    emailDomains: [...new Set(input.emailDomains)],
    department: input.department ?? null,
    responsibleId: input.responsibleId ?? null,
    backupId: input.backupId ?? null,
    classificationIds: [...new Set(input.classificationIds)],
    externalIds: { ...input.externalIds },
  };
  const keys = customerKeys(fields);
  await repos.keys.claim(id, keys, { now: ctx.now });
  let record: CustomerRecord;
  try {
    record = await repos.customers.insert(id, fields);
  } catch (err) {
    await repos.keys.release(id, keys);
    throw err;
  }
  await Promise.all([customerChanged(repos, null, record), syncCustomerOnDesks(repos, null, record)]);
  return view(ctx, record);
}

/** `GET /organizations/:id`: the customer and its care plan, evaluated from its last actions and planned ones. */
export async function getOrganization(ctx: UseCaseContext, id: string): Promise<OrganizationDetail> {
  const record = await ctx.repos.customers.get(id);
  if (!record) throw AppError.notFound('The customer');
  const ref = await ctx.repos.reference.get();
  return { ...organizationView(record, ref), carePlan: carePlanOf(record, ref.rules, ctx) };
}

/** The node and every node under it. */
function subtree(ref: ReferenceSnapshot, id: string): string[] {
  const out = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const n of ref.classifications.values()) {
      if (n.parentId && out.has(n.parentId) && !out.has(n.id)) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return [...out];
}

/** The database selection of a view's filters (all but `q` and the order). */
export function selectionOf(ctx: UseCaseContext, f: CustomerFilter, ref: ReferenceSnapshot, rules: readonly CarePlanRule[]): CustomerSelection {
  return {
    segment: f.segment,
    customerGroup: f.customerGroup,
    responsibleId: f.responsibleId,
    backupId: f.backupId,
    managerId: f.managerId,
    department: f.department,
    classificationIds: f.classificationId ? subtree(ref, f.classificationId) : undefined,
    carePlan: f.carePlanStatus ? { rules, now: ctx.now, timeZone: ctx.settings.timeZone, status: f.carePlanStatus } : undefined,
  };
}

const newestOf = (o: CustomerRow): Date | null =>
  Object.values(o.lastActionAt).reduce<Date | null>((m, v) => (v && (!m || v > m) ? v : m), null);

const statusOf = (ctx: UseCaseContext, o: CustomerRow, rules: readonly CarePlanRule[]): CarePlanStatus | null => carePlanOf(o, rules, ctx)?.overall ?? null;

/** The order of the database's sorts, for found customers sorted here (nulls first ascending, as MongoDB sorts them). */
function compareRows(ctx: UseCaseContext, f: CustomerFilter, rules: readonly CarePlanRule[]) {
  const dir = f.order === 'asc' ? 1 : -1;
  const name = (a: CustomerRow, b: CustomerRow) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id < b.id ? -1 : 1);
  const status = new Map<string, number>();
  const rank = (o: CustomerRow) => {
    if (!status.has(o.id)) status.set(o.id, STATUS_ORDER.indexOf(statusOf(ctx, o, rules)));
    return status.get(o.id)!;
  };
  return (a: CustomerRow, b: CustomerRow): number => {
    switch (f.sort) {
      case 'name':
        return dir * name(a, b);
      case 'segment':
        return dir * (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0) || name(a, b);
      case 'status':
        return dir * (rank(a) - rank(b)) || name(a, b);
      case 'lastAction':
        return dir * ((newestOf(a)?.getTime() ?? -Infinity) - (newestOf(b)?.getTime() ?? -Infinity) || 0) || name(a, b);
    }
  };
}

async function viewContext(ctx: UseCaseContext) {
  const ref = await ctx.repos.reference.get();
  return { ref, rules: ref.rules };
}

const orderOf = (ctx: UseCaseContext, f: CustomerFilter, rules: readonly CarePlanRule[]): CustomerOrder => ({
  sort: f.sort, order: f.order, plan: { rules, now: ctx.now, timeZone: ctx.settings.timeZone },
});

/**
 * The customers of a view, in its order. With `q`: the search index's candidates (by `_id`),
 * filtered and sorted here. Without: the database's query and sort (index-backed on MongoDB).
 */
export async function* customersOfView(ctx: UseCaseContext, f: CustomerFilter, ref: ReferenceSnapshot, rules: readonly CarePlanRule[]): AsyncIterable<CustomerRow> {
  const selection = selectionOf(ctx, f, ref, rules);
  const found = f.q ? await searchCustomers(ctx.repos, f.q, selection) : null;
  if (found) {
    yield* found.sort(compareRows(ctx, f, rules));
    return;
  }
  const shortQ = f.q?.trim() ? { ...selection, namePrefix: f.q.trim() } : selection;
  yield* ctx.repos.customers.streamSelected(shortQ, orderOf(ctx, f, rules));
}

function listItem(ctx: UseCaseContext, o: CustomerRow, ref: ReferenceSnapshot, rules: readonly CarePlanRule[]): OrganizationListItem {
  return { ...organizationView(o, ref), carePlanStatus: statusOf(ctx, o, rules), lastActionAt: newestOf(o)?.toISOString() ?? null };
}

/**
 * `GET /organizations`. A query (`q`) of words of at least two characters goes to the search
 * index; one of only single characters matches names by prefix (index-backed on MongoDB, a scan
 * of the customers — never of contacts or actions — on FerretDB).
 */
export async function listOrganizations(ctx: UseCaseContext, q: z.output<typeof OrganizationListQuerySchema>): Promise<Page<OrganizationListItem>> {
  const { ref, rules } = await viewContext(ctx);
  const selection = selectionOf(ctx, q, ref, rules);
  const found = q.q ? await searchCustomers(ctx.repos, q.q, selection) : null;
  let page: Page<CustomerRow>;
  if (found) {
    const sorted = found.sort(compareRows(ctx, q, rules));
    const start = (q.page - 1) * q.pageSize;
    page = { items: sorted.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, hasMore: sorted.length > start + q.pageSize };
  } else {
    const shortQ = q.q?.trim() ? { ...selection, namePrefix: q.q.trim() } : selection;
    page = await ctx.repos.customers.listSelected(shortQ, orderOf(ctx, q, rules), q);
  }
  return { ...page, items: page.items.map((o) => listItem(ctx, o, ref, rules)) };
}

export async function updateOrganization(ctx: UseCaseContext, id: string, patch: UpdateOrganization): Promise<Organization> {
  const { repos } = ctx;
  const current = await repos.customers.get(id);
  if (!current) throw AppError.notFound('The customer');
  await assertUsersExist(repos, { responsibleId: patch.responsibleId, backupId: patch.backupId });
  await assertClassificationsExist(repos, 'classificationIds', patch.classificationIds, 'organization');

  const set: Partial<CustomerFields> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.businessId !== undefined) set.businessId = patch.businessId;
  if (patch.segment !== undefined) set.segment = patch.segment;
  if (patch.customerGroup !== undefined) set.customerGroup = patch.customerGroup;
  if (patch.emailDomains !== undefined) set.emailDomains = [...new Set(patch.emailDomains)];
  if (patch.department !== undefined) set.department = patch.department;
  if (patch.responsibleId !== undefined) set.responsibleId = patch.responsibleId ?? null;
  if (patch.backupId !== undefined) set.backupId = patch.backupId ?? null;
  if (patch.classificationIds !== undefined) set.classificationIds = [...new Set(patch.classificationIds)];
  if (patch.externalIds !== undefined) set.externalIds = { ...patch.externalIds };

  const before = customerKeys(current);
  const after = customerKeys({ ...current, ...set });
  const added = addedKeys(before, after);
  const removed = addedKeys(after, before);
  await repos.keys.claim(id, added, { now: ctx.now });
  let updated: CustomerRecord | null;
  try {
    updated = await repos.customers.update(id, set);
  } catch (err) {
    await repos.keys.release(id, added);
    throw err;
  }
  if (!updated) {
    await repos.keys.release(id, added);
    throw AppError.notFound('The customer');
  }
  await repos.keys.release(id, removed);
  await Promise.all([customerChanged(repos, current, updated), syncCustomerOnDesks(repos, current, updated)]);
  return view(ctx, updated);
}
