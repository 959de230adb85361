import { LookupResponseSchema } from '../../shared/contract';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer, mail, type Customer } from './fixtures';

let t: TestApp;
let token: string;
let kivijalka: Customer;

beforeAll(async () => {
  t = await startTestApp();
  token = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  kivijalka = await createCustomer(t, token, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', contactEmail: 'matti.lahtinen@kivijalka.fi' });
});
afterAll(() => t.close());

const lookup = (query: string) => t.http.get(`/api/v1/lookup?${query}`).set('Authorization', `Bearer ${token}`);

describe('GET /api/v1/lookup', () => {
  test('a known contact is recognised with its customer, segment and care plan', async () => {
    const res = await lookup('email=Matti.Lahtinen@KIVIJALKA.fi');
    expect(res.status).toBe(200);
    expect(() => LookupResponseSchema.parse(res.body)).not.toThrow();
    const [person] = res.body.people;
    expect(person).toMatchObject({
      email: 'matti.lahtinen@kivijalka.fi',
      match: 'contact',
      contact: { id: kivijalka.contactId, name: 'Contact of Rakennus Oy Kivijalka', title: 'Henkilöstöpäällikkö' },
      organization: { id: kivijalka.orgId, name: 'Rakennus Oy Kivijalka', segment: 'A', customerGroup: 'company' },
      carePlan: { overall: expect.stringMatching(/on_track|due_soon|overdue/) },
      recentActions: [],
    });
    expect(person.carePlan.rules.map((r: { id: string }) => r.id)).toEqual(['A-contact', 'A-meeting', 'A-review']);
  });

  test('an unknown person at a customer domain is a domain match with that customer', async () => {
    const res = await lookup('email=uusi.henkilo@kivijalka.fi');
    expect(res.body.people[0]).toMatchObject({ match: 'domain', organization: { id: kivijalka.orgId } });
    expect(res.body.people[0].contact).toBeUndefined();
  });

  test('an address at a public mail domain never matches a customer', async () => {
    await t.models.UniqueKey.create({ _id: 'domain:gmail.com', kind: 'domain', ownerId: kivijalka.orgId }).catch(() => undefined);
    const res = await lookup('email=someone@gmail.com');
    expect(res.body.people[0]).toEqual({ email: 'someone@gmail.com', match: 'none' });
    await t.models.UniqueKey.deleteOne({ _id: 'domain:gmail.com' });
  });

  test('an unknown address at an unknown domain is no match', async () => {
    const res = await lookup('email=nobody@tuntematon.fi');
    expect(res.body.people).toEqual([{ email: 'nobody@tuntematon.fi', match: 'none' }]);
  });

  test('a contact match beats a domain match of another customer', async () => {
    const other = await createCustomer(t, token, { name: 'Toinen Oy', domain: 'toinen.fi' });
    await t.http
      .post('/api/v1/contacts')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Konsultti', emails: ['konsultti@kivijalka.fi'], organizationId: other.orgId })
      .expect(201);
    const res = await lookup('email=konsultti@kivijalka.fi');
    expect(res.body.people[0]).toMatchObject({ match: 'contact', organization: { id: other.orgId } });
  });

  test('a colleague (a user of the CRM) is recognised as one, by name, not as unknown or as a domain match', async () => {
    await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
    const res = await lookup('email=Mikko.Korhonen@omnia.fi');
    expect(res.status).toBe(200);
    expect(() => LookupResponseSchema.parse(res.body)).not.toThrow();
    expect(res.body.people).toEqual([
      { email: 'mikko.korhonen@omnia.fi', match: 'colleague', colleague: { id: expect.any(String), name: 'Mikko Korhonen', email: 'mikko.korhonen@omnia.fi' } },
    ]);
    // a user whose address is under a customer's domain is still a colleague
    await createCustomer(t, token, { name: 'Kumppani Oy', domain: 'kumppani.fi' });
    await t.tokenFor('liisa@kumppani.fi', 'account_manager', 'Liisa Kumppani');
    expect((await lookup('email=liisa@kumppani.fi')).body.people[0]).toMatchObject({ match: 'colleague', colleague: { name: 'Liisa Kumppani' } });
  });

  test('a customer contact beats a colleague with the same address', async () => {
    await t.tokenFor('matti.lahtinen@kivijalka.fi', 'account_manager', 'Matti Lahtinen');
    const res = await lookup('email=matti.lahtinen@kivijalka.fi');
    expect(res.body.people[0]).toMatchObject({ match: 'contact', contact: { id: kivijalka.contactId } });
    expect(res.body.people[0].colleague).toBeUndefined();
  });

  test('answers one entry per address, in the order asked', async () => {
    const res = await lookup('email=x@gmail.com&email=matti.lahtinen@kivijalka.fi&email=joku@kivijalka.fi&email=x@tuntematon.fi');
    expect(res.body.people.map((p: { email: string; match: string }) => `${p.email}:${p.match}`)).toEqual([
      'x@gmail.com:none', 'matti.lahtinen@kivijalka.fi:contact', 'joku@kivijalka.fi:domain', 'x@tuntematon.fi:none',
    ]);
  });

  test('an IDN address and its ASCII form find the same contact', async () => {
    const c = await createCustomer(t, token, { name: 'Ääkkös Oy', domain: 'ääkkös.fi', contactEmail: 'Käyttäjä@ÄÄKKÖS.fi' });
    const res = await lookup(`email=${encodeURIComponent('käyttäjä@xn--kks-plaa4i.fi')}`);
    expect(res.body.people[0]).toMatchObject({ email: 'käyttäjä@xn--kks-plaa4i.fi', match: 'contact', contact: { id: c.contactId } });
  });

  test('lists the newest five actions with who logged them, and who already logged the message', async () => {
    const messageId = '<viesti-1@kivijalka.fi>';
    for (let i = 0; i < 7; i++) {
      await t.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${token}`)
        .send(mail({ internetMessageId: i === 6 ? messageId : `<m${i}@kivijalka.fi>`, from: 'matti.lahtinen@kivijalka.fi', occurredAt: `2026-11-0${i + 1}T10:00:00Z` }))
        .expect(201);
    }
    const res = await lookup(`email=matti.lahtinen@kivijalka.fi&messageId=${encodeURIComponent(messageId)}`);
    const recent = res.body.people[0].recentActions;
    expect(recent).toHaveLength(5);
    expect(recent.map((a: { occurredAt: string }) => a.occurredAt.slice(0, 10))).toEqual(['2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04', '2026-11-03']);
    expect(recent[0].loggedBy).toMatchObject({ name: 'Aino Virtanen', email: 'aino.virtanen@omnia.fi' });
    expect(res.body.logged).toEqual([
      expect.objectContaining({ organizationId: kivijalka.orgId, organizationName: 'Rakennus Oy Kivijalka', loggedBy: expect.objectContaining({ name: 'Aino Virtanen' }) }),
    ]);
  });

  test('rejects more than 100 addresses, naming the field', async () => {
    const query = Array.from({ length: 101 }, (_, i) => `email=p${i}@kivijalka.fi`).join('&');
    const res = await lookup(query);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'email' })]);
  });

  test('rejects an invalid address, naming which one', async () => {
    const res = await lookup('email=ok@kivijalka.fi&email=not-an-address');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'email.1', message: 'is not a valid email address', code: 'invalid_format' }]);
  });

  test('rejects a lookup without addresses', async () => {
    const res = await lookup('');
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('email');
  });
});
