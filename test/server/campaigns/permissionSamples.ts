/**
 * Sample requests for the campaign and mailing routes (server/http/routes/campaigns.ts), in the
 * form test/server/auth/permissions.test.ts iterates. `prepareCampaignSamples` makes Aino's
 * campaign with draft mailings (each allowed send or cancel uses its own) and one of Mikko's
 * (refused to Aino).
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  path: string;
  body?: object;
}

const TEXTS = { subject: { fi: 'Oikeustesti' }, body: { fi: 'Hei {{firstName}}' } };
const made = { campaign: '', others: '', othersMailing: '', mailings: {} as Record<string, string[]>, ownContact: '', otherContact: '' };
const uses: Record<string, number> = {};
const next = (route: string) => {
  uses[route] = (uses[route] ?? 0) + 1;
  return made.mailings[route]![(uses[route] - 1) % made.mailings[route]!.length]!;
};

export async function prepareCampaignSamples(t: TestApp, tokens: { aino: string; mikko: string }, w: { own: string; ownContact: string; otherContact: string }): Promise<void> {
  const post = async (token: string, path: string, body: object) => {
    const res = await t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const selection = await post(tokens.aino, '/selections', { name: 'Kampanjan kohde', kind: 'static', memberIds: [w.own], shared: true });
  const campaign = (token: string, name: string) => post(token, '/campaigns', { name, startsOn: '2026-12-01', endsOn: '2027-01-31', targetSelectionIds: [selection.id] });
  made.campaign = (await campaign(tokens.aino, 'Ainon kampanja')).id;
  made.others = (await campaign(tokens.mikko, 'Mikon kampanja')).id;
  made.othersMailing = (await post(tokens.mikko, `/campaigns/${made.others}/mailings`, TEXTS)).id;
  for (const route of ['send', 'cancel', 'patch']) {
    made.mailings[route] = [];
    for (let i = 0; i < 2; i++) made.mailings[route]!.push((await post(tokens.aino, `/campaigns/${made.campaign}/mailings`, TEXTS)).id);
  }
  // the ones to cancel are scheduled first
  for (const id of made.mailings.cancel!) await post(tokens.aino, `/mailings/${id}/send`, { version: 0, expectedCustomers: 1, at: new Date(Date.now() + 86_400_000).toISOString() }).catch(() => undefined);
  made.ownContact = w.ownContact;
  made.otherContact = w.otherContact;
}

let patched = 0;

export const CAMPAIGN_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  'GET /campaigns': { ok: () => ({ path: '/campaigns' }) },
  'POST /campaigns': { ok: () => ({ path: '/campaigns', body: { name: 'Oikeustestin kampanja', startsOn: '2027-01-01', endsOn: '2027-01-31' } }) },
  'GET /campaigns/:id': { ok: () => ({ path: `/campaigns/${made.campaign}` }) },
  'GET /campaigns/:id/audience': { ok: () => ({ path: `/campaigns/${made.campaign}/audience` }) },
  'PATCH /campaigns/:id': {
    // the version moves with each change: the allowed calls (account manager, admin) take turns
    ok: () => ({ path: `/campaigns/${made.campaign}`, body: { version: patched++, purpose: `Tarkoitus ${patched}` } }),
    denied: () => ({ path: `/campaigns/${made.others}`, body: { version: 0, name: 'Kaapattu' } }),
  },
  'POST /campaigns/:id/mailings': {
    ok: () => ({ path: `/campaigns/${made.campaign}/mailings`, body: TEXTS }),
    denied: () => ({ path: `/campaigns/${made.others}/mailings`, body: TEXTS }),
  },
  'GET /mailings/:id': { ok: () => ({ path: `/mailings/${made.othersMailing}` }) },
  'GET /mailings/:id/recipients': { ok: () => ({ path: `/mailings/${made.othersMailing}/recipients` }) },
  'PATCH /mailings/:id': {
    ok: () => ({ path: `/mailings/${next('patch')}`, body: { version: 0, subject: { fi: 'Muutettu' } } }),
    denied: () => ({ path: `/mailings/${made.othersMailing}`, body: { version: 0, subject: { fi: 'Kaapattu' } } }),
  },
  'POST /mailings/:id/send': {
    ok: () => ({ path: `/mailings/${next('send')}/send`, body: { version: 0, expectedCustomers: 1, at: new Date(Date.now() + 86_400_000).toISOString() } }),
    denied: () => ({ path: `/mailings/${made.othersMailing}/send`, body: { version: 0, expectedCustomers: 1 } }),
  },
  'POST /mailings/:id/cancel': {
    ok: () => ({ path: `/mailings/${next('cancel')}/cancel`, body: { version: 1 } }),
    denied: () => ({ path: `/mailings/${made.othersMailing}/cancel`, body: { version: 0 } }),
  },
  'PUT /contacts/:id/marketing': {
    ok: () => ({ path: `/contacts/${made.ownContact}/marketing`, body: { consent: 'granted' } }),
    denied: () => ({ path: `/contacts/${made.otherContact}/marketing`, body: { consent: 'opted_out' } }),
  },
  'GET /dev/outbox': { ok: () => ({ path: '/dev/outbox' }) },
};
