/**
 * Administration over HTTP and the real database: care-plan rules (and the status the lookup
 * returns), the classification tree, hand-over of a leaving manager's customers, merges.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, mail } from '../fixtures';

let t: TestApp;
let admin: string;
let aino: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const me = async (token: string) => (await t.http.get('/api/v1/me').set(as(token))).body.id as string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());

describe('care-plan rules', () => {
  it('a changed cadence changes the status the lookup returns at once', async () => {
    const c = await createCustomer(t, aino, { name: 'Hoivakoti Päivänsäde Oy', domain: 'paivansade.fi', segment: 'B', contactEmail: 'johtaja@paivansade.fi' });
    const callDaysAgo = 40;
    await t.http.post('/api/v1/actions').set(as(aino))
      .send({ kind: 'call', occurredAt: new Date(Date.now() - callDaysAgo * 86_400_000).toISOString(), subject: 'Soitto', organizationId: c.orgId });
    const status = async () => {
      const res = await t.http.get('/api/v1/lookup?email=johtaja@paivansade.fi').set(as(aino));
      return res.body.people[0].carePlan.rules.find((r: { id: string }) => r.id === 'B-contact').status as string;
    };
    expect(await status()).toBe('on_track'); // 40 days into a 60-day cadence

    const tighter = await t.http.patch('/api/v1/care-plans/rules/B-contact').set(as(admin)).send({ cadenceDays: 30 });
    expect(tighter.status).toBe(200);
    expect(tighter.body).toMatchObject({ id: 'B-contact', cadenceDays: 30, warningDays: 7 });
    expect(await status()).toBe('overdue');

    await t.http.patch('/api/v1/care-plans/rules/B-contact').set(as(admin)).send({ cadenceDays: 45 });
    expect(await status()).toBe('due_soon');
    await t.http.patch('/api/v1/care-plans/rules/B-contact').set(as(admin)).send({ cadenceDays: 60 });
  });

  it('adds a rule for a segment × customer group, which replaces the segment plan for that group, and deletes it', async () => {
    const created = await t.http.post('/api/v1/care-plans/rules').set(as(admin))
      .send({ label: 'TE-toimiston kuukausipalaveri', segment: 'A', customerGroup: 'employment_office', actionKinds: ['meeting'], cadenceDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ segment: 'A', customerGroup: 'employment_office', warningDays: 7, firstWithinDays: null });
    const list = await t.http.get('/api/v1/care-plans').set(as(aino));
    expect(list.body.rules.map((r: { id: string }) => r.id)).toContain(created.body.id);
    const del = await t.http.delete(`/api/v1/care-plans/rules/${created.body.id}`).set(as(admin));
    expect(del.status).toBe(204);
    expect((await t.http.delete(`/api/v1/care-plans/rules/${created.body.id}`).set(as(admin))).status).toBe(404);
  });

  it.each([
    [{ cadenceDays: 0 }, 'cadenceDays'],
    [{ cadenceDays: -5 }, 'cadenceDays'],
    [{ cadenceDays: 1.5 }, 'cadenceDays'],
    [{ actionKinds: ['telepathy'] }, 'actionKinds.0'],
    [{ actionKinds: [] }, 'actionKinds'],
    [{ warningDays: 60 }, 'warningDays'],
    [{ colour: 'red' }, 'colour'],
  ])('refuses %j naming the field', async (patch, field) => {
    const res = await t.http.patch('/api/v1/care-plans/rules/B-contact').set(as(admin)).send(patch);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('only an administrator changes rules', async () => {
    const res = await t.http.patch('/api/v1/care-plans/rules/B-contact').set(as(aino)).send({ cadenceDays: 10 });
    expect(res.status).toBe(403);
  });
});

describe('classification tree', () => {
  it('adds, renames, moves and deletes nodes; refuses to delete one in use unless its records are reassigned', async () => {
    const post = (body: object) => t.http.post('/api/v1/classifications').set(as(admin)).send(body);
    const toimiala = (await post({ name: 'Toimiala', appliesTo: 'organization' })).body;
    const rakentaminen = (await post({ name: 'Rakentaminen', parentId: toimiala.id, appliesTo: 'organization' })).body;
    const logistiikka = (await post({ name: 'Logistiikka', parentId: toimiala.id, appliesTo: 'organization' })).body;
    expect(rakentaminen).toMatchObject({ path: 'Toimiala > Rakentaminen', usage: 0 });
    expect((await post({ name: 'rakentaminen', parentId: toimiala.id, appliesTo: 'organization' })).status).toBe(409);
    expect((await post({ name: 'Päättäjä', parentId: toimiala.id, appliesTo: 'contact' })).status).toBe(422);

    const renamed = await t.http.patch(`/api/v1/classifications/${rakentaminen.id}`).set(as(admin)).send({ name: 'Rakentaminen ja kiinteistöt' });
    expect(renamed.body.path).toBe('Toimiala > Rakentaminen ja kiinteistöt');
    const cycle = await t.http.patch(`/api/v1/classifications/${toimiala.id}`).set(as(admin)).send({ parentId: rakentaminen.id });
    expect(cycle.status).toBe(422);
    const moved = await t.http.patch(`/api/v1/classifications/${logistiikka.id}`).set(as(admin)).send({ parentId: null });
    expect(moved.body).toMatchObject({ parentId: null, path: 'Logistiikka' });

    const org = await t.http.post('/api/v1/organizations').set(as(admin)).send({ name: 'Kivijalka Oy', classificationIds: [rakentaminen.id] });
    expect((await t.http.delete(`/api/v1/classifications/${toimiala.id}`).set(as(admin))).status).toBe(409); // has children
    const refused = await t.http.delete(`/api/v1/classifications/${rakentaminen.id}`).set(as(admin));
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields[0].path).toBe('reassignTo');
    const list = await t.http.get('/api/v1/classifications?appliesTo=organization').set(as(aino));
    expect(list.body.items.find((n: { id: string }) => n.id === rakentaminen.id).usage).toBe(1);

    const deleted = await t.http.delete(`/api/v1/classifications/${rakentaminen.id}?reassignTo=${logistiikka.id}`).set(as(admin));
    expect(deleted.body).toEqual({ deleted: rakentaminen.id, reassigned: 1 });
    const after = await t.http.get(`/api/v1/organizations/${org.body.id}`).set(as(admin));
    expect(after.body.classifications).toEqual([{ id: logistiikka.id, name: 'Logistiikka' }]);
  });
});

describe('responsible and backup managers', () => {
  it("hands over a leaving manager's customers in one step, never leaving one person both responsible and backup", async () => {
    const leaving = await t.tokenFor('leaving@omnia.fi', 'account_manager', 'Lähtevä Myyjä');
    const [leavingId, ainoId] = [await me(leaving), await me(aino)];
    const mikkoId = await me(await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen'));
    const make = (name: string, responsibleId: string, backupId: string) =>
      t.http.post('/api/v1/organizations').set(as(admin)).send({ name, responsibleId, backupId }).then((r) => r.body.id as string);
    const a = await make('Asiakas A', leavingId, mikkoId);
    const b = await make('Asiakas B', leavingId, ainoId);
    const c = await make('Asiakas C', mikkoId, leavingId);

    const res = await t.http.post('/api/v1/handovers').set(as(admin)).send({ fromUserId: leavingId, toUserId: ainoId });
    expect(res.body).toEqual({ responsibleChanged: 2, backupChanged: 1, backupCleared: 1 });
    const get = async (id: string) => (await t.http.get(`/api/v1/organizations/${id}`).set(as(admin))).body;
    expect([(await get(a)).responsible.id, (await get(a)).backup.id]).toEqual([ainoId, mikkoId]);
    expect([(await get(b)).responsible.id, (await get(b)).backup]).toEqual([ainoId, null]);
    expect([(await get(c)).responsible.id, (await get(c)).backup.id]).toEqual([mikkoId, ainoId]);

    const assigned = await t.http.post('/api/v1/manager-assignments').set(as(admin)).send({ organizationIds: [a, b], backupId: mikkoId });
    expect(assigned.body.matched).toBe(2);
    expect((await get(b)).backup.id).toBe(mikkoId);
    expect((await t.http.post('/api/v1/handovers').set(as(aino)).send({ fromUserId: ainoId, toUserId: mikkoId })).status).toBe(403);
  });
});

describe('merging duplicates', () => {
  it('merges duplicate customers keeping every action, contact, domain and external ID, with a merge record', async () => {
    const keep = await createCustomer(t, aino, { name: 'Konepaja Terästö Oy', domain: 'terasto.fi', segment: 'A' });
    const dup = await createCustomer(t, aino, { name: 'Terästö Konepaja', domain: 'terasto.com', segment: 'P' });
    await t.http.patch(`/api/v1/organizations/${dup.orgId}`).set(as(admin)).send({ externalIds: { top: 'TOP-77' } });
    for (const [i, c] of [keep, dup, dup].entries()) {
      const r = await t.http.post('/api/v1/actions/email').set(as(aino))
        .send(mail({ internetMessageId: `<m${i}-${Date.now()}@x.fi>`, from: c.contactEmail, occurredAt: new Date(Date.now() - i * 86_400_000).toISOString() }));
      expect(r.status).toBe(201);
    }
    const res = await t.http.post('/api/v1/merges/organizations').set(as(admin)).send({ keepId: keep.orgId, mergeIds: [dup.orgId], note: 'Sama yritys' });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ actions: 2, contacts: 1, keys: 2, tasks: 0, plannedActions: 0 });

    const kept = (await t.http.get(`/api/v1/organizations/${keep.orgId}`).set(as(admin))).body;
    expect(kept.emailDomains).toEqual(['terasto.fi', 'terasto.com']);
    expect(kept.externalIds).toEqual({ top: 'TOP-77' });
    expect((await t.http.get(`/api/v1/organizations/${dup.orgId}`).set(as(admin))).status).toBe(404);
    const actions = (await t.http.get(`/api/v1/organizations/${keep.orgId}/actions`).set(as(admin))).body.items;
    expect(actions).toHaveLength(3);
    const lookup = (await t.http.get(`/api/v1/lookup?email=${dup.contactEmail}&email=someone@terasto.com`).set(as(aino))).body.people;
    expect(lookup.map((p: { organization: { id: string } }) => p.organization.id)).toEqual([keep.orgId, keep.orgId]);
    expect(lookup[0].recentActions).toHaveLength(3);

    const merges = await t.http.get('/api/v1/merges').set(as(admin));
    expect(merges.body.items[0]).toMatchObject({ kind: 'organization', keptId: keep.orgId, mergedIds: [dup.orgId], note: 'Sama yritys' });
    expect(merges.body.items[0].merged[0]).toMatchObject({ name: 'Terästö Konepaja' });
  });

  it('refuses to merge customers with different business IDs', async () => {
    const a = await t.http.post('/api/v1/organizations').set(as(admin)).send({ name: 'Yksi Oy', businessId: '2345678-0' });
    const b = await t.http.post('/api/v1/organizations').set(as(admin)).send({ name: 'Kaksi Oy', businessId: '0112038-9' });
    const res = await t.http.post('/api/v1/merges/organizations').set(as(admin)).send({ keepId: a.body.id, mergeIds: [b.body.id] });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('businessId');
  });

  it('merges duplicate contacts keeping every address and naming the kept contact on every action', async () => {
    const c = await createCustomer(t, aino, { name: 'Painotalo Värisävy Oy', domain: 'varisavy.fi', contactEmail: 'paivi@varisavy.fi' });
    const dup = await t.http.post('/api/v1/contacts').set(as(aino)).send({ name: 'Päivi H.', emails: ['paivi.h@varisavy.fi'], phone: '040 1', organizationId: c.orgId });
    const logged = await t.http.post('/api/v1/actions/email').set(as(aino)).send(mail({ from: 'paivi.h@varisavy.fi' }));
    expect(logged.body.action.contactIds).toEqual([dup.body.id]);
    const res = await t.http.post('/api/v1/merges/contacts').set(as(admin)).send({ keepId: c.contactId, mergeIds: [dup.body.id] });
    expect(res.body.moved).toEqual({ actions: 1, contacts: 0, keys: 1, tasks: 0, plannedActions: 0 });
    const kept = (await t.http.get(`/api/v1/contacts/${c.contactId}`).set(as(admin))).body;
    expect(kept.emails).toEqual(['paivi@varisavy.fi', 'paivi.h@varisavy.fi']);
    expect(kept.phone).toBe('040 1');
    const action = await t.models.Action.findById(logged.body.action.id).lean();
    expect(action!.contactIds.map(String)).toEqual([c.contactId]);
    const lookup = (await t.http.get('/api/v1/lookup?email=paivi.h@varisavy.fi').set(as(aino))).body.people[0];
    expect(lookup).toMatchObject({ match: 'contact', contact: { id: c.contactId } });
  });
});
