/**
 * Tracked conversations: a mail logged with trackConversation tracks its conversation on the
 * customer; later mails of it are found by the conversation id or by the Message-IDs they refer to
 * (a colleague's mailbox has its own conversation id), logged there once, and the tracking can be
 * stopped; administrators list them; a merge moves them.
 */
import { ConversationMatchResponseSchema, TrackedConversationListSchema } from '../../../shared/contract-conversations';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, fieldsOf, mail, type Customer } from '../fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let admin: string;
let kivijalka: Customer;
let sahko: Customer;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  admin = await adminToken(t);
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  sahko = await createCustomer(t, aino, { name: 'Espoon Sähkö Oy', domain: 'esa.fi', segment: 'B' });
});
afterAll(() => t.close());

const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const match = async (token: string, body: object) => {
  const res = await post(token, '/conversations/match', body);
  expect(res.status).toBe(200);
  return ConversationMatchResponseSchema.parse(res.body).tracked;
};
let n = 0;
const conversation = () => `AAQkAGE${++n}conversation=`;

describe('tracking a conversation', () => {
  test('a mail logged with trackConversation tracks its conversation: the next mail of it is found, for the customer, by whom and since when', async () => {
    const conversationId = conversation();
    const first = mail({ conversationId, from: kivijalka.contactEmail, subject: 'Tarjouspyyntö: työturvallisuuskoulutus', trackConversation: true });
    expect((await post(aino, '/actions/email', first)).status).toBe(201);

    const tracked = await match(mikko, { conversationId });
    expect(tracked).toEqual([expect.objectContaining({
      conversationId, organizationId: kivijalka.orgId, organizationName: 'Rakennus Oy Kivijalka',
      subject: 'Tarjouspyyntö: työturvallisuuskoulutus', trackedBy: expect.objectContaining({ name: 'Aino Virtanen' }),
    })]);
    // a mail of another conversation is not tracked
    expect(await match(mikko, { conversationId: conversation() })).toEqual([]);
  });

  test('a colleague whose mailbox has another conversation id finds it through In-Reply-To/References, and the chain holds from mail to mail', async () => {
    const conversationId = conversation();
    const first = mail({ conversationId, from: kivijalka.contactEmail, trackConversation: true });
    await post(aino, '/actions/email', first).expect(201);

    // Mikko's copy of the reply: his own conversation id, referring to the first mail
    const reply = mail({ conversationId: 'MIKKO-own-id', from: kivijalka.contactEmail });
    const [tracking] = await match(mikko, { conversationId: 'MIKKO-own-id', references: [first.internetMessageId] });
    expect(tracking).toMatchObject({ conversationId, organizationId: kivijalka.orgId });
    // the pane logs it under the tracked conversation: once, whoever opens it
    const logs = await Promise.all([aino, mikko, mikko].map((token) =>
      post(token, '/actions/email', { ...reply, conversationId: tracking!.conversationId, organizationId: tracking!.organizationId })));
    expect(logs.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await t.models.Action.countDocuments({ internetMessageId: reply.internetMessageId })).toBe(1);

    // the next reply refers only to the one before it
    expect(await match(aino, { references: [reply.internetMessageId] })).toEqual([expect.objectContaining({ conversationId })]);
  });

  test('an outgoing reply in a tracked conversation is logged as email_out', async () => {
    const conversationId = conversation();
    await post(aino, '/actions/email', mail({ conversationId, from: kivijalka.contactEmail, trackConversation: true })).expect(201);
    const [tracking] = await match(aino, { conversationId });
    const out = await post(aino, '/actions/email', mail({
      conversationId, direction: 'out', from: 'aino.virtanen@omnia.fi', to: [kivijalka.contactEmail], organizationId: tracking!.organizationId,
    }));
    expect(out.status).toBe(201);
    expect(out.body.action).toMatchObject({ kind: 'email_out', organizationId: kivijalka.orgId, conversationId });
  });

  test('tracked by many at once, the first tracking stays; two customers track one conversation each on their own', async () => {
    const conversationId = conversation();
    const base = mail({ conversationId, from: kivijalka.contactEmail, cc: [sahko.contactEmail], trackConversation: true });
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => post(i % 2 ? aino : mikko, '/actions/email', { ...base, organizationId: kivijalka.orgId })),
      ...Array.from({ length: 4 }, () => post(mikko, '/actions/email', { ...base, organizationId: sahko.orgId })),
    ]);
    const tracked = await match(aino, { conversationId });
    expect(tracked.map((x) => x.organizationName).sort()).toEqual(['Espoon Sähkö Oy', 'Rakennus Oy Kivijalka']);
    const doc = await t.models.TrackedConversation.findOne({ conversationId }).lean();
    expect(Object.keys(doc!.customers).sort()).toEqual([kivijalka.orgId, sahko.orgId].sort());
  });

  test('stopping a tracking: later mails are not found; stopping again is a 404', async () => {
    const conversationId = conversation();
    await post(aino, '/actions/email', mail({ conversationId, from: kivijalka.contactEmail, trackConversation: true })).expect(201);
    expect((await post(mikko, '/conversations/stop', { conversationId, organizationId: kivijalka.orgId })).status).toBe(204);
    expect(await match(aino, { conversationId })).toEqual([]);
    const again = await post(mikko, '/conversations/stop', { conversationId, organizationId: kivijalka.orgId });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('not_found');
    // logging without the option leaves it stopped; logging with it tracks again
    await post(aino, '/actions/email', mail({ conversationId, from: kivijalka.contactEmail })).expect(201);
    expect(await match(aino, { conversationId })).toEqual([]);
    await post(aino, '/actions/email', mail({ conversationId, from: kivijalka.contactEmail, trackConversation: true })).expect(201);
    expect(await match(aino, { conversationId })).toHaveLength(1);
  });

  test('an administrator lists every tracking, newest first, and stops one; an account manager cannot list them', async () => {
    const conversationId = conversation();
    await post(mikko, '/actions/email', mail({ conversationId, from: sahko.contactEmail, subject: 'Uusin seurattu', trackConversation: true })).expect(201);
    const list = await t.http.get('/api/v1/conversations').set('Authorization', `Bearer ${admin}`);
    expect(list.status).toBe(200);
    const { items } = TrackedConversationListSchema.parse(list.body);
    expect(items[0]).toMatchObject({ conversationId, subject: 'Uusin seurattu', organizationName: 'Espoon Sähkö Oy', trackedBy: { name: 'Mikko Korhonen' } });
    expect(items.map((i) => i.trackedAt)).toEqual([...items.map((i) => i.trackedAt)].sort().reverse());
    expect((await t.http.get('/api/v1/conversations').set('Authorization', `Bearer ${aino}`)).status).toBe(403);
    expect((await post(admin, '/conversations/stop', { conversationId, organizationId: sahko.orgId })).status).toBe(204);
    expect(await match(aino, { conversationId })).toEqual([]);
  });

  test('a merge moves the tracking to the customer kept', async () => {
    const dup = await createCustomer(t, aino, { name: 'Kivijalka (kaksoiskappale)', domain: 'kivijalka-dup.fi', segment: 'B' });
    const conversationId = conversation();
    await post(aino, '/actions/email', mail({ conversationId, from: dup.contactEmail, trackConversation: true })).expect(201);
    expect((await post(admin, '/merges/organizations', { keepId: kivijalka.orgId, mergeIds: [dup.orgId] })).status).toBe(200);
    expect(await match(aino, { conversationId })).toEqual([expect.objectContaining({ organizationId: kivijalka.orgId, organizationName: 'Rakennus Oy Kivijalka' })]);
  });
});

describe('bad input names the field', () => {
  test.each([
    ['trackConversation without the mail’s conversationId', '/actions/email', () => mail({ from: kivijalka.contactEmail, trackConversation: true }), 'trackConversation'],
    ['trackConversation that is not a boolean', '/actions/email', () => mail({ conversationId: 'x', from: kivijalka.contactEmail, trackConversation: 'yes' }), 'trackConversation'],
    ['a match with neither a conversation nor references', '/conversations/match', () => ({}), 'conversationId'],
    ['a match with too many references', '/conversations/match', () => ({ references: Array.from({ length: 51 }, (_, i) => `<r${i}@x>`) }), 'references'],
    ['a stop without the customer', '/conversations/stop', () => ({ conversationId: 'x' }), 'organizationId'],
    ['a stop naming no valid customer id', '/conversations/stop', () => ({ conversationId: 'x', organizationId: 'nope' }), 'organizationId'],
  ])('%s → 400 naming %s… and nothing is tracked', async (_name, path, body, field) => {
    const res = await post(aino, path, body());
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(await t.models.TrackedConversation.countDocuments({ conversationId: 'x' })).toBe(0);
  });
});
