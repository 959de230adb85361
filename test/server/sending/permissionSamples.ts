/**
 * Sample requests for the "Log when sent" routes (server/http/routes/sending.ts), in the form
 * test/server/auth/permissions.test.ts iterates. `prepareSendLogSamples` registers Aino's send logs
 * (allowed to her and to administrators) and one of Mikko's (refused to Aino).
 */
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = { org: '', pending: '', sentOne: '', cancellable: '', others: '' };
const newToken = () => randomBytes(24).toString('base64url');
const sentMail = { subject: 'Tarjous', to: ['toinen@toinen.fi'] };

export async function prepareSendLogSamples(t: TestApp, ainoToken: string, mikkoToken: string, organizationId: string): Promise<void> {
  const register = async (token: string) => {
    const logToken = newToken();
    const res = await t.http.put(`/api/v1/send-logs/${logToken}`).set('Authorization', `Bearer ${token}`).send({ organizationIds: [organizationId] });
    if (res.status !== 200) throw new Error(`register send log: ${res.status} ${JSON.stringify(res.body)}`);
    return logToken;
  };
  made.org = organizationId;
  made.pending = await register(ainoToken);
  made.sentOne = await register(ainoToken);
  made.cancellable = await register(ainoToken);
  made.others = await register(mikkoToken);
}

export const SEND_LOG_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /send-logs/:token': { ok: () => ({ path: `/send-logs/${made.pending}` }), denied: () => ({ path: `/send-logs/${made.others}` }) },
  'PUT /send-logs/:token': {
    ok: () => ({ path: `/send-logs/${made.pending}`, body: { organizationIds: [made.org] } }),
    denied: () => ({ path: `/send-logs/${made.others}`, body: { organizationIds: [made.org] } }),
  },
  'DELETE /send-logs/:token': { ok: () => ({ path: `/send-logs/${made.cancellable}` }), denied: () => ({ path: `/send-logs/${made.others}` }) },
  'POST /send-logs/:token/sent': {
    ok: () => ({ path: `/send-logs/${made.sentOne}/sent`, body: sentMail }),
    denied: () => ({ path: `/send-logs/${made.others}/sent`, body: sentMail }),
  },
  'POST /send-logs/:token/match': {
    ok: () => ({
      path: `/send-logs/${made.sentOne}/match`,
      body: { internetMessageId: '<lahetetty@omnia.fi>', subject: 'Tarjous', occurredAt: '2026-11-20T08:30:00Z', from: 'aino.virtanen@omnia.fi', to: ['toinen@toinen.fi'] },
    }),
  },
};
