/**
 * GET /lookup: who is everyone on a mail or a meeting, and is it already logged.
 * Two database round trips, one after the other: the unique keys of every address and domain
 * with the mail's log; then the contacts and customers they name. Rules, names and the users
 * (colleagues on the mail) come from the reference data held in the process.
 */
import type { LoggedEntry, LookupPerson, LookupResponse } from '../../shared/contract';
import { meetingClaimKey, meetingItemClaimKey, type CustomerRecord, type MailLogEntry, type ReferenceSnapshot } from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { recogniseAddresses } from './recognise';
import { actionView, classificationRefs, refOrNull } from './views';

function lookupOrganization(org: CustomerRecord, ref: ReferenceSnapshot) {
  return {
    id: org.id,
    name: org.name,
    segment: org.segment,
    customerGroup: org.customerGroup,
    responsible: refOrNull(ref, org.responsibleId),
    backup: refOrNull(ref, org.backupId),
    classifications: classificationRefs(ref, org.classificationIds),
  };
}

export function loggedEntryView(e: MailLogEntry, organizationName: string): LoggedEntry {
  return {
    actionId: e.actionId,
    organizationId: e.organizationId,
    organizationName,
    loggedBy: { ...e.loggedBy },
    loggedAt: e.loggedAt.toISOString(),
  };
}

/** What the lookup asks about the item besides its people: a mail's Message-ID, or a meeting's key and this mailbox's item id. */
export interface LookupItem {
  messageId?: string;
  meetingKey?: string;
  itemId?: string;
}

export async function lookup(ctx: UseCaseContext, emails: readonly string[], item: LookupItem = {}): Promise<LookupResponse> {
  const { repos } = ctx;
  const logKey = item.messageId ?? (item.meetingKey ? meetingClaimKey(item.meetingKey) : undefined);
  const [recognised, keyEntries, aliasEntries, ref] = await Promise.all([
    recogniseAddresses(repos, emails),
    logKey ? repos.mailLogs.entries(logKey) : Promise.resolve([]),
    item.meetingKey && item.itemId ? repos.mailLogs.entries(meetingItemClaimKey(item.itemId)) : Promise.resolve([]),
    repos.reference.get(),
  ]);
  // This mailbox's meeting logged on a customer under another key (it was moved since).
  const movedEntries = aliasEntries.filter((a) => !keyEntries.some((e) => e.organizationId === a.organizationId));
  const entries = [...keyEntries, ...movedEntries];

  const contactIds = recognised.flatMap((r) => (r.contactId ? [r.contactId] : []));
  const orgIds = new Set([...recognised.flatMap((r) => (r.organizationId ? [r.organizationId] : [])), ...entries.map((e) => e.organizationId)]);
  const [contacts, orgs] = await Promise.all([repos.contacts.getMany(contactIds), repos.customers.getMany([...orgIds])]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  // A contact whose address key did not name its customer (written before keys carried it).
  const missing = contacts.filter((c) => !orgById.has(c.organizationId)).map((c) => c.organizationId);
  if (missing.length) for (const o of await repos.customers.getMany(missing)) orgById.set(o.id, o);

  const people = recognised.map((r): LookupPerson => {
    const contact = r.contactId ? contactById.get(r.contactId) : undefined;
    // An address left behind by an interrupted write names no contact.
    const org = r.contactId ? (contact ? orgById.get(contact.organizationId) : undefined) : r.organizationId ? orgById.get(r.organizationId) : undefined;
    // A customer's contact first; then a colleague (a user's address under a customer's domain is still a colleague).
    const colleague = contact && org ? undefined : ref.usersByEmail.get(r.email);
    if (colleague) return { email: r.email, match: 'colleague', colleague: { id: colleague.id, name: colleague.name, email: colleague.email } };
    if (!org) return { email: r.email, match: 'none' };
    const person: LookupPerson = {
      email: r.email,
      match: r.match,
      organization: lookupOrganization(org, ref),
      carePlan: carePlanOf(org, ref.rules, ctx),
      recentActions: org.recentActions.map((a) => actionView(a, ctx.now)),
    };
    if (contact) {
      person.contact = { id: contact.id, name: contact.name, title: contact.title, classifications: classificationRefs(ref, contact.classificationIds) };
    }
    return person;
  });
  const view = (e: MailLogEntry) => loggedEntryView(e, orgById.get(e.organizationId)?.name ?? '');
  return { people, logged: keyEntries.map(view), moved: movedEntries.map(view) };
}
