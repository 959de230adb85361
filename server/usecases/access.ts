/**
 * Object-level rights: the questions a route's access conditions (server/http/authorize.ts)
 * ask about a particular record. Each answers `'allowed'`, `'denied'` or `'absent'` (no
 * such record: the route itself then answers 404 or 422, so a missing record and a
 * forbidden one stay distinguishable only to those who may see it anyway).
 */
import { Types } from 'mongoose';
import type { Models, UserDoc } from '../persistence/models';

export type Verdict = 'allowed' | 'denied' | 'absent';

const asId = (id: unknown): Types.ObjectId | null =>
  typeof id === 'string' && /^[a-f0-9]{24}$/.test(id) ? new Types.ObjectId(id) : null;

/** Is the user the customer's responsible person or its backup? */
export async function customerCareVerdict(models: Models, user: Pick<UserDoc, '_id'>, organizationId: unknown): Promise<Verdict> {
  const _id = asId(organizationId);
  if (!_id) return 'absent';
  const org = await models.Organization.findById(_id, { responsibleId: 1, backupId: 1 }).lean();
  if (!org) return 'absent';
  return org.responsibleId?.equals(user._id) || org.backupId?.equals(user._id) ? 'allowed' : 'denied';
}

/**
 * May the user change this contact? Only when they look after its customer, and, when the
 * change moves the contact to another customer, after that customer too.
 */
export async function contactCareVerdict(
  models: Models,
  user: Pick<UserDoc, '_id'>,
  contactId: unknown,
  movingTo: unknown,
): Promise<Verdict> {
  const _id = asId(contactId);
  if (!_id) return 'absent';
  const contact = await models.Contact.findById(_id, { organizationId: 1 }).lean();
  if (!contact) return 'absent';
  const current = await customerCareVerdict(models, user, String(contact.organizationId));
  if (current !== 'allowed' || movingTo === undefined) return current === 'absent' ? 'denied' : current;
  const target = await customerCareVerdict(models, user, movingTo);
  return target === 'absent' ? 'allowed' : target; // a dangling target is the route's 422 to give
}
