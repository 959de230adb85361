/** Contact persons: create (optionally with a new potential customer), read, list and change. */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Contact, ContactListQuerySchema, CreateContact, UpdateContact } from '../../shared/contract';
import { AppError } from '../errors';
import type { ContactDoc } from '../persistence/models';
import { claimKeys, loadDirectory, releaseKeys, toObjectId, type KeyClaim } from '../persistence/store';
import { contactView } from '../persistence/views';
import { fetchPage, namePrefix } from '../persistence/paging';
import type { UseCaseContext } from './context';
import { createOrganization } from './organizations';
import { assertClassificationsExist } from './references';

const emailKeys = (emails: readonly string[]): KeyClaim[] =>
  emails.map((value, i) => ({ kind: 'email', value, field: `emails.${i}` }));

async function contactViews(ctx: UseCaseContext, docs: ContactDoc[]): Promise<Contact[]> {
  const dir = await loadDirectory(ctx.models, [], docs.flatMap((c) => c.classificationIds ?? []));
  return docs.map((c) => contactView(c, dir));
}

export interface CreatedContact {
  contact: Contact;
  /** Set when the request also created a potential customer. */
  organizationCreated: boolean;
}

export async function createContact(ctx: UseCaseContext, input: CreateContact): Promise<CreatedContact> {
  const { models } = ctx;
  await assertClassificationsExist(models, 'classificationIds', input.classificationIds, 'contact');
  const emails = [...new Set(input.emails)];
  const _id = new Types.ObjectId();
  const keys = emailKeys(emails);

  let organizationId: Types.ObjectId;
  if (input.organizationId) {
    organizationId = toObjectId(input.organizationId);
    if (!(await models.Organization.exists({ _id: organizationId }))) {
      throw AppError.unprocessable('organizationId names no customer', 'organizationId');
    }
  } else {
    // Addresses first: an address that is taken must not leave a stray new customer behind.
    await claimKeys(models, _id, keys);
    try {
      const org = await createOrganization(ctx, {
        ...input.newOrganization!,
        segment: 'P',
        classificationIds: [],
        externalIds: {},
        responsibleId: ctx.user.role === 'account_manager' ? String(ctx.user._id) : undefined,
      });
      organizationId = toObjectId(org.id);
    } catch (err) {
      await releaseKeys(models, _id, keys);
      if (err instanceof AppError && err.fields) {
        throw new AppError(err.code, err.message, err.fields.map((f) => ({ ...f, path: `newOrganization.${f.path}` })));
      }
      throw err;
    }
  }

  await claimKeys(models, _id, keys);
  try {
    const doc = await models.Contact.create({
      _id,
      organizationId,
      name: input.name,
      nameLower: input.name.toLowerCase(),
      emails,
      phone: input.phone ?? null,
      title: input.title ?? null,
      classificationIds: [...new Set(input.classificationIds)].map(toObjectId),
    });
    const [contact] = await contactViews(ctx, [doc.toObject() as ContactDoc]);
    return { contact: contact!, organizationCreated: !input.organizationId };
  } catch (err) {
    await releaseKeys(models, _id, keys);
    throw err;
  }
}

export async function getContact(ctx: UseCaseContext, id: string): Promise<Contact> {
  const doc = await ctx.models.Contact.findById(toObjectId(id)).lean();
  if (!doc) throw AppError.notFound('The contact');
  return (await contactViews(ctx, [doc]))[0]!;
}

export async function listContacts(ctx: UseCaseContext, q: z.output<typeof ContactListQuerySchema>) {
  const filter: Record<string, unknown> = {};
  if (q.organizationId) filter.organizationId = toObjectId(q.organizationId);
  if (q.q) filter.nameLower = namePrefix(q.q);
  return fetchPage(q, (skip, limit) => ctx.models.Contact.find(filter).sort({ nameLower: 1, _id: 1 }).skip(skip).limit(limit).lean(), (docs) => contactViews(ctx, docs));
}

export async function updateContact(ctx: UseCaseContext, id: string, patch: UpdateContact): Promise<Contact> {
  const { models } = ctx;
  const _id = toObjectId(id);
  const current = await models.Contact.findById(_id).lean();
  if (!current) throw AppError.notFound('The contact');
  await assertClassificationsExist(models, 'classificationIds', patch.classificationIds, 'contact');
  if (patch.organizationId && !(await models.Organization.exists({ _id: toObjectId(patch.organizationId) }))) {
    throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  }
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) Object.assign(set, { name: patch.name, nameLower: patch.name.toLowerCase() });
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.organizationId !== undefined) set.organizationId = toObjectId(patch.organizationId);
  if (patch.classificationIds !== undefined) set.classificationIds = [...new Set(patch.classificationIds)].map(toObjectId);
  const emails = patch.emails ? [...new Set(patch.emails)] : undefined;
  if (emails) set.emails = emails;
  const added = emails ? emailKeys(emails).filter((k) => !(current.emails ?? []).includes(k.value)) : [];
  const removed = emails ? (current.emails ?? []).filter((e) => !emails.includes(e)) : [];
  await claimKeys(models, _id, added);
  let updated: ContactDoc | null;
  try {
    updated = await models.Contact.findByIdAndUpdate(_id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
  } catch (err) {
    await releaseKeys(models, _id, added);
    throw err;
  }
  if (!updated) throw AppError.notFound('The contact');
  await releaseKeys(models, _id, removed.map((value) => ({ kind: 'email' as const, value })));
  return (await contactViews(ctx, [updated]))[0]!;
}
