/** Builders for contract-valid API data: 24-hex ids, ISO dates, Unicode names. */
import type {
  Action, CarePlanView, LoggedEntry, LookupPerson, LookupResponse, PersonRef,
} from '../../../shared/contract';
import type { MailItem, MailParticipant, UserProfile } from '../../../addin/src/office/types';

let counter = 0;
export const id = (n = ++counter) => n.toString(16).padStart(24, '0');

export const me: UserProfile = { email: 'anna.asiakasvastaava@omnia.fi', displayName: 'Anna Asiakasvastaava', timeZone: 'Europe/Helsinki' };

export const person = (name: string, email: string): PersonRef => ({ id: id(), name, email });

export const participant = (displayName: string, email: string): MailParticipant => ({ displayName, email });

export function mail(overrides: Partial<MailItem> = {}): MailItem {
  return {
    mode: 'read',
    internetMessageId: '<msg-1@firma.fi>',
    conversationId: 'conv-1',
    subject: 'Koulutustarjous syksylle',
    from: participant('Matti Meikäläinen', 'matti.meikalainen@firma.fi'),
    to: [participant(me.displayName, me.email)],
    cc: [],
    dateTimeCreated: '2025-03-01T08:15:00.000Z',
    ...overrides,
  };
}

export function organization(overrides: Partial<NonNullable<LookupPerson['organization']>> = {}): NonNullable<LookupPerson['organization']> {
  return {
    id: id(),
    name: 'Firma Oy',
    segment: 'A',
    customerGroup: 'company',
    responsible: person('Anna Asiakasvastaava', me.email),
    backup: person('Bertil Bäckström', 'bertil@omnia.fi'),
    classifications: [{ id: id(), name: 'Metalliala' }],
    ...overrides,
  };
}

type RuleView = CarePlanView['rules'][number];

export function carePlan(overall: CarePlanView['overall'] = 'on_track', rules?: (Omit<RuleView, 'plannedAt'> & Partial<Pick<RuleView, 'plannedAt'>>)[]): CarePlanView {
  return {
    overall,
    rules: (rules ?? [
      { id: 'A-contact', label: 'Two-way contact', labels: { fi: 'Two-way contact', sv: 'Two-way contact', en: 'Two-way contact' }, status: overall, lastAt: '2025-01-31T22:30:00.000Z', dueAt: '2025-03-02T22:30:00.000Z' },
    ]).map((r) => ({ plannedAt: null, ...r })),
  };
}

export function action(overrides: Partial<Action> = {}): Action {
  return {
    id: id(),
    kind: 'email_in',
    occurredAt: '2025-02-01T10:00:00.000Z',
    subject: 'Re: Koulutustarjous',
    excerpt: null,
    organizationId: id(),
    contactIds: [],
    planned: false,
    loggedBy: person('Anna Asiakasvastaava', me.email),
    loggedAt: '2025-02-01T10:05:00.000Z',
    internetMessageId: null,
    conversationId: null,
    opportunityId: null,
    ...overrides,
  };
}

export function knownContact(email: string, name: string, org = organization(), extra: Partial<LookupPerson> = {}): LookupPerson {
  return {
    email,
    match: 'contact',
    contact: { id: id(), name, title: 'Koulutuspäällikkö', classifications: [] },
    organization: org,
    carePlan: carePlan('on_track'),
    recentActions: [],
    ...extra,
  };
}

export function domainMatch(email: string, org = organization()): LookupPerson {
  return { email, match: 'domain', organization: org, carePlan: carePlan('on_track'), recentActions: [] };
}

export const unknown = (email: string): LookupPerson => ({ email, match: 'none' });

export function loggedEntry(org: { id: string; name: string }, by = person('Bertil Bäckström', 'bertil@omnia.fi'), at = '2025-03-01T12:30:00.000Z'): LoggedEntry {
  return { actionId: id(), organizationId: org.id, organizationName: org.name, loggedBy: by, loggedAt: at };
}

export const lookupOf = (people: LookupPerson[], logged: LoggedEntry[] = []): LookupResponse => ({ people, logged, moved: [] });
