/**
 * Object-level rights: the questions a route's access condition (server/http/route.ts) asks
 * about a particular record. Each answers `'allowed'`, `'denied'` or `'absent'` (no such record:
 * the route itself then answers 404 or 422, so a missing record and a forbidden one stay
 * distinguishable only to those who may see it anyway).
 */
import type { Repositories, UserRecord } from '../persistence/repositories';

export type Verdict = 'allowed' | 'denied' | 'absent';

const isId = (id: unknown): id is string => typeof id === 'string' && /^[a-f0-9]{24}$/.test(id);

/** Is the user the customer's responsible person or its backup? */
export async function customerCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, organizationId: unknown): Promise<Verdict> {
  if (!isId(organizationId)) return 'absent';
  const care = await repos.customers.careOf(organizationId);
  if (!care) return 'absent';
  return care.responsibleId === user.id || care.backupId === user.id ? 'allowed' : 'denied';
}

/**
 * May the user change this contact? Only when they look after its customer, and, when the
 * change moves the contact to another customer, after that customer too.
 */
export async function contactCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, contactId: unknown, movingTo: unknown): Promise<Verdict> {
  if (!isId(contactId)) return 'absent';
  const contact = await repos.contacts.get(contactId);
  if (!contact) return 'absent';
  const current = await customerCareVerdict(repos, user, contact.organizationId);
  if (current !== 'allowed' || movingTo === undefined) return current === 'absent' ? 'denied' : current;
  const target = await customerCareVerdict(repos, user, movingTo);
  return target === 'absent' ? 'allowed' : target; // a dangling target is the route's 422 to give
}

/**
 * May the user change this task? When they are its assignee or its creator, or look after its
 * customer (responsible or backup).
 */
export async function taskCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, taskId: unknown): Promise<Verdict> {
  if (!isId(taskId)) return 'absent';
  const task = await repos.tasks.get(taskId);
  if (!task) return 'absent';
  if (task.assignee.id === user.id || task.createdBy.id === user.id) return 'allowed';
  const care = await customerCareVerdict(repos, user, task.organizationId);
  return care === 'allowed' ? 'allowed' : 'denied';
}

/** May the user change this opportunity? Its owner may, and whoever looks after its customer. */
export async function opportunityCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, opportunityId: unknown): Promise<Verdict> {
  if (!isId(opportunityId)) return 'absent';
  const opportunity = await repos.opportunities.get(opportunityId);
  if (!opportunity) return 'absent';
  if (opportunity.owner.id === user.id) return 'allowed';
  return (await customerCareVerdict(repos, user, opportunity.organizationId)) === 'allowed' ? 'allowed' : 'denied';
}

/** May the user change this offer, or this order? Whoever may change its opportunity. */
export async function offerCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, offerId: unknown): Promise<Verdict> {
  if (!isId(offerId)) return 'absent';
  const offer = await repos.offers.get(offerId);
  if (!offer) return 'absent';
  return (await opportunityCareVerdict(repos, user, offer.opportunityId)) === 'allowed' ? 'allowed' : 'denied';
}

export async function orderCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, orderId: unknown): Promise<Verdict> {
  if (!isId(orderId)) return 'absent';
  const order = await repos.orders.get(orderId);
  if (!order) return 'absent';
  return (await opportunityCareVerdict(repos, user, order.opportunityId)) === 'allowed' ? 'allowed' : 'denied';
}

/** May the user change this selection? Its owner. */
/** A campaign the user owns. */
export async function campaignCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, campaignId: unknown): Promise<Verdict> {
  if (!isId(campaignId)) return 'absent';
  const campaign = await repos.campaigns.get(campaignId);
  if (!campaign) return 'absent';
  return campaign.owner.id === user.id ? 'allowed' : 'denied';
}

/** A mailing of a campaign the user owns. */
export async function mailingCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, mailingId: unknown): Promise<Verdict> {
  if (!isId(mailingId)) return 'absent';
  const mailing = await repos.mailings.get(mailingId);
  if (!mailing) return 'absent';
  return campaignCareVerdict(repos, user, mailing.campaignId);
}

export async function selectionCareVerdict(repos: Repositories, user: Pick<UserRecord, 'id'>, selectionId: unknown): Promise<Verdict> {
  if (!isId(selectionId)) return 'absent';
  const selection = await repos.selections.get(selectionId);
  if (!selection) return 'absent';
  return selection.owner.id === user.id ? 'allowed' : 'denied';
}
