/**
 * A selection's list operations tell their progress as they go when the client asks for it
 * (`Accept: application/x-ndjson`): a line per step, counting up to the member count, then the
 * result, which is what the database holds afterwards. An operation that stops midway ends its
 * stream (or its JSON answer) with the error and what it had done, so nothing half-applies silently.
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../server/errors';
import { errorHandler } from '../../../server/http/errorHandler';
import { answerWithProgress } from '../../../server/http/progress';
import { OperationStopped } from '../../../server/usecases/progress';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer } from '../fixtures';

jest.setTimeout(120_000);

let t: TestApp;
let server: http.Server;
let origin: string;
let admin: string;
const MEMBERS = 1_201;
let searched: string;
const memberIds: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  const customers = Array.from({ length: MEMBERS - 1 }, (_, i) => ({
    id: t.repos.customers.newId(), name: `Edistyvä ${String(i).padStart(4, '0')} Oy`, businessId: null, segment: 'B' as const, customerGroup: 'company' as const,
    emailDomains: [], department: null, responsibleId: null, backupId: null, classificationIds: [], externalIds: {},
  }));
  for (let i = 0; i < customers.length; i += 500) await t.repos.customers.insertMany(customers.slice(i, i + 500));
  memberIds.push(...customers.map((c) => c.id));
  // one made through the API, so that it is in the search
  searched = (await createCustomer(t, admin, { name: 'Edistyvä Haettava Oy', domain: 'haettava.fi', segment: 'B' })).orgId;
  memberIds.push(searched);
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

/** POSTs with `Accept: application/x-ndjson` and reads the answer line by line as it arrives. */
async function streamed(path: string, body: object, token = admin): Promise<{ status: number; type: string; lines: Record<string, unknown>[] }> {
  const res = await fetch(`${origin}/api/v1${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify(body),
  });
  const lines: Record<string, unknown>[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    pending += decoder.decode(value, { stream: !done });
    const whole = pending.split('\n');
    pending = whole.pop()!;
    for (const l of whole) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
    if (done) break;
  }
  if (pending.trim()) lines.push(JSON.parse(pending) as Record<string, unknown>);
  return { status: res.status, type: res.headers.get('content-type') ?? '', lines };
}

/** The progress lines count up from 0 to the total, and the last line is the result. */
function expectProgressThenResult(lines: Record<string, unknown>[], total: number): unknown {
  const steps = lines.slice(0, -1) as { done: number; total: number }[];
  expect(steps.length).toBeGreaterThanOrEqual(2);
  expect(steps.every((s) => s.total === total)).toBe(true);
  const done = steps.map((s) => s.done);
  expect(done[0]).toBe(0);
  expect(done.at(-1)).toBe(total);
  for (let i = 1; i < done.length; i++) expect(done[i]!).toBeGreaterThan(done[i - 1]!);
  const last = lines.at(-1)!;
  expect(Object.keys(last)).toEqual(['result']);
  return last.result;
}

test('a follow-up task for each of 1,201 members streams its progress, and the result is what the database holds', async () => {
  const sel = await t.http.post('/api/v1/selections').set({ Authorization: `Bearer ${admin}` }).send({ name: 'Edistyminen', kind: 'static', memberIds });
  expect(sel.status).toBe(201);
  const body = { operationId: 'edistyminen-2026-12-000001', expectedCount: MEMBERS, title: 'Soita kevään koulutuksista', dueOn: '2027-01-29', assignTo: 'me' };

  const first = await streamed(`/selections/${sel.body.id}/tasks`, body);
  expect(first.status).toBe(200);
  expect(first.type).toContain('application/x-ndjson');
  expect(expectProgressThenResult(first.lines, MEMBERS)).toEqual({ created: MEMBERS, existing: 0, failed: [] });
  const tasks = await t.models.Task.find({ title: body.title }, { organizationId: 1 }).lean();
  expect(new Set(tasks.map((x) => String(x.organizationId)))).toEqual(new Set(memberIds));
  // every task on the assignee's open list and on its customer's
  const me = (await t.http.get('/api/v1/me').set({ Authorization: `Bearer ${admin}` })).body.id as string;
  expect((await t.repos.tasks.openOfAssignee(me)).filter((e) => e.title === body.title)).toHaveLength(MEMBERS);
  expect((await t.repos.tasks.openOfCustomer(memberIds[700]!)).map((e) => e.title)).toEqual([body.title]);

  // the same operation again makes none twice
  const again = await streamed(`/selections/${sel.body.id}/tasks`, body);
  expect(expectProgressThenResult(again.lines, MEMBERS)).toEqual({ created: 0, existing: MEMBERS, failed: [] });
  expect(await t.models.Task.countDocuments({ title: body.title })).toBe(MEMBERS);
});

test('a segment change streams its progress; without the header the same operation answers plain JSON', async () => {
  const sel = await t.http.post('/api/v1/selections').set({ Authorization: `Bearer ${admin}` }).send({ name: 'Segmentti', kind: 'static', memberIds });
  const toA = await streamed(`/selections/${sel.body.id}/segment`, { expectedCount: MEMBERS, segment: 'A' });
  expect(expectProgressThenResult(toA.lines, MEMBERS)).toEqual({ changed: MEMBERS, unchanged: 0, failed: [] });
  expect(await t.models.Organization.countDocuments({ name: /^Edistyvä/, segment: 'A' })).toBe(MEMBERS);
  // the search sees the new segment
  const found = await t.http.get(`/api/v1/organizations?segment=A&q=${encodeURIComponent('Edistyvä Haettava')}`).set({ Authorization: `Bearer ${admin}` });
  expect(found.body.items.map((o: { id: string }) => o.id)).toEqual([searched]);

  const plain = await t.http.post(`/api/v1/selections/${sel.body.id}/segment`).set({ Authorization: `Bearer ${admin}` }).send({ expectedCount: MEMBERS, segment: 'A' });
  expect({ status: plain.status, type: plain.type, body: plain.body }).toEqual({ status: 200, type: 'application/json', body: { changed: 0, unchanged: MEMBERS, failed: [] } });
});

test('a refusal before the first step is an ordinary error answer, streamed or not', async () => {
  const sel = await t.http.post('/api/v1/selections').set({ Authorization: `Bearer ${admin}` }).send({ name: 'Väärä määrä', kind: 'static', memberIds });
  const stale = await streamed(`/selections/${sel.body.id}/segment`, { expectedCount: 5, segment: 'C' });
  expect(stale.status).toBe(409);
  expect(stale.lines).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'conflict', fields: [expect.objectContaining({ path: 'expectedCount' })] }) })]);
  expect(await t.models.Organization.countDocuments({ name: /^Edistyvä/, segment: 'C' })).toBe(0);
});

describe('an operation that stops midway', () => {
  let stopOrigin: string;
  let stopServer: http.Server;
  beforeAll(async () => {
    const app = express();
    app.post('/op', (req, res, next) => {
      answerWithProgress(req, res, async (progress) => {
        progress(0, 10);
        await new Promise((r) => setTimeout(r, 300));
        progress(4, 10);
        throw new OperationStopped(new AppError('unavailable', 'The database is not reachable right now; try again shortly'), {
          result: { changed: 3, unchanged: 1, failed: [] }, done: 4, total: 10, doneThrough: { organizationId: '0123456789abcdef01234567', name: 'Dahl Oy' },
        });
      }).catch(next);
    });
    app.use(errorHandler);
    stopServer = http.createServer(app);
    await new Promise<void>((resolve) => stopServer.listen(0, '127.0.0.1', resolve));
    stopOrigin = `http://127.0.0.1:${(stopServer.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => stopServer.close(() => resolve())));

  const stoppedAt = { result: { changed: 3, unchanged: 1, failed: [] }, done: 4, total: 10, doneThrough: { organizationId: '0123456789abcdef01234567', name: 'Dahl Oy' } };

  test('ends its stream with the error and the rows it had done', async () => {
    const res = await fetch(`${stopOrigin}/op`, { method: 'POST', headers: { accept: 'application/x-ndjson' } });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { done: 0, total: 10 },
      { done: 4, total: 10 },
      { error: expect.objectContaining({ code: 'unavailable', message: 'The database is not reachable right now; try again shortly' }), stoppedAt },
    ]);
  });

  test('answers JSON with the error’s status and the rows it had done', async () => {
    const res = await fetch(`${stopOrigin}/op`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: expect.objectContaining({ code: 'unavailable' }), stoppedAt });
  });
});
