/**
 * Campaigns (`campaigns`, ../marketingModels).
 *
 * Why each write is safe with several instances: a change is a `$set` by `_id` as a
 * compare-and-set on `version` (`$inc`ed); a new mailing is added to its campaign's list with
 * `$addToSet`. The list of campaigns is a scan of the small collection on the embedded engine
 * (tens of documents a year).
 */
import type { PersonRef } from '../../../shared/contract';
import type { CampaignStatus } from '../../../shared/contract-campaigns';
import type { Engine } from '../engine';
import type { CampaignDoc } from '../marketingModels';
import type { Models } from '../models';
import { newId, oid, str } from './records';

export interface CampaignFields {
  name: string;
  purpose: string;
  startsOn: string;
  endsOn: string;
  owner: PersonRef;
  status: CampaignStatus;
  targetSelectionIds: string[];
  exclusionSelectionIds: string[];
}

export interface CampaignRecord extends CampaignFields {
  id: string;
  mailingIds: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type CampaignPatch = Partial<Omit<CampaignFields, 'owner'>>;

export interface CampaignRepository {
  newId(): string;
  insert(id: string, fields: CampaignFields): Promise<CampaignRecord>;
  get(id: string): Promise<CampaignRecord | null>;
  /** Every campaign, newest period first. */
  all(): Promise<CampaignRecord[]>;
  /** Sets the fields, provided the campaign is still at `version`; null when it changed meanwhile. */
  update(id: string, version: number, patch: CampaignPatch): Promise<CampaignRecord | null>;
  addMailing(id: string, mailingId: string): Promise<void>;
}

const person = (p: { id: unknown; name?: string | null; email?: string | null }): PersonRef => ({ id: str(p.id as string), name: p.name ?? '', email: p.email ?? '' });

function fromDoc(d: CampaignDoc): CampaignRecord {
  return {
    id: str(d._id), name: d.name, purpose: d.purpose ?? '', startsOn: d.startsOn, endsOn: d.endsOn, owner: person(d.owner),
    status: d.status as CampaignStatus, targetSelectionIds: [...(d.targetSelectionIds ?? [])], exclusionSelectionIds: [...(d.exclusionSelectionIds ?? [])],
    mailingIds: [...(d.mailingIds ?? [])], version: d.version ?? 0, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

export function campaignRepository(models: Models, engine: Engine): CampaignRepository {
  const { Campaign } = models;
  const get = async (id: string) => {
    const [d] = await engine.findByIds<CampaignDoc>(Campaign, [oid(id)]);
    return d ? fromDoc(d) : null;
  };
  return {
    newId,
    async insert(id, f) {
      await Campaign.create({ _id: oid(id), ...f, owner: { ...f.owner, id: oid(f.owner.id) }, mailingIds: [], version: 0 });
      return (await get(id))!;
    },
    get,
    async all() {
      const docs = await Campaign.find({}).lean<CampaignDoc[]>().exec();
      return docs.map(fromDoc).sort((a, b) => b.startsOn.localeCompare(a.startsOn) || a.name.localeCompare(b.name, 'fi'));
    },
    async update(id, version, patch) {
      const res = await engine.updateById<CampaignDoc>(Campaign, oid(id), { $set: patch, $inc: { version: 1 } }, { where: { version }, returnDocument: 'after' });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },
    async addMailing(id, mailingId) {
      await engine.updateById(Campaign, oid(id), { $addToSet: { mailingIds: mailingId } });
    },
  };
}
