/**
 * Surveys (`surveys`). Why each write is safe with several instances: a change of a survey's name,
 * title, question texts, closing day or status is a `$set` by `_id` as a compare-and-set on
 * `version` (`$inc`ed); its
 * invitation and response counters are `$inc`s, independent of every other field. The list is a
 * read of the whole (small: tens of documents) collection.
 */
import { Types } from 'mongoose';
import type { PersonRef } from '../../../shared/contract';
import type { Question, SurveyType, Texts } from '../../../shared/domain/feedback';
import type { Engine } from '../engine';
import type { SurveyDoc } from '../feedbackModels';
import type { Models } from '../models';
import { oid, str } from './records';

export interface SurveyRecord {
  id: string;
  name: string;
  /** The heading respondents see; null: the name. */
  title: Texts | null;
  type: SurveyType;
  questions: Question[];
  owner: PersonRef;
  status: 'open' | 'closed';
  closesOn: string | null;
  invitationCount: number;
  responseCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type SurveyFields = Pick<SurveyRecord, 'name' | 'title' | 'type' | 'questions' | 'owner' | 'closesOn'>;
export type SurveyPatch = Partial<Pick<SurveyRecord, 'name' | 'title' | 'questions' | 'closesOn' | 'status'>>;

export interface SurveyRepository {
  newId(): string;
  insert(id: string, fields: SurveyFields): Promise<SurveyRecord>;
  get(id: string): Promise<SurveyRecord | null>;
  all(): Promise<SurveyRecord[]>;
  /** Sets the fields given, provided the survey is still at `version`; null when it changed (or is gone). */
  update(id: string, version: number, patch: SurveyPatch): Promise<SurveyRecord | null>;
  /** Adds to the counters (`$inc`). */
  count(id: string, by: { invitations?: number; responses?: number }): Promise<void>;
}

function fromDoc(d: SurveyDoc): SurveyRecord {
  return {
    id: str(d._id),
    name: d.name,
    title: (d.title ?? null) as Texts | null,
    type: d.type as SurveyType,
    questions: (d.questions ?? []) as Question[],
    owner: { id: str(d.owner.id as Types.ObjectId), name: d.owner.name ?? '', email: d.owner.email ?? '' },
    status: (d.status ?? 'open') as 'open' | 'closed',
    closesOn: d.closesOn ?? null,
    invitationCount: d.invitationCount ?? 0,
    responseCount: d.responseCount ?? 0,
    version: d.version ?? 0,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function surveyRepository(models: Models, engine: Engine): SurveyRepository {
  const { Survey } = models;
  return {
    newId: () => new Types.ObjectId().toHexString(),
    async insert(id, fields) {
      const doc = await Survey.create({
        _id: oid(id), ...fields, owner: { id: oid(fields.owner.id), name: fields.owner.name, email: fields.owner.email },
        status: 'open', invitationCount: 0, responseCount: 0, version: 0,
      });
      return fromDoc(doc.toObject() as SurveyDoc);
    },
    async get(id) {
      if (!Types.ObjectId.isValid(id)) return null;
      const [doc] = await engine.findByIds<SurveyDoc>(Survey, [oid(id)]);
      return doc ? fromDoc(doc) : null;
    },
    async all() {
      return (await Survey.find().lean<SurveyDoc[]>()).map(fromDoc);
    },
    async update(id, version, patch) {
      const res = await engine.updateById<SurveyDoc>(Survey, oid(id), { $set: { ...patch }, $inc: { version: 1 } }, { where: { version }, returnDocument: 'after' });
      return res.matched && res.doc ? fromDoc(res.doc) : null;
    },
    async count(id, by) {
      const inc = { ...(by.invitations ? { invitationCount: by.invitations } : {}), ...(by.responses ? { responseCount: by.responses } : {}) };
      if (Object.keys(inc).length) await engine.updateById(Survey, oid(id), { $inc: inc }, { timestamps: false });
    },
  };
}
