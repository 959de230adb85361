/** Contact persons: create (optionally with a new potential customer), read, list and change. */
import type { MarketingConsent } from '../../shared/contract-campaigns';
import type { z } from 'zod';
import type { Contact, ContactListQuerySchema, CreateContact, UpdateContact } from '../../shared/contract';
import { AppError } from '../errors';
import type { ContactFields, ContactRecord, KeyClaim, Page } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { contactChanged } from './customerReadModels';
import { createOrganization } from './organizations';
import { assertClassificationsExist } from './references';
import { contactView } from './views';

export const emailKeys = (emails: readonly string[]): KeyClaim[] => emails.map((value, i) => ({ kind: 'email', value, field: `emails.${i}` }));

export async function contactViews(ctx: UseCaseContext, records: ContactRecord[]): Promise<Contact[]> {
  const ref = await ctx.repos.reference.get();
  return records.map((c) => contactView(c, ref));
}

export interface CreatedContact {
  contact: Contact;
  /** Set when the request also created a potential customer. */
  organizationCreated: boolean;
}

export async function createContact(ctx: UseCaseContext, input: CreateContact): Promise<CreatedContact> {
  const { repos } = ctx;
  await assertClassificationsExist(repos, 'classificationIds', input.classificationIds, 'contact');
  const emails = [...new Set(input.emails)];
  const id = repos.contacts.newId();
  const keys = emailKeys(emails);

  let organizationId: string;
  if (input.organizationId) {
    organizationId = input.organizationId;
    if (!(await repos.customers.exists(organizationId))) throw AppError.unprocessable('organizationId names no customer', 'organizationId');
    await repos.keys.claim(id, keys, { organizationId, now: ctx.now });
  } else {
    // Addresses first: an address that is taken must not leave a stray new customer behind.
    await repos.keys.claim(id, keys, { now: ctx.now });
    try {
      const org = await createOrganization(ctx, {
        ...input.newOrganization!,
        segment: 'P',
        classificationIds: [],
        externalIds: {},
        responsibleId: ctx.user.role === 'account_manager' ? ctx.user.id : undefined,
      });
      organizationId = org.id;
    } catch (err) {
      await repos.keys.release(id, keys);
      if (err instanceof AppError && err.fields) {
        throw new AppError(err.code, err.message, err.fields.map((f) => ({ ...f, path: `newOrganization.${f.path}` })));
      }
      throw err;
    }
    await repos.keys.setOrganization(id, emails, organizationId);
  }

  let record: ContactRecord;
  try {
    record = await repos.contacts.insert(id, {
      organizationId,
      name: input.name,
      emails,
      phone: input.phone ?? null,
      title: input.title ?? null,
      classificationIds: [...new Set(input.classificationIds)],
      language: input.language ?? null,
    });
  } catch (err) {
    await repos.keys.release(id, keys);
    throw err;
  }
  await contactChanged(repos, null, record);
  const [contact] = await contactViews(ctx, [record]);
  return { contact: contact!, organizationCreated: !input.organizationId };
}

export async function getContact(ctx: UseCaseContext, id: string): Promise<Contact> {
  const record = await ctx.repos.contacts.get(id);
  if (!record) throw AppError.notFound('The contact');
  return (await contactViews(ctx, [record]))[0]!;
}

/** `GET /organizations/:id/contacts`: the customer's contacts, read by `_id` through its `contactIds`. */
export async function contactsOfOrganization(ctx: UseCaseContext, organizationId: string): Promise<{ items: Contact[] }> {
  const { repos } = ctx;
  const list = await repos.customers.contactIdsOf(organizationId);
  if (!list) throw AppError.notFound('The customer');
  let ids = list.ids;
  if (!list.built) {
    // Never built (a customer written before the list existed, not yet backfilled): built now from the contacts.
    ids = (await repos.contacts.ofCustomer(organizationId)).map((c) => c.id);
    await repos.customers.addContacts(organizationId, ids);
  }
  const records = (await repos.contacts.getMany(ids)).filter((c) => c.organizationId === organizationId);
  records.sort((a, b) => a.name.localeCompare(b.name, 'fi') || (a.id < b.id ? -1 : 1));
  return { items: await contactViews(ctx, records) };
}

export async function listContacts(ctx: UseCaseContext, q: z.output<typeof ContactListQuerySchema>): Promise<Page<Contact>> {
  const page = await ctx.repos.contacts.list({ organizationId: q.organizationId, q: q.q }, q);
  return { ...page, items: await contactViews(ctx, page.items) };
}

export async function updateContact(ctx: UseCaseContext, id: string, patch: UpdateContact): Promise<Contact> {
  const { repos } = ctx;
  const current = await repos.contacts.get(id);
  if (!current) throw AppError.notFound('The contact');
  await assertClassificationsExist(repos, 'classificationIds', patch.classificationIds, 'contact');
  if (patch.organizationId && !(await repos.customers.exists(patch.organizationId))) {
    throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  }
  const set: Partial<ContactFields> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.title !== undefined) set.title = patch.title;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.organizationId !== undefined) set.organizationId = patch.organizationId;
  if (patch.classificationIds !== undefined) set.classificationIds = [...new Set(patch.classificationIds)];
  const emails = patch.emails ? [...new Set(patch.emails)] : undefined;
  if (emails) set.emails = emails;
  const organizationId = set.organizationId ?? current.organizationId;
  const added = emails ? emailKeys(emails).filter((k) => !current.emails.includes(k.value)) : [];
  const removed = emails ? current.emails.filter((e) => !emails.includes(e)) : [];
  await repos.keys.claim(id, added, { organizationId, now: ctx.now });
  let updated: ContactRecord | null;
  try {
    updated = await repos.contacts.update(id, set);
  } catch (err) {
    await repos.keys.release(id, added);
    throw err;
  }
  if (!updated) throw AppError.notFound('The contact');
  await repos.keys.release(id, removed.map((value) => ({ kind: 'email' as const, value })));
  // The address keys name the contact's customer (what a lookup reads first).
  if (set.organizationId && set.organizationId !== current.organizationId) await repos.keys.setOrganization(id, updated.emails, organizationId);
  // The search index and both customers' `contactIds` (a move takes the contact from one to the other).
  await contactChanged(repos, current, updated);
  return (await contactViews(ctx, [updated]))[0]!;
}

/** `PUT /contacts/:id/marketing`: the contact's consent to marketing mail and whether its address bounces. */
export async function setContactMarketing(ctx: UseCaseContext, id: string, change: { consent?: MarketingConsent; bounced?: boolean }): Promise<Contact> {
  const updated = await ctx.repos.contacts.setMarketing(id, change, ctx.now);
  if (!updated) throw AppError.notFound('The contact');
  return (await contactViews(ctx, [updated]))[0]!;
}
