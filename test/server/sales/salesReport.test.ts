/**
 * The dashboard's sales figures (`GET /reports/sales?months=`), over the last months of the
 * configured zone: the open pipeline by stage with values weighted by probability, won and lost
 * per month of the closing stage change with the lost reasons, offers sent per account manager
 * (not drafts, not ones sent before the period), and how many sent offers became orders. Only
 * management and admins read it; a bad `months` is a 400 naming it.
 */
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer } from '../fixtures';

let t: TestApp;
let now = new Date('2026-02-10T09:00:00Z');
let aino: string;
let mikko: string;
let leena: string;
let organizationId: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  organizationId = (await createCustomer(t, aino, { name: 'Raportoitava Oy', domain: 'raportoitava.fi' })).orgId;
});
afterAll(() => t.close());

const at = (iso: string) => { now = new Date(iso); };
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
const report = (token: string, query = '') => t.http.get(`/api/v1/reports/sales${query}`).set('Authorization', `Bearer ${token}`);

async function opportunity(token: string, title: string, fields: object = {}): Promise<{ id: string; version: number }> {
  const { body } = await post(token, '/opportunities', { organizationId, title, ...fields }).expect(201);
  return body as { id: string; version: number };
}
async function close(token: string, o: { id: string; version: number }, stage: 'won' | 'lost', lostReason?: string): Promise<void> {
  await t.http.patch(`/api/v1/opportunities/${o.id}`).set('Authorization', `Bearer ${token}`).send({ version: o.version, stage, lostReason }).expect(200);
}
/** An offer of 2 × 800 € (+ 25.5 % VAT = 2 008 €), sent unless `draft`. */
async function offer(token: string, opportunityId: string, { draft = false } = {}): Promise<{ id: string; version: number }> {
  const { body } = await post(token, `/opportunities/${opportunityId}/offers`, {
    validUntil: '2026-12-31', lines: [{ description: 'Työturvallisuuskortti', quantityHundredths: 200, unitPriceCents: 80_000, vatRateBp: 2550 }],
  }).expect(201);
  if (draft) return body;
  return (await post(token, `/offers/${body.id}/send`, { version: body.version }).expect(200)).body;
}

test('the open pipeline by stage, won and lost per month with the reasons, offers per manager and their conversion to orders', async () => {
  // Before the period (January–June at the end of June, 6 months): counted nowhere but in the open pipeline.
  at('2025-12-15T10:00:00Z');
  await close(aino, await opportunity(aino, 'Vanha häviö'), 'lost', 'Hinta');
  const old = await opportunity(aino, 'Vanha tarjous', { stage: 'offer_sent' });
  await offer(aino, old.id);

  at('2026-02-10T09:00:00Z');
  await opportunity(aino, 'Liidi', { estimatedValueCents: 1_000_000 }); // lead: 10 % by default
  const negotiating = await opportunity(aino, 'Neuvottelu', { stage: 'negotiation', estimatedValueCents: 2_000_000, probabilityPct: 75, expectedCloseOn: '2026-08-15' });
  const first = await offer(aino, negotiating.id);
  await offer(aino, negotiating.id, { draft: true });
  await close(aino, await opportunity(aino, 'Voitto helmikuussa', { expectedCloseOn: '2026-07-01', estimatedValueCents: 300_000 }), 'won');

  at('2026-04-20T09:00:00Z');
  await post(aino, `/offers/${first.id}/accept`, { version: first.version }).expect(200);
  await post(aino, `/offers/${first.id}/order`, {}).expect(201);
  await offer(aino, negotiating.id);
  await close(aino, await opportunity(aino, 'Häviö huhtikuussa'), 'lost', 'Hinta');

  at('2026-06-05T09:00:00Z');
  const mikkos = await opportunity(mikko, 'Mikon mahdollisuus', { stage: 'needs_defined', estimatedValueCents: 500_000, probabilityPct: 20, expectedCloseOn: '2026-06-20' });
  await offer(mikko, mikkos.id);
  await close(mikko, await opportunity(mikko, 'Mikon häviö'), 'lost', 'Ajoitus');
  await close(mikko, await opportunity(mikko, 'Toinen häviö'), 'lost', 'Hinta');

  at('2026-06-30T18:00:00Z');
  const res = await report(leena, '?months=6');
  expect(res.status).toBe(200);
  expect(res.body.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  expect(res.body.byStage.map((s: { stage: string }) => s.stage)).toEqual(['lead', 'needs_defined', 'offer_sent', 'negotiation']);
  expect(res.body.byStage).toEqual([
    { stage: 'lead', count: 1, valueCents: 1_000_000, weightedValueCents: 100_000 },
    { stage: 'needs_defined', count: 1, valueCents: 500_000, weightedValueCents: 100_000 },
    expect.objectContaining({ stage: 'offer_sent', count: 1 }),
    { stage: 'negotiation', count: 1, valueCents: 2_000_000, weightedValueCents: 1_500_000 },
  ]);
  // The open ones by expected close: this month and the five after it (a won one with a date is not open).
  expect(res.body.byCloseMonth).toEqual([
    { month: '2026-06', count: 1, valueCents: 500_000, weightedValueCents: 100_000 },
    { month: '2026-07', count: 0, valueCents: 0, weightedValueCents: 0 },
    { month: '2026-08', count: 1, valueCents: 2_000_000, weightedValueCents: 1_500_000 },
    { month: '2026-09', count: 0, valueCents: 0, weightedValueCents: 0 },
    { month: '2026-10', count: 0, valueCents: 0, weightedValueCents: 0 },
    { month: '2026-11', count: 0, valueCents: 0, weightedValueCents: 0 },
  ]);
  expect(res.body.closedByMonth).toEqual([
    { month: '2026-01', won: 0, lost: 0 },
    { month: '2026-02', won: 1, lost: 0 },
    { month: '2026-03', won: 0, lost: 0 },
    { month: '2026-04', won: 0, lost: 1 },
    { month: '2026-05', won: 0, lost: 0 },
    { month: '2026-06', won: 0, lost: 2 },
  ]);
  expect(res.body.lostReasons).toEqual([{ reason: 'Hinta', count: 2 }, { reason: 'Ajoitus', count: 1 }]);
  expect(res.body.offersByManager).toEqual([
    { manager: expect.objectContaining({ name: 'Aino Virtanen' }), count: 2, grossCents: 401_600 },
    { manager: expect.objectContaining({ name: 'Mikko Korhonen' }), count: 1, grossCents: 200_800 },
  ]);
  expect(res.body.conversion).toEqual({ sent: 3, ordered: 1 });

  // A shorter period drops what closed before it.
  const short = await report(leena, '?months=2');
  expect(short.body.closedByMonth).toEqual([{ month: '2026-05', won: 0, lost: 0 }, { month: '2026-06', won: 0, lost: 2 }]);
  expect(short.body.conversion).toEqual({ sent: 1, ordered: 0 });
});

test('six months by default; a bad period is a 400 naming months; account managers do not read the report', async () => {
  expect((await report(leena)).body.months).toHaveLength(6);
  for (const q of ['?months=0', '?months=25', '?months=1.5', '?months=x']) {
    const res = await report(leena, q);
    expect({ q, status: res.status, fields: res.body.error?.fields?.map((f: { path: string }) => f.path) }).toEqual({ q, status: 400, fields: ['months'] });
  }
  expect((await report(leena, '?weeks=3')).status).toBe(400);
  expect((await report(aino)).status).toBe(403);
});
