/** GET /lookup: who is everyone on a mail, and is the mail already logged. */
import type { LoggedEntry, LookupPerson, LookupResponse } from '../../shared/contract';
import type { ActionDoc, ContactDoc, OrganizationDoc } from '../persistence/models';
import { findByIds, loadCarePlanRules, loadDirectory, messageLogActionIds, recentActions } from '../persistence/store';
import { actionView, classificationRefs, idOf, refOrNull, type Directory } from '../persistence/views';
import { carePlanOf } from './carePlans';
import type { UseCaseContext } from './context';
import { recogniseAddresses } from './recognise';

export { RECENT_ACTIONS } from '../persistence/store';

function lookupOrganization(org: OrganizationDoc, dir: Directory) {
  return {
    id: idOf(org._id),
    name: org.name,
    segment: org.segment,
    customerGroup: org.customerGroup,
    responsible: refOrNull(dir, org.responsibleId),
    backup: refOrNull(dir, org.backupId),
    classifications: classificationRefs(dir, org.classificationIds),
  };
}

export async function loggedEntries(ctx: UseCaseContext, internetMessageId: string): Promise<LoggedEntry[]> {
  const { models } = ctx;
  const actionIds = await messageLogActionIds(models, internetMessageId);
  if (actionIds.length === 0) return [];
  const actions = (await findByIds<ActionDoc>(models.Action, actionIds))
    .filter((a) => a.internetMessageId === internetMessageId)
    .sort((a, b) => a.loggedAt.getTime() - b.loggedAt.getTime());
  const orgs = await findByIds<OrganizationDoc>(models.Organization, actions.map((a) => a.organizationId), { name: 1 });
  const names = new Map(orgs.map((o) => [idOf(o._id), o.name]));
  return actions.map((a) => ({
    actionId: idOf(a._id),
    organizationId: idOf(a.organizationId),
    organizationName: names.get(idOf(a.organizationId)) ?? '',
    loggedBy: actionView(a).loggedBy,
    loggedAt: a.loggedAt.toISOString(),
  }));
}

export async function lookup(ctx: UseCaseContext, emails: readonly string[], messageId?: string): Promise<LookupResponse> {
  const { models } = ctx;
  const recognised = await recogniseAddresses(models, emails);

  const contactIds = recognised.flatMap((r) => (r.contactId ? [r.contactId] : []));
  const contacts = await findByIds<ContactDoc>(models.Contact, contactIds);
  const contactById = new Map(contacts.map((c) => [idOf(c._id), c]));
  for (const r of recognised) {
    if (!r.contactId) continue;
    const contact = contactById.get(idOf(r.contactId));
    if (contact) r.organizationId = contact.organizationId;
    else Object.assign(r, { match: 'none', contactId: undefined }); // an address left behind by an interrupted write
  }

  const orgIds = [...new Set(recognised.flatMap((r) => (r.organizationId ? [idOf(r.organizationId)] : [])))];
  const [orgs, rules, logged] = await Promise.all([
    findByIds<OrganizationDoc>(models.Organization, orgIds),
    orgIds.length ? loadCarePlanRules(models) : Promise.resolve([]),
    messageId ? loggedEntries(ctx, messageId) : Promise.resolve([]),
  ]);
  const orgById = new Map(orgs.map((o) => [idOf(o._id), o]));
  const [dir, recentByOrg] = await Promise.all([
    loadDirectory(
      models,
      orgs.flatMap((o) => [o.responsibleId, o.backupId]),
      [...orgs.flatMap((o) => o.classificationIds ?? []), ...contacts.flatMap((c) => c.classificationIds ?? [])],
    ),
    Promise.all(
      orgs.map(async (o) => {
        const recent = await recentActions(models, o);
        return [idOf(o._id), recent.map((a) => actionView(a as ActionDoc))] as const;
      }),
    ).then((entries) => new Map(entries)),
  ]);

  const people = recognised.map((r): LookupPerson => {
    const org = r.organizationId ? orgById.get(idOf(r.organizationId)) : undefined;
    if (!org) return { email: r.email, match: 'none' };
    const person: LookupPerson = {
      email: r.email,
      match: r.match,
      organization: lookupOrganization(org, dir),
      carePlan: carePlanOf(org, rules, ctx),
      recentActions: recentByOrg.get(idOf(org._id)) ?? [],
    };
    const contact = r.contactId ? contactById.get(idOf(r.contactId)) : undefined;
    if (contact) {
      person.contact = {
        id: idOf(contact._id),
        name: contact.name,
        title: contact.title ?? null,
        classifications: classificationRefs(dir, contact.classificationIds),
      };
    }
    return person;
  });
  return { people, logged };
}
