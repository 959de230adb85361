/** Records → the API contract's shapes, with names from the reference data. */
import type { Action, CarePlanView, Contact, Organization, PersonRef, User } from '../../shared/contract';
import { isPlanned, type CarePlanEvaluation } from '../../shared/domain/carePlan';
import type { ActionRecord, ContactRecord, CustomerRow, ReferenceSnapshot, UserRecord } from '../persistence/repositories';

export function personRef(user: Pick<UserRecord, 'id' | 'name' | 'email'>): PersonRef {
  return { id: user.id, name: user.name, email: user.email };
}

export function userView(u: UserRecord): User {
  return { id: u.id, name: u.name, email: u.email, role: u.role, department: u.department };
}

export function refOrNull(ref: ReferenceSnapshot, id: string | null): PersonRef | null {
  const u = id ? ref.users.get(id) : undefined;
  return u ? personRef(u) : null;
}

export function classificationRefs(ref: ReferenceSnapshot, ids: readonly string[]) {
  return ids.flatMap((id) => {
    const c = ref.classifications.get(id);
    return c ? [{ id: c.id, name: c.name }] : [];
  });
}

export function organizationView(o: Omit<CustomerRow, 'contactIds'>, ref: ReferenceSnapshot): Organization {
  return {
    id: o.id,
    name: o.name,
    businessId: o.businessId,
    segment: o.segment,
    customerGroup: o.customerGroup,
    emailDomains: [...o.emailDomains],
    department: o.department,
    responsible: refOrNull(ref, o.responsibleId),
    backup: refOrNull(ref, o.backupId),
    classifications: classificationRefs(ref, o.classificationIds),
    externalIds: { ...o.externalIds },
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function contactView(c: ContactRecord, ref: ReferenceSnapshot): Contact {
  return {
    id: c.id,
    organizationId: c.organizationId,
    name: c.name,
    emails: [...c.emails],
    phone: c.phone,
    title: c.title,
    classifications: classificationRefs(ref, c.classificationIds),
    language: c.language,
    marketingConsent: c.marketingConsent,
    bouncedAt: c.bouncedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** An action as the API shows it; `planned` when its time is still to come at `now`. */
export function actionView(a: ActionRecord, now: Date = new Date()): Action {
  return {
    id: a.id,
    kind: a.kind,
    occurredAt: a.occurredAt.toISOString(),
    subject: a.subject,
    excerpt: a.excerpt,
    organizationId: a.organizationId,
    contactIds: [...a.contactIds],
    loggedBy: { ...a.loggedBy },
    loggedAt: a.loggedAt.toISOString(),
    internetMessageId: a.internetMessageId,
    conversationId: a.conversationId,
    planned: isPlanned(a, now),
    opportunityId: a.opportunityId ?? null,
    ...(typeof a.feedbackScore === 'number' ? { feedbackScore: a.feedbackScore } : {}),
  };
}

export function carePlanView(e: CarePlanEvaluation | null): CarePlanView | null {
  if (!e) return null;
  return {
    overall: e.overall,
    rules: e.rules.map((r) => ({
      id: r.id,
      label: r.label,
      labels: { ...r.labels },
      status: r.status,
      lastAt: r.lastAt ? r.lastAt.toISOString() : null,
      dueAt: r.dueAt.toISOString(),
      plannedAt: r.plannedAt ? r.plannedAt.toISOString() : null,
    })),
  };
}
