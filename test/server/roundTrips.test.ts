/**
 * The hot paths' database round trips, counted with the driver's command monitoring on
 * whatever engine the run has: a lookup waits for two round trips one after another, a log for
 * four (the last one the desks of the customer's managers, ./desk.test.ts; plus the audit entry of the write). Rules, names and the signed-in user come from the
 * reference data held in the process, and the rate limiter of the embedded engine is in memory.
 */
import { commandCounter } from '../../server/db/commandCounter';
import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer, mail, type Customer } from './fixtures';

let t: TestApp;
let token: string;
let kivijalka: Customer;
let counter: ReturnType<typeof commandCounter>;
/**
 * What the engine module adds on FerretDB (server/persistence/engine.ts): one `{_id}` read per id
 * for an `$in`, and a read of the document before a compare-and-set or a computed `$push`.
 */
const ferret = process.env.TEST_DB_IS_MONGODB !== '1';

beforeAll(async () => {
  t = await startTestApp({ overrides: { monitorCommands: true } });
  token = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  kivijalka = await createCustomer(t, token, { name: 'Kivijalka Oy', domain: 'kivijalka.fi' });
  counter = commandCounter(t.conn);
  await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`); // the reference data is read once
  await t.http.get('/api/v1/desk').set('Authorization', `Bearer ${token}`); // Aino's desk exists, as once she has opened it
});
afterAll(() => t.close());

const as = () => ({ Authorization: `Bearer ${token}` });
const app = (m: { commands: string[] }) => m.commands.filter((c) => !c.endsWith('audit_log'));

test('a lookup of a known contact waits for two round trips and sends at most four commands', async () => {
  const m = await counter.count(() =>
    t.http.get('/api/v1/lookup').query({ email: kivijalka.contactEmail, messageId: '<never-logged@mail.example>' }).set(as()),
  );
  expect(m.result.status).toBe(200);
  expect(m.result.body.people[0].match).toBe('contact');
  expect(m.sequential).toBe(2);
  // keys of the address and its domain, the mail's log; then the contact and the customer
  expect(m.commands).toHaveLength(ferret ? 5 : 4);
});

test('logging a new mail waits for four round trips (on MongoDB: claim, action, customer, desks) and the audit entry; a repeat of it no more', async () => {
  const body = mail({ from: kivijalka.contactEmail, organizationId: kivijalka.orgId, contactIds: [kivijalka.contactId] });
  const first = await counter.count(() => t.http.post('/api/v1/actions/email').set(as()).send(body));
  expect(first.result.status).toBe(201);
  // claim ‖ contact check, the action, the customer ‖ the month's timeline bucket ‖ the reports' month shard,
  // the desks of its managers (in parallel); then the audit entry. On FerretDB the claim's, the customer's,
  // the bucket's and the desk's update each read the document first.
  expect(app(first)).toHaveLength(ferret ? 11 : 7);
  expect(first.sequential).toBe(ferret ? 8 : 5);
  const again = await counter.count(() => t.http.post('/api/v1/actions/email').set(as()).send(body));
  expect(again.result.status).toBe(200);
  expect(again.result.body.created).toBe(false);
  // the claim (found), the action, the customer ‖ the bucket (the copy is there), the desk (its guarded update
  // refused, then the `$inc` that reads it); nothing to audit
  expect(app(again).length).toBeLessThanOrEqual(ferret ? 13 : 8);
  expect(again.sequential).toBeLessThanOrEqual(ferret ? 9 : 6);
});

test('logging without naming the customer recognises the sender in one more round trip', async () => {
  const m = await counter.count(() => t.http.post('/api/v1/actions/email').set(as()).send(mail({ from: kivijalka.contactEmail })));
  expect(m.result.status).toBe(201);
  expect(m.result.body.action.contactIds).toEqual([kivijalka.contactId]);
  expect(m.sequential).toBe(ferret ? 9 : 6);
});
