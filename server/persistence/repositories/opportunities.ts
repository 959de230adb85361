/**
 * Opportunities (`opportunities`) and who has them (`opportunity_lists`, see models.ts).
 *
 * Why each write is safe with several instances: an opportunity is inserted with a new `_id`; every
 * change is one compare-and-set on `version` (`$set` of the fields, `$inc` of the version, `$push` of
 * a stage change), so of two changes made on the same version exactly one lands and the other is
 * told (409) instead of overwriting it. The lists are kept like the task lists: an entry is set only
 * over an older version and unset only up to its version, so lists written out of order still end as
 * the newest version says.
 */
import { Types } from 'mongoose';
import type { OpportunityStage } from '../../../shared/contract-sales';
import type { PersonRef } from '../../../shared/contract';
import type { Engine } from '../engine';
import type { Models, OpportunityDoc, OpportunityListDoc } from '../models';
import { oid, str } from './records';

export interface StageChange {
  at: Date;
  by: PersonRef;
  from: OpportunityStage | null;
  to: OpportunityStage;
}

export interface OpportunityFields {
  organizationId: string;
  organizationName: string;
  contactIds: string[];
  owner: PersonRef;
  title: string;
  stage: OpportunityStage;
  lostReason: string | null;
  estimatedValueCents: number;
  probabilityPct: number;
  expectedCloseOn: string | null;
  productIds: string[];
  notes: string;
}

export interface OpportunityRecord extends OpportunityFields {
  id: string;
  history: StageChange[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OpportunityRepository {
  newId(): string;
  insert(id: string, fields: OpportunityFields, created: StageChange): Promise<OpportunityRecord>;
  get(id: string): Promise<OpportunityRecord | null>;
  getMany(ids: readonly string[]): Promise<OpportunityRecord[]>;
  /** The change on `version`; null when the opportunity is not at that version (or does not exist). */
  update(id: string, version: number, set: Partial<OpportunityFields>, stageChange: StageChange | null): Promise<OpportunityRecord | null>;
  /** Brings the owner's and the customer's lists from `before` to `after`. */
  syncLists(before: OpportunityRecord | null, after: OpportunityRecord | null): Promise<void>;
  /** Notes an offer of the opportunity. */
  addOffer(id: string, offerId: string): Promise<void>;
  /** Its offers' ids, oldest first. */
  offerIdsOf(id: string): Promise<string[]>;
  /** Notes an action linked to the opportunity. */
  linkAction(id: string, actionId: string): Promise<void>;
  /** The ids of its linked actions, oldest link first. */
  actionIdsOf(id: string): Promise<string[]>;
  /** The offers' ids of these opportunities (one `_id` read of them all). */
  offerIdsOfMany(ids: readonly string[]): Promise<string[]>;
  /** The ids on an owner's list. */
  idsOfOwner(userId: string): Promise<string[]>;
  /** The ids on a customer's list. */
  idsOfCustomer(organizationId: string): Promise<string[]>;
  /** The ids on each of these customers' lists (those with none left out), read 500 lists at a time by `_id`. */
  idsOfCustomers(organizationIds: readonly string[]): Promise<Map<string, string[]>>;
}

const ownerKey = (userId: string) => `owner:${userId}`;
const customerKey = (organizationId: string) => `customer:${organizationId}`;
const listKeys = (o: OpportunityRecord | null): string[] => (o ? [ownerKey(o.owner.id), customerKey(o.organizationId)] : []);

const personDoc = (p: PersonRef) => ({ id: oid(p.id), name: p.name, email: p.email });
const personOf = (d: { id?: unknown; name?: string | null; email?: string | null } | null | undefined): PersonRef =>
  ({ id: d?.id ? str(d.id as Types.ObjectId) : '', name: d?.name ?? '', email: d?.email ?? '' });
const changeDoc = (c: StageChange) => ({ at: c.at, by: personDoc(c.by), from: c.from, to: c.to });

function fieldsToDoc(f: Partial<OpportunityFields>): Record<string, unknown> {
  const doc: Record<string, unknown> = { ...f };
  if (f.organizationId !== undefined) doc.organizationId = oid(f.organizationId);
  if (f.contactIds !== undefined) doc.contactIds = f.contactIds.map(oid);
  if (f.productIds !== undefined) doc.productIds = f.productIds.map(oid);
  if (f.owner !== undefined) doc.owner = personDoc(f.owner);
  return doc;
}

function fromDoc(d: OpportunityDoc): OpportunityRecord {
  return {
    id: str(d._id),
    organizationId: str(d.organizationId),
    organizationName: d.organizationName,
    contactIds: (d.contactIds ?? []).map(str),
    owner: personOf(d.owner),
    title: d.title,
    stage: d.stage as OpportunityStage,
    lostReason: d.lostReason ?? null,
    estimatedValueCents: d.estimatedValueCents ?? 0,
    probabilityPct: d.probabilityPct,
    expectedCloseOn: d.expectedCloseOn ?? null,
    productIds: (d.productIds ?? []).map(str),
    notes: d.notes ?? '',
    history: (d.history ?? []).map((h) => ({ at: h.at as Date, by: personOf(h.by), from: (h.from ?? null) as OpportunityStage | null, to: h.to as OpportunityStage })),
    version: d.version ?? 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function opportunityRepository(models: Models, engine: Engine): OpportunityRepository {
  const { Opportunity, OpportunityList } = models;
  const getMany = async (ids: readonly string[]) =>
    (await engine.findByIds<OpportunityDoc>(Opportunity, ids.filter((id) => Types.ObjectId.isValid(id)).map(oid))).map(fromDoc);
  const idsOf = async (key: string) => Object.keys((await engine.findByIds<OpportunityListDoc>(OpportunityList, [key]))[0]?.o ?? {});
  async function idsOfCustomers(organizationIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (let i = 0; i < organizationIds.length; i += 500) {
      const lists = await engine.findByIds<OpportunityListDoc>(OpportunityList, organizationIds.slice(i, i + 500).map(customerKey));
      for (const l of lists) {
        const ids = Object.keys(l.o ?? {});
        if (ids.length > 0) out.set(l._id.slice('customer:'.length), ids);
      }
    }
    return out;
  }
  return {
    idsOfCustomers,
    newId: () => new Types.ObjectId().toHexString(),
    async insert(id, fields, created) {
      const doc = await Opportunity.create({ _id: oid(id), ...fieldsToDoc(fields), history: [changeDoc(created)], version: 0 });
      return fromDoc(doc.toObject() as OpportunityDoc);
    },
    getMany,
    async get(id) {
      return (await getMany([id]))[0] ?? null;
    },
    async update(id, version, set, stageChange) {
      const res = await engine.updateById<OpportunityDoc>(
        Opportunity,
        oid(id),
        { $set: fieldsToDoc(set), $inc: { version: 1 }, ...(stageChange ? { $push: { history: changeDoc(stageChange) } } : {}) },
        { where: { version }, returnDocument: 'after' },
      );
      return res.doc ? fromDoc(res.doc) : null;
    },
    async syncLists(before, after) {
      const o = after ?? before;
      if (!o) return;
      const path = `o.${o.id}`;
      const version = after ? after.version : before!.version + 1;
      const keep = new Set(listKeys(after));
      const writes: Promise<unknown>[] = [];
      for (const key of listKeys(before)) {
        if (!keep.has(key)) writes.push(engine.updateById(OpportunityList, key, { $unset: { [path]: '' } }, { where: { [`${path}.v`]: { $lte: version } } }));
      }
      for (const key of keep) {
        writes.push(engine.updateById(OpportunityList, key, { $set: { [path]: { v: version } } }, { where: { $or: [{ [path]: null }, { [`${path}.v`]: { $lt: version } }] }, upsert: true }));
      }
      await Promise.all(writes);
    },
    async addOffer(id, offerId) {
      await engine.updateById(Opportunity, oid(id), { $addToSet: { offerIds: oid(offerId) } }, { timestamps: false });
    },
    async offerIdsOf(id) {
      const [doc] = await engine.findByIds<OpportunityDoc>(Opportunity, [oid(id)], { offerIds: 1 });
      return (doc?.offerIds ?? []).map(str);
    },
    async linkAction(id, actionId) {
      await engine.updateById(Opportunity, oid(id), { $addToSet: { actionIds: oid(actionId) } }, { timestamps: false });
    },
    async actionIdsOf(id) {
      const [doc] = await engine.findByIds<OpportunityDoc>(Opportunity, [oid(id)], { actionIds: 1 });
      return (doc?.actionIds ?? []).map(str);
    },
    async offerIdsOfMany(ids) {
      const docs = await engine.findByIds<OpportunityDoc>(Opportunity, ids.filter((id) => Types.ObjectId.isValid(id)).map(oid), { offerIds: 1 });
      return docs.flatMap((d) => (d.offerIds ?? []).map(str));
    },
    idsOfOwner: (userId) => idsOf(ownerKey(userId)),
    idsOfCustomer: (organizationId) => idsOf(customerKey(organizationId)),
  };
}
