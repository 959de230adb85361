/**
 * Recognising people (DOMAIN.md "Recognising a sender"): an exact contact address wins,
 * else a customer's non-public email domain, else nobody. Addresses arrive normalised.
 */
import type { Types } from 'mongoose';
import type { MatchKind } from '../../shared/domain/codes';
import { domainOf } from '../../shared/domain/email';
import { isPublicMailDomain } from '../../shared/domain/publicDomains';
import type { Models } from '../persistence/models';
import { ownersOf } from '../persistence/store';

export interface Recognition {
  email: string;
  match: MatchKind;
  contactId?: Types.ObjectId;
  /** For a domain match the customer; for a contact match filled in by the caller from the contact. */
  organizationId?: Types.ObjectId;
}

export async function recogniseAddresses(models: Models, addresses: readonly string[]): Promise<Recognition[]> {
  // Domains only for the addresses that are no contact's: one read fewer per known contact.
  const contactOwners = await ownersOf(models, 'email', addresses);
  const domains = addresses.filter((a) => !contactOwners.has(a)).map(domainOf).filter((d) => !isPublicMailDomain(d));
  const domainOwners = await ownersOf(models, 'domain', domains);
  return addresses.map((email): Recognition => {
    const contactId = contactOwners.get(email);
    if (contactId) return { email, match: 'contact', contactId };
    const domain = domainOf(email);
    const organizationId = isPublicMailDomain(domain) ? undefined : domainOwners.get(domain);
    return organizationId ? { email, match: 'domain', organizationId } : { email, match: 'none' };
  });
}
