/**
 * Recognising people (DOMAIN.md "Recognising a sender"): an exact contact address wins,
 * else a customer's non-public email domain, else nobody. Addresses arrive normalised.
 * One read of the unique keys answers both questions for every address at once.
 */
import type { MatchKind } from '../../shared/domain/codes';
import { domainOf } from '../../shared/domain/email';
import { isPublicMailDomain } from '../../shared/domain/publicDomains';
import type { Repositories } from '../persistence/repositories';

export interface Recognition {
  email: string;
  match: MatchKind;
  contactId?: string;
  /** The customer: the domain's, or the contact's where its address key knows it. */
  organizationId?: string;
}

export async function recogniseAddresses(repos: Repositories, addresses: readonly string[]): Promise<Recognition[]> {
  const domains = addresses.map(domainOf).filter((d) => !isPublicMailDomain(d));
  const owners = await repos.keys.ownersOf([
    ...addresses.map((value) => ({ kind: 'email' as const, value })),
    ...domains.map((value) => ({ kind: 'domain' as const, value })),
  ]);
  return addresses.map((email): Recognition => {
    const contact = owners.get(`email:${email}`);
    if (contact) return { email, match: 'contact', contactId: contact.ownerId, ...(contact.organizationId ? { organizationId: contact.organizationId } : {}) };
    const domain = domainOf(email);
    const owner = isPublicMailDomain(domain) ? undefined : owners.get(`domain:${domain}`);
    return owner ? { email, match: 'domain', organizationId: owner.ownerId } : { email, match: 'none' };
  });
}
