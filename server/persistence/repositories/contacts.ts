/**
 * Contact persons (the `contacts` collection).
 *
 * Why each write is safe with several instances: a create is an insert with a fresh `_id` (its
 * addresses claimed first, ./uniqueKeys); an edit is a `$set` of the named fields by `_id`; a merge
 * moves contacts with `$set` of `organizationId` on the documents that still name the old customer
 * (a filter on that value, so a repeated merge changes nothing twice); an import's change
 * (`amend`) is a `$set` of single fields and `$addToSet` of addresses and classifications, never a
 * list written back; a classification's reassignment is as the customers' (./customers).
 */
import { byName, FirstBy } from '../sample';
import type { MarketingConsent } from '../../../shared/contract-campaigns';
import type { Engine } from '../engine';
import type { ContactDoc, Models } from '../models';
import { type Page, type PageRequest, namePrefix, pageFrom, pageWindow } from '../paging';
import { classificationHolder, type ClassificationHolder } from './classifications';
import {
  contactAmendmentToUpdate, contactFieldsToDoc, contactFromDoc, newId, oid,
  type ContactAmendment, type ContactFields, type ContactRecord, type NewContact,
} from './records';

export interface ContactRepository extends ClassificationHolder {
  newId(): string;
  get(id: string): Promise<ContactRecord | null>;
  getMany(ids: readonly string[]): Promise<ContactRecord[]>;
  insert(id: string, fields: ContactFields): Promise<ContactRecord>;
  insertMany(records: readonly NewContact[]): Promise<void>;
  update(id: string, fields: Partial<ContactFields>): Promise<ContactRecord | null>;
  /** Sets fields and adds to lists (imports); false when there is no such contact. */
  amend(id: string, change: ContactAmendment): Promise<boolean>;
  list(filter: { organizationId?: string; q?: string }, page: PageRequest): Promise<Page<ContactRecord>>;
  /** Every contact in `_id` order, as the database delivers them (never all in memory). */
  stream(): AsyncIterable<ContactRecord>;
  /**
   * Contacts carrying one of `classificationIds` (every contact when not given), as the database
   * delivers them: one query whatever the number of customers they belong to (on MongoDB on the
   * classifications' index; on the embedded engine one pass over the collection, see ../engine).
   */
  streamWhere(filter: { classificationIds?: readonly string[] }): AsyncIterable<ContactRecord>;
  /** About how many contacts there are (the collection's own count, no documents read). */
  estimatedCount(): Promise<number>;
  /**
   * Contacts without an email address: one pass over them (a scan on the embedded engine, acceptable
   * for the administrator's data-quality view), keeping the first `sampleSize` by name.
   */
  withoutEmail(sampleSize: number): Promise<{ count: number; sample: { id: string; name: string; organizationId: string }[] }>;
  /** The contacts of a customer. */
  ofCustomer(organizationId: string): Promise<ContactRecord[]>;
  /** Moves every contact of one customer to another; returns how many moved. */
  moveAll(fromOrganizationId: string, toOrganizationId: string): Promise<number>;
  delete(id: string): Promise<void>;
  /**
   * Sets the contact's consent to marketing mail and whether its address bounces (`$set` by `_id`);
   * the contact after, or null when there is none.
   */
  setMarketing(id: string, change: { consent?: MarketingConsent; bounced?: boolean }, at: Date): Promise<ContactRecord | null>;
}

export function contactRepository(models: Models, engine: Engine): ContactRepository {
  const { Contact } = models;
  const getMany = async (ids: readonly string[]) => (await engine.findByIds<ContactDoc>(Contact, ids.map(oid))).map(contactFromDoc);
  return {
    newId,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    getMany,
    async insert(id, fields) {
      const doc = await Contact.create({ _id: oid(id), ...contactFieldsToDoc(fields) });
      return contactFromDoc(doc.toObject() as ContactDoc);
    },
    async insertMany(records) {
      const now = new Date();
      const docs = records.map(({ id, createdAt, ...fields }) => ({ _id: oid(id), ...contactFieldsToDoc(fields), createdAt: createdAt ?? now, updatedAt: createdAt ?? now }));
      const { duplicates } = await engine.insertMany(Contact, docs);
      if (duplicates.length) throw new Error(`contacts ${duplicates.map((i) => records[i]!.id).join(', ')} exist already`);
    },
    async update(id, fields) {
      const res = await engine.updateById<ContactDoc>(Contact, oid(id), { $set: contactFieldsToDoc(fields) }, { returnDocument: 'after' });
      return res.doc ? contactFromDoc(res.doc) : null;
    },
    async amend(id, change) {
      const update = contactAmendmentToUpdate(change);
      if (Object.keys(update).length === 0) return (await engine.findByIds(Contact, [oid(id)], { _id: 1 })).length > 0;
      return (await engine.updateById(Contact, oid(id), update)).matched;
    },
    async *stream() {
      for await (const doc of Contact.find({}).sort({ _id: 1 }).lean<ContactDoc[]>().batchSize(1000).cursor()) yield contactFromDoc(doc as ContactDoc);
    },
    async *streamWhere(filter) {
      const query = filter.classificationIds ? { classificationIds: { $in: filter.classificationIds.map(oid) } } : {};
      for await (const doc of Contact.find(query).lean<ContactDoc[]>().batchSize(1000).cursor()) yield contactFromDoc(doc as ContactDoc);
    },
    estimatedCount: () => Contact.estimatedDocumentCount().exec(),
    async withoutEmail(sampleSize) {
      const first = new FirstBy<{ id: string; name: string; organizationId: string }>(sampleSize, byName);
      const filter = { $or: [{ emails: { $exists: false } }, { emails: { $size: 0 } }] };
      const cursor = Contact.find(filter, { name: 1, organizationId: 1 }).lean<{ _id: unknown; name: string; organizationId: unknown }[]>().batchSize(1000).cursor();
      for await (const doc of cursor) first.add({ id: String(doc._id), name: doc.name, organizationId: String(doc.organizationId) });
      return { count: first.count, sample: first.items };
    },
    ...classificationHolder(Contact, engine),
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.organizationId) query.organizationId = oid(filter.organizationId);
      if (filter.q) query.nameLower = namePrefix(filter.q);
      const docs = await Contact.find(query).sort({ nameLower: 1, _id: 1 }).skip(pageWindow(page).skip).limit(pageWindow(page).limit).lean();
      return pageFrom(docs, page, contactFromDoc);
    },
    async ofCustomer(organizationId) {
      return (await Contact.find({ organizationId: oid(organizationId) }).lean()).map(contactFromDoc);
    },
    async moveAll(from, to) {
      return (await engine.updateMany(Contact, { organizationId: oid(from) }, { $set: { organizationId: oid(to) } })).modified;
    },
    async delete(id) {
      await engine.deleteById(Contact, oid(id));
    },
    async setMarketing(id, change, at) {
      const set: Record<string, unknown> = {};
      if (change.consent !== undefined) Object.assign(set, { marketingConsent: change.consent, marketingConsentAt: at });
      if (change.bounced !== undefined) set.bouncedAt = change.bounced ? at : null;
      const res = await engine.updateById<ContactDoc>(Contact, oid(id), { $set: set }, { returnDocument: 'after' });
      return res.doc ? contactFromDoc(res.doc) : null;
    },
  };
}
