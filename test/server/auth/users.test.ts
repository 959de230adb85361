/** /api/v1/users: administrators provision people by address and set their roles. */
import { AdminUserSchema, pageOf } from '../../../shared/contract';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken } from '../fixtures';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('users', () => {
  test('an administrator adds a person with a role; they are listed as not yet signed in', async () => {
    const res = await t.http.post('/api/v1/users').set(as(admin)).send({ email: ' Uusi.Johtaja@Omnia.fi ', name: 'Uusi Johtaja', role: 'management' });
    expect(res.status).toBe(201);
    expect(AdminUserSchema.parse(res.body)).toMatchObject({ email: 'uusi.johtaja@omnia.fi', role: 'management', signedIn: false, department: null });
    const list = pageOf(AdminUserSchema).parse((await t.http.get('/api/v1/users?role=management').set(as(admin))).body);
    expect(list.items.map((u) => [u.email, u.signedIn])).toContainEqual(['uusi.johtaja@omnia.fi', false]);
  });

  test('an address that already has a user is a 409 naming the field', async () => {
    const res = await t.http.post('/api/v1/users').set(as(admin)).send({ email: 'paakayttaja@omnia.fi', name: 'Toinen', role: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('email');
  });

  test('an administrator changes a role; the person has the new rights on their next request', async () => {
    const token = await t.tokenFor('ylennettava@omnia.fi');
    const id = (await t.http.get('/api/v1/me').set(as(token))).body.id;
    expect((await t.http.get('/api/v1/users').set(as(token))).status).toBe(403);
    const res = await t.http.patch(`/api/v1/users/${id}`).set(as(admin)).send({ role: 'management' });
    expect(res.status).toBe(200);
    expect((await t.http.get('/api/v1/users').set(as(token))).status).toBe(200);
  });

  test('the last administrator cannot lose the role', async () => {
    const id = (await t.http.get('/api/v1/me').set(as(admin))).body.id;
    const res = await t.http.patch(`/api/v1/users/${id}`).set(as(admin)).send({ role: 'account_manager' });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe('role');
  });

  test('a role that does not exist, or a field that is not a user field, is a 400', async () => {
    const id = (await t.http.get('/api/v1/me').set(as(admin))).body.id;
    expect((await t.http.patch(`/api/v1/users/${id}`).set(as(admin)).send({ role: 'superuser' })).status).toBe(400);
    expect((await t.http.patch(`/api/v1/users/${id}`).set(as(admin)).send({ authSubject: 'entra:x:y' })).status).toBe(400);
  });
});
