/**
 * Planned actions: a meeting or event logged ahead of its time counts for the care plan only once
 * its time has come, and shows as "planned" on the rule it will satisfy until then.
 */
import { ActionSchema, LookupResponseSchema } from '../../shared/contract';
import { DEFAULT_CARE_PLAN_RULES } from '../../shared/domain/carePlan';
import { foldPassedPlannedActions } from '../../server/usecases/plannedActions';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer } from './fixtures';

const DAY = 86_400_000;
let t: TestApp;
let token: string;
/** The server's clock: 100 days from now, so that a new A customer without a meeting is overdue on its meeting rule. */
let now = new Date(Date.now() + 100 * DAY);

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  token = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
});
afterAll(() => t.close());
beforeEach(() => {
  now = new Date(Date.now() + 100 * DAY);
});

const auth = () => ({ Authorization: `Bearer ${token}` });
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
const logAction = (orgId: string, kind: string, occurredAt: string) =>
  t.http.post('/api/v1/actions').set(auth()).send({ kind, occurredAt, subject: `${kind} ${occurredAt}`, organizationId: orgId });
async function carePlanOf(email: string) {
  const res = await t.http.get(`/api/v1/lookup?email=${encodeURIComponent(email)}`).set(auth());
  expect(res.status).toBe(200);
  return LookupResponseSchema.parse(res.body).people[0]!.carePlan!;
}
const meetingRule = (plan: Awaited<ReturnType<typeof carePlanOf>>) => plan.rules.find((r) => r.id === 'A-meeting')!;
async function overdueIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const o of t.repos.customers.stream({ carePlan: { rules: DEFAULT_CARE_PLAN_RULES, now, timeZone: 'Europe/Helsinki', status: 'overdue' } })) ids.push(o.id);
  return ids;
}

describe('planned actions', () => {
  test('a meeting that took place turns an overdue key customer’s meeting rule on track', async () => {
    const c = await createCustomer(t, token, { name: 'Mennyt Tapaaminen Oy', domain: 'mennyt.fi' });
    expect(meetingRule(await carePlanOf(c.contactEmail)).status).toBe('overdue');
    const res = await logAction(c.orgId, 'meeting', at(-DAY));
    expect(res.status).toBe(201);
    expect(res.body.planned).toBe(false);
    const plan = await carePlanOf(c.contactEmail);
    expect(meetingRule(plan)).toMatchObject({ status: 'on_track', lastAt: at(-DAY), plannedAt: null });
  });

  test('a future meeting is planned: it does not count yet, the rule shows when it is planned for, and it counts once its time has passed', async () => {
    const c = await createCustomer(t, token, { name: 'Tuleva Tapaaminen Oy', domain: 'tuleva.fi' });
    const meetingAt = at(2 * DAY);
    const res = await logAction(c.orgId, 'meeting', meetingAt);
    expect(res.status).toBe(201);
    expect(ActionSchema.parse(res.body).planned).toBe(true);

    const before = await carePlanOf(c.contactEmail);
    expect(before.overall).toBe('overdue');
    expect(meetingRule(before)).toMatchObject({ status: 'overdue', lastAt: null, plannedAt: meetingAt });
    const listed = await t.http.get(`/api/v1/organizations/${c.orgId}/actions`).set(auth());
    expect(listed.body.items[0]).toMatchObject({ occurredAt: meetingAt, planned: true });
    expect(await overdueIds()).toContain(c.orgId);

    // The meeting's start passes: its customer's own status is right at once, before any fold.
    now = new Date(now.getTime() + 3 * DAY);
    const after = await carePlanOf(c.contactEmail);
    expect(after.overall).toBe('on_track');
    expect(meetingRule(after)).toMatchObject({ status: 'on_track', lastAt: meetingAt, plannedAt: null });
    const relisted = await t.http.get(`/api/v1/organizations/${c.orgId}/actions`).set(auth());
    expect(relisted.body.items[0]).toMatchObject({ occurredAt: meetingAt, planned: false });
    // The database-side status filters see it once folded; folding again changes nothing.
    expect(await overdueIds()).toContain(c.orgId);
    expect(await foldPassedPlannedActions({ repos: t.repos, now })).toBeGreaterThanOrEqual(1);
    expect(await overdueIds()).not.toContain(c.orgId);
    const stored = await t.repos.customers.get(c.orgId);
    expect(stored).toMatchObject({ lastActionAt: { meeting: new Date(meetingAt) }, plannedActions: [] });
    expect(await foldPassedPlannedActions({ repos: t.repos, now })).toBe(0);
    expect(meetingRule(await carePlanOf(c.contactEmail))).toMatchObject({ status: 'on_track', lastAt: meetingAt });
  });

  test('the fold takes only the planned actions whose time has passed, and the rule shows the next one', async () => {
    const c = await createCustomer(t, token, { name: 'Kaksi Tapaamista Oy', domain: 'kaksi.fi' });
    const first = at(DAY);
    const second = at(10 * DAY);
    expect((await logAction(c.orgId, 'meeting', second)).status).toBe(201);
    expect((await logAction(c.orgId, 'meeting', first)).status).toBe(201);
    expect(meetingRule(await carePlanOf(c.contactEmail)).plannedAt).toBe(first);
    now = new Date(now.getTime() + 2 * DAY);
    await foldPassedPlannedActions({ repos: t.repos, now });
    const stored = await t.repos.customers.get(c.orgId);
    expect(stored?.plannedActions.map((p) => p.occurredAt.toISOString())).toEqual([second]);
    expect(meetingRule(await carePlanOf(c.contactEmail))).toMatchObject({ status: 'on_track', lastAt: first, plannedAt: second });
  });

  test('a future call is refused with the field named; a few minutes of clock skew is accepted', async () => {
    const c = await createCustomer(t, token, { name: 'Tuleva Soitto Oy', domain: 'tulevasoitto.fi' });
    const res = await logAction(c.orgId, 'call', at(DAY));
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'occurredAt', message: 'must not be in the future for a call', code: 'future' }]);
    expect((await t.http.get(`/api/v1/organizations/${c.orgId}/actions`).set(auth())).body.items).toEqual([]);
    const skewed = await logAction(c.orgId, 'call', at(3 * 60_000));
    expect(skewed.status).toBe(201);
    expect(skewed.body.planned).toBe(false);
  });

  test('a future event is planned too', async () => {
    const c = await createCustomer(t, token, { name: 'Tapahtuma Oy', domain: 'tapahtuma.fi' });
    const res = await logAction(c.orgId, 'event', at(5 * DAY));
    expect(res.status).toBe(201);
    expect(res.body.planned).toBe(true);
    expect((await t.repos.customers.get(c.orgId))?.lastActionAt.event).toBeUndefined();
  });
});
