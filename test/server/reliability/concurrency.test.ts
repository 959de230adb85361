/**
 * Concurrency: the same mail logged many times at once, by one person or by a whole team,
 * is one action; concurrent writes to one customer lose nothing.
 */
import { LookupResponseSchema } from '../../../shared/contract';
import { emailActionId } from '../../../server/usecases/logEmail';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, mail, type Customer } from '../fixtures';
import { listen, send, type Listening } from './support';

jest.setTimeout(60_000);

let t: TestApp;
let server: Listening;
let aino: string;
let kivijalka: Customer;
let sahko: Customer;

beforeAll(async () => {
  t = await startTestApp();
  server = await listen(t.app);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  kivijalka = await createCustomer(t, aino, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', segment: 'A' });
  sahko = await createCustomer(t, aino, { name: 'Espoon Sähkö Oy', domain: 'esa.fi', segment: 'B' });
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const logEmail = (token: string, body: object) => send(`${server.url}/api/v1/actions/email`, { token, body });
const lookup = (token: string, email: string, messageId: string) =>
  send(`${server.url}/api/v1/lookup?email=${encodeURIComponent(email)}&messageId=${encodeURIComponent(messageId)}`, { token });

describe('concurrent logging', () => {
  test('50 concurrent identical requests over real connections store exactly one action', async () => {
    const body = mail({ internetMessageId: '<fifty@kivijalka.fi>', from: kivijalka.contactEmail, occurredAt: '2026-11-20T08:30:00Z' });
    const results = await Promise.all(Array.from({ length: 50 }, () => logEmail(aino, body)));

    expect(results.map((r) => r.status).sort((a, b) => a - b)).toEqual([...Array(49).fill(200), 201]);
    const ids = new Set(results.map((r) => (r.body as { action: { id: string } }).action.id));
    expect(ids).toEqual(new Set([String(emailActionId('<fifty@kivijalka.fi>', kivijalka.orgId))]));
    expect(await t.models.Action.countDocuments({ internetMessageId: '<fifty@kivijalka.fi>' })).toBe(1);
  });

  test('20 colleagues logging the same mail at once make one action, and each of them sees who logged it', async () => {
    const colleagues = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.tokenFor(`kollega${i}@omnia.fi`, 'account_manager', `Kollega ${i}`)),
    );
    const body = mail({ internetMessageId: '<team@kivijalka.fi>', from: kivijalka.contactEmail, to: colleagues.map((_, i) => `kollega${i}@omnia.fi`) });
    const results = await Promise.all(colleagues.map((token) => logEmail(token, body)));

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && (r.body as { created: boolean }).created === false)).toHaveLength(19);
    const winner = (results.find((r) => r.status === 201)!.body as { action: { loggedBy: { name: string } } }).action.loggedBy.name;
    expect(await t.models.Action.countDocuments({ internetMessageId: '<team@kivijalka.fi>' })).toBe(1);

    const views = await Promise.all(colleagues.map((token) => lookup(token, kivijalka.contactEmail, '<team@kivijalka.fi>')));
    for (const view of views) {
      expect(view.status).toBe(200);
      const { logged } = LookupResponseSchema.parse(view.body);
      expect(logged).toEqual([expect.objectContaining({ organizationId: kivijalka.orgId, organizationName: 'Rakennus Oy Kivijalka', loggedBy: expect.objectContaining({ name: winner }) })]);
    }
  });

  test('one mail logged against two customers at the same moment, many times over, is two actions and both show as logged', async () => {
    const id = '<two-customers@kivijalka.fi>';
    const requests = Array.from({ length: 30 }, (_, i) =>
      logEmail(aino, mail({ internetMessageId: id, from: kivijalka.contactEmail, organizationId: i % 2 ? sahko.orgId : kivijalka.orgId })),
    );
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);

    const view = LookupResponseSchema.parse((await lookup(aino, kivijalka.contactEmail, id)).body);
    expect(view.logged.map((l) => l.organizationId).sort()).toEqual([kivijalka.orgId, sahko.orgId].sort());
    expect(await t.models.Action.countDocuments({ internetMessageId: id })).toBe(2);
  });

  test('concurrent mails, calls and meetings on one customer all count: the care-plan dates and the newest actions lose nothing', async () => {
    const base = Date.parse('2026-11-21T09:00:00Z'); // after every mail the earlier tests logged on this customer
    const at = (i: number) => new Date(base + i * 3_600_000).toISOString();
    const writes = Array.from({ length: 24 }, (_, i) =>
      i % 3 === 0
        ? send(`${server.url}/api/v1/actions`, { token: aino, body: { kind: i % 2 ? 'call' : 'meeting', occurredAt: at(i), subject: `Puhelu ${i}`, organizationId: sahko.orgId } })
        : logEmail(aino, mail({ internetMessageId: `<burst-${i}@esa.fi>`, from: sahko.contactEmail, occurredAt: at(i), direction: 'in' })),
    );
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status).every((s) => s === 201)).toBe(true);

    const org = await t.models.Organization.findById(sahko.orgId).lean();
    const newest = (kind: string) => Math.max(...Array.from({ length: 24 }, (_, i) => i).filter((i) => (i % 3 === 0 ? (i % 2 ? 'call' : 'meeting') : 'email_in') === kind).map((i) => Date.parse(at(i))));
    expect(org!.lastActionAt?.email_in?.getTime()).toBe(newest('email_in'));
    expect(org!.lastActionAt?.call?.getTime()).toBe(newest('call'));
    expect(org!.lastActionAt?.meeting?.getTime()).toBe(newest('meeting'));

    const view = LookupResponseSchema.parse((await lookup(aino, sahko.contactEmail, '<none@esa.fi>')).body);
    expect(view.people[0]!.recentActions!.map((a) => a.occurredAt)).toEqual([23, 22, 21, 20, 19].map(at));
  });
});
