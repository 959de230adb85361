/** Customers (organisations): create, read, list and change. */
import type { z } from 'zod';
import type { CreateOrganization, Organization, OrganizationListQuerySchema, UpdateOrganization } from '../../shared/contract';
import { AppError } from '../errors';
import type { CustomerFields, CustomerRecord, KeyClaim, Page } from '../persistence/repositories';
import type { UseCaseContext } from './context';
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

export async function organizationViews(ctx: UseCaseContext, records: CustomerRecord[]): Promise<Organization[]> {
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
  let created: CustomerRecord;
  try {
    created = await repos.customers.insert(id, fields);
  } catch (err) {
    await repos.keys.release(id, keys);
    throw err;
  }
  await syncCustomerOnDesks(repos, null, created);
  return view(ctx, created);
}

export async function getOrganization(ctx: UseCaseContext, id: string): Promise<Organization> {
  const record = await ctx.repos.customers.get(id);
  if (!record) throw AppError.notFound('The customer');
  return view(ctx, record);
}

export async function listOrganizations(ctx: UseCaseContext, q: z.output<typeof OrganizationListQuerySchema>): Promise<Page<Organization>> {
  const page = await ctx.repos.customers.list(
    { q: q.q, segment: q.segment, customerGroup: q.customerGroup, responsibleId: q.responsibleId },
    q,
  );
  return { ...page, items: await organizationViews(ctx, page.items) };
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
  await syncCustomerOnDesks(repos, current, updated);
  return view(ctx, updated);
}
