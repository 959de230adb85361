/**
 * Sample requests for the selection routes (server/http/routes/selections.ts), in the form
 * test/server/auth/permissions.test.ts iterates. `prepareSelectionSamples` makes Aino's shared
 * selections (each allowed change uses its own, at version 0) and one of Mikko's (refused to Aino).
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  path: string;
  body?: object;
}

const made = { customer: '', others: '', lists: {} as Record<string, string[]> };
const uses: Record<string, number> = {};
const next = (route: string) => {
  uses[route] = (uses[route] ?? 0) + 1;
  return made.lists[route]![(uses[route] - 1) % made.lists[route]!.length]!;
};

export async function prepareSelectionSamples(t: TestApp, tokens: { aino: string; mikko: string }, customer: string): Promise<void> {
  made.customer = customer;
  const create = async (token: string, body: object) => {
    const res = await t.http.post('/api/v1/selections').set('Authorization', `Bearer ${token}`).send({ shared: true, ...body });
    if (res.status !== 201) throw new Error(`create selection: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  made.others = await create(tokens.mikko, { name: 'Mikon poiminta', criteria: { segment: 'A' } });
  for (const route of ['PATCH /selections/:id', 'POST /selections/:id/freeze', 'DELETE /selections/:id', 'GET']) {
    made.lists[route] = [await create(tokens.aino, { name: `${route} 1` }), await create(tokens.aino, { name: `${route} 2` })];
  }
  made.lists.managers = [await create(tokens.aino, { name: 'Vastuunsiirto', kind: 'static', memberIds: [customer] })];
  made.lists['POST /selections/:id/members'] = [
    await create(tokens.aino, { name: 'Jäädytetty 1', kind: 'static', memberIds: [customer] }),
    await create(tokens.aino, { name: 'Jäädytetty 2', kind: 'static', memberIds: [customer] }),
  ];
}

export const SELECTION_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'POST /selections/:id/tasks': {
    ok: () => ({ path: `/selections/${made.lists.managers![0]}/tasks`, body: { operationId: `oikeustesti-${Date.now()}-${Math.random().toString(36).slice(2)}`, expectedCount: 1, title: 'Soita', dueOn: '2026-12-31' } }),
  },
  'GET /selections/:id/export.csv': { ok: () => ({ path: `/selections/${made.lists.GET![0]}/export.csv` }) },
  'GET /selections/:id/export.xlsx': { ok: () => ({ path: `/selections/${made.lists.GET![0]}/export.xlsx?headers=fi` }) },
  'GET /selections/:id/contacts': { ok: () => ({ path: `/selections/${made.lists.GET![1]}/contacts` }) },
  'GET /selections/:id/contacts.csv': { ok: () => ({ path: `/selections/${made.lists.GET![0]}/contacts.csv` }) },
  'GET /selections/:id/contacts.xlsx': { ok: () => ({ path: `/selections/${made.lists.GET![0]}/contacts.xlsx?headers=fi` }) },
  'POST /selections/:id/managers': { ok: () => ({ path: `/selections/${made.lists.managers![0]}/managers`, body: { expectedCount: 1, backupId: null } }) },
  'POST /selections/:id/segment': { ok: () => ({ path: `/selections/${made.lists.managers![0]}/segment`, body: { expectedCount: 1, segment: 'A' } }) },
  'POST /selections/:id/classifications': { ok: () => ({ path: `/selections/${made.lists.managers![0]}/classifications`, body: { expectedCount: 1, remove: ['0123456789abcdef01234567'] } }) },
  'GET /selections': { ok: () => ({ path: '/selections' }) },
  'POST /selections': { ok: () => ({ path: '/selections', body: { name: 'Oikeustestin poiminta', criteria: { segment: 'B' } } }) },
  'GET /selections/:id': { ok: () => ({ path: `/selections/${made.lists.GET![0]}` }) },
  'GET /selections/:id/members': { ok: () => ({ path: `/selections/${made.lists.GET![1]}/members` }) },
  'PATCH /selections/:id': {
    ok: () => ({ path: `/selections/${next('PATCH /selections/:id')}`, body: { version: 0, name: 'Uusi nimi' } }),
    denied: () => ({ path: `/selections/${made.others}`, body: { version: 0, name: 'Kaapattu' } }),
  },
  'DELETE /selections/:id': {
    ok: () => ({ path: `/selections/${next('DELETE /selections/:id')}` }),
    denied: () => ({ path: `/selections/${made.others}` }),
  },
  'POST /selections/:id/freeze': {
    ok: () => ({ path: `/selections/${next('POST /selections/:id/freeze')}/freeze`, body: { version: 0 } }),
    denied: () => ({ path: `/selections/${made.others}/freeze`, body: { version: 0 } }),
  },
  'POST /selections/:id/members': {
    ok: () => ({ path: `/selections/${next('POST /selections/:id/members')}/members`, body: { version: 0, remove: [made.customer] } }),
    denied: () => ({ path: `/selections/${made.others}/members`, body: { version: 0, add: [made.customer] } }),
  },
};
