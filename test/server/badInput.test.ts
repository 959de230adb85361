import { startTestApp, type TestApp } from '../support/testApp';
import { createCustomer, mail, type Customer } from './fixtures';

let t: TestApp;
let token: string;
let customer: Customer;

beforeAll(async () => {
  t = await startTestApp();
  token = await t.tokenFor('aino.virtanen@omnia.fi');
  customer = await createCustomer(t, token, { name: 'Rakennus Oy Kivijalka', domain: 'kivijalka.fi', businessId: '0112038-9' });
});
afterAll(() => t.close());

const post = (path: string, body: unknown) => t.http.post(path).set('Authorization', `Bearer ${token}`).send(body as object);

async function counts() {
  const [orgs, contacts, actions, keys] = await Promise.all([
    t.models.Organization.countDocuments(), t.models.Contact.countDocuments(), t.models.Action.countDocuments(), t.models.UniqueKey.countDocuments(),
  ]);
  return { orgs, contacts, actions, keys };
}

describe('bad input gets a precise 4xx naming the field', () => {
  test.each([
    ['a missing required field', { subject: undefined }, 'subject'],
    ['a wrong type', { to: 'not-a-list' }, 'to'],
    ['an invalid address in a list', { cc: ['ok@kivijalka.fi', 'broken@'] }, 'cc.1'],
    ['an invalid date', { occurredAt: '2026-13-45' }, 'occurredAt'],
    ['an unknown direction', { direction: 'sideways' }, 'direction'],
    ['an operator object instead of a string', { from: { $ne: null } }, 'from'],
    ['an operator object instead of an id', { organizationId: { $gt: '' } }, 'organizationId'],
    ['a malformed id', { organizationId: 'abc' }, 'organizationId'],
  ])('logging mail with %s → 400 naming %s', async (_what, change, field) => {
    const before = await counts();
    const res = await post('/api/v1/actions/email', mail({ from: customer.contactEmail, ...change }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  test('each field problem carries a code the web app translates: required, too long (with the limit), too few', async () => {
    const res = await post('/api/v1/contacts', { name: '   ', title: 'x'.repeat(201), emails: [], organizationId: customer.orgId });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(expect.arrayContaining([
      { path: 'name', message: 'must not be empty', code: 'required' },
      expect.objectContaining({ path: 'emails', code: 'too_few', limit: 1 }),
    ]));
    const missing = await post('/api/v1/organizations', { segment: 'A' });
    expect(missing.body.error.fields).toEqual([expect.objectContaining({ path: 'name', code: 'required' })]);
    const long = await post('/api/v1/organizations', { name: 'x'.repeat(201) });
    expect(long.body.error.fields).toEqual([{ path: 'name', message: 'must be at most 200 characters', code: 'too_long', limit: 200 }]);
  });

  test('unknown fields are rejected, not silently dropped (no mass assignment)', async () => {
    const res = await post('/api/v1/organizations', { name: 'Uusi Oy', loggedBy: 'x', lastActionAt: { call: '2026-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'loggedBy', message: 'is not a known field', code: 'unknown_field' },
        { path: 'lastActionAt', message: 'is not a known field', code: 'unknown_field' },
      ]),
    );
  });

  test('an operator key in a query string is an unknown field, never a query', async () => {
    const res = await t.http.get('/api/v1/lookup?email[$ne]=x').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toContainEqual({ path: 'email[$ne]', message: 'is not a known field', code: 'unknown_field' });
  });

  test('an operator object in a filter field is rejected', async () => {
    const res = await t.http.get('/api/v1/organizations?segment[$gt]=').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
  });

  test('a body that is not JSON is a 400', async () => {
    const res = await t.http.post('/api/v1/actions/email').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"subject": ');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'body', message: 'is not valid JSON', code: 'invalid_format' }]);
  });

  test('a body that is not JSON at all is a 415', async () => {
    const res = await t.http.post('/api/v1/organizations').set('Authorization', `Bearer ${token}`).set('Content-Type', 'text/plain').send('name=Uusi');
    expect(res.status).toBe(415);
  });

  test('an oversized body is a 413', async () => {
    const res = await post('/api/v1/actions/email', mail({ excerpt: 'x'.repeat(400_000) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  test('an address that already belongs to another contact is a 409 naming the field', async () => {
    const res = await post('/api/v1/contacts', { name: 'Kaksoisolento', emails: ['uusi@kivijalka.fi', customer.contactEmail.toUpperCase()], organizationId: customer.orgId });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', fields: [{ path: 'emails.1', code: 'duplicate' }] });
    // The first address was reserved on the way and must be free again.
    expect(await t.models.UniqueKey.exists({ _id: 'email:uusi@kivijalka.fi' })).toBeNull();
  });

  test('a duplicate business ID or external ID is a 409', async () => {
    const dupBid = await post('/api/v1/organizations', { name: 'Kopio Oy', businessId: '0112038-9' });
    expect(dupBid.status).toBe(409);
    expect(dupBid.body.error.fields[0].path).toBe('businessId');
    await post('/api/v1/organizations', { name: 'Eka Oy', externalIds: { top: 'TOP-1' } }).expect(201);
    const dupTop = await post('/api/v1/organizations', { name: 'Toka Oy', externalIds: { top: 'TOP-1' } });
    expect(dupTop.status).toBe(409);
    expect(dupTop.body.error.fields[0].path).toBe('externalIds.top');
  });

  test('a business ID with a wrong check digit is a 400 saying so', async () => {
    const res = await post('/api/v1/organizations', { name: 'Väärä Oy', businessId: '0112038-8' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'businessId', message: 'has a wrong check digit', code: 'invalid_format' }]);
  });

  test('a public mail domain cannot be a customer domain', async () => {
    const res = await post('/api/v1/organizations', { name: 'Gmail Oy', emailDomains: ['gmail.com'] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('emailDomains.0');
  });

  test('a well-formed id that names nothing is a 404', async () => {
    const res = await t.http.get('/api/v1/organizations/0123456789abcdef01234567').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await t.http.get('/api/v1/nothing-here').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  test('every error carries the request id that the response header names', async () => {
    const res = await post('/api/v1/actions/email', {});
    expect(res.body.error.requestId).toBe(res.headers['x-request-id']);
  });
});
