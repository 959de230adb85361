/**
 * Sample requests for the follow-up task routes (server/http/routes/tasks.ts), in the form
 * test/server/auth/permissions.test.ts iterates. `prepareTaskSamples` creates the tasks they act
 * on: Aino's own ones (allowed) and one of Mikko's on Mikko's customer (refused to Aino).
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = { org: '', own: '', others: '', deletable: [] as string[] };

export async function prepareTaskSamples(t: TestApp, ainoToken: string, mikkoToken: string, mikkosCustomer: string): Promise<void> {
  const create = async (token: string, body: object) => {
    const res = await t.http.post('/api/v1/tasks').set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`create task: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  made.org = mikkosCustomer;
  made.own = await create(ainoToken, { title: 'Oma tehtävä', organizationId: mikkosCustomer, dueOn: '2026-12-15' });
  made.others = await create(mikkoToken, { title: 'Mikon tehtävä', organizationId: mikkosCustomer, dueOn: '2026-12-15' });
  made.deletable = [];
  for (let i = 0; i < 3; i++) made.deletable.push(await create(ainoToken, { title: `Poistettava ${i}`, organizationId: mikkosCustomer, dueOn: '2026-12-20' }));
}

export const TASK_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /tasks': { ok: () => ({ path: '/tasks?assigneeId=me&status=all' }) },
  'POST /tasks': { ok: () => ({ path: '/tasks', body: { title: 'Soita takaisin', organizationId: made.org, dueOn: '2026-12-31' } }) },
  'GET /tasks/:id': { ok: () => ({ path: `/tasks/${made.others}` }) },
  'PATCH /tasks/:id': {
    ok: () => ({ path: `/tasks/${made.own}`, body: { note: 'Muistiinpano' } }),
    denied: () => ({ path: `/tasks/${made.others}`, body: { note: 'Kaapattu' } }),
  },
  'POST /tasks/:id/complete': {
    ok: () => ({ path: `/tasks/${made.own}/complete`, body: {} }),
    denied: () => ({ path: `/tasks/${made.others}/complete`, body: {} }),
  },
  'POST /tasks/:id/reopen': {
    ok: () => ({ path: `/tasks/${made.own}/reopen` }),
    denied: () => ({ path: `/tasks/${made.others}/reopen` }),
  },
  'DELETE /tasks/:id': {
    ok: () => ({ path: `/tasks/${made.deletable.shift() ?? 'none'}` }),
    denied: () => ({ path: `/tasks/${made.others}` }),
  },
};
