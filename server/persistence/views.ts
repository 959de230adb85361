/** Stored documents → the API contract's shapes. */
import type { Types } from 'mongoose';
import type { Action, Contact, Organization, PersonRef, User } from '../../shared/contract';
import type { CarePlanRule, CarePlanEvaluation } from '../../shared/domain/carePlan';
import type { CarePlanView } from '../../shared/contract';
import type { ActionDoc, CarePlanRuleDoc, ContactDoc, OrganizationDoc, UserDoc } from './models';

export type Lean<T> = T;

export const idOf = (id: Types.ObjectId | string): string => String(id);

export function personRef(user: Pick<UserDoc, '_id' | 'name' | 'email'>): PersonRef {
  return { id: idOf(user._id), name: user.name, email: user.email };
}

export function userView(u: UserDoc): User {
  return { id: idOf(u._id), name: u.name, email: u.email, role: u.role, department: u.department ?? null };
}

export interface Directory {
  users: Map<string, UserDoc>;
  classifications: Map<string, { _id: Types.ObjectId; name: string }>;
}

export function refOrNull(dir: Directory, id: Types.ObjectId | null | undefined): PersonRef | null {
  if (!id) return null;
  const u = dir.users.get(idOf(id));
  return u ? personRef(u) : null;
}

export function classificationRefs(dir: Directory, ids: readonly Types.ObjectId[] | undefined) {
  return (ids ?? []).flatMap((id) => {
    const c = dir.classifications.get(idOf(id));
    return c ? [{ id: idOf(c._id), name: c.name }] : [];
  });
}

export function organizationView(o: OrganizationDoc, dir: Directory): Organization {
  const ext: Organization['externalIds'] = {};
  if (o.externalIds?.top) ext.top = o.externalIds.top;
  if (o.externalIds?.profinder) ext.profinder = o.externalIds.profinder;
  return {
    id: idOf(o._id),
    name: o.name,
    businessId: o.businessId ?? null,
    segment: o.segment,
    customerGroup: o.customerGroup,
    emailDomains: [...(o.emailDomains ?? [])],
    department: o.department ?? null,
    responsible: refOrNull(dir, o.responsibleId),
    backup: refOrNull(dir, o.backupId),
    classifications: classificationRefs(dir, o.classificationIds),
    externalIds: ext,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function contactView(c: ContactDoc, dir: Directory): Contact {
  return {
    id: idOf(c._id),
    organizationId: idOf(c.organizationId),
    name: c.name,
    emails: [...(c.emails ?? [])],
    phone: c.phone ?? null,
    title: c.title ?? null,
    classifications: classificationRefs(dir, c.classificationIds),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function actionView(a: ActionDoc): Action {
  return {
    id: idOf(a._id),
    kind: a.kind,
    occurredAt: a.occurredAt.toISOString(),
    subject: a.subject ?? '',
    excerpt: a.excerpt ?? null,
    organizationId: idOf(a.organizationId),
    contactIds: (a.contactIds ?? []).map(idOf),
    loggedBy: { id: idOf(a.loggedBy.id), name: a.loggedBy.name ?? '', email: a.loggedBy.email ?? '' },
    loggedAt: a.loggedAt.toISOString(),
    internetMessageId: a.internetMessageId ?? null,
    conversationId: a.conversationId ?? null,
  };
}

export function ruleFromDoc(r: CarePlanRuleDoc): CarePlanRule {
  return {
    id: r._id,
    label: r.label,
    segment: r.segment,
    customerGroup: r.customerGroup ?? null,
    actionKinds: r.actionKinds as CarePlanRule['actionKinds'],
    cadenceDays: r.cadenceDays,
    firstWithinDays: r.firstWithinDays ?? null,
    warningDays: r.warningDays,
  };
}

export function carePlanView(e: CarePlanEvaluation | null): CarePlanView | null {
  if (!e) return null;
  return {
    overall: e.overall,
    rules: e.rules.map((r) => ({
      id: r.id,
      label: r.label,
      status: r.status,
      lastAt: r.lastAt ? r.lastAt.toISOString() : null,
      dueAt: r.dueAt.toISOString(),
    })),
  };
}
