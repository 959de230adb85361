/**
 * Follow-up tasks over the real HTTP surface: their life from creation to deletion, the order of
 * the lists, every refusal, and completing that logs the action the task was about exactly once.
 */
import { CompleteTaskResponseSchema, TaskPageSchema, TaskSchema } from '../../../shared/contract-tasks';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer, type Customer } from '../fixtures';

const DAY = 86_400_000;
let t: TestApp;
let aino: string;
let mikko: string;
let leena: string;
let ainoId: string;
/** The server's clock, 100 days ahead: a new A customer is then overdue on its care plan. */
let now = new Date(Date.now() + 100 * DAY);
let ownCustomer: Customer;
let mikkosCustomer: Customer;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  ainoId = (await t.http.get('/api/v1/me').set(as(aino))).body.id;
  ownCustomer = await createCustomer(t, aino, { name: 'Tehtävä Oy', domain: 'tehtava.fi' });
  mikkosCustomer = await createCustomer(t, mikko, { name: 'Mikon Asiakas Oy', domain: 'mikon.fi' });
});
afterAll(() => t.close());

function as(token: string) {
  return { Authorization: `Bearer ${token}` };
}
const api = (token: string) => ({
  get: (path: string) => t.http.get(`/api/v1${path}`).set(as(token)),
  post: (path: string, body?: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body),
  patch: (path: string, body: object) => t.http.patch(`/api/v1${path}`).set(as(token)).send(body),
  delete: (path: string) => t.http.delete(`/api/v1${path}`).set(as(token)),
});
const titles = (body: unknown) => TaskPageSchema.parse(body).items.map((i) => i.title);

describe('the life of a task', () => {
  test('created, listed for its assignee and its customer, changed, completed with the action it was about, reopened and deleted', async () => {
    const created = await api(aino).post('/tasks', {
      title: '  Soita koulutustarpeista  ', note: 'Kysy syksyn kursseista', organizationId: ownCustomer.orgId, contactIds: [ownCustomer.contactId], dueOn: '2027-03-15',
    });
    expect(created.status).toBe(201);
    const task = TaskSchema.parse(created.body);
    expect(task).toMatchObject({
      title: 'Soita koulutustarpeista', note: 'Kysy syksyn kursseista', organization: { id: ownCustomer.orgId, name: 'Tehtävä Oy' },
      contacts: [{ id: ownCustomer.contactId, name: 'Contact of Tehtävä Oy' }], dueOn: '2027-03-15', status: 'open',
      assignee: { id: ainoId, name: 'Aino Virtanen' }, createdBy: { id: ainoId }, completedAt: null, completedBy: null, actionId: null,
    });
    expect(titles((await api(aino).get('/tasks?assigneeId=me')).body)).toContain('Soita koulutustarpeista');
    expect(titles((await api(leena).get(`/tasks?organizationId=${ownCustomer.orgId}`)).body)).toContain('Soita koulutustarpeista');
    expect((await t.repos.tasks.openOfAssignee(ainoId)).map((e) => e.id)).toContain(task.id);
    expect(await t.repos.tasks.openOfCustomer(ownCustomer.orgId)).toContainEqual(
      { id: task.id, title: 'Soita koulutustarpeista', dueOn: '2027-03-15', organizationId: ownCustomer.orgId, organizationName: 'Tehtävä Oy', assigneeId: ainoId },
    );

    const patched = await api(aino).patch(`/tasks/${task.id}`, { title: 'Tapaa koulutuspäällikkö', dueOn: '2027-03-20', note: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Tapaa koulutuspäällikkö', dueOn: '2027-03-20', note: null });
    expect((await t.repos.tasks.openOfCustomer(ownCustomer.orgId)).find((e) => e.id === task.id)).toMatchObject({ title: 'Tapaa koulutuspäällikkö', dueOn: '2027-03-20' });

    const lookupBefore = await t.http.get(`/api/v1/lookup?email=${ownCustomer.contactEmail}`).set(as(aino));
    expect(lookupBefore.body.people[0].carePlan.overall).toBe('overdue');
    const completed = await api(aino).post(`/tasks/${task.id}/complete`, { action: { kind: 'meeting', excerpt: 'Sovittiin kolme kurssia' } });
    expect(completed.status).toBe(200);
    const result = CompleteTaskResponseSchema.parse(completed.body);
    expect(result.task).toMatchObject({ status: 'done', completedAt: now.toISOString(), completedBy: { id: ainoId }, actionId: result.action!.id });
    expect(result.action).toMatchObject({
      kind: 'meeting', subject: 'Tapaa koulutuspäällikkö', occurredAt: now.toISOString(), organizationId: ownCustomer.orgId, contactIds: [ownCustomer.contactId],
    });
    expect(result.carePlan!.overall).toBe('on_track');
    expect(result.carePlan!.rules.find((r) => r.id === 'A-meeting')).toMatchObject({ status: 'on_track', lastAt: now.toISOString() });
    const actions = await api(aino).get(`/organizations/${ownCustomer.orgId}/actions`);
    expect(actions.body.items.map((a: { id: string }) => a.id)).toContain(result.action!.id);
    expect(titles((await api(aino).get('/tasks?assigneeId=me')).body)).not.toContain('Tapaa koulutuspäällikkö');
    expect(titles((await api(aino).get('/tasks?assigneeId=me&status=done')).body)).toContain('Tapaa koulutuspäällikkö');
    expect((await t.repos.tasks.openOfAssignee(ainoId)).map((e) => e.id)).not.toContain(task.id);

    const reopened = await api(aino).post(`/tasks/${task.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, completedBy: null, actionId: null });
    expect(titles((await api(aino).get(`/tasks?organizationId=${ownCustomer.orgId}`)).body)).toContain('Tapaa koulutuspäällikkö');

    expect((await api(aino).delete(`/tasks/${task.id}`)).status).toBe(204);
    expect((await api(aino).get(`/tasks/${task.id}`)).status).toBe(404);
    expect((await t.repos.tasks.openOfCustomer(ownCustomer.orgId)).map((e) => e.id)).not.toContain(task.id);
    expect(titles((await api(aino).get('/tasks?assigneeId=me&status=all')).body)).not.toContain('Tapaa koulutuspäällikkö');
    // Every write is in the audit log.
    const audit = await api(await adminToken(t)).get(`/audit?recordId=${task.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['task.complete', 'task.create', 'task.delete', 'task.reopen', 'task.update']);
  });

  test('a task handed to another account manager moves from one desk to the other', async () => {
    const mikkoId = (await api(mikko).get('/me')).body.id;
    const task = (await api(aino).post('/tasks', { title: 'Siirrettävä', organizationId: ownCustomer.orgId, dueOn: '2027-01-10' })).body;
    const moved = await api(aino).patch(`/tasks/${task.id}`, { assigneeId: mikkoId });
    expect(moved.body.assignee).toMatchObject({ id: mikkoId, name: 'Mikko Korhonen' });
    expect(titles((await api(aino).get('/tasks?assigneeId=me')).body)).not.toContain('Siirrettävä');
    expect(titles((await api(mikko).get('/tasks?assigneeId=me')).body)).toContain('Siirrettävä');
    expect((await t.repos.tasks.openOfAssignee(ainoId)).map((e) => e.id)).not.toContain(task.id);
  });
});

describe('concurrent changes', () => {
  test('10 hand-overs at once leave the task on exactly its final assignee’s desk, and on its customer’s once', async () => {
    const mikkoId = (await api(mikko).get('/me')).body.id;
    const task = (await api(aino).post('/tasks', { title: 'Edestakaisin', organizationId: ownCustomer.orgId, dueOn: '2027-02-02' })).body;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api(aino).patch(`/tasks/${task.id}`, { assigneeId: i % 2 ? ainoId : mikkoId, note: `kierros ${i}` })),
    );
    for (const res of results) expect(res.status).toBe(200);
    const final = (await api(aino).get(`/tasks/${task.id}`)).body;
    const onDesk = async (token: string) => titles((await api(token).get('/tasks?assigneeId=me')).body).filter((x) => x === 'Edestakaisin').length;
    expect({ aino: await onDesk(aino), mikko: await onDesk(mikko) }).toEqual(final.assignee.id === ainoId ? { aino: 1, mikko: 0 } : { aino: 0, mikko: 1 });
    const entry = (await t.repos.tasks.openOfAssignee(final.assignee.id)).find((e) => e.id === task.id);
    expect(entry?.assigneeId).toBe(final.assignee.id);
    expect(titles((await api(aino).get(`/tasks?organizationId=${ownCustomer.orgId}`)).body).filter((x) => x === 'Edestakaisin')).toHaveLength(1);
  });
});

describe('the order of the lists', () => {
  test('open tasks by due day (overdue first), then by creation; done ones by completion, newest first', async () => {
    const c = await createCustomer(t, aino, { name: 'Järjestys Oy', domain: 'jarjestys.fi' });
    const make = async (title: string, dueOn: string) =>
      (await api(aino).post('/tasks', { title, organizationId: c.orgId, dueOn })).body.id as string;
    const later = await make('Myöhemmin', '2027-06-01');
    await make('Myöhässä', '2026-01-05');
    await make('Sama päivä, luotu ensin', '2027-02-01');
    await make('Sama päivä, luotu toisena', '2027-02-01');
    expect(titles((await api(aino).get(`/tasks?organizationId=${c.orgId}`)).body)).toEqual(['Myöhässä', 'Sama päivä, luotu ensin', 'Sama päivä, luotu toisena', 'Myöhemmin']);

    const first = (await api(aino).get(`/tasks?organizationId=${c.orgId}`)).body.items;
    await api(aino).post(`/tasks/${first[1].id}/complete`, {});
    now = new Date(now.getTime() + 60_000);
    await api(aino).post(`/tasks/${later}/complete`, {});
    expect(titles((await api(aino).get(`/tasks?organizationId=${c.orgId}&status=done`)).body)).toEqual(['Myöhemmin', 'Sama päivä, luotu ensin']);
    expect(titles((await api(aino).get(`/tasks?organizationId=${c.orgId}&status=all`)).body)).toEqual(['Myöhässä', 'Sama päivä, luotu toisena', 'Myöhemmin', 'Sama päivä, luotu ensin']);
    const page = await api(aino).get(`/tasks?organizationId=${c.orgId}&status=all&page=2&pageSize=3`);
    expect(page.body).toMatchObject({ page: 2, pageSize: 3, hasMore: false });
    expect(titles(page.body)).toEqual(['Sama päivä, luotu ensin']);
    expect((await api(aino).get(`/tasks?organizationId=${c.orgId}&status=all&pageSize=3`)).body.hasMore).toBe(true);
  });
});

describe('refusals', () => {
  const valid = () => ({ title: 'Tehtävä', organizationId: ownCustomer.orgId, dueOn: '2027-01-01' });
  const fieldsOf = (body: { error: { fields?: { path: string }[] } }) => body.error.fields?.map((f) => f.path);

  test.each([
    ['a day that is not in the calendar', { dueOn: '2026-02-30' }, 'dueOn'],
    ['a due day in another form', { dueOn: '15.3.2027' }, 'dueOn'],
    ['an empty title', { title: '   ' }, 'title'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])('%s is a 400 naming the field', async (_what, change, field) => {
    const res = await api(aino).post('/tasks', { ...valid(), ...change });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(field);
  });

  test('an unknown customer is a 422 naming organizationId', async () => {
    const res = await api(aino).post('/tasks', { ...valid(), organizationId: '0123456789abcdef01234567' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toEqual(['organizationId']);
  });

  test('a contact of another customer is a 422 naming contactIds, on create and on change', async () => {
    const res = await api(aino).post('/tasks', { ...valid(), contactIds: [mikkosCustomer.contactId] });
    expect(res.status).toBe(422);
    expect(fieldsOf(res.body)).toEqual(['contactIds']);
    const task = (await api(aino).post('/tasks', valid())).body;
    const patch = await api(aino).patch(`/tasks/${task.id}`, { contactIds: [mikkosCustomer.contactId] });
    expect(patch.status).toBe(422);
    expect((await api(aino).get(`/tasks/${task.id}`)).body.contacts).toEqual([]);
  });

  test('an assignee from management is a 400 naming assigneeId', async () => {
    const leenaId = (await api(leena).get('/me')).body.id;
    const res = await api(aino).post('/tasks', { ...valid(), assigneeId: leenaId });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['assigneeId']);
  });

  test('a change with nothing to change is a 400', async () => {
    const task = (await api(aino).post('/tasks', valid())).body;
    expect((await api(aino).patch(`/tasks/${task.id}`, {})).status).toBe(400);
  });

  test('an account manager unrelated to a task cannot complete, change, reopen or delete it', async () => {
    const task = (await api(mikko).post('/tasks', { ...valid(), organizationId: mikkosCustomer.orgId })).body;
    const complete = await api(aino).post(`/tasks/${task.id}/complete`, { action: { kind: 'call' } });
    expect(complete.status).toBe(403);
    expect((await api(aino).patch(`/tasks/${task.id}`, { title: 'Kaapattu' })).status).toBe(403);
    expect((await api(aino).delete(`/tasks/${task.id}`)).status).toBe(403);
    const after = await api(mikko).get(`/tasks/${task.id}`);
    expect(after.body).toMatchObject({ status: 'open', title: 'Tehtävä' });
    expect((await api(mikko).get(`/organizations/${mikkosCustomer.orgId}/actions`)).body.items).toEqual([]);
  });

  test('the responsible person of the task’s customer may complete a colleague’s task there', async () => {
    const task = (await api(mikko).post('/tasks', valid())).body; // Mikko's task on Aino's customer
    expect((await api(aino).post(`/tasks/${task.id}/complete`, {})).status).toBe(200);
  });

  test('the creator of a task may still change it after handing it to a colleague on the colleague’s customer', async () => {
    const mikkoId = (await api(mikko).get('/me')).body.id;
    const task = (await api(aino).post('/tasks', { ...valid(), organizationId: mikkosCustomer.orgId, assigneeId: mikkoId })).body;
    expect(task.assignee.id).toBe(mikkoId);
    expect((await api(aino).patch(`/tasks/${task.id}`, { dueOn: '2027-01-02' })).status).toBe(200);
  });

  test('management reads tasks but writes none', async () => {
    const task = (await api(aino).post('/tasks', valid())).body;
    expect((await api(leena).get(`/tasks/${task.id}`)).status).toBe(200);
    expect((await api(leena).post('/tasks', valid())).status).toBe(403);
    expect((await api(leena).post(`/tasks/${task.id}/complete`, {})).status).toBe(403);
    expect((await api(leena).delete(`/tasks/${task.id}`)).status).toBe(403);
  });

  test('a task that does not exist is a 404', async () => {
    expect((await api(aino).patch('/tasks/0123456789abcdef01234567', { title: 'X' })).status).toBe(404);
    expect((await api(aino).post('/tasks/0123456789abcdef01234567/complete', {})).status).toBe(404);
  });
});

describe('completing twice', () => {
  test('completing a done task answers the same task and logs no second action', async () => {
    const c = await createCustomer(t, aino, { name: 'Kahdesti Oy', domain: 'kahdesti.fi' });
    const task = (await api(aino).post('/tasks', { title: 'Soita', organizationId: c.orgId, dueOn: '2027-01-01' })).body;
    const body = { action: { kind: 'call', subject: 'Soitettu' } };
    const [a, b] = await Promise.all([api(aino).post(`/tasks/${task.id}/complete`, body), api(aino).post(`/tasks/${task.id}/complete`, body)]);
    const again = await api(aino).post(`/tasks/${task.id}/complete`, body);
    for (const res of [a, b, again]) expect(res.status).toBe(200);
    expect(again.body.task).toEqual(a.body.task);
    expect(again.body.action.id).toBe(a.body.task.actionId);
    const actions = (await api(aino).get(`/organizations/${c.orgId}/actions`)).body.items;
    expect(actions.map((x: { subject: string }) => x.subject)).toEqual(['Soitettu']);
  });

  test('a completion racing with edits of the task logs one action; after reopening, completing again logs a new one', async () => {
    const c = await createCustomer(t, aino, { name: 'Kilpailu Oy', domain: 'kilpailu.fi' });
    const task = (await api(aino).post('/tasks', { title: 'Tapaa', organizationId: c.orgId, dueOn: '2027-01-01' })).body;
    const [done] = await Promise.all([
      api(aino).post(`/tasks/${task.id}/complete`, { action: { kind: 'meeting' } }),
      ...Array.from({ length: 5 }, (_, i) => api(aino).patch(`/tasks/${task.id}`, { note: `muutos ${i}` })),
    ]);
    expect(done!.status).toBe(200);
    const count = async () => (await api(aino).get(`/organizations/${c.orgId}/actions`)).body.items.length;
    expect(await count()).toBe(1);
    await api(aino).post(`/tasks/${task.id}/reopen`);
    const second = await api(aino).post(`/tasks/${task.id}/complete`, { action: { kind: 'call' } });
    expect(second.body.action.id).not.toBe(done!.body.action.id);
    expect(await count()).toBe(2);
  });
});
