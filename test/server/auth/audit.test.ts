/** The audit log: every write is recorded (who, what, when, which record, which fields) and admins read it. */
import { AuditEntrySchema, pageOf } from '../../../shared/contract';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, mail } from '../fixtures';

let t: TestApp;
let admin: string;
let aino: string;
let ainoId: string;
let orgId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  ainoId = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${aino}`)).body.id;
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const auditOf = async (query = '') => {
  const res = await t.http.get(`/api/v1/audit${query}`).set(as(admin));
  expect(res.status).toBe(200);
  return pageOf(AuditEntrySchema).parse(res.body);
};

describe('writes are audited', () => {
  test('creating a customer: the admin, organization.create, the new id and the fields given', async () => {
    const res = await t.http.post('/api/v1/organizations').set(as(admin)).send({
      name: 'Auditoitava Oy', segment: 'A', emailDomains: ['auditoitava.fi'], responsibleId: ainoId, externalIds: { top: 'TOP-1' },
    });
    expect(res.status).toBe(201);
    orgId = res.body.id;
    // Already there when the client has its answer: no waiting.
    const { items } = await auditOf(`?recordId=${orgId}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'organization.create', resource: 'organization', recordId: orgId, route: 'POST /organizations', status: 201,
      actor: { name: 'Pääkäyttäjä', role: 'admin' },
      changedFields: ['emailDomains', 'externalIds.top', 'name', 'responsibleId', 'segment'],
    });
    expect(items[0]!.requestId).toBe(res.headers['x-request-id']);
    expect(Math.abs(Date.parse(items[0]!.at) - Date.now())).toBeLessThan(60_000);
  });

  test('changing a customer records exactly the fields the change named', async () => {
    const res = await t.http.patch(`/api/v1/organizations/${orgId}`).set(as(aino)).send({ department: 'Yrityspalvelut', segment: 'B' });
    expect(res.status).toBe(200);
    const { items } = await auditOf(`?recordId=${orgId}`);
    expect(items[0]).toMatchObject({ action: 'organization.update', actor: { id: ainoId, role: 'account_manager' }, changedFields: ['department', 'segment'] });
  });

  test('logging a mail is audited once; logging it again (created: false) adds nothing', async () => {
    const body = mail({ internetMessageId: '<audit-1@auditoitava.fi>', organizationId: orgId, excerpt: 'Salainen sisältö jota ei kirjata' });
    const first = await t.http.post('/api/v1/actions/email').set(as(aino)).send(body);
    expect(first.status).toBe(201);
    const again = await t.http.post('/api/v1/actions/email').set(as(aino)).send(body);
    expect(again.body.created).toBe(false);
    const { items } = await auditOf(`?recordId=${first.body.action.id}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'action.log_email', resource: 'action' });
    expect(items[0]!.changedFields).toContain('excerpt');
  });

  test('the log keeps field names only, never the values (no addresses, excerpts or names)', async () => {
    await t.http.post('/api/v1/contacts').set(as(aino)).send({
      name: 'Yksityinen Henkilö', emails: ['yksityinen@uusi-yritys.fi'], newOrganization: { name: 'Uusi Yritys Oy', emailDomains: ['uusi-yritys.fi'] },
    });
    const stored = JSON.stringify(await t.models.AuditEntry.find().lean());
    for (const value of ['Salainen sisältö', 'yksityinen@uusi-yritys.fi', 'Yksityinen Henkilö', 'Uusi Yritys Oy', 'TOP-1', 'Yrityspalvelut']) {
      expect(stored).not.toContain(value);
    }
    const { items } = await auditOf('?resource=contact');
    expect(items[0]!.changedFields).toEqual(['emails', 'name', 'newOrganization.emailDomains', 'newOrganization.name']);
  });

  test('a refused or invalid write is not audited', async () => {
    const before = await t.models.AuditEntry.countDocuments();
    await t.http.patch(`/api/v1/organizations/${orgId}`).set(as(await t.tokenFor('mikko.korhonen@omnia.fi'))).send({ segment: 'C' }); // 403
    await t.http.post('/api/v1/organizations').set(as(admin)).send({ name: '' }); // 400
    await t.http.post('/api/v1/actions').set(as(await t.tokenFor('johto@omnia.fi', 'management'))).send({}); // 403
    expect(await t.models.AuditEntry.countDocuments()).toBe(before);
  });
});

describe('reading the audit log', () => {
  test('is paged, newest first', async () => {
    const page1 = await auditOf('?pageSize=2');
    expect(page1).toMatchObject({ page: 1, pageSize: 2, hasMore: true });
    const page2 = await auditOf('?pageSize=2&page=2');
    expect(Date.parse(page1.items[1]!.at)).toBeGreaterThanOrEqual(Date.parse(page2.items[0]!.at));
    expect(page1.items.map((e) => e.id)).not.toContain(page2.items[0]!.id);
  });

  test('can be filtered by who wrote', async () => {
    const { items } = await auditOf(`?actorId=${ainoId}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e) => e.actor.id === ainoId)).toBe(true);
  });

  test('is for administrators only', async () => {
    expect((await t.http.get('/api/v1/audit').set(as(aino))).status).toBe(403);
    expect((await t.http.get('/api/v1/audit').set(as(await t.tokenFor('johto@omnia.fi', 'management')))).status).toBe(403);
  });

  test('rejects operator payloads in its filters', async () => {
    expect((await t.http.get('/api/v1/audit?recordId[$ne]=x').set(as(admin))).status).toBe(400);
    expect((await t.http.get('/api/v1/audit?resource=$where').set(as(admin))).status).toBe(400);
  });
});
