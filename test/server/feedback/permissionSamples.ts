/**
 * Sample requests for the feedback routes (server/http/routes/feedback.ts), in the form
 * test/server/auth/permissions.test.ts iterates. `prepareFeedbackSamples` makes an open survey of
 * Aino's, a contact to link and a shared selection to invite.
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  path: string;
  body?: object;
}

const made = { survey: '', contact: '', selection: '', customer: '', surveys: [] as string[] };
let patches = 0;

export async function prepareFeedbackSamples(t: TestApp, aino: string, customer: string, contact: string): Promise<void> {
  const as = { Authorization: `Bearer ${aino}` };
  made.customer = customer;
  made.contact = contact;
  const survey = async (name: string) => {
    const res = await t.http.post('/api/v1/surveys').set(as).send({ name, type: 'nps' });
    if (res.status !== 201) throw new Error(`create survey: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  made.survey = await survey('Oikeustestin kysely');
  // each allowed PATCH uses its own survey at version 0 (two allowed roles, and a spare)
  made.surveys = [await survey('Muutettava 1'), await survey('Muutettava 2'), await survey('Muutettava 3')];
  const sel = await t.http.post('/api/v1/selections').set(as).send({ name: 'Kyselyn poiminta', shared: true, kind: 'static', memberIds: [customer] });
  if (sel.status !== 201) throw new Error(`create selection: ${sel.status}`);
  made.selection = sel.body.id;
}

export const FEEDBACK_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /surveys': { ok: () => ({ path: '/surveys' }) },
  'POST /surveys': { ok: () => ({ path: '/surveys', body: { name: 'Uusi kysely', type: 'csat' } }) },
  'GET /surveys/:id': { ok: () => ({ path: `/surveys/${made.survey}` }) },
  'PATCH /surveys/:id': { ok: () => ({ path: `/surveys/${made.surveys[patches++ % made.surveys.length]}`, body: { version: 0, name: 'Uusi nimi' } }) },
  'POST /surveys/:id/close': { ok: () => ({ path: `/surveys/${made.surveys[2]}/close`, body: {} }) },
  'POST /surveys/:id/invitations': { ok: () => ({ path: `/surveys/${made.survey}/invitations`, body: { selectionId: made.selection } }) },
  'POST /surveys/:id/link': { ok: () => ({ path: `/surveys/${made.survey}/link`, body: { contactId: made.contact } }) },
  'GET /surveys/:id/responses': { ok: () => ({ path: `/surveys/${made.survey}/responses` }) },
  'GET /organizations/:id/feedback': { ok: () => ({ path: `/organizations/${made.customer}/feedback` }) },
};
