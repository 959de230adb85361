/**
 * Many customers with a contact each, written straight through the repositories (as an import
 * would) so that a test of a mailing to a thousand contacts does not spend minutes making them.
 */
import type { TestApp } from '../../support/testApp';
import { mapLimit } from '../../../server/concurrency';

export interface Audience {
  customerIds: string[];
  contactIds: string[];
  emails: string[];
}

export async function seedAudience(t: TestApp, count: number, opts: { prefix?: string; name?: (i: number) => string; language?: (i: number) => 'fi' | 'sv' | 'en' | null } = {}): Promise<Audience> {
  const { repos } = t;
  const prefix = opts.prefix ?? 'asiakas';
  const customerIds = Array.from({ length: count }, () => repos.customers.newId());
  const contactIds = Array.from({ length: count }, () => repos.contacts.newId());
  const emails = customerIds.map((_, i) => `yhteys${i}@${prefix}${i}.fi`);
  for (let i = 0; i < count; i += 500) {
    await repos.customers.insertMany(customerIds.slice(i, i + 500).map((id, k) => ({
      id, name: opts.name ? opts.name(i + k) : `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${String(i + k).padStart(4, '0')} Oy`, businessId: null, segment: 'B' as const,
      customerGroup: 'company' as const, emailDomains: [], department: null, responsibleId: null, backupId: null, classificationIds: [], externalIds: {},
    })));
    await repos.contacts.insertMany(contactIds.slice(i, i + 500).map((id, k) => ({
      id, organizationId: customerIds[i + k]!, name: `Etunimi${i + k} Sukunimi`, emails: [emails[i + k]!], phone: null, title: null, classificationIds: [],
      language: opts.language?.(i + k) ?? null,
    })));
  }
  await mapLimit(customerIds, 8, (id, i) => repos.customers.addContacts(id, [contactIds[i]!]));
  return { customerIds, contactIds, emails };
}
