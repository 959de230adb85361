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
  type SearchKeys,
} from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { customerChanged, searchHits } from './customerReadModels';
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

export async function organizationViews(ctx: UseCaseContext, records: Omit<CustomerRow, 'contactIds'>[]): Promise<Organization[]> {
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
export function subtree(ref: ReferenceSnapshot, id: string): string[] {
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

export async function viewContext(ctx: UseCaseContext) {
  const ref = await ctx.repos.reference.get();
  return { ref, rules: ref.rules };
}

const orderOf = (ctx: UseCaseContext, f: CustomerFilter, rules: readonly CarePlanRule[]): CustomerOrder => ({
  sort: f.sort, order: f.order, plan: { rules, now: ctx.now, timeZone: ctx.settings.timeZone },
});

/** The list's sorts the search index's keys order by (see compareRows, which they mirror). */
const byIndexKeys = (f: CustomerFilter): ((a: [string, SearchKeys], b: [string, SearchKeys]) => number) | null => {
  const dir = f.order === 'asc' ? 1 : -1;
  const name = ([ia, a]: [string, SearchKeys], [ib, b]: [string, SearchKeys]) => (a.n < b.n ? -1 : a.n > b.n ? 1 : ia < ib ? -1 : 1);
  if (f.sort === 'name') return (a, b) => dir * name(a, b);
  if (f.sort === 'segment') return (a, b) => dir * (a[1].s < b[1].s ? -1 : a[1].s > b[1].s ? 1 : 0) || name(a, b);
  return null;
};

/** Is the selection one the index's keys decide (nothing, or a segment)? */
const onlySegment = (s: CustomerSelection): boolean =>
  Object.entries(s).every(([k, v]) => v === undefined || k === 'segment');

/** How many found customers are read by `_id` at once when a filter the index does not know has to be checked on them. */
const CHECK_CHUNK = 100;

/** The hits' customers that meet the selection, in the hits' order, read a chunk at a time. */
async function* selectedInOrder(ctx: UseCaseContext, ids: readonly string[], selection: CustomerSelection, chunk = CHECK_CHUNK): AsyncIterable<CustomerRow> {
  for (let at = 0; at < ids.length; at += chunk) {
    const part = ids.slice(at, at + chunk);
    const rows = new Map((await ctx.repos.customers.selectAmong(part, selection)).map((o) => [o.id, o]));
    for (const id of part) {
      const o = rows.get(id);
      if (o) yield o;
    }
  }
}

/**
 * A query's customers in a view's order. Ordered by name or segment: the hits in the index keys'
 * order (filtered by segment there), customers read a chunk at a time as the caller consumes them.
 * By status or last action (what only the customer knows): every hit read, sorted here.
 */
async function searchedView(ctx: UseCaseContext, f: CustomerFilter, selection: CustomerSelection, rules: readonly CarePlanRule[], hits: Map<string, SearchKeys>) {
  const order = byIndexKeys(f);
  if (order) {
    const ids = [...hits].filter(([, k]) => !selection.segment || k.s === selection.segment).sort(order).map(([id]) => id);
    return { ids, rows: null };
  }
  const rows = await ctx.repos.customers.selectAmong([...hits.keys()], selection);
  return { ids: null, rows: rows.sort(compareRows(ctx, f, rules)) };
}

/**
 * The customers of a view, in its order. With `q`: the search index's hits (see searchedView).
 * Without: the database's query and sort (index-backed on MongoDB).
 */
export async function* customersOfView(ctx: UseCaseContext, f: CustomerFilter, ref: ReferenceSnapshot, rules: readonly CarePlanRule[]): AsyncIterable<CustomerRow> {
  const selection = selectionOf(ctx, f, ref, rules);
  const hits = f.q ? await searchHits(ctx.repos, f.q) : null;
  if (hits) {
    const view = await searchedView(ctx, f, selection, rules, hits);
    if (view.rows) yield* view.rows;
    else yield* selectedInOrder(ctx, view.ids!, selection);
    return;
  }
  const shortQ = f.q?.trim() ? { ...selection, namePrefix: f.q.trim() } : selection;
  yield* ctx.repos.customers.streamSelected(shortQ, orderOf(ctx, f, rules));
}

export function listItem(ctx: UseCaseContext, o: CustomerRow, ref: ReferenceSnapshot, rules: readonly CarePlanRule[]): OrganizationListItem {
  return { ...organizationView(o, ref), carePlanStatus: statusOf(ctx, o, rules), lastActionAt: newestOf(o)?.toISOString() ?? null };
}

/** A page of a query's customers (see searchedView); `total` when the index alone counts them (no filter but the segment). */
async function searchedPage(
  ctx: UseCaseContext, q: z.output<typeof OrganizationListQuerySchema>, selection: CustomerSelection, rules: readonly CarePlanRule[], hits: Map<string, SearchKeys>,
): Promise<Page<CustomerRow> & { total?: number }> {
  const start = (q.page - 1) * q.pageSize;
  const frame = { page: q.page, pageSize: q.pageSize };
  const view = await searchedView(ctx, q, selection, rules, hits);
  if (view.rows) return { ...frame, items: view.rows.slice(start, start + q.pageSize), hasMore: view.rows.length > start + q.pageSize, total: view.rows.length };
  const ids = view.ids!;
  if (onlySegment(selection)) {
    // The index decided everything: read the page's customers only.
    const items: CustomerRow[] = [];
    for await (const o of selectedInOrder(ctx, ids.slice(start, start + q.pageSize), selection, q.pageSize)) items.push(o);
    return { ...frame, items, hasMore: ids.length > start + q.pageSize, total: ids.length };
  }
  // A filter only the customer knows: read hits in order until the page and one more are found.
  const items: CustomerRow[] = [];
  let seen = 0;
  for await (const o of selectedInOrder(ctx, ids, selection, Math.max(CHECK_CHUNK, q.pageSize + 1))) {
    if (seen++ < start) continue;
    items.push(o);
    if (items.length > q.pageSize) break;
  }
  return { ...frame, items: items.slice(0, q.pageSize), hasMore: items.length > q.pageSize };
}

/**
 * `GET /organizations`. A query (`q`) of words of at least two characters goes to the search
 * index (see searchedPage: a name-ordered page reads only its own customers); one of only single
 * characters matches names by prefix (index-backed on MongoDB, a scan of the customers — never of
 * contacts or actions — on FerretDB).
 */
export async function listOrganizations(ctx: UseCaseContext, q: z.output<typeof OrganizationListQuerySchema>): Promise<Page<OrganizationListItem> & { total?: number }> {
  const { ref, rules } = await viewContext(ctx);
  const selection = selectionOf(ctx, q, ref, rules);
  const hits = q.q ? await searchHits(ctx.repos, q.q) : null;
  let page: Page<CustomerRow> & { total?: number };
  if (hits) page = await searchedPage(ctx, q, selection, rules, hits);
  else {
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
