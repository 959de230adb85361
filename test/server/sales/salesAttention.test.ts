/**
 * The desktop's sales reminders (`GET /sales/attention`): an account manager sees their own sent
 * offers running out within 14 days, soonest first (not a draft, not one valid longer, not a
 * colleague's), and their open opportunities whose expected close has passed, longest overdue
 * first (not a won one, not one without a date, not one still ahead).
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer } from '../fixtures';
import { inDays } from './days';

let t: TestApp;
let aino: string;
let mikko: string;
let organizationId: string;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  organizationId = (await createCustomer(t, aino, { name: 'Muistuttava Oy', domain: 'muistuttava.fi' })).orgId;
});
afterAll(() => t.close());

const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);

async function opportunity(token: string, title: string, fields: object = {}): Promise<string> {
  const res = await post(token, '/opportunities', { organizationId, title, ...fields }).expect(201);
  return res.body.id as string;
}

async function offer(token: string, opportunityId: string, validInDays: number, send: boolean): Promise<string> {
  const { body } = await post(token, `/opportunities/${opportunityId}/offers`, {
    validUntil: inDays(validInDays), lines: [{ description: 'Ensiapukurssi', quantityHundredths: 100, unitPriceCents: 16_000, vatRateBp: 0 }],
  }).expect(201);
  if (send) await post(token, `/offers/${body.id}/send`, { version: body.version }).expect(200);
  return body.number as string;
}

test('my offers running out within 14 days and my opportunities past their close, most urgent first', async () => {
  const open = await opportunity(aino, 'Ensiapu 2027', { stage: 'offer_sent' });
  const soon = await offer(aino, open, 3, true);
  const sooner = await offer(aino, open, 1, true);
  const fortnight = await offer(aino, open, 14, true);
  await offer(aino, open, 20, true); // valid longer
  await offer(aino, open, 2, false); // a draft
  await offer(mikko, await opportunity(mikko, 'Mikon ensiapu'), 2, true); // a colleague's

  const late = await opportunity(aino, 'Myöhässä', { expectedCloseOn: inDays(-3) });
  const later = await opportunity(aino, 'Pahasti myöhässä', { expectedCloseOn: inDays(-30), stage: 'negotiation' });
  await opportunity(aino, 'Voitettu', { expectedCloseOn: inDays(-10), stage: 'won' });
  await opportunity(aino, 'Tulossa', { expectedCloseOn: inDays(10) });
  await opportunity(aino, 'Ilman päivää');

  const res = await t.http.get('/api/v1/sales/attention').set('Authorization', `Bearer ${aino}`);
  expect(res.status).toBe(200);
  expect(res.body.expiringOffers.map((o: { number: string }) => o.number)).toEqual([sooner, soon, fortnight]);
  expect(res.body.expiringOffers[0]).toMatchObject({ state: 'sent', validUntil: inDays(1), organizationName: 'Muistuttava Oy' });
  expect(res.body.overdueOpportunities.map((o: { id: string }) => o.id)).toEqual([later, late]);

  const colleague = await t.http.get('/api/v1/sales/attention').set('Authorization', `Bearer ${mikko}`);
  expect(colleague.body.expiringOffers).toHaveLength(1);
  expect(colleague.body.overdueOpportunities).toEqual([]);
});
