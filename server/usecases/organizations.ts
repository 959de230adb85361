/** Customers (organisations): create, read, list and change. */
import { Types } from 'mongoose';
import type { CreateOrganization, Organization, UpdateOrganization } from '../../shared/contract';
import type { OrganizationListQuerySchema } from '../../shared/contract';
import type { z } from 'zod';
import { AppError } from '../errors';
import type { OrganizationDoc } from '../persistence/models';
import { changeCustomer, claimKeys, loadDirectory, releaseKeys, toObjectId, type KeyClaim } from '../persistence/store';
import { organizationView } from '../persistence/views';
import { fetchPage, namePrefix } from '../persistence/paging';
import type { UseCaseContext } from './context';
import { assertClassificationsExist, assertUsersExist } from './references';

type KeyFields = Pick<OrganizationDoc, 'emailDomains' | 'businessId' | 'externalIds'>;

function keysOf(o: Partial<KeyFields>): KeyClaim[] {
  const keys: KeyClaim[] = [];
  (o.emailDomains ?? []).forEach((d, i) => keys.push({ kind: 'domain', value: d, field: `emailDomains.${i}` }));
  if (o.businessId) keys.push({ kind: 'businessId', value: o.businessId, field: 'businessId' });
  if (o.externalIds?.top) keys.push({ kind: 'top', value: o.externalIds.top, field: 'externalIds.top' });
  if (o.externalIds?.profinder) keys.push({ kind: 'profinder', value: o.externalIds.profinder, field: 'externalIds.profinder' });
  return keys;
}

const sameKey = (a: KeyClaim, b: KeyClaim) => a.kind === b.kind && a.value === b.value;

export async function organizationViews(ctx: UseCaseContext, docs: OrganizationDoc[]): Promise<Organization[]> {
  const dir = await loadDirectory(ctx.models, docs.flatMap((o) => [o.responsibleId, o.backupId]), docs.flatMap((o) => o.classificationIds ?? []));
  return docs.map((o) => organizationView(o, dir));
}

async function view(ctx: UseCaseContext, doc: OrganizationDoc): Promise<Organization> {
  return (await organizationViews(ctx, [doc]))[0]!;
}

export async function createOrganization(ctx: UseCaseContext, input: CreateOrganization): Promise<Organization> {
  const { models } = ctx;
  await assertUsersExist(models, { responsibleId: input.responsibleId, backupId: input.backupId });
  await assertClassificationsExist(models, 'classificationIds', input.classificationIds, 'organization');
  const _id = new Types.ObjectId();
  const emailDomains = [...new Set(input.emailDomains)];
  const fields = {
    name: input.name,
    nameLower: input.name.toLowerCase(),
    businessId: input.businessId ?? null,
    segment: input.segment,
    customerGroup: input.customerGroup,
    emailDomains,
    department: input.department ?? null,
    responsibleId: input.responsibleId ? toObjectId(input.responsibleId) : null,
    backupId: input.backupId ? toObjectId(input.backupId) : null,
    classificationIds: [...new Set(input.classificationIds)].map(toObjectId),
    externalIds: input.externalIds,
  };
  const keys = keysOf(fields);
  await claimKeys(models, _id, keys);
  try {
    const doc = await models.Organization.create({ _id, ...fields });
    return view(ctx, doc.toObject() as OrganizationDoc);
  } catch (err) {
    await releaseKeys(models, _id, keys);
    throw err;
  }
}

export async function getOrganization(ctx: UseCaseContext, id: string): Promise<Organization> {
  const doc = await ctx.models.Organization.findById(toObjectId(id)).lean();
  if (!doc) throw AppError.notFound('The customer');
  return view(ctx, doc);
}

export async function listOrganizations(ctx: UseCaseContext, q: z.output<typeof OrganizationListQuerySchema>) {
  const filter: Record<string, unknown> = {};
  if (q.q) filter.nameLower = namePrefix(q.q);
  if (q.segment) filter.segment = q.segment;
  if (q.customerGroup) filter.customerGroup = q.customerGroup;
  if (q.responsibleId) filter.responsibleId = toObjectId(q.responsibleId);
  return fetchPage(q, (skip, limit) => ctx.models.Organization.find(filter).sort({ nameLower: 1, _id: 1 }).skip(skip).limit(limit).lean(), (docs) => organizationViews(ctx, docs));
}

export async function updateOrganization(ctx: UseCaseContext, id: string, patch: UpdateOrganization): Promise<Organization> {
  const { models } = ctx;
  const _id = toObjectId(id);
  const current = await models.Organization.findById(_id).lean();
  if (!current) throw AppError.notFound('The customer');
  await assertUsersExist(models, { responsibleId: patch.responsibleId, backupId: patch.backupId });
  await assertClassificationsExist(models, 'classificationIds', patch.classificationIds, 'organization');

  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) Object.assign(set, { name: patch.name, nameLower: patch.name.toLowerCase() });
  if (patch.businessId !== undefined) set.businessId = patch.businessId;
  if (patch.segment !== undefined) set.segment = patch.segment;
  if (patch.customerGroup !== undefined) set.customerGroup = patch.customerGroup;
  if (patch.emailDomains !== undefined) set.emailDomains = [...new Set(patch.emailDomains)];
  if (patch.department !== undefined) set.department = patch.department;
  if (patch.responsibleId !== undefined) set.responsibleId = patch.responsibleId ? toObjectId(patch.responsibleId) : null;
  if (patch.backupId !== undefined) set.backupId = patch.backupId ? toObjectId(patch.backupId) : null;
  if (patch.classificationIds !== undefined) set.classificationIds = [...new Set(patch.classificationIds)].map(toObjectId);
  if (patch.externalIds !== undefined) set.externalIds = patch.externalIds;

  const before = keysOf(current);
  const after = keysOf({ ...current, ...set } as KeyFields);
  const added = after.filter((k) => !before.some((b) => sameKey(b, k)));
  const removed = before.filter((k) => !after.some((a) => sameKey(a, k)));
  await claimKeys(models, _id, added);
  let updated: OrganizationDoc | null;
  try {
    updated = await changeCustomer(models, _id, () =>
      models.Organization.findByIdAndUpdate(_id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean(),
    );
  } catch (err) {
    await releaseKeys(models, _id, added);
    throw err;
  }
  if (!updated) throw AppError.notFound('The customer');
  await releaseKeys(models, _id, removed);
  return view(ctx, updated);
}
