/**
 * Opportunities over the real database: created on a customer with the stage's probability, moved
 * through the stages with every change kept, lost only with a reason, a stale change refused (409),
 * the pipeline of an owner or a customer summed per stage with the weighted value, and who may
 * change what.
 */
import { OpportunitySchema, PipelineSchema } from '../../../shared/contract-sales';
import { weightedCents } from '../../../shared/domain/money';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, fieldsOf, type Customer } from '../fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let admin: string;
let ainoId: string;
let mikkoId: string;
let kivijalka: Customer;
let mikkos: Customer;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  admin = await adminToken(t);
  ainoId = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${aino}`)).body.id;
  mikkoId = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${mikko}`)).body.id;
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  mikkos = await createCustomer(t, mikko, { name: 'Mikon Asiakas Oy', domain: 'mikon.fi', segment: 'B' });
});
afterAll(() => t.close());

const post = (token: string, body: object) => t.http.post('/api/v1/opportunities').set('Authorization', `Bearer ${token}`).send(body);
const patch = (token: string, id: string, body: object) => t.http.patch(`/api/v1/opportunities/${id}`).set('Authorization', `Bearer ${token}`).send(body);
const board = async (token: string, query: string) => {
  const res = await t.http.get(`/api/v1/opportunities?${query}`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return PipelineSchema.parse(res.body);
};

describe('opportunities', () => {
  test('created on a customer: owned by its creator, in the lead stage with its probability, the creation in the history', async () => {
    const res = await post(aino, { organizationId: kivijalka.orgId, title: 'Työturvallisuuskoulutus 2027', estimatedValueCents: 1_250_000, contactIds: [kivijalka.contactId], expectedCloseOn: '2027-02-15' });
    expect(res.status).toBe(201);
    const o = OpportunitySchema.parse(res.body);
    expect(o).toMatchObject({
      organizationName: 'Rakennus Oy Kivijalka', owner: { name: 'Aino Virtanen' }, stage: 'lead', probabilityPct: 10,
      weightedValueCents: 125_000, version: 0, lostReason: null, contactIds: [kivijalka.contactId],
    });
    expect(o.history).toEqual([expect.objectContaining({ from: null, to: 'lead', by: expect.objectContaining({ name: 'Aino Virtanen' }) })]);
  });

  test('moving through the stages keeps every change; entering a stage sets its probability unless one is given', async () => {
    const { body: o } = await post(aino, { organizationId: kivijalka.orgId, title: 'Esimiesvalmennus', estimatedValueCents: 890_000 });
    const a = await patch(aino, o.id, { version: 0, stage: 'needs_defined' });
    expect(a.body).toMatchObject({ stage: 'needs_defined', probabilityPct: 25, version: 1 });
    const b = await patch(aino, o.id, { version: 1, stage: 'offer_sent', probabilityPct: 60 });
    expect(b.body).toMatchObject({ stage: 'offer_sent', probabilityPct: 60, weightedValueCents: 534_000, version: 2 });
    const c = await patch(mikko, o.id, { version: 2, title: 'x' }); // not his
    expect(c.status).toBe(403);
    const d = await patch(aino, o.id, { version: 2, stage: 'won' });
    expect(d.body).toMatchObject({ stage: 'won', probabilityPct: 100 });
    expect(d.body.history.map((h: { from: string | null; to: string }) => `${h.from}→${h.to}`)).toEqual(['null→lead', 'lead→needs_defined', 'needs_defined→offer_sent', 'offer_sent→won']);
  });

  test('lost only with a reason; leaving lost clears the reason', async () => {
    const { body: o } = await post(aino, { organizationId: kivijalka.orgId, title: 'Kielikoulutus' });
    const noReason = await patch(aino, o.id, { version: 0, stage: 'lost' });
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(['lostReason']);
    const lost = await patch(aino, o.id, { version: 0, stage: 'lost', lostReason: 'Hinta' });
    expect(lost.body).toMatchObject({ stage: 'lost', lostReason: 'Hinta', probabilityPct: 0 });
    const reopened = await patch(aino, o.id, { version: 1, stage: 'negotiation' });
    expect(reopened.body).toMatchObject({ stage: 'negotiation', lostReason: null, probabilityPct: 75 });
    const reasonWhileOpen = await patch(aino, o.id, { version: 2, lostReason: 'Kilpailija' });
    expect(reasonWhileOpen.status).toBe(400);
    expect(fieldsOf(reasonWhileOpen.body)).toEqual(['lostReason']);
  });

  test('two changes on the same version: one lands, the other is a 409 naming version, and nothing is overwritten', async () => {
    const { body: o } = await post(aino, { organizationId: kivijalka.orgId, title: 'Tietoturva' });
    const results = await Promise.all([
      patch(aino, o.id, { version: 0, title: 'Tietoturva A' }),
      patch(aino, o.id, { version: 0, title: 'Tietoturva B' }),
      patch(admin, o.id, { version: 0, title: 'Tietoturva C' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.title;
    const loser = results.find((r) => r.status === 409)!;
    expect(fieldsOf(loser.body)).toEqual(['version']);
    const now = await t.http.get(`/api/v1/opportunities/${o.id}`).set('Authorization', `Bearer ${aino}`);
    expect(now.body).toMatchObject({ title: winner, version: 1 });
  });

  test('the pipeline of an owner and of a customer, filtered by stage and close month, summed per stage with the weighted value', async () => {
    const owner = await t.tokenFor('pipeline.owner@omnia.fi', 'account_manager', 'Putki Omistaja');
    const customer = await createCustomer(t, owner, { name: 'Putkiasiakas Oy', domain: 'putki.fi', segment: 'B' });
    const make = (title: string, stage: string, cents: number, close: string) =>
      post(owner, { organizationId: customer.orgId, title, stage, estimatedValueCents: cents, expectedCloseOn: close, ...(stage === 'lost' ? { lostReason: 'Budjetti' } : {}) });
    for (const [title, stage, cents, close] of [
      ['A', 'lead', 100_000, '2027-01-10'], ['B', 'lead', 300_000, '2027-02-10'], ['C', 'offer_sent', 200_000, '2027-01-20'], ['D', 'lost', 50_000, '2027-01-05'],
    ] as const) expect((await make(title, stage, cents, close)).status).toBe(201);
    const me = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${owner}`)).body.id;

    const all = await board(owner, `ownerId=${me}`);
    expect(all.items.map((o) => o.title)).toEqual(['D', 'A', 'C', 'B']);
    expect(all.stages.find((s) => s.stage === 'lead')).toEqual({ stage: 'lead', count: 2, valueCents: 400_000, weightedValueCents: 40_000 });
    expect(all.stages.find((s) => s.stage === 'offer_sent')).toEqual({ stage: 'offer_sent', count: 1, valueCents: 200_000, weightedValueCents: 100_000 });
    expect(all.stages.map((s) => s.stage)).toEqual(['lead', 'needs_defined', 'offer_sent', 'negotiation', 'won', 'lost']);
    expect((await board(owner, `ownerId=${me}&closeMonth=2027-01`)).items.map((o) => o.title)).toEqual(['D', 'A', 'C']);
    expect((await board(owner, `ownerId=${me}&stage=lead`)).items.map((o) => o.title)).toEqual(['A', 'B']);
    expect((await board(aino, `organizationId=${customer.orgId}`)).items).toHaveLength(4);

    // handed to another owner: it leaves this board and joins theirs
    const [first] = all.items;
    await patch(owner, first!.id, { version: first!.version, ownerId: ainoId }).expect(200);
    expect((await board(owner, `ownerId=${me}`)).items.map((o) => o.title)).toEqual(['A', 'C', 'B']);
    expect((await board(aino, `ownerId=${ainoId}`)).items.map((o) => o.title)).toContain('D');
  });

  test('Mikko may change an opportunity on a customer he looks after, even if Aino owns it; management reads but writes nothing', async () => {
    const { body: o } = await post(aino, { organizationId: mikkos.orgId, title: 'Aino myy Mikon asiakkaalle' });
    expect((await patch(mikko, o.id, { version: 0, notes: 'Soitin asiakkaalle' })).status).toBe(200);
    const leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
    expect((await board(leena, `organizationId=${mikkos.orgId}`)).items).toHaveLength(1);
    expect((await post(leena, { organizationId: mikkos.orgId, title: 'Johto' })).status).toBe(403);
    expect((await patch(leena, o.id, { version: 1, title: 'Johto' })).status).toBe(403);
    expect(mikkoId).not.toBe(ainoId);
  });

  test('a merge moves the duplicate’s opportunities to the customer kept, on its board', async () => {
    const dup = await createCustomer(t, aino, { name: 'Kivijalka (kaksoiskappale)', domain: 'kivijalka-dup2.fi', segment: 'B' });
    const { body: o } = await post(aino, { organizationId: dup.orgId, title: 'Kaksoiskappaleen mahdollisuus' });
    const merge = await t.http.post('/api/v1/merges/organizations').set('Authorization', `Bearer ${admin}`).send({ keepId: kivijalka.orgId, mergeIds: [dup.orgId] });
    expect(merge.status).toBe(200);
    const moved = await t.http.get(`/api/v1/opportunities/${o.id}`).set('Authorization', `Bearer ${aino}`);
    expect(moved.body).toMatchObject({ organizationId: kivijalka.orgId, organizationName: 'Rakennus Oy Kivijalka', version: 1 });
    expect((await board(aino, `organizationId=${kivijalka.orgId}`)).items.map((x) => x.id)).toContain(o.id);
    expect((await board(aino, `organizationId=${dup.orgId}`)).items).toEqual([]);
  });

  test('the weighted value is exact for any amount', () => {
    expect(weightedCents(999_999_999_999_999, 75)).toBe(749_999_999_999_999);
    expect(weightedCents(1, 50)).toBe(1);
    expect(weightedCents(1, 49)).toBe(0);
  });
});

describe('bad input names the field, and nothing is written', () => {
  test.each([
    ['no customer', { title: 'x' }, 'organizationId'],
    ['no title', { organizationId: '__org__' }, 'title'],
    ['a probability over 100', { organizationId: '__org__', title: 'x', probabilityPct: 120 }, 'probabilityPct'],
    ['a value in euros with decimals', { organizationId: '__org__', title: 'x', estimatedValueCents: 10.5 }, 'estimatedValueCents'],
    ['a negative value', { organizationId: '__org__', title: 'x', estimatedValueCents: -100 }, 'estimatedValueCents'],
    ['a stage that is not a stage key', { organizationId: '__org__', title: 'x', stage: 'Maybe!' }, 'stage'],
    ['lost without a reason', { organizationId: '__org__', title: 'x', stage: 'lost' }, 'lostReason'],
    ['a close date that is no day', { organizationId: '__org__', title: 'x', expectedCloseOn: '2027-02-30' }, 'expectedCloseOn'],
  ])('%s → 400 naming %s', async (_name, body, field) => {
    const before = await t.models.Opportunity.countDocuments();
    const res = await post(aino, JSON.parse(JSON.stringify(body).replace('__org__', kivijalka.orgId)));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
    expect(await t.models.Opportunity.countDocuments()).toBe(before);
  });

  test.each([
    ['a customer that does not exist', { organizationId: '0123456789abcdef01234567' }, 'organizationId'],
    ['a contact of another customer', { contactIds: ['__mikkos_contact__'] }, 'contactIds'],
    ['a product that does not exist', { productIds: ['0123456789abcdef01234567'] }, 'productIds'],
    ['an owner who is management', { ownerId: '__leena__' }, 'ownerId'],
  ])('%s → 422 naming %s', async (_name, change, field) => {
    const leena = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen')}`)).body.id;
    const body = JSON.parse(JSON.stringify({ organizationId: kivijalka.orgId, title: 'x', ...change }).replace('__mikkos_contact__', mikkos.contactId).replace('__leena__', leena));
    const res = await post(aino, body);
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toContain(field);
  });

  test('a change without a version, or with nothing to change → 400', async () => {
    const { body: o } = await post(aino, { organizationId: kivijalka.orgId, title: 'Versioton' });
    const noVersion = await patch(aino, o.id, { title: 'y' });
    expect(fieldsOf(noVersion.body)).toEqual(['version']);
    expect((await patch(aino, o.id, { version: 0 })).status).toBe(400);
  });
});
