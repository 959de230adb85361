import type { TestApp } from '../support/testApp';

export interface Customer {
  orgId: string;
  contactId: string;
  contactEmail: string;
  domain: string;
}

/** A token of the test app's administrator (the main user), created on first use. */
export const adminToken = (t: TestApp): Promise<string> => t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');

/**
 * Creates a customer with one email domain and one contact, through the API as users would:
 * the administrator adds the customer (account managers may add potential customers only)
 * with the token's user as its responsible person, who then adds the contact.
 */
export async function createCustomer(
  t: TestApp,
  token: string,
  { name, domain, segment = 'A', contactEmail, businessId }: { name: string; domain: string; segment?: string; contactEmail?: string; businessId?: string },
): Promise<Customer> {
  const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  if (me.status !== 200) throw new Error(`me: ${me.status} ${JSON.stringify(me.body)}`);
  const org = await t.http
    .post('/api/v1/organizations')
    .set('Authorization', `Bearer ${await adminToken(t)}`)
    .send({ name, segment, customerGroup: 'company', emailDomains: [domain], responsibleId: me.body.id, ...(businessId ? { businessId } : {}) });
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

/** The customer data as stored (customers, contacts, unique keys; not `updatedAt`): equal before and after a write that must change nothing. */
export async function customerDataSnapshot(t: TestApp): Promise<string> {
  const [orgs, contacts, keys] = await Promise.all([
    t.models.Organization.find({}, { updatedAt: 0 }).sort({ _id: 1 }).lean(),
    t.models.Contact.find({}, { updatedAt: 0 }).sort({ _id: 1 }).lean(),
    t.models.UniqueKey.find().sort({ _id: 1 }).lean(),
  ]);
  return JSON.stringify({ orgs, contacts, keys });
}

/** The paths of the fields an error answer names (`error.fields[].path`). */
export const fieldsOf = (body: { error: { fields?: { path: string }[] } }) => body.error.fields?.map((f) => f.path);
