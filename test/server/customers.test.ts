import { OrganizationDetailSchema, OrganizationSchema, ContactSchema } from '../../shared/contract';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken, createCustomer } from './fixtures';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  token = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());

const auth = () => ({ Authorization: `Bearer ${token}` });

describe('organisations and contacts', () => {
  test('an unknown sender becomes a contact under a new potential (P) customer, and is recognised at once', async () => {
    const res = await t.http.post('/api/v1/contacts').set(auth()).send({
      name: 'Åsa Björklund', emails: ['asa.bjorklund@nyforetag.fi'], newOrganization: { name: 'Nyföretag Ab', emailDomains: ['nyforetag.fi'] },
    });
    expect(res.status).toBe(201);
    expect(() => ContactSchema.parse(res.body)).not.toThrow();
    const org = await t.http.get(`/api/v1/organizations/${res.body.organizationId}`).set(auth());
    expect(org.body).toMatchObject({ name: 'Nyföretag Ab', segment: 'P', responsible: { name: 'Aino Virtanen' } });
    // The customer's page gets the care plan with the customer: the new P customer's follow-up is due.
    expect(() => OrganizationDetailSchema.parse(org.body)).not.toThrow();
    expect(org.body.carePlan.rules.map((r: { id: string }) => r.id)).toEqual(['P-follow-up']);
    expect(org.body.carePlan.rules[0]).toMatchObject({ lastAt: null, plannedAt: null });
    const lookup = await t.http.get('/api/v1/lookup?email=asa.bjorklund@nyforetag.fi').set(auth());
    expect(lookup.body.people[0]).toMatchObject({ match: 'contact', contact: { name: 'Åsa Björklund' }, organization: { segment: 'P' } });
    expect(lookup.body.people[0].carePlan.rules[0].id).toBe('P-follow-up');
    // The same plan the Outlook pane shows.
    expect(org.body.carePlan).toEqual(lookup.body.people[0].carePlan);
  });

  test('a contact whose address is taken leaves no stray new customer behind', async () => {
    const existing = await createCustomer(t, token, { name: 'Olemassa Oy', domain: 'olemassa.fi' });
    const before = await t.models.Organization.countDocuments();
    const res = await t.http.post('/api/v1/contacts').set(auth()).send({ name: 'X', emails: [existing.contactEmail], newOrganization: { name: 'Haamu Oy' } });
    expect(res.status).toBe(409);
    expect(await t.models.Organization.countDocuments()).toBe(before);
  });

  test('giving both or neither of organizationId and newOrganization is a 400', async () => {
    const neither = await t.http.post('/api/v1/contacts').set(auth()).send({ name: 'X', emails: ['x@x-oy.fi'] });
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields[0].path).toBe('organizationId');
  });

  test('creates, reads, lists and changes a customer, keeping ä, ö and å intact', async () => {
    // The administrator adds a B customer for Aino, who then changes it as its responsible person.
    const aino = await t.http.get('/api/v1/me').set(auth());
    const created = await t.http.post('/api/v1/organizations').set('Authorization', `Bearer ${await adminToken(t)}`).send({
      name: 'Hoivakoti Päivänsäde Oy', businessId: '0737546-2', segment: 'B', customerGroup: 'company', emailDomains: ['päivänsäde.fi'],
      externalIds: { top: 'TOP-77', profinder: 'PF-9' }, department: 'Yrityspalvelut', responsibleId: aino.body.id,
    });
    expect(created.status).toBe(201);
    expect(() => OrganizationSchema.parse(created.body)).not.toThrow();
    expect(created.body).toMatchObject({ name: 'Hoivakoti Päivänsäde Oy', emailDomains: ['xn--pivnsde-5wacc.fi'], externalIds: { top: 'TOP-77', profinder: 'PF-9' } });

    const patched = await t.http.patch(`/api/v1/organizations/${created.body.id}`).set(auth()).send({ segment: 'A', emailDomains: ['paivansade.fi'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ segment: 'A', emailDomains: ['paivansade.fi'] });
    // The old domain no longer recognises anyone, the new one does.
    const lookup = await t.http.get('/api/v1/lookup?email=a@xn--pivnsde-5wacc.fi&email=a@paivansade.fi').set(auth());
    expect(lookup.body.people.map((p: { match: string }) => p.match)).toEqual(['none', 'domain']);

    const list = await t.http.get('/api/v1/organizations?q=hoivakoti&segment=A').set(auth());
    expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(['Hoivakoti Päivänsäde Oy']);
  });

  test('a PATCH with nothing to change is a 400', async () => {
    const c = await createCustomer(t, token, { name: 'Tyhjä Oy', domain: 'tyhja.fi' });
    const res = await t.http.patch(`/api/v1/organizations/${c.orgId}`).set(auth()).send({});
    expect(res.status).toBe(400);
  });

  test('a responsible manager who does not exist is a 422 naming the field', async () => {
    const res = await t.http.post('/api/v1/organizations').set(auth()).send({ name: 'Orpo Oy', responsibleId: '0123456789abcdef01234567' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe('responsibleId');
  });

  test('manual actions are listed newest first, paged', async () => {
    const c = await createCustomer(t, token, { name: 'Sivutus Oy', domain: 'sivutus.fi' });
    for (const [i, kind] of (['call', 'meeting', 'note'] as const).entries()) {
      const res = await t.http.post('/api/v1/actions').set(auth()).send({ kind, occurredAt: `2026-10-0${i + 1}T10:00:00+03:00`, subject: `Toimenpide ${i}`, organizationId: c.orgId, contactIds: [c.contactId] });
      expect(res.status).toBe(201);
    }
    const page1 = await t.http.get(`/api/v1/organizations/${c.orgId}/actions?limit=2`).set(auth());
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    expect(page1.body.items.map((a: { kind: string }) => a.kind)).toEqual(['note', 'meeting']);
    const page2 = await t.http.get(`/api/v1/organizations/${c.orgId}/actions?limit=2&before=${page1.body.nextCursor}`).set(auth());
    expect(page2.body).toMatchObject({ nextCursor: null, items: [{ kind: 'call', loggedBy: { name: 'Aino Virtanen' } }] });
  });

  test('a manual email action is refused: mail is logged through its own endpoint', async () => {
    const c = await createCustomer(t, token, { name: 'Posti Oy', domain: 'posti-esim.fi' });
    const res = await t.http.post('/api/v1/actions').set(auth()).send({ kind: 'email_in', occurredAt: '2026-10-01T10:00:00Z', subject: 'x', organizationId: c.orgId });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('kind');
  });

  test('the care plans list the default rules', async () => {
    const res = await t.http.get('/api/v1/care-plans').set(auth());
    expect(res.body.rules.map((r: { id: string }) => r.id)).toEqual(['A-contact', 'A-meeting', 'A-review', 'B-contact', 'B-meeting', 'C-contact', 'P-follow-up']);
    expect(res.body.rules.find((r: { id: string }) => r.id === 'P-follow-up')).toMatchObject({ cadenceDays: 30, firstWithinDays: 14, warningDays: 7 });
  });

  test('a customer edited while mails are logged keeps both the edit and every newest-action date', async () => {
    const c = await createCustomer(t, token, { name: 'Kiireinen Oy', domain: 'kiireinen.fi' });
    const kinds = ['call', 'meeting', 'note', 'review', 'offer', 'event'] as const;
    const writes = [
      ...kinds.map((kind, i) =>
        t.http.post('/api/v1/actions').set(auth()).send({ kind, occurredAt: `2026-09-0${i + 1}T10:00:00Z`, subject: kind, organizationId: c.orgId })),
      t.http.patch(`/api/v1/organizations/${c.orgId}`).set(auth()).send({ department: 'Yrityspalvelut' }),
      t.http.patch(`/api/v1/organizations/${c.orgId}`).set(auth()).send({ name: 'Kiireinen Oy Ab' }),
    ];
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201, 200, 200]);
    const stored = await t.models.Organization.findById(c.orgId).lean();
    expect(stored).toMatchObject({ department: 'Yrityspalvelut', name: 'Kiireinen Oy Ab' });
    expect(Object.keys(stored!.lastActionAt ?? {}).sort()).toEqual([...kinds].sort());
  });
});
