import { Types } from 'mongoose';
import { LogEmailResponseSchema } from '../../shared/contract';
import { emailActionId } from '../../server/usecases/logEmail';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer, mail, type Customer } from './fixtures';

let t: TestApp;
let aino: string;
let mikko: string;
let kivijalka: Customer;
let sahko: Customer;

beforeAll(async () => {
  t = await startTestApp();
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  sahko = await createCustomer(t, aino, { name: 'Espoon Sähkö Oy', domain: 'esa.fi', segment: 'B' });
});
afterAll(() => t.close());

const logAs = (token: string, body: object) => t.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${token}`).send(body);

describe('POST /api/v1/actions/email', () => {
  test('logs an incoming mail against the sender’s customer and returns the new care-plan status', async () => {
    const res = await logAs(aino, mail({ from: kivijalka.contactEmail, occurredAt: new Date().toISOString() }));
    expect(res.status).toBe(201);
    expect(() => LogEmailResponseSchema.parse(res.body)).not.toThrow();
    expect(res.body).toMatchObject({
      created: true,
      action: { kind: 'email_in', organizationId: kivijalka.orgId, contactIds: [kivijalka.contactId], loggedBy: { name: 'Aino Virtanen' } },
    });
    expect(res.body.carePlan.rules.find((r: { id: string }) => r.id === 'A-contact')).toMatchObject({ status: 'on_track' });
  });

  test('50 concurrent identical requests create exactly one action; the other 49 answer created: false', async () => {
    const body = mail({ internetMessageId: '<concurrent@kivijalka.fi>', from: kivijalka.contactEmail });
    const results = await Promise.all(Array.from({ length: 50 }, () => logAs(aino, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.body.created === false)).toHaveLength(49);
    expect(new Set(results.map((r) => r.body.action.id)).size).toBe(1);
    expect(await t.models.Action.countDocuments({ internetMessageId: '<concurrent@kivijalka.fi>' })).toBe(1);
  });

  test('a colleague logging the same mail gets the existing action, logged by the first person', async () => {
    const body = mail({ internetMessageId: '<shared@kivijalka.fi>', from: kivijalka.contactEmail });
    await logAs(aino, body).expect(201);
    const again = await logAs(mikko, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, action: { loggedBy: { name: 'Aino Virtanen' } } });
  });

  test('the same mail logged against a second customer is a second action', async () => {
    const body = mail({ internetMessageId: '<two-customers@kivijalka.fi>', from: kivijalka.contactEmail, cc: [sahko.contactEmail] });
    const first = await logAs(aino, body);
    const second = await logAs(aino, { ...body, organizationId: sahko.orgId });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.action).toMatchObject({ organizationId: sahko.orgId, contactIds: [sahko.contactId] });
    expect(await t.models.Action.countDocuments({ internetMessageId: '<two-customers@kivijalka.fi>' })).toBe(2);
  });

  test('an outgoing mail goes to the first recognised recipient’s customer', async () => {
    const res = await logAs(aino, mail({ direction: 'out', from: 'aino.virtanen@omnia.fi', to: ['someone@gmail.com', 'uusi@esa.fi', kivijalka.contactEmail] }));
    expect(res.status).toBe(201);
    expect(res.body.action).toMatchObject({ kind: 'email_out', organizationId: sahko.orgId });
  });

  test('when nobody on the mail is recognised, answers 422 with a clear message', async () => {
    const res = await logAs(aino, mail({ from: 'stranger@gmail.com' }));
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unprocessable', fields: [{ path: 'organizationId' }] });
    expect(res.body.error.message).toMatch(/sender is not a known contact/);
  });

  test('keeps only a capped excerpt and never a full body', async () => {
    const long = `${'Pitkä viesti. '.repeat(1000)}LOPPU`;
    const res = await logAs(aino, mail({ from: kivijalka.contactEmail, excerpt: long.slice(0, 19_000) }));
    expect(res.status).toBe(201);
    expect(res.body.action.excerpt.length).toBeLessThanOrEqual(500);
    const stored = await t.models.Action.findById(res.body.action.id).lean();
    expect(stored!.excerpt!.length).toBeLessThanOrEqual(500);
    expect(JSON.stringify(stored)).not.toContain('LOPPU');
  });

  test('the action id is derived from the message and the customer, so retries land on the same record', () => {
    expect(String(emailActionId('<a@b>', kivijalka.orgId))).toBe(String(emailActionId('<a@b>', kivijalka.orgId)));
    expect(String(emailActionId('<a@b>', kivijalka.orgId))).not.toBe(String(emailActionId('<a@b>', sahko.orgId)));
  });

  test('rejects contacts of another customer', async () => {
    const res = await logAs(aino, mail({ from: kivijalka.contactEmail, contactIds: [sahko.contactId] }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe('contactIds');
  });

  test('an unknown organizationId is a 422 naming the field', async () => {
    const res = await logAs(aino, mail({ from: kivijalka.contactEmail, organizationId: '0123456789abcdef01234567' }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe('organizationId');
  });

  test('logging moves the customer’s care plan: an overdue customer becomes on track', async () => {
    const old = await createCustomer(t, aino, { name: 'Vanha Asiakas Oy', domain: 'vanha.fi', segment: 'C' });
    await t.models.Organization.collection.updateOne({ _id: new Types.ObjectId(old.orgId) }, { $set: { createdAt: new Date('2020-01-01T00:00:00Z') } });
    const before = await t.http.get(`/api/v1/lookup?email=${old.contactEmail}`).set('Authorization', `Bearer ${aino}`);
    expect(before.body.people[0].carePlan.overall).toBe('overdue');
    const res = await logAs(aino, mail({ from: old.contactEmail, occurredAt: new Date().toISOString() }));
    expect(res.body.carePlan.overall).toBe('on_track');
  });
});
