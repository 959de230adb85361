/**
 * Who is on a mail and which customers that makes (DOMAIN.md "Recognising a sender"):
 * pure functions over the host's plain data and the lookup answer.
 */
import { normaliseEmail } from '../../../shared/domain/email';
import { MAX_LOOKUP_ADDRESSES, type LookupPerson } from '../../../shared/contract';
import type { AppointmentItem, MailItem, MailParticipant, UserProfile } from '../office/types';

export type ParticipantRole = 'from' | 'to' | 'cc' | 'organizer' | 'required' | 'optional';

export interface Participant {
  /** Normalised address; the key into the lookup answer. */
  email: string;
  displayName: string;
  role: ParticipantRole;
}

export type LookupOrganization = NonNullable<LookupPerson['organization']>;

/** What a mail is logged on: the customer and its contacts on the mail (none for a tracked conversation's customer not on it). */
export interface LogTarget {
  organization: { id: string; name: string };
  contactIds: string[];
}

export interface CustomerOnMail extends LogTarget {
  organization: LookupOrganization;
  carePlan: LookupPerson['carePlan'];
  recentActions: NonNullable<LookupPerson['recentActions']>;
  /** Contacts of this customer on the mail. */
  contactIds: string[];
  /** The same contacts with their names, in mail order (the pane's forms offer them). */
  contacts: Array<{ id: string; name: string }>;
}

/** Everyone on the mail (from, to, cc), each once, minus the signed-in user; invalid addresses are skipped. */
export function participantsOf(item: MailItem, user: UserProfile): Participant[] {
  return distinctPeople(user, [[item.from, 'from'], ...item.to.map((p) => [p, 'to'] as const), ...item.cc.map((p) => [p, 'cc'] as const)]);
}

/** Everyone at a meeting (organizer, required, optional attendees), each once, minus the signed-in user: recognised exactly as on a mail. */
export function attendeesOf(meeting: AppointmentItem, user: UserProfile): Participant[] {
  return distinctPeople(user, [
    [meeting.organizer, 'organizer'],
    ...meeting.requiredAttendees.map((p) => [p, 'required'] as const),
    ...meeting.optionalAttendees.map((p) => [p, 'optional'] as const),
  ]);
}

function distinctPeople(user: UserProfile, people: ReadonlyArray<readonly [MailParticipant | null, ParticipantRole]>): Participant[] {
  const me = normaliseEmail(user.email);
  const seen = new Set<string>(me ? [me] : []);
  const result: Participant[] = [];
  const add = (p: MailParticipant | null, role: ParticipantRole) => {
    const email = p ? normaliseEmail(p.email) : null;
    if (!p || !email || seen.has(email)) return;
    seen.add(email);
    result.push({ email, displayName: p.displayName.trim(), role });
  };
  for (const [p, role] of people) add(p, role);
  return result.slice(0, MAX_LOOKUP_ADDRESSES);
}

/** The signed-in user sent it → out; otherwise in. */
export function directionOf(item: MailItem, user: UserProfile): 'in' | 'out' {
  const from = item.from ? normaliseEmail(item.from.email) : null;
  return from !== null && from === normaliseEmail(user.email) ? 'out' : 'in';
}

export function personFor(people: readonly LookupPerson[], email: string): LookupPerson | undefined {
  return people.find((p) => normaliseEmail(p.email) === email);
}

/** The distinct customers of the recognised people, in the order the people appear on the mail. */
export function customersOnMail(participants: readonly Participant[], people: readonly LookupPerson[]): CustomerOnMail[] {
  const byId = new Map<string, CustomerOnMail>();
  for (const participant of participants) {
    const person = personFor(people, participant.email);
    const organization = person?.organization;
    if (!person || !organization) continue;
    let customer = byId.get(organization.id);
    if (!customer) {
      customer = { organization, carePlan: person.carePlan, recentActions: person.recentActions ?? [], contactIds: [], contacts: [] };
      byId.set(organization.id, customer);
    }
    customer.carePlan ??= person.carePlan;
    if (customer.recentActions.length === 0 && person.recentActions) customer.recentActions = person.recentActions;
    if (person.match === 'contact' && person.contact && !customer.contactIds.includes(person.contact.id)) {
      customer.contactIds.push(person.contact.id);
      customer.contacts.push({ id: person.contact.id, name: person.contact.name });
    }
  }
  return [...byId.values()];
}

/**
 * The customer a mail is logged to unless the user picks others: the sender's, or for a
 * mail the user sent, the first recipient's (customers are already in mail order).
 */
export function defaultCustomerId(customers: readonly CustomerOnMail[]): string | null {
  return customers[0]?.organization.id ?? null;
}
