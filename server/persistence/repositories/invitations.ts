/**
 * Survey invitations (`invitations`) and each customer's newest answer (`feedback_latest`).
 *
 * Why each write is safe with several instances:
 * - an invitation's `_id` is `<surveyId>:<contactId>`: inviting a contact twice (two managers, a retry,
 *   a selection and a pasted link) inserts the same document, and the duplicate is the idempotency check;
 * - the answer is one `$set` of the invitation by `_id` (with `$inc` of its submission count): the
 *   first answer is claimed with the condition "no answer yet", so exactly one submission counts as the
 *   survey's new response; a later one replaces the answer and never adds a second;
 * - `feedback_latest` (`_id` = the customer) is an upsert that moves only forward: its `where` holds
 *   "answered before this one", so an older answer arriving late never hides a newer one.
 * The responses of a survey are a query on `surveyId` (index `{surveyId, answeredAt}` on MongoDB; a scan
 * on the embedded engine), the report's a query on `answeredAt` (index-backed on MongoDB likewise).
 */
import type { PersonRef } from '../../../shared/contract';
import type { CustomerGroup, Language, Segment } from '../../../shared/domain/codes';
import type { Answers, SurveyType } from '../../../shared/domain/feedback';
import type { Engine } from '../engine';
import type { FeedbackLatestDoc, InvitationDoc } from '../feedbackModels';
import type { Models } from '../models';
import { oid, str } from './records';

export interface InvitationAnswer {
  answers: Answers;
  score: number | null;
  at: Date;
  segment: Segment;
  customerGroup: CustomerGroup;
  submissions: number;
}

export interface InvitationRecord {
  id: string;
  surveyId: string;
  surveyType: SurveyType;
  organizationId: string;
  contactId: string;
  language: Language;
  expiresAt: Date;
  invitedBy: PersonRef;
  answer: InvitationAnswer | null;
  createdAt: Date;
}

export type NewInvitation = Omit<InvitationRecord, 'id' | 'answer' | 'createdAt'>;

export interface LatestFeedbackRecord {
  organizationId: string;
  surveyId: string;
  surveyName: string;
  type: SurveyType;
  score: number | null;
  answeredAt: Date;
  invitationId: string;
}

export const invitationId = (surveyId: string, contactId: string): string => `${surveyId}:${contactId}`;

export interface InvitationRepository {
  get(id: string): Promise<InvitationRecord | null>;
  /** Inserts the invitations whose `_id` is not taken; the ones that were new. */
  insertMany(invitations: readonly NewInvitation[]): Promise<{ created: number; existing: number }>;
  /**
   * Stores an answer on the invitation by `_id`: `first` when it had none (the survey's new response),
   * false when it replaced an earlier one; null when there is no such invitation.
   */
  answer(id: string, answer: Omit<InvitationAnswer, 'submissions'>): Promise<{ first: boolean } | null>;
  /** A survey's answered invitations, newest first. */
  responsesOf(surveyId: string): Promise<InvitationRecord[]>;
  /** Answered invitations of one type answered on or after `from`. */
  answeredSince(from: Date, type: SurveyType): Promise<InvitationRecord[]>;
  /** Invitations of every type last answered in [`from`, `to`). */
  answeredIn(from: Date, to: Date): Promise<InvitationRecord[]>;
  /** Records a customer's answer as its newest, unless a newer one is recorded. */
  recordLatest(latest: LatestFeedbackRecord): Promise<void>;
  latestOf(organizationId: string): Promise<LatestFeedbackRecord | null>;
}

function fromDoc(d: InvitationDoc): InvitationRecord {
  const a = d.answer;
  return {
    id: d._id,
    surveyId: str(d.surveyId),
    surveyType: d.surveyType as SurveyType,
    organizationId: str(d.organizationId),
    contactId: str(d.contactId),
    language: (d.language ?? 'fi') as Language,
    expiresAt: d.expiresAt,
    invitedBy: { id: str(d.invitedBy.id), name: d.invitedBy.name ?? '', email: d.invitedBy.email ?? '' },
    answer: a
      ? { answers: (a.answers ?? {}) as Answers, score: a.score ?? null, at: a.at, segment: a.segment as Segment, customerGroup: a.customerGroup as CustomerGroup, submissions: a.submissions ?? 1 }
      : null,
    createdAt: d.createdAt,
  };
}

export function invitationRepository(models: Models, engine: Engine): InvitationRepository {
  const { Invitation, FeedbackLatest } = models;
  const get = async (id: string) => {
    const [doc] = await engine.findByIds<InvitationDoc>(Invitation, [id]);
    return doc ? fromDoc(doc) : null;
  };
  return {
    get,
    async insertMany(invitations) {
      const now = new Date();
      const docs = invitations.map((i) => ({
        _id: invitationId(i.surveyId, i.contactId),
        surveyId: oid(i.surveyId), surveyType: i.surveyType, organizationId: oid(i.organizationId), contactId: oid(i.contactId),
        language: i.language, expiresAt: i.expiresAt, invitedBy: { id: oid(i.invitedBy.id), name: i.invitedBy.name, email: i.invitedBy.email },
        answer: null, answeredAt: null, createdAt: now, updatedAt: now,
      }));
      const res = await engine.insertMany(Invitation, docs);
      return { created: res.inserted, existing: res.duplicates.length };
    },
    async answer(id, answer) {
      const set = { 'answer.answers': answer.answers, 'answer.score': answer.score, 'answer.at': answer.at, 'answer.segment': answer.segment, 'answer.customerGroup': answer.customerGroup, answeredAt: answer.at };
      const first = await engine.updateById(Invitation, id, { $set: { answer: { ...answer, submissions: 1 }, answeredAt: answer.at } }, { where: { answeredAt: null } });
      if (first.matched) return { first: true };
      const again = await engine.updateById(Invitation, id, { $set: set, $inc: { 'answer.submissions': 1 } });
      return again.matched ? { first: false } : null;
    },
    async responsesOf(surveyId) {
      const docs = await Invitation.find({ surveyId: oid(surveyId), answeredAt: { $ne: null } }).sort({ answeredAt: -1 }).lean<InvitationDoc[]>();
      return docs.map(fromDoc);
    },
    async answeredSince(from, type) {
      const docs = await Invitation.find({ answeredAt: { $gte: from }, surveyType: type }).lean<InvitationDoc[]>();
      return docs.map(fromDoc);
    },
    async answeredIn(from, to) {
      const docs = await Invitation.find({ answeredAt: { $gte: from, $lt: to } }).lean<InvitationDoc[]>();
      return docs.map(fromDoc);
    },
    async recordLatest(l) {
      await engine.updateById(
        FeedbackLatest, l.organizationId,
        { $set: { surveyId: oid(l.surveyId), surveyName: l.surveyName, type: l.type, score: l.score, answeredAt: l.answeredAt, invitationId: l.invitationId } },
        { upsert: true, where: { answeredAt: { $lte: l.answeredAt } }, timestamps: false },
      );
    },
    async latestOf(organizationId) {
      const [d] = await engine.findByIds<FeedbackLatestDoc>(FeedbackLatest, [organizationId]);
      return d
        ? { organizationId: d._id, surveyId: str(d.surveyId), surveyName: d.surveyName ?? '', type: d.type as SurveyType, score: d.score ?? null, answeredAt: d.answeredAt, invitationId: d.invitationId }
        : null;
    },
  };
}
