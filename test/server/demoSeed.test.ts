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

  test('the first manager has a frozen call list of their customers, and everyone a shared selection of quiet key customers', async () => {
    const aino = await t.tokenFor('aino.virtanen@omnia.fi');
    const mine = (await t.http.get('/api/v1/selections').set('Authorization', `Bearer ${aino}`)).body.items;
    const me = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${aino}`)).body;
    const responsibleFor = await t.models.Organization.countDocuments({ responsibleId: me.id });
    expect(mine.map((x: { name: string; kind: string; memberCount: number | null }) => [x.name, x.kind, x.memberCount])).toEqual([
      ['Avainasiakkaat ilman toimenpiteitä 60 päivään', 'dynamic', null],
      ['Kevään soittokierros', 'static', responsibleFor],
    ]);
    const mikko = await t.tokenFor('mikko.korhonen@omnia.fi');
    const theirs = (await t.http.get('/api/v1/selections').set('Authorization', `Bearer ${mikko}`)).body.items.map((x: { name: string }) => x.name);
    expect(theirs).toEqual(['Avainasiakkaat ilman toimenpiteitä 60 päivään']);
    const quiet = await t.http.get(`/api/v1/selections/${mine[0].id}/members`).set('Authorization', `Bearer ${mikko}`);
    expect(quiet.status).toBe(200);
    for (const o of quiet.body.items) expect(o.segment).toBe('A');
  });

  test('a campaign with a mailing sent a week ago (one opted out skipped, one refused, the rest on their customers’ timelines) and a draft to send', async () => {
    const aino = await t.tokenFor('aino.virtanen@omnia.fi');
    const [campaign] = (await t.http.get('/api/v1/campaigns').set('Authorization', `Bearer ${aino}`)).body.items;
    expect(campaign).toMatchObject({ name: 'Kevään koulutukset 2027', status: 'active', owner: { name: 'Aino Virtanen' } });
    const results = (await t.http.get(`/api/v1/campaigns/${campaign.id}`).set('Authorization', `Bearer ${aino}`)).body;
    expect(results.mailings.map((m: { state: string }) => m.state)).toEqual(['sent', 'draft']);
    const sent = results.mailings[0];
    expect(sent.counts).toMatchObject({ queued: 0, sending: 0, failed: 1, skipped: 1 });
    expect(sent.counts.sent).toBe(sent.counts.total - 2);
    const [recipient] = (await t.http.get(`/api/v1/mailings/${sent.id}/recipients?state=sent&pageSize=1`).set('Authorization', `Bearer ${aino}`)).body.items;
    const timeline = (await t.http.get(`/api/v1/organizations/${recipient.organizationId}/actions?kind=mailing`).set('Authorization', `Bearer ${aino}`)).body.items;
    expect(timeline).toEqual([expect.objectContaining({ kind: 'mailing', subject: expect.stringMatching(/^(Kevään koulutukset|Vårens utbildningar|Spring training), /) })]);
    const audience = (await t.http.get(`/api/v1/campaigns/${campaign.id}/audience`).set('Authorization', `Bearer ${aino}`)).body;
    expect(audience.customers).toBeGreaterThan(0);
  });

  test('has an NPS survey with answers over several months, so the dashboard shows NPS per segment and group', async () => {
    const leena = await t.tokenFor('leena.hamalainen@omnia.fi');
    const surveys = (await t.http.get('/api/v1/surveys').set('Authorization', `Bearer ${leena}`)).body.items;
    expect(surveys).toEqual([expect.objectContaining({ name: 'Asiakastyytyväisyys 2026', type: 'nps', status: 'open', responseCount: 12 })]);
    const report = (await t.http.get('/api/v1/reports/feedback?months=6').set('Authorization', `Bearer ${leena}`)).body;
    expect(report.overall.responses).toBe(12);
    expect(new Set(report.rows.map((r: { month: string }) => r.month)).size).toBeGreaterThanOrEqual(4);
    const answered = (await t.http.get(`/api/v1/surveys/${surveys[0].id}/responses`).set('Authorization', `Bearer ${leena}`)).body.items;
    const latest = await t.http.get(`/api/v1/organizations/${answered[0].organizationId}/feedback`).set('Authorization', `Bearer ${leena}`);
    expect(latest.body.latest).toMatchObject({ type: 'nps', score: answered[0].score });
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
