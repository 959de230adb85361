/**
 * Meetings from the Outlook calendar (POST /actions/meeting): one action for the whole team, keyed
 * by the organizer, the occurrence's start and the subject; a planned meeting that is moved keeps
 * its one action with the new time.
 */
import { LogMeetingResponseSchema, LookupResponseSchema } from '../../shared/contract';
import { meetingKey } from '../../shared/domain/meetingKey';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer, type Customer } from './fixtures';

const DAY = 86_400_000;
let t: TestApp;
let aino: string;
let mikko: string;
let sahko: Customer;
/** The server's clock: 100 days ahead, so that a new A customer without a meeting is overdue on its meeting rule. */
let now = new Date(Date.now() + 100 * DAY);

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  sahko = await createCustomer(t, aino, { name: 'Espoon Sähkö Oy', domain: 'esa.fi', segment: 'B' });
});
afterAll(() => t.close());
beforeEach(() => {
  now = new Date(Date.now() + 100 * DAY);
});

const at = (offsetMs: number) => new Date(Math.floor((now.getTime() + offsetMs) / 60_000) * 60_000).toISOString();
const logAs = (token: string, body: object) => t.http.post('/api/v1/actions/meeting').set('Authorization', `Bearer ${token}`).send(body);
const meeting = (c: Customer, overrides: Record<string, unknown> = {}) => ({
  organizer: 'aino.virtanen@omnia.fi',
  start: at(-DAY),
  subject: 'Koulutussuunnitelma 2027',
  attendees: [c.contactEmail, 'mikko.korhonen@omnia.fi'],
  organizationId: c.orgId,
  contactIds: [c.contactId],
  ...overrides,
});
async function lookup(token: string, c: Customer, query = '') {
  const res = await t.http.get(`/api/v1/lookup?email=${encodeURIComponent(c.contactEmail)}${query}`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return LookupResponseSchema.parse(res.body);
}
const meetingRule = async (c: Customer) => (await lookup(aino, c)).people[0]!.carePlan!.rules.find((r) => r.id === 'A-meeting')!;
const actionsOf = (c: Customer) => t.models.Action.find({ organizationId: c.orgId, kind: 'meeting' }).lean();

describe('POST /api/v1/actions/meeting', () => {
  test('the organizer and an attendee logging the same meeting get one action; the meeting rule turns on track', async () => {
    const c = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi' });
    expect((await meetingRule(c)).status).toBe('overdue');
    // Each mailbox has its own item id; the attendee's copy says the same organizer, start and subject (case and spaces aside).
    const first = await logAs(aino, meeting(c, { itemId: 'AAMk-organizer-item' }));
    const second = await logAs(mikko, meeting(c, { subject: '  koulutussuunnitelma   2027 ', itemId: 'AAMk-attendee-item', start: at(-DAY).replace('Z', '+00:00') }));
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(() => LogMeetingResponseSchema.parse(first.body)).not.toThrow();
    expect(second.body).toMatchObject({ created: false, action: { id: first.body.action.id, kind: 'meeting', loggedBy: { name: 'Aino Virtanen' } } });
    expect(first.body.action).toMatchObject({ occurredAt: at(-DAY), subject: 'Koulutussuunnitelma 2027', contactIds: [c.contactId], planned: false, excerpt: null });
    expect(await actionsOf(c)).toHaveLength(1);
    expect(await meetingRule(c)).toMatchObject({ status: 'on_track', lastAt: at(-DAY) });

    // Everyone's lookup by the meeting's key says who logged it.
    const key = meetingKey({ organizer: 'Aino.Virtanen@omnia.fi', start: at(-DAY), subject: 'KOULUTUSSUUNNITELMA 2027' })!;
    const seen = await lookup(mikko, c, `&meetingKey=${encodeURIComponent(key)}`);
    expect(seen.logged).toEqual([expect.objectContaining({ actionId: first.body.action.id, organizationId: c.orgId, loggedBy: expect.objectContaining({ name: 'Aino Virtanen' }) })]);
  });

  test('50 concurrent logs of one meeting by the team make one action', async () => {
    const c = await createCustomer(t, aino, { name: 'Rinnakkain Oy', domain: 'rinnakkain.fi' });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => logAs(i % 2 ? mikko : aino, meeting(c, { itemId: `item-${i % 2}` }))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.action.id)).size).toBe(1);
    expect(await actionsOf(c)).toHaveLength(1);
  });

  test('two occurrences of a recurring series are two actions', async () => {
    const c = await createCustomer(t, aino, { name: 'Sarja Oy', domain: 'sarja.fi' });
    const weekly = { subject: 'Viikkopalaveri', itemId: undefined };
    const a = await logAs(aino, meeting(c, { ...weekly, start: at(-8 * DAY) }));
    const b = await logAs(aino, meeting(c, { ...weekly, start: at(-DAY) }));
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.action.id).not.toBe(b.body.action.id);
    expect(await actionsOf(c)).toHaveLength(2);
  });

  test('a meeting in the future is planned: the rule says when, the status does not change until it has passed', async () => {
    const c = await createCustomer(t, aino, { name: 'Tuleva Palaveri Oy', domain: 'tulevapalaveri.fi' });
    const res = await logAs(aino, meeting(c, { start: at(3 * DAY) }));
    expect(res.status).toBe(201);
    expect(res.body.action.planned).toBe(true);
    expect(await meetingRule(c)).toMatchObject({ status: 'overdue', lastAt: null, plannedAt: at(3 * DAY) });
    now = new Date(now.getTime() + 4 * DAY);
    expect(await meetingRule(c)).toMatchObject({ status: 'on_track', plannedAt: null });
  });

  test('a planned meeting that is moved keeps one action, at the new time, on the customer, its timeline and the care plan', async () => {
    const c = await createCustomer(t, aino, { name: 'Siirretty Oy', domain: 'siirretty.fi' });
    const first = await logAs(aino, meeting(c, { start: at(3 * DAY), itemId: 'AAMk-moved' }));
    expect(first.status).toBe(201);

    // The organizer moves it by a week and renames it; her pane asks the lookup with the new key and her item id.
    const moved = { start: at(10 * DAY), subject: 'Koulutussuunnitelma 2027 (siirretty)', itemId: 'AAMk-moved' };
    const key = meetingKey({ organizer: 'aino.virtanen@omnia.fi', ...moved })!;
    const before = await lookup(aino, c, `&meetingKey=${encodeURIComponent(key)}&itemId=AAMk-moved`);
    expect(before.logged).toEqual([]);
    expect(before.moved).toEqual([expect.objectContaining({ actionId: first.body.action.id })]);

    const again = await logAs(aino, meeting(c, moved));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, rescheduled: true, action: { id: first.body.action.id, occurredAt: at(10 * DAY), subject: moved.subject, planned: true } });
    expect(await actionsOf(c)).toHaveLength(1);
    expect(await meetingRule(c)).toMatchObject({ status: 'overdue', plannedAt: at(10 * DAY) });

    // A colleague attending opens the moved meeting: the new key is logged, on the same action.
    const seen = await lookup(mikko, c, `&meetingKey=${encodeURIComponent(key)}&itemId=AAMk-colleague`);
    expect(seen.logged).toEqual([expect.objectContaining({ actionId: first.body.action.id })]);
    expect((await logAs(mikko, meeting(c, { ...moved, itemId: 'AAMk-colleague' }))).body).toMatchObject({ created: false, action: { id: first.body.action.id } });

    const customer = await t.repos.customers.get(c.orgId);
    expect(customer!.plannedActions).toEqual([expect.objectContaining({ id: first.body.action.id, occurredAt: new Date(at(10 * DAY)), subject: moved.subject })]);
    const timeline = await t.http.get(`/api/v1/organizations/${c.orgId}/actions`).set('Authorization', `Bearer ${aino}`);
    expect(timeline.body.items.filter((a: { kind: string }) => a.kind === 'meeting')).toEqual([expect.objectContaining({ occurredAt: at(10 * DAY), subject: moved.subject })]);

    // The responsible's desk has it at the new time too (its planned-action field was set again).
    const desk = await t.http.get('/api/v1/desk').set('Authorization', `Bearer ${aino}`);
    expect(desk.status).toBe(200);
    const onDesk = (desk.body.customers as Array<{ organization: { id: string }; carePlan: { rules: Array<{ id: string; plannedAt: string | null }> } }>)
      .find((d) => d.organization.id === c.orgId)!;
    expect(onDesk.carePlan.rules.find((r) => r.id === 'A-meeting')).toMatchObject({ plannedAt: at(10 * DAY) });

    // Once its new time has passed it counts.
    now = new Date(now.getTime() + 11 * DAY);
    expect(await meetingRule(c)).toMatchObject({ status: 'on_track', lastAt: at(-11 * DAY + 10 * DAY) });
  });

  test('a meeting that took place keeps its time when its subject is edited later: one action', async () => {
    const c = await createCustomer(t, aino, { name: 'Pidetty Oy', domain: 'pidetty.fi' });
    const first = await logAs(aino, meeting(c, { itemId: 'AAMk-held' }));
    const renamed = await logAs(aino, meeting(c, { itemId: 'AAMk-held', subject: 'Muistiinpanot lisätty' }));
    expect(renamed.body).toMatchObject({ created: false, rescheduled: false, action: { id: first.body.action.id, subject: 'Koulutussuunnitelma 2027' } });
    expect(await actionsOf(c)).toHaveLength(1);
  });

  test('a meeting on two customers is an action on each', async () => {
    const c = await createCustomer(t, aino, { name: 'Kaksi Oy', domain: 'kaksi.fi' });
    const one = await logAs(aino, meeting(c, { attendees: [c.contactEmail, sahko.contactEmail] }));
    const other = await logAs(aino, meeting(c, { attendees: [c.contactEmail, sahko.contactEmail], organizationId: sahko.orgId, contactIds: [sahko.contactId] }));
    expect([one.status, other.status]).toEqual([201, 201]);
    expect(other.body.action).toMatchObject({ organizationId: sahko.orgId, contactIds: [sahko.contactId] });
  });

  test('keeps only a capped excerpt of the meeting’s body', async () => {
    const c = await createCustomer(t, aino, { name: 'Pitkä Oy', domain: 'pitka.fi' });
    const res = await logAs(aino, meeting(c, { excerpt: 'Asialista. '.repeat(1500) }));
    expect(res.status).toBe(201);
    expect(res.body.action.excerpt.length).toBeLessThanOrEqual(500);
  });

  test.each([
    ['organizer', 400, { organizer: 'not an address' }],
    ['start', 400, { start: 'tomorrow' }],
    ['itemId', 400, { itemId: '' }],
    ['subject', 400, { subject: 'x'.repeat(1001) }],
    ['organizationId', 422, { organizationId: 'a'.repeat(24) }],
    ['contactIds', 422, { contactIds: [] as string[], wrongContact: true }],
  ])('bad %s → %s naming the field', async (field, status, change) => {
    const { wrongContact, ...overrides } = change as Record<string, unknown>;
    const body = meeting(sahko, wrongContact ? { organizationId: sahko.orgId, contactIds: [(await createCustomer(t, aino, { name: `Vieras ${Date.now()} Oy`, domain: `vieras${Date.now()}.fi` })).contactId] } : overrides);
    const res = await logAs(aino, body);
    expect(res.status).toBe(status);
    expect(res.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  test('management may not log a meeting', async () => {
    const leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
    expect((await logAs(leena, meeting(sahko))).status).toBe(403);
  });
});

describe('a meeting logged on a customer that is then merged', () => {
  test('is the same action on the kept customer: logging it there again makes no second one', async () => {
    const admin = await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
    const keep = await createCustomer(t, aino, { name: 'Yhdistetty Oy', domain: 'yhdistetty.fi' });
    const dup = await createCustomer(t, aino, { name: 'Yhdistetty Oy (kaksoiskappale)', domain: 'yhdistetty-dup.fi' });
    const first = await logAs(aino, meeting(dup));
    expect(first.status).toBe(201);
    const merged = await t.http.post('/api/v1/merges/organizations').set('Authorization', `Bearer ${admin}`).send({ keepId: keep.orgId, mergeIds: [dup.orgId] });
    expect(merged.status).toBe(200);

    const again = await logAs(mikko, meeting(keep, { contactIds: [] }));
    expect(again.body).toMatchObject({ created: false, action: { id: first.body.action.id, organizationId: keep.orgId } });
    expect(await actionsOf(keep)).toHaveLength(1);
  });
});
