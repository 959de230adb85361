/**
 * Offers (`offers`, see models.ts) and their numbers (`counters`, `_id` = `offer:<year>`).
 *
 * Why each write is safe with several instances: a number is one upserted `$inc` of the year's
 * counter, answered with the value after it, so concurrent creations each get their own; an offer is
 * inserted with a new `_id`; every change is a compare-and-set on `version` (and, for a draft's
 * change or a state change, on `state`), so of two changes made on one version exactly one lands.
 */
import { Types } from 'mongoose';
import type { OfferState } from '../../../shared/contract-sales';
import type { PersonRef } from '../../../shared/contract';
import type { OfferTotals } from '../../../shared/domain/money';
import type { Engine } from '../engine';
import type { CounterDoc, Models, OfferDoc } from '../models';
import { oid, str } from './records';

export interface OfferLineRecord {
  productId: string | null;
  description: string;
  quantityHundredths: number;
  unitPriceCents: number;
  discountBp: number;
  vatRateBp: number;
  netCents: number;
}

/** What is stored: `sent` stays `sent` after its validity date (the view calls it expired). */
export type StoredOfferState = Exclude<OfferState, 'expired'>;

export interface OfferFields {
  opportunityId: string;
  organizationId: string;
  organizationName: string;
  contactId: string | null;
  owner: PersonRef;
  language: 'fi' | 'sv' | 'en';
  lines: OfferLineRecord[];
  totals: OfferTotals;
  validUntil: string;
  terms: string;
}

export interface OfferRecord extends OfferFields {
  id: string;
  number: string;
  state: StoredOfferState;
  sentAt: Date | null;
  answeredAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OfferRepository {
  newId(): string;
  /** The next number of the year: `2026-0001`, `2026-0002`… */
  nextNumber(year: number): Promise<string>;
  insert(id: string, number: string, fields: OfferFields): Promise<OfferRecord>;
  get(id: string): Promise<OfferRecord | null>;
  getMany(ids: readonly string[]): Promise<OfferRecord[]>;
  /** The change on `version` while in `state`; null when the offer is not so. */
  update(id: string, expect: { version: number; state: StoredOfferState }, set: Partial<OfferFields & Pick<OfferRecord, 'state' | 'sentAt' | 'answeredAt'>>): Promise<OfferRecord | null>;
}

function fromDoc(d: OfferDoc): OfferRecord {
  return {
    id: str(d._id),
    number: d.number,
    opportunityId: str(d.opportunityId),
    organizationId: str(d.organizationId),
    organizationName: d.organizationName,
    contactId: d.contactId ? str(d.contactId) : null,
    owner: { id: d.owner?.id ? str(d.owner.id) : '', name: d.owner?.name ?? '', email: d.owner?.email ?? '' },
    language: d.language as OfferRecord['language'],
    lines: (d.lines ?? []).map((l) => ({
      productId: l.productId ? str(l.productId) : null, description: l.description ?? '', quantityHundredths: l.quantityHundredths ?? 0,
      unitPriceCents: l.unitPriceCents ?? 0, discountBp: l.discountBp ?? 0, vatRateBp: l.vatRateBp ?? 0, netCents: l.netCents ?? 0,
    })),
    totals: d.totals as OfferTotals,
    validUntil: d.validUntil,
    terms: d.terms ?? '',
    state: d.state as StoredOfferState,
    sentAt: d.sentAt ?? null,
    answeredAt: d.answeredAt ?? null,
    version: d.version ?? 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function toDoc(f: Partial<OfferFields & Pick<OfferRecord, 'state' | 'sentAt' | 'answeredAt'>>): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...f };
  if (f.opportunityId !== undefined) doc.opportunityId = oid(f.opportunityId);
  if (f.organizationId !== undefined) doc.organizationId = oid(f.organizationId);
  if (f.contactId !== undefined) doc.contactId = f.contactId ? oid(f.contactId) : null;
  if (f.owner !== undefined) doc.owner = { id: oid(f.owner.id), name: f.owner.name, email: f.owner.email };
  if (f.lines !== undefined) doc.lines = f.lines.map((l) => ({ ...l, productId: l.productId ? oid(l.productId) : null }));
  return doc;
}

export function offerRepository(models: Models, engine: Engine): OfferRepository {
  const { Offer, Counter } = models;
  const getMany = async (ids: readonly string[]) =>
    (await engine.findByIds<OfferDoc>(Offer, ids.filter((id) => Types.ObjectId.isValid(id)).map(oid))).map(fromDoc);
  return {
    newId: () => new Types.ObjectId().toHexString(),
    async nextNumber(year) {
      const res = await engine.updateById<CounterDoc>(Counter, `offer:${year}`, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after', timestamps: false });
      return `${year}-${String(res.doc!.value).padStart(4, '0')}`;
    },
    async insert(id, number, fields) {
      const doc = await Offer.create({ _id: oid(id), number, ...toDoc(fields), state: 'draft', version: 0 });
      return fromDoc(doc.toObject() as OfferDoc);
    },
    getMany,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    async update(id, expect, set) {
      const res = await engine.updateById<OfferDoc>(Offer, oid(id), { $set: toDoc(set), $inc: { version: 1 } }, { where: { version: expect.version, state: expect.state }, returnDocument: 'after' });
      return res.doc ? fromDoc(res.doc) : null;
    },
  };
}
