/**
 * The plain records the repositories hand to the use cases: ids as strings, times as Dates,
 * nothing of mongoose. Each `…FromDoc` is the one mapping of a stored document to its record.
 */
import { Types } from 'mongoose';
import type { PersonRef } from '../../../shared/contract';
import type { MarketingConsent } from '../../../shared/contract-campaigns';
import type { ActionKind, CustomerGroup, Language, Role, Segment } from '../../../shared/domain/codes';
import type { ActionDoc, ClassificationNodeDoc, ContactDoc, OrganizationDoc, UserDoc } from '../models';

export interface ActionRecord {
  id: string;
  kind: ActionKind;
  occurredAt: Date;
  subject: string;
  excerpt: string | null;
  organizationId: string;
  contactIds: string[];
  loggedBy: PersonRef;
  loggedAt: Date;
  internetMessageId: string | null;
  conversationId: string | null;
  /** The opportunity the action belongs to (absent or null: none). */
  opportunityId?: string | null;
  /** A `feedback` action's score (absent or null on every other kind). */
  feedbackScore?: number | null;
}

export interface PlannedActionRecord {
  id: string;
  kind: ActionKind;
  occurredAt: Date;
  subject: string;
}

export interface MailParticipants {
  from: string;
  to: string[];
  cc: string[];
}

export interface ExternalIds {
  top?: string;
  profinder?: string;
}

/** What a customer is, as its writers set it. */
export interface CustomerFields {
  name: string;
  businessId: string | null;
  segment: Segment;
  customerGroup: CustomerGroup;
  emailDomains: string[];
  department: string | null;
  responsibleId: string | null;
  backupId: string | null;
  classificationIds: string[];
  externalIds: ExternalIds;
}

export interface CustomerRecord extends CustomerFields {
  id: string;
  /** The newest action of each kind: the care plan's input. */
  lastActionAt: Partial<Record<ActionKind, Date>>;
  /** The newest actions, newest first. */
  recentActions: ActionRecord[];
  /** Actions logged ahead of their time (meetings, events), earliest first, until the fold takes in the passed ones. */
  plannedActions: PlannedActionRecord[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A customer as a list, an export or a count reads it: everything but the copies of its newest
 * actions, and with its contacts' ids (the extended reference; null where it was never built), so
 * that a selection's contacts are read by `_id` without a read of each customer.
 */
export type CustomerRow = Omit<CustomerRecord, 'recentActions'> & { contactIds: string[] | null };

/** A new customer; `createdAt` for one that existed before it came here (the demo's history), else now. */
export type NewCustomer = { id: string; createdAt?: Date } & CustomerFields;

/**
 * A change that only sets single fields and adds to lists, as an import makes it: each part is an
 * independent atomic operator (`$set` of the field, `$set` of one external ID, `$addToSet`), so it
 * never writes back a list or an object it read.
 */
export interface CustomerAmendment {
  set?: Partial<Omit<CustomerFields, 'externalIds' | 'emailDomains' | 'classificationIds'>>;
  externalIds?: ExternalIds;
  addEmailDomains?: readonly string[];
  addClassificationIds?: readonly string[];
}

export interface ContactFields {
  organizationId: string;
  name: string;
  emails: string[];
  phone: string | null;
  title: string | null;
  classificationIds: string[];
  /** Null (or absent): Finnish. */
  language?: Language | null;
}

export interface ContactRecord extends ContactFields {
  id: string;
  language: Language | null;
  marketingConsent: MarketingConsent;
  marketingConsentAt: Date | null;
  bouncedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewContact = { id: string; createdAt?: Date } & ContactFields;

/** As CustomerAmendment: set fields, add addresses and classifications. */
export interface ContactAmendment {
  set?: Partial<Pick<ContactFields, 'name' | 'phone' | 'title'>>;
  addEmails?: readonly string[];
  addClassificationIds?: readonly string[];
}

export type ClassificationTarget = 'organization' | 'contact';

/** A node of one of the classification trees. */
export interface ClassificationRecord {
  id: string;
  name: string;
  parentId: string | null;
  appliesTo: ClassificationTarget;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  department: string | null;
  authSubject: string;
}

export const newId = (): string => new Types.ObjectId().toHexString();
export const oid = (id: string): Types.ObjectId => new Types.ObjectId(id);
export const oidOrNull = (id: string | null | undefined): Types.ObjectId | null => (id ? new Types.ObjectId(id) : null);
export const str = (id: Types.ObjectId | string): string => String(id);
const strOrNull = (id: Types.ObjectId | null | undefined): string | null => (id ? String(id) : null);
/** Is this a well-formed record id? (A malformed one names no record.) */
export const isId = (id: unknown): id is string => typeof id === 'string' && /^[a-f0-9]{24}$/.test(id);

export function actionFromDoc(a: Omit<ActionDoc, 'participants'>): ActionRecord {
  return {
    id: str(a._id),
    kind: a.kind,
    occurredAt: a.occurredAt,
    subject: a.subject ?? '',
    excerpt: a.excerpt ?? null,
    organizationId: str(a.organizationId),
    contactIds: (a.contactIds ?? []).map(str),
    loggedBy: { id: str(a.loggedBy.id), name: a.loggedBy.name ?? '', email: a.loggedBy.email ?? '' },
    loggedAt: a.loggedAt,
    internetMessageId: a.internetMessageId ?? null,
    conversationId: a.conversationId ?? null,
    opportunityId: a.opportunityId ? str(a.opportunityId) : null,
    ...(typeof a.feedbackScore === 'number' ? { feedbackScore: a.feedbackScore } : {}),
  };
}

/** A record as stored (the fields every copy of an action carries). */
export function actionToDoc(a: ActionRecord) {
  return {
    _id: oid(a.id),
    kind: a.kind,
    occurredAt: a.occurredAt,
    subject: a.subject,
    excerpt: a.excerpt,
    organizationId: oid(a.organizationId),
    contactIds: a.contactIds.map(oid),
    loggedBy: { id: oid(a.loggedBy.id), name: a.loggedBy.name, email: a.loggedBy.email },
    loggedAt: a.loggedAt,
    internetMessageId: a.internetMessageId,
    conversationId: a.conversationId,
    opportunityId: a.opportunityId ? oid(a.opportunityId) : null,
    ...(typeof a.feedbackScore === 'number' ? { feedbackScore: a.feedbackScore } : {}),
  };
}

export function customerFromDoc(o: OrganizationDoc): CustomerRecord {
  const externalIds: ExternalIds = {};
  if (o.externalIds?.top) externalIds.top = o.externalIds.top;
  if (o.externalIds?.profinder) externalIds.profinder = o.externalIds.profinder;
  const last: Partial<Record<ActionKind, Date>> = {};
  for (const [k, v] of Object.entries((o.lastActionAt ?? {}) as Record<string, Date | null | undefined>)) if (v) last[k as ActionKind] = v;
  return {
    id: str(o._id),
    name: o.name,
    businessId: o.businessId ?? null,
    segment: o.segment,
    customerGroup: o.customerGroup,
    emailDomains: [...(o.emailDomains ?? [])],
    department: o.department ?? null,
    responsibleId: strOrNull(o.responsibleId),
    backupId: strOrNull(o.backupId),
    classificationIds: (o.classificationIds ?? []).map(str),
    externalIds,
    lastActionAt: last,
    recentActions: ((o.recentActions ?? []) as unknown as ActionDoc[]).map(actionFromDoc),
    plannedActions: ((o.plannedActions ?? []) as unknown as { _id: Types.ObjectId; kind: ActionKind; occurredAt: Date; subject?: string | null }[])
      .map((p) => ({ id: str(p._id), kind: p.kind, occurredAt: p.occurredAt, subject: p.subject ?? '' })),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The stored form of a customer's fields (a full or partial set). */
export function customerFieldsToDoc(f: Partial<CustomerFields>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (k === 'responsibleId' || k === 'backupId') doc[k] = oidOrNull(v as string | null);
    else if (k === 'classificationIds') doc[k] = (v as string[]).map(oid);
    else doc[k] = v;
  }
  if (f.name !== undefined) doc.nameLower = f.name.toLowerCase();
  return doc;
}

/** The stored form of an amendment: `$set` and `$addToSet` (either may be absent). */
export function customerAmendmentToUpdate(a: CustomerAmendment): Record<string, unknown> {
  const set: Record<string, unknown> = customerFieldsToDoc(a.set ?? {});
  for (const [k, v] of Object.entries(a.externalIds ?? {})) if (v !== undefined) set[`externalIds.${k}`] = v;
  const add: Record<string, unknown> = {};
  if (a.addEmailDomains?.length) add.emailDomains = { $each: [...a.addEmailDomains] };
  if (a.addClassificationIds?.length) add.classificationIds = { $each: a.addClassificationIds.map(oid) };
  return { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(add).length ? { $addToSet: add } : {}) };
}

export function contactFromDoc(c: ContactDoc): ContactRecord {
  return {
    id: str(c._id),
    organizationId: str(c.organizationId),
    name: c.name,
    emails: [...(c.emails ?? [])],
    phone: c.phone ?? null,
    title: c.title ?? null,
    classificationIds: (c.classificationIds ?? []).map(str),
    language: (c.language as Language | null | undefined) ?? null,
    marketingConsent: (c.marketingConsent as MarketingConsent | undefined) ?? 'unknown',
    marketingConsentAt: c.marketingConsentAt ?? null,
    bouncedAt: c.bouncedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function contactFieldsToDoc(f: Partial<ContactFields>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (k === 'organizationId') doc[k] = oid(v as string);
    else if (k === 'classificationIds') doc[k] = (v as string[]).map(oid);
    else doc[k] = v;
  }
  if (f.name !== undefined) doc.nameLower = f.name.toLowerCase();
  return doc;
}

export function contactAmendmentToUpdate(a: ContactAmendment): Record<string, unknown> {
  const set = contactFieldsToDoc(a.set ?? {});
  const add: Record<string, unknown> = {};
  if (a.addEmails?.length) add.emails = { $each: [...a.addEmails] };
  if (a.addClassificationIds?.length) add.classificationIds = { $each: a.addClassificationIds.map(oid) };
  return { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(add).length ? { $addToSet: add } : {}) };
}

export function classificationFromDoc(c: Pick<ClassificationNodeDoc, '_id' | 'name' | 'parentId' | 'appliesTo'>): ClassificationRecord {
  return { id: str(c._id), name: c.name, parentId: strOrNull(c.parentId), appliesTo: c.appliesTo };
}

export function userFromDoc(u: UserDoc): UserRecord {
  return { id: str(u._id), email: u.email, name: u.name, role: u.role, department: u.department ?? null, authSubject: u.authSubject };
}
