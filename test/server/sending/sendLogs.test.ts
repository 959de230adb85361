/**
 * "Log when sent" over the real HTTP surface and database: the pane registers the draft's send log,
 * the on-send handler reports the send, opening the sent mail matches it, and every path ends in
 * exactly one `email_out` action per chosen customer.
 */
import { randomBytes } from 'node:crypto';
import { SendLogViewSchema } from '../../../shared/contract-sending';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, mail, type Customer } from '../fixtures';

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

const newToken = () => randomBytes(24).toString('base64url');
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const register = (token: string, logToken: string, organizationIds: string[]) =>
  t.http.put(`/api/v1/send-logs/${logToken}`).set(as(token)).send({ organizationIds });
const sent = (token: string, logToken: string, body: object) => t.http.post(`/api/v1/send-logs/${logToken}/sent`).set(as(token)).send(body);
const match = (token: string, logToken: string, body: object) => t.http.post(`/api/v1/send-logs/${logToken}/match`).set(as(token)).send(body);
const cancel = (token: string, logToken: string) => t.http.delete(`/api/v1/send-logs/${logToken}`).set(as(token));
const logByHand = (token: string, body: object) => t.http.post('/api/v1/actions/email').set(as(token)).send(body);

const outgoing = (subject: string) => ({ subject, to: [kivijalka.contactEmail], cc: [], excerpt: 'Hei, tässä tarjous.' });
/** The sent copy as the pane reads it (a match's body); `asLog` makes it the body of logging it by hand. */
const sentCopy = (internetMessageId: string, subject: string) => {
  const { direction: _direction, ...copy } = mail({ internetMessageId, subject, from: 'aino.virtanen@omnia.fi', to: [kivijalka.contactEmail], occurredAt: new Date().toISOString() });
  return copy;
};
const asLog = (copy: object) => ({ ...copy, direction: 'out' });
const emailOutOf = (organizationId: string, subject: string) => t.models.Action.countDocuments({ kind: 'email_out', organizationId, subject });

describe('Log when sent', () => {
  test('sending a registered draft logs one email_out action per chosen customer, with the recipients as contacts', async () => {
    const token = newToken();
    const registered = await register(aino, token, [kivijalka.orgId, sahko.orgId]);
    expect(registered.status).toBe(200);
    expect(SendLogViewSchema.parse(registered.body)).toMatchObject({ state: 'pending', organizationIds: [kivijalka.orgId, sahko.orgId], actions: [] });

    const res = await sent(aino, token, outgoing('Tarjous: työturvallisuuskortti'));
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('sent');
    expect(res.body.actions).toHaveLength(2);
    const onKivijalka = res.body.actions.find((a: { organizationId: string }) => a.organizationId === kivijalka.orgId);
    expect(onKivijalka).toMatchObject({ kind: 'email_out', subject: 'Tarjous: työturvallisuuskortti', contactIds: [kivijalka.contactId], loggedBy: { name: 'Aino Virtanen' } });
    expect(await emailOutOf(kivijalka.orgId, 'Tarjous: työturvallisuuskortti')).toBe(1);
    expect(await emailOutOf(sahko.orgId, 'Tarjous: työturvallisuuskortti')).toBe(1);
    // the customer's timeline shows it at once
    const timeline = await t.http.get(`/api/v1/organizations/${kivijalka.orgId}/actions?kind=email_out`).set(as(aino));
    expect(JSON.stringify(timeline.body)).toContain('Tarjous: työturvallisuuskortti');
  });

  test('a repeated and concurrent send report writes no second action', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    const reports = await Promise.all(Array.from({ length: 8 }, () => sent(aino, token, outgoing('Kahdeksan raporttia'))));
    expect(reports.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(reports.map((r) => r.body.actions[0].id)).size).toBe(1);
    expect(await emailOutOf(kivijalka.orgId, 'Kahdeksan raporttia')).toBe(1);
  });

  test('send, then the sent mail opened, then the same mail logged by hand: one action, and the pane is told it is logged', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    const reported = await sent(aino, token, outgoing('Kerran vain'));
    const actionId = reported.body.actions[0].id as string;

    const matched = await match(aino, token, sentCopy('<kerran@omnia.fi>', 'Kerran vain'));
    expect(matched.status).toBe(200);
    expect(matched.body).toMatchObject({ state: 'sent', internetMessageId: '<kerran@omnia.fi>', logged: [{ actionId, organizationName: 'Rakennus Oy Kivijalka' }] });
    expect(matched.body.actions[0]).toMatchObject({ id: actionId, internetMessageId: '<kerran@omnia.fi>' });

    const lookup = await t.http.get('/api/v1/lookup').query({ email: kivijalka.contactEmail, messageId: '<kerran@omnia.fi>' }).set(as(aino));
    expect(lookup.body.logged).toEqual([expect.objectContaining({ actionId, loggedBy: expect.objectContaining({ name: 'Aino Virtanen' }) })]);

    const byHand = await logByHand(mikko, asLog(sentCopy('<kerran@omnia.fi>', 'Kerran vain')));
    expect(byHand.status).toBe(200);
    expect(byHand.body).toMatchObject({ created: false, action: { id: actionId } });
    expect(await emailOutOf(kivijalka.orgId, 'Kerran vain')).toBe(1);
    // opening it again changes nothing
    await match(aino, token, sentCopy('<kerran@omnia.fi>', 'Kerran vain')).expect(200);
    expect(await emailOutOf(kivijalka.orgId, 'Kerran vain')).toBe(1);
  });

  test('where no send event ran, opening the sent mail logs it then (the fallback from Sent Items), once', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    const first = await match(aino, token, sentCopy('<ilman-tapahtumaa@omnia.fi>', 'Lähetetyistä'));
    expect(first.status).toBe(200);
    expect(first.body.actions).toEqual([expect.objectContaining({ kind: 'email_out', subject: 'Lähetetyistä', internetMessageId: '<ilman-tapahtumaa@omnia.fi>' })]);
    const late = await sent(aino, token, outgoing('Myöhästynyt raportti'));
    expect(late.status).toBe(200);
    expect(late.body.actions[0].id).toBe(first.body.actions[0].id);
    await logByHand(aino, asLog(sentCopy('<ilman-tapahtumaa@omnia.fi>', 'Lähetetyistä'))).expect(200);
    expect(await t.models.Action.countDocuments({ kind: 'email_out', organizationId: kivijalka.orgId, internetMessageId: '<ilman-tapahtumaa@omnia.fi>' })).toBe(1);
  });

  test('a colleague whose copy carries the token may match it; another mail with the same token is refused', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    await sent(aino, token, outgoing('Kollegalle kopio')).expect(200);
    const colleague = await match(mikko, token, sentCopy('<kopio@omnia.fi>', 'Kollegalle kopio'));
    expect(colleague.status).toBe(200);
    expect(colleague.body.logged[0].loggedBy.name).toBe('Aino Virtanen');
    const other = await match(aino, token, sentCopy('<toinen@omnia.fi>', 'Kollegalle kopio'));
    expect(other.status).toBe(409);
    expect(other.body.error.fields[0].path).toBe('internetMessageId');
  });

  test('turning it off cancels the log: the send report is refused, nothing is logged, and opening the mail logs nothing', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    expect((await cancel(aino, token)).status).toBe(204);
    expect((await cancel(aino, token)).status).toBe(204); // again: still cancelled
    const res = await sent(aino, token, outgoing('Peruttu'));
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0]).toMatchObject({ path: 'state' });
    const opened = await match(aino, token, sentCopy('<peruttu@omnia.fi>', 'Peruttu'));
    expect(opened.body).toMatchObject({ state: 'cancelled', actions: [] });
    expect(await emailOutOf(kivijalka.orgId, 'Peruttu')).toBe(0);
  });

  test('the customers can be changed while writing, not after sending; a sent log cannot be cancelled', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    expect((await register(aino, token, [sahko.orgId])).body.organizationIds).toEqual([sahko.orgId]);
    await sent(aino, token, outgoing('Vaihdettu asiakas')).expect(200);
    expect(await emailOutOf(kivijalka.orgId, 'Vaihdettu asiakas')).toBe(0);
    expect(await emailOutOf(sahko.orgId, 'Vaihdettu asiakas')).toBe(1);
    const change = await register(aino, token, [kivijalka.orgId]);
    expect(change.status).toBe(409);
    expect(change.body.error.fields[0].path).toBe('state');
    expect((await cancel(aino, token)).status).toBe(409);
  });

  test("another manager cannot read, change, report or cancel someone's send log", async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    expect((await t.http.get(`/api/v1/send-logs/${token}`).set(as(mikko))).status).toBe(403);
    expect((await register(mikko, token, [sahko.orgId])).status).toBe(403);
    expect((await sent(mikko, token, outgoing('Kaapattu'))).status).toBe(403);
    expect((await cancel(mikko, token)).status).toBe(403);
    const mine = await t.http.get(`/api/v1/send-logs/${token}`).set(as(aino));
    expect(mine.body).toMatchObject({ state: 'pending', organizationIds: [kivijalka.orgId] });
  });

  test('an unknown token is a 404; the raw token is stored nowhere', async () => {
    const token = newToken();
    expect((await t.http.get(`/api/v1/send-logs/${token}`).set(as(aino))).status).toBe(404);
    expect((await sent(aino, token, outgoing('Tuntematon'))).status).toBe(404);
    expect((await match(aino, token, sentCopy('<tuntematon@omnia.fi>', 'Tuntematon'))).status).toBe(404);
    await register(aino, token, [kivijalka.orgId]).expect(200);
    const stored = JSON.stringify(await t.models.SendLog.find({}).lean());
    const audit = JSON.stringify(await t.models.AuditEntry.find({}).lean());
    expect(stored).not.toContain(token);
    expect(audit).not.toContain(token);
  });
});

describe('bad input is a 4xx naming the field', () => {
  test.each([
    ['a token too short', 'short', { organizationIds: ['0123456789abcdef01234567'] }, 400, 'token'],
    ['no customers', 'A'.repeat(32), { organizationIds: [] }, 400, 'organizationIds'],
    ['a malformed customer id', 'B'.repeat(32), { organizationIds: ['nope'] }, 400, 'organizationIds.0'],
    ['a customer that does not exist', 'C'.repeat(32), { organizationIds: ['0123456789abcdef01234567'] }, 422, 'organizationIds.0'],
    ['an unknown field', 'D'.repeat(32), { organizationIds: ['0123456789abcdef01234567'], extra: 1 }, 400, 'extra'],
  ])('register with %s', async (_what, token, body, status, field) => {
    const res = await t.http.put(`/api/v1/send-logs/${token}`).set(as(aino)).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  test('a send report with a malformed recipient, and a match without internetMessageId', async () => {
    const token = newToken();
    await register(aino, token, [kivijalka.orgId]).expect(200);
    const badSent = await sent(aino, token, { subject: 'x', to: ['not an address'] });
    expect(badSent.status).toBe(400);
    expect(badSent.body.error.fields[0].path).toBe('to.0');
    const { internetMessageId: _omit, ...withoutId } = sentCopy('<x@omnia.fi>', 'x');
    const badMatch = await match(aino, token, withoutId);
    expect(badMatch.status).toBe(400);
    expect(badMatch.body.error.fields[0].path).toBe('internetMessageId');
  });
});
