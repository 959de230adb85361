/**
 * The account manager's desk (GET /api/v1/desk) over the real HTTP surface and database: the
 * worklist order and each customer's due rule, and the read model kept right by actions, single
 * customer changes and bulk changes.
 */
import { DeskSchema, type Desk } from '../../shared/contract-desk';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken, createCustomer, mail } from './fixtures';

const NOW = new Date();
/** The server's clock: NOW, moved on by a test that needs time to pass. */
let clock = NOW;
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

let t: TestApp;
let aino: string;
let mikko: string;
let management: string;
const ids = {} as Record<'aino' | 'mikko', string>;

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function desk(token: string, query = ''): Promise<Desk> {
  const res = await t.http.get(`/api/v1/desk${query}`).set(as(token));
  if (res.status !== 200) throw new Error(`desk: ${res.status} ${JSON.stringify(res.body)}`);
  return DeskSchema.parse(res.body);
}

async function logAction(token: string, organizationId: string, kind: string, occurredAt: string, subject = `${kind} ${occurredAt}`) {
  const res = await t.http.post('/api/v1/actions').set(as(token)).send({ kind, occurredAt, subject, organizationId });
  if (res.status !== 201) throw new Error(`action: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

const names = (d: Desk) => d.customers.map((c) => c.organization.name);
const entry = (d: Desk, name: string) => d.customers.find((c) => c.organization.name === name);

beforeAll(async () => {
  t = await startTestApp({ clock: () => clock });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  management = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  ids.aino = (await t.http.get('/api/v1/me').set(as(aino))).body.id;
  ids.mikko = (await t.http.get('/api/v1/me').set(as(mikko))).body.id;
});
afterAll(() => t.close());

describe("the account manager's desk", () => {
  let overdueA: string;
  let dueSoonB: string;
  let onTrackC: string;

  test('lists my customers worst first: an overdue meeting 12 days late, then due soon, then on track by due date', async () => {
    overdueA = (await createCustomer(t, aino, { name: 'Äijälä Oy', domain: 'aijala.fi', segment: 'A' })).orgId;
    dueSoonB = (await createCustomer(t, aino, { name: 'Bertta Oy', domain: 'bertta.fi', segment: 'B' })).orgId;
    onTrackC = (await createCustomer(t, aino, { name: 'Cesium Oy', domain: 'cesium.fi', segment: 'C' })).orgId;
    await createCustomer(t, aino, { name: 'Potentia Oy', domain: 'potentia.fi', segment: 'P' });
    await createCustomer(t, mikko, { name: 'Mikon Oma Oy', domain: 'mikonoma.fi', segment: 'A' });
    await logAction(aino, overdueA, 'meeting', daysAgo(102));
    await logAction(aino, overdueA, 'call', daysAgo(2));
    await logAction(aino, dueSoonB, 'call', daysAgo(55));
    await logAction(aino, onTrackC, 'call', daysAgo(10));

    const d = await desk(aino);
    expect(d.user).toEqual({ id: ids.aino, name: 'Aino Virtanen' });
    // Potential customer: its first follow-up is due 14 days after creation, sooner than C's contact in 170.
    expect(names(d)).toEqual(['Äijälä Oy', 'Bertta Oy', 'Potentia Oy', 'Cesium Oy']);
    expect(entry(d, 'Äijälä Oy')).toMatchObject({
      role: 'responsible', organization: { id: overdueA, segment: 'A', customerGroup: 'company' },
      dueRule: { id: 'A-meeting', status: 'overdue', daysPastDue: 12 }, carePlan: { overall: 'overdue' }, openTasks: 0,
    });
    expect(entry(d, 'Bertta Oy')!.dueRule).toMatchObject({ id: 'B-contact', status: 'due_soon', daysPastDue: -5 });
    expect(entry(d, 'Cesium Oy')!.dueRule).toMatchObject({ id: 'C-contact', status: 'on_track', daysPastDue: -170 });
    expect(entry(d, 'Potentia Oy')!.lastAction).toBeNull();
  });

  test('a logged meeting moves the customer down the list and shows as its last action', async () => {
    await logAction(aino, overdueA, 'meeting', daysAgo(0.01), 'Vuosisuunnittelu');
    const d = await desk(aino);
    // A: contact due in 28 days (the call 2 days ago), after P's 14 days.
    expect(names(d)).toEqual(['Bertta Oy', 'Potentia Oy', 'Äijälä Oy', 'Cesium Oy']);
    expect(entry(d, 'Äijälä Oy')).toMatchObject({
      carePlan: { overall: 'on_track' }, lastAction: { kind: 'meeting', subject: 'Vuosisuunnittelu', loggedBy: { id: ids.aino, name: 'Aino Virtanen' } },
    });
  });

  test("a colleague's action on my customer shows in recent, with the customer's name; mine do not", async () => {
    const colleague = await logAction(mikko, dueSoonB, 'call', daysAgo(1), 'Mikko soitti Bertalle');
    const d = await desk(aino);
    expect(d.recent.map((r) => r.id)).toEqual([colleague.id]);
    expect(d.recent[0]).toMatchObject({ organizationId: dueSoonB, organizationName: 'Bertta Oy', subject: 'Mikko soitti Bertalle', loggedBy: { id: ids.mikko } });
    // It counts for the care plan and is the last action too.
    expect(entry(d, 'Bertta Oy')).toMatchObject({ carePlan: { overall: 'on_track' }, lastAction: { subject: 'Mikko soitti Bertalle' } });
    // An action older than 14 days is not recent.
    await logAction(mikko, onTrackC, 'note', daysAgo(20), 'Vanha muistiinpano');
    expect((await desk(aino)).recent.map((r) => r.subject)).toEqual(['Mikko soitti Bertalle']);
  });

  test('a retried mail log does not list the action twice', async () => {
    const m = mail({ from: 'yhteys@cesium.fi', to: ['mikko.korhonen@omnia.fi'], occurredAt: daysAgo(0.5), organizationId: onTrackC, subject: 'Tarjouspyyntö' });
    const first = await t.http.post('/api/v1/actions/email').set(as(mikko)).send(m);
    const retry = await t.http.post('/api/v1/actions/email').set(as(mikko)).send(m);
    expect([first.status, retry.status]).toEqual([201, 200]);
    const d = await desk(aino);
    expect(d.recent.map((r) => r.subject)).toEqual(['Tarjouspyyntö', 'Mikko soitti Bertalle']);
  });

  test("changing the responsible person moves the customer from one desk to the other", async () => {
    expect(names(await desk(mikko))).toEqual(['Mikon Oma Oy']);
    const res = await t.http.patch(`/api/v1/organizations/${onTrackC}`).set(as(aino)).send({ responsibleId: ids.mikko, backupId: ids.aino });
    expect(res.status).toBe(200);
    const mine = await desk(aino);
    const his = await desk(mikko);
    expect(entry(mine, 'Cesium Oy')).toMatchObject({ role: 'backup' });
    expect(entry(his, 'Cesium Oy')).toMatchObject({ role: 'responsible', lastAction: { subject: 'Tarjouspyyntö' } });
    // Mikko's own actions on it are not his recent ones.
    expect(his.recent).toEqual([]);

    await t.http.patch(`/api/v1/organizations/${onTrackC}`).set(as(mikko)).send({ backupId: null }).expect(200);
    expect(entry(await desk(aino), 'Cesium Oy')).toBeUndefined();
    expect(names(await desk(mikko))).toContain('Cesium Oy');
  });

  test("a planned meeting shows as its rule's planned time, and counts as the last meeting once its time has passed", async () => {
    const planned = await createCustomer(t, aino, { name: 'Suunnitelma Oy', domain: 'suunnitelma.fi', segment: 'A' });
    await logAction(aino, planned.orgId, 'meeting', daysAgo(100));
    const at = new Date(NOW.getTime() + 3 * 86_400_000).toISOString();
    await logAction(aino, planned.orgId, 'meeting', at, 'Tuleva tapaaminen');
    const rule = (d: Desk) => entry(d, 'Suunnitelma Oy')!.carePlan!.rules.find((r) => r.id === 'A-meeting')!;
    expect(rule(await desk(aino))).toMatchObject({ status: 'overdue', plannedAt: at, lastAt: daysAgo(100) });
    try {
      clock = new Date(NOW.getTime() + 4 * 86_400_000);
      expect(rule(await desk(aino))).toMatchObject({ status: 'on_track', plannedAt: null, lastAt: at });
    } finally {
      clock = NOW;
    }
  });

  test('a bulk assignment of managers moves the customers between desks at their next read', async () => {
    const theirs = (await createCustomer(t, mikko, { name: 'Siirrettävä Oy', domain: 'siirrettava.fi', segment: 'C' })).orgId;
    await logAction(mikko, theirs, 'call', daysAgo(3), 'Ennen siirtoa');
    expect(names(await desk(aino))).not.toContain('Siirrettävä Oy');
    const res = await t.http.post('/api/v1/manager-assignments').set(as(await adminToken(t))).send({ organizationIds: [theirs], responsibleId: ids.aino, backupId: ids.mikko });
    expect(res.status).toBe(200);
    expect(entry(await desk(aino), 'Siirrettävä Oy')).toMatchObject({ role: 'responsible', lastAction: { subject: 'Ennen siirtoa' } });
    expect(entry(await desk(mikko), 'Siirrettävä Oy')).toMatchObject({ role: 'backup' });
    // Mikko's call shows on Aino's desk as a colleague's action.
    expect((await desk(aino)).recent.map((r) => r.subject)).toContain('Ennen siirtoa');
  });

  test('a hand-over (a bulk change) shows on both desks at their next read', async () => {
    const ville = await t.tokenFor('ville.lahtinen@omnia.fi', 'account_manager', 'Ville Lähtinen');
    const villeId = (await t.http.get('/api/v1/me').set(as(ville))).body.id as string;
    await createCustomer(t, ville, { name: 'Villen Asiakas Oy', domain: 'villen.fi', segment: 'B' });
    expect(names(await desk(ville))).toEqual(['Villen Asiakas Oy']);
    expect(names(await desk(mikko))).not.toContain('Villen Asiakas Oy');

    const res = await t.http.post('/api/v1/handovers').set(as(await adminToken(t))).send({ fromUserId: villeId, toUserId: ids.mikko });
    expect(res.status).toBe(200);
    expect(names(await desk(ville))).toEqual([]);
    expect(entry(await desk(mikko), 'Villen Asiakas Oy')).toMatchObject({ role: 'responsible' });
  });

  test('customers imported from a CSV file (a bulk change) are on their manager\'s desk at its next read', async () => {
    expect(names(await desk(aino))).not.toContain('Tuontiyhtiö Oy');
    const res = await t.http.post('/api/v1/imports?kind=organizations&dryRun=false').set(as(await adminToken(t))).set('Content-Type', 'text/csv')
      .send(Buffer.from('nimi;segmentti;vastuuhenkilö\r\nTuontiyhtiö Oy;B;aino.virtanen@omnia.fi\r\n', 'utf8'));
    expect(res.status).toBe(201);
    expect(entry(await desk(aino), 'Tuontiyhtiö Oy')).toMatchObject({ role: 'responsible', organization: { segment: 'B' } });
  });

  test('a snapshot written while the desk is rebuilt is kept: the rebuild starts over', async () => {
    const ville = (await t.http.get('/api/v1/me').set(as(await t.tokenFor('ville.lahtinen@omnia.fi', 'account_manager')))).body.id as string;
    const late = { name: 'Myöhäinen Oy', segment: 'C' as const, customerGroup: 'company' as const, createdAt: NOW, role: 'backup' as const, lastActionAt: {}, last: null, planned: [] };
    const lateId = '0123456789abcdef0123abcd';
    let runs = 0;
    const rebuilt = await t.repos.desks.rebuild(ville, await t.repos.desks.epoch(), async (current) => {
      // The first run reads the desk, then an incremental write lands before the rebuild writes.
      if (runs++ === 0) await t.repos.desks.putCustomer(ville, lateId, late);
      return { customers: { ...current.customers }, recent: [] };
    });
    expect(Object.keys(rebuilt.customers)).toContain(lateId);
    expect(Object.keys((await t.repos.desks.get(ville))!.customers)).toContain(lateId);
  });

  test('actions logged while a desk is being rebuilt are not lost', async () => {
    await t.repos.desks.bumpEpoch();
    const subjects = ['Kesken 1', 'Kesken 2', 'Kesken 3', 'Kesken 4'];
    const [, ...logged] = await Promise.all([
      desk(aino),
      ...subjects.map((s, i) => logAction(mikko, overdueA, 'call', daysAgo(0.001 * (i + 1)), s)),
    ]);
    const d = await desk(aino);
    expect(d.recent.slice(0, 4).map((r) => r.id)).toEqual(logged.map((l) => l.id));
    expect(entry(d, 'Äijälä Oy')!.lastAction).toMatchObject({ kind: 'call', subject: 'Kesken 1' });
  });
});

describe('whose desk', () => {
  test("management sees a colleague's desk with ?userId=", async () => {
    const d = await desk(management, `?userId=${ids.aino}`);
    expect(d.user).toEqual({ id: ids.aino, name: 'Aino Virtanen' });
    expect(names(d)).toContain('Äijälä Oy');
  });

  test('management without customers of its own gets an empty desk', async () => {
    const d = await desk(management);
    expect({ customers: d.customers, recent: d.recent }).toEqual({ customers: [], recent: [] });
  });

  test("an account manager asking for a colleague's desk gets 403; for their own, the desk", async () => {
    const res = await t.http.get(`/api/v1/desk?userId=${ids.mikko}`).set(as(aino));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await desk(aino, `?userId=${ids.aino}`)).user.id).toBe(ids.aino);
  });

  test('a malformed userId is a 400 naming the field; an unknown one a 404', async () => {
    const bad = await t.http.get('/api/v1/desk?userId=aino').set(as(management));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('userId');
    const unknown = await t.http.get('/api/v1/desk?userId=0123456789abcdef01234567').set(as(management));
    expect(unknown.status).toBe(404);
    const extra = await t.http.get('/api/v1/desk?user=x').set(as(aino));
    expect(extra.status).toBe(400);
  });
});

describe('a care-plan rule change reaches the desks', () => {
  test("an administrator's new rule turns a customer who does not meet it overdue on the desk at its next read, named as its due rule; removing it puts the customer back on track", async () => {
    const admin = await adminToken(t);
    const { orgId } = await createCustomer(t, aino, { name: 'Sääntö Oy', domain: 'saanto.fi', segment: 'A' });
    await logAction(aino, orgId, 'call', daysAgo(10));
    expect(entry(await desk(aino), 'Sääntö Oy')).toMatchObject({ carePlan: { overall: 'on_track' } });

    const created = await t.http.post('/api/v1/care-plans/rules').set(as(admin))
      .send({ labels: { fi: 'Puhelu viikoittain' }, segment: 'A', actionKinds: ['call'], cadenceDays: 7, warningDays: 2 });
    expect(created.status).toBe(201);
    const ruleId = created.body.id as string;
    try {
      const after = entry(await desk(aino), 'Sääntö Oy')!;
      expect(after).toMatchObject({ carePlan: { overall: 'overdue' }, dueRule: { id: ruleId, status: 'overdue', daysPastDue: 3 } });
      expect(after.carePlan!.rules.find((r) => r.id === ruleId)).toMatchObject({ labels: { fi: 'Puhelu viikoittain' } });
      // the worst first: it is now ahead of every on-track customer
      const d = await desk(aino);
      const at = names(d).indexOf('Sääntö Oy');
      expect(d.customers.slice(at + 1).every((c) => c.dueRule?.status !== 'overdue' || c.dueRule.daysPastDue <= 3)).toBe(true);
    } finally {
      await t.http.delete(`/api/v1/care-plans/rules/${ruleId}`).set(as(admin)).expect(204);
    }
    expect(entry(await desk(aino), 'Sääntö Oy')).toMatchObject({ carePlan: { overall: 'on_track' } });
  });
});
