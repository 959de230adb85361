import type { TestApp } from '../support/testApp';

export interface Customer {
  orgId: string;
  contactId: string;
  contactEmail: string;
  domain: string;
}

/** Creates a customer with one email domain and one contact, through the API as a user would. */
export async function createCustomer(
  t: TestApp,
  token: string,
  { name, domain, segment = 'A', contactEmail, businessId }: { name: string; domain: string; segment?: string; contactEmail?: string; businessId?: string },
): Promise<Customer> {
  const org = await t.http
    .post('/api/v1/organizations')
    .set('Authorization', `Bearer ${token}`)
    .send({ name, segment, customerGroup: 'company', emailDomains: [domain], ...(businessId ? { businessId } : {}) });
  if (org.status !== 201) throw new Error(`create organization: ${org.status} ${JSON.stringify(org.body)}`);
  const email = contactEmail ?? `yhteys@${domain}`;
  const contact = await t.http
    .post('/api/v1/contacts')
    .set('Authorization', `Bearer ${token}`)
    .send({ name: `Contact of ${name}`, emails: [email], title: 'Henkilöstöpäällikkö', organizationId: org.body.id });
  if (contact.status !== 201) throw new Error(`create contact: ${contact.status} ${JSON.stringify(contact.body)}`);
  return { orgId: org.body.id, contactId: contact.body.id, contactEmail: email, domain };
}

export function mail(overrides: Record<string, unknown> = {}) {
  return {
    internetMessageId: `<${Math.random().toString(36).slice(2)}@mail.example>`,
    subject: 'Koulutustarjous syksylle',
    occurredAt: '2026-11-20T08:30:00Z',
    direction: 'in',
    from: 'yhteys@kivijalka.fi',
    to: ['aino.virtanen@omnia.fi'],
    cc: [],
    excerpt: 'Hei, kiitos tarjouksesta.',
    ...overrides,
  };
}
