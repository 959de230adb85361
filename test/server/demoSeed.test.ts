import { CUSTOMER_GROUPS, SEGMENTS } from '../../shared/domain/codes';
import { seedDemo } from '../../server/seed/demo';
import { startTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the demo seeded by npm start', () => {
  test('covers every customer group and segment, and every care-plan status occurs', async () => {
    const started = Date.now();
    const seeded = await seedDemo(t.models, new Date());
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(seeded).toMatchObject({ organizations: 30 });
    const orgs = await t.models.Organization.find().lean();
    expect(new Set(orgs.map((o) => o.segment))).toEqual(new Set(SEGMENTS));
    expect(new Set(orgs.map((o) => o.customerGroup))).toEqual(new Set(CUSTOMER_GROUPS));

    const token = await t.tokenFor('aino.virtanen@omnia.fi');
    const contacts = await t.models.Contact.find().lean();
    const emails = contacts.map((c) => c.emails[0]!);
    const res = await t.http.get(`/api/v1/lookup?${emails.map((e) => `email=${encodeURIComponent(e)}`).join('&')}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.people.every((p: { match: string }) => p.match === 'contact')).toBe(true);
    const statuses = new Set(res.body.people.map((p: { carePlan: { overall: string } }) => p.carePlan.overall));
    expect(statuses).toEqual(new Set(['on_track', 'due_soon', 'overdue']));
  });

  test("the managers' opportunities carry offers in every state and orders in every state, some sent offers running out within two weeks", async () => {
    const offers = await t.models.Offer.find().lean();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const soon = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(Date.now() + 14 * 86_400_000));
    const state = (o: { state: string; validUntil: string }) => (o.state === 'sent' && o.validUntil < today ? 'expired' : o.state);
    expect(new Set(offers.map(state))).toEqual(new Set(['draft', 'sent', 'accepted', 'rejected', 'expired']));
    expect(offers.some((o) => state(o) === 'sent' && o.validUntil <= soon)).toBe(true);
    expect(new Set(offers.map((o) => String(o.owner.id))).size).toBeGreaterThan(1);
    expect(new Set(offers.map((o) => o.number)).size).toBe(offers.length);
    const orders = await t.models.Order.find().lean();
    expect(new Set(orders.map((o) => o.state))).toEqual(new Set(['confirmed', 'delivered', 'to_be_invoiced', 'invoiced']));
  });

  test('each account manager finds open follow-up tasks on their desk, one overdue and one due today', async () => {
    const token = await t.tokenFor('mikko.korhonen@omnia.fi');
    const res = await t.http.get('/api/v1/tasks?assigneeId=me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
    const due = res.body.items.map((i: { dueOn: string }) => i.dueOn);
    expect(due).toHaveLength(3);
    expect(due[0] < today).toBe(true);
    expect(due[1]).toBe(today);
    expect(res.body.items[0].organization.name).not.toBe('');
  });

  test("its addresses are keys that name their contact's customer, and every key says when it was claimed", async () => {
    const contacts = await t.models.Contact.find().lean();
    const keys = new Map((await t.models.UniqueKey.find().lean()).map((k) => [k._id, k]));
    for (const c of contacts) expect(String(keys.get(`email:${c.emails[0]}`)?.organizationId)).toBe(String(c.organizationId));
    expect([...keys.values()].every((k) => k.claimedAt instanceof Date)).toBe(true);
  });

  test('signing in as a seeded manager finds the seeded user, not a new one', async () => {
    const token = await t.tokenFor('sanna.makinen@omnia.fi');
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ name: 'Sanna Mäkinen', role: 'account_manager', department: 'Työvoimakoulutus' });
  });

  test('does nothing on a database that already has customers', async () => {
    expect(await seedDemo(t.models, new Date())).toBeNull();
  });
});
