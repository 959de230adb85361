/**
 * Mails and actions linked to an opportunity, over the real database: a mail logged with an
 * opportunity carries it and shows on the opportunity's timeline (a colleague's later log of the same
 * mail keeps the first link); a link to another customer's opportunity is refused with nothing
 * written. Offers attached to a mail written with "Log when sent" are marked sent when it is sent,
 * once, with their offer action on the opportunity's timeline.
 */
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, mail, type Customer } from '../fixtures';
import { inDays } from './days';

let t: TestApp;
let aino: string;
let mikko: string;
let kivijalka: Customer;
let sahko: Customer;
let opportunityId: string;
let sahkoOpportunity: string;

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const logMail = (token: string, body: object) => t.http.post('/api/v1/actions/email').set(as(token)).send(body);
const timeline = (id: string) => t.http.get(`/api/v1/opportunities/${id}/actions`).set(as(aino));
const newOffer = async (opportunity = opportunityId, token = aino) => {
  const res = await t.http.post(`/api/v1/opportunities/${opportunity}/offers`).set(as(token))
    .send({ validUntil: inDays(30), lines: [{ description: 'Ensiapukurssi EA1', quantityHundredths: 1000, unitPriceCents: 15_000, vatRateBp: 0 }] });
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string };
};

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  sahko = await createCustomer(t, mikko, { name: 'Espoon Sähkö Oy', domain: 'esa.fi', segment: 'B' });
  opportunityId = (await t.http.post('/api/v1/opportunities').set(as(aino)).send({ organizationId: kivijalka.orgId, title: 'Ensiapu 2027' })).body.id;
  sahkoOpportunity = (await t.http.post('/api/v1/opportunities').set(as(mikko)).send({ organizationId: sahko.orgId, title: 'Sähkötyöturvallisuus' })).body.id;
});
afterAll(() => t.close());

describe('a mail linked to an opportunity', () => {
  test('carries the opportunity and shows on its timeline; a colleague’s later log of the same mail keeps the link', async () => {
    const body = mail({ from: kivijalka.contactEmail, subject: 'Ensiavun aikataulu', opportunityId });
    const first = await logMail(aino, body);
    expect(first.status).toBe(201);
    expect(first.body.action.opportunityId).toBe(opportunityId);

    const again = await logMail(mikko, { ...body, opportunityId: undefined });
    expect(again.body).toMatchObject({ created: false, action: { id: first.body.action.id, opportunityId } });

    const list = await timeline(opportunityId);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { subject: string }) => a.subject)).toEqual(['Ensiavun aikataulu']);
  });

  test('a mail logged first without one is linked by a later log that names it', async () => {
    const body = mail({ from: kivijalka.contactEmail, subject: 'Kysymys osallistujista' });
    const first = await logMail(aino, body);
    expect(first.body.action.opportunityId).toBeNull();
    const linked = await logMail(aino, { ...body, opportunityId });
    expect(linked.body).toMatchObject({ created: false, action: { id: first.body.action.id, opportunityId } });
    expect((await timeline(opportunityId)).body.items.map((a: { subject: string }) => a.subject)).toContain('Kysymys osallistujista');
  });

  test('an opportunity of another customer or none is refused with the field, and nothing is logged', async () => {
    for (const wrong of [sahkoOpportunity, '0123456789abcdef01234567']) {
      const body = mail({ from: kivijalka.contactEmail, subject: `Väärä linkki ${wrong}`, opportunityId: wrong });
      const res = await logMail(aino, body);
      expect(res.status).toBe(422);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['opportunityId']);
      expect(await t.models.Action.countDocuments({ subject: `Väärä linkki ${wrong}` })).toBe(0);
      expect(await t.models.MailLog.countDocuments({ internetMessageId: body.internetMessageId })).toBe(0);
    }
  });

  test('a manual action names its opportunity; a sent offer’s action lands on the opportunity’s timeline', async () => {
    const call = await t.http.post('/api/v1/actions').set(as(aino))
      .send({ kind: 'call', occurredAt: new Date().toISOString(), subject: 'Soitto hinnoista', organizationId: kivijalka.orgId, opportunityId });
    expect(call.status).toBe(201);
    expect(call.body.opportunityId).toBe(opportunityId);
    const offer = await newOffer();
    expect((await t.http.post(`/api/v1/offers/${offer.id}/send`).set(as(aino)).send({ version: 0 })).status).toBe(200);
    const subjects = (await timeline(opportunityId)).body.items.map((a: { kind: string; subject: string }) => `${a.kind}: ${a.subject}`);
    expect(subjects).toEqual(expect.arrayContaining(['call: Soitto hinnoista', `offer: ${offer.number}: Ensiapu 2027`]));
  });

  test('an unknown opportunity’s timeline is a 404', async () => {
    expect((await timeline('0123456789abcdef01234567')).status).toBe(404);
  });
});

describe('offers attached to a mail sent with “Log when sent”', () => {
  const register = (token: string, logToken: string, body: object) => t.http.put(`/api/v1/send-logs/${logToken}`).set(as(token)).send(body);
  const reportSent = (logToken: string) => t.http.post(`/api/v1/send-logs/${logToken}/sent`).set(as(aino))
    .send({ subject: 'Tarjouksemme', to: [kivijalka.contactEmail], cc: [] });
  const newToken = () => randomBytes(24).toString('base64url');

  test('a draft attached is marked sent when the mail is sent, once, with one offer action', async () => {
    const offer = await newOffer();
    const logToken = newToken();
    const registered = await register(aino, logToken, { organizationIds: [kivijalka.orgId], offerIds: [offer.id] });
    expect(registered.status).toBe(200);
    expect(registered.body.offerIds).toEqual([offer.id]);
    expect((await t.http.get(`/api/v1/offers/${offer.id}`).set(as(aino))).body.state).toBe('draft');

    expect((await reportSent(logToken)).status).toBe(200);
    expect((await reportSent(logToken)).status).toBe(200);
    const after = await t.http.get(`/api/v1/offers/${offer.id}`).set(as(aino));
    expect(after.body).toMatchObject({ state: 'sent', version: 1 });
    expect(await t.models.Action.countDocuments({ kind: 'offer', subject: `${offer.number}: Ensiapu 2027` })).toBe(1);
  });

  test('an offer of another customer, an answered one and one the writer may not send are refused with the field', async () => {
    const others = await newOffer(sahkoOpportunity, mikko);
    const wrongCustomer = await register(aino, newToken(), { organizationIds: [kivijalka.orgId], offerIds: [others.id] });
    expect(wrongCustomer.status).toBe(422);
    expect(wrongCustomer.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['offerIds.0']);

    const notAllowed = await register(aino, newToken(), { organizationIds: [sahko.orgId], offerIds: [others.id] });
    expect(notAllowed.status).toBe(403);

    const answered = await newOffer();
    await t.http.post(`/api/v1/offers/${answered.id}/send`).set(as(aino)).send({ version: 0 });
    await t.http.post(`/api/v1/offers/${answered.id}/reject`).set(as(aino)).send({ version: 1 });
    const rejected = await register(aino, newToken(), { organizationIds: [kivijalka.orgId], offerIds: [answered.id] });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['offerIds.0']);

    const missing = await register(aino, newToken(), { organizationIds: [kivijalka.orgId], offerIds: ['0123456789abcdef01234567'] });
    expect(missing.status).toBe(422);
  });
});
