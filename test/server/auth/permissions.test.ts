/**
 * The role × route table (derived from the route declarations, server/http/routes), iterated:
 * every role on every route is allowed (2xx) or refused (403), exactly as the table says, over
 * the real HTTP surface. A declared route without a sample request here fails.
 */
import { API_PREFIX } from '../../../shared/contract';
import { ROLES, type Role } from '../../../shared/domain/codes';
import { WRITE_METHODS, ruleKey, type RouteRule } from '../../../server/http/route';
import { API_ROUTES, ROUTE_TABLE } from '../../../server/http/routes';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, mail } from '../fixtures';
import { CUSTOMER_DATA_SAMPLES, prepareCustomerDataSamples } from '../customerData/permissionSamples';
import { TASK_SAMPLES, prepareTaskSamples } from '../tasks/permissionSamples';
import { SEND_LOG_SAMPLES, prepareSendLogSamples } from '../sending/permissionSamples';
import { CONVERSATION_SAMPLES, prepareConversationSamples } from '../conversations/permissionSamples';
import { SALES_SAMPLES, prepareSalesSamples } from '../sales/permissionSamples';
import { SELECTION_SAMPLES, prepareSelectionSamples } from '../selections/permissionSamples';
import { CAMPAIGN_SAMPLES, prepareCampaignSamples } from '../campaigns/permissionSamples';
import { REPORT_SAMPLES } from '../reports/permissionSamples';
import { FEEDBACK_SAMPLES, prepareFeedbackSamples } from '../feedback/permissionSamples';

interface World {
  /** Aino is responsible for `own`, backup for `backup`; Mikko is responsible for `other`. */
  own: string;
  backup: string;
  other: string;
  ownContact: string;
  otherContact: string;
  /** A user nobody minds being changed. */
  spareUser: string;
}

interface Req {
  method?: string;
  path: string;
  body?: object;
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

/**
 * A request per table entry: `ok` is one the table allows for every role it lets in
 * (for object-level rules: on Aino's own record); `denied` (for rules with conditions) one
 * that the condition refuses.
 */
const SAMPLES: Record<string, { ok: (w: World) => Req; denied?: (w: World) => Req }> = {
  'GET /me': { ok: () => ({ path: '/me' }) },
  'GET /lookup': { ok: () => ({ path: '/lookup?email=someone@omakasvu.fi' }) },
  'POST /actions/email': { ok: (w) => ({ path: '/actions/email', body: mail({ internetMessageId: `<${unique()}@x.fi>`, organizationId: w.other }) }) },
  'POST /actions/meeting': {
    ok: (w) => ({ path: '/actions/meeting', body: { organizer: 'yhteys@omakasvu.fi', start: '2026-11-02T10:00:00Z', subject: `Palaveri ${unique()}`, organizationId: w.other } }),
  },
  'POST /actions': { ok: (w) => ({ path: '/actions', body: { kind: 'call', occurredAt: '2026-11-02T10:00:00Z', subject: 'Soitto', organizationId: w.other } }) },
  'GET /organizations': { ok: () => ({ path: '/organizations' }) },
  'POST /organizations': {
    ok: () => ({ path: '/organizations', body: { name: `Potentiaali ${unique()}`, segment: 'P' } }),
    denied: () => ({ path: '/organizations', body: { name: `Avainasiakas ${unique()}`, segment: 'A' } }),
  },
  'GET /organizations/:id': { ok: (w) => ({ path: `/organizations/${w.other}` }) },
  'PATCH /organizations/:id': {
    ok: (w) => ({ path: `/organizations/${w.own}`, body: { department: `Osasto ${unique()}` } }),
    denied: (w) => ({ path: `/organizations/${w.other}`, body: { department: 'Kaapattu' } }),
  },
  'GET /organizations/:id/actions': { ok: (w) => ({ path: `/organizations/${w.other}/actions?limit=5&kind=call&kind=meeting` }) },
  'GET /organizations/:id/contacts': { ok: (w) => ({ path: `/organizations/${w.other}/contacts` }) },
  'GET /contacts/:id/actions': { ok: (w) => ({ path: `/contacts/${w.otherContact}/actions` }) },
  'GET /contacts': { ok: () => ({ path: '/contacts' }) },
  'POST /contacts': { ok: (w) => ({ path: '/contacts', body: { name: 'Uusi Yhteyshenkilö', emails: [`h${unique()}@toinen.fi`], organizationId: w.other } }) },
  'GET /contacts/:id': { ok: (w) => ({ path: `/contacts/${w.otherContact}` }) },
  'PATCH /contacts/:id': {
    ok: (w) => ({ path: `/contacts/${w.ownContact}`, body: { title: `Rooli ${unique()}` } }),
    denied: (w) => ({ path: `/contacts/${w.otherContact}`, body: { title: 'Kaapattu' } }),
  },
  'GET /care-plans': { ok: () => ({ path: '/care-plans' }) },
  'GET /desk': { ok: () => ({ path: '/desk' }) },
  'GET /users': { ok: () => ({ path: '/users' }) },
  'POST /users': { ok: () => ({ path: '/users', body: { email: `uusi.${unique()}@omnia.fi`, name: 'Uusi Käyttäjä', role: 'account_manager' } }) },
  'PATCH /users/:id': { ok: (w) => ({ path: `/users/${w.spareUser}`, body: { department: `Osasto ${unique()}` } }) },
  'GET /audit': { ok: () => ({ path: '/audit' }) },
  ...CUSTOMER_DATA_SAMPLES,
  ...TASK_SAMPLES,
  ...SEND_LOG_SAMPLES,
  ...CONVERSATION_SAMPLES,
  ...SALES_SAMPLES,
  ...SELECTION_SAMPLES,
  ...CAMPAIGN_SAMPLES,
  ...REPORT_SAMPLES,
  ...FEEDBACK_SAMPLES,
};

let t: TestApp;
let w: World;
const tokens = {} as Record<Role, string>;
let mikko: string;

beforeAll(async () => {
  t = await startTestApp();
  tokens.account_manager = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  tokens.management = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
  tokens.admin = await adminToken(t);
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  const idOf = async (token: string) => (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`)).body.id as string;
  const [ainoId, mikkoId] = [await idOf(tokens.account_manager), await idOf(mikko)];
  const asAdmin = (path: string, body: object) => t.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${tokens.admin}`).send(body);
  const org = async (name: string, responsibleId: string, backupId?: string) =>
    (await asAdmin('/organizations', { name, segment: 'A', responsibleId, ...(backupId ? { backupId } : {}) })).body.id as string;
  const own = await org('Omakasvu Oy', ainoId);
  const backup = await org('Varalla Oy', mikkoId, ainoId);
  const other = await org('Toisen Asiakas Oy', mikkoId);
  const ownContact = (await asAdmin('/contacts', { name: 'Oma Yhteys', emails: ['oma@omakasvu.fi'], organizationId: own })).body.id as string;
  const otherContact = (await asAdmin('/contacts', { name: 'Toinen Yhteys', emails: ['toinen@toinen.fi'], organizationId: other })).body.id as string;
  const spareUser = (await asAdmin('/users', { email: 'vara@omnia.fi', name: 'Vara Käyttäjä', role: 'account_manager' })).body.id as string;
  w = { own, backup, other, ownContact, otherContact, spareUser };
  await prepareCustomerDataSamples(t, tokens.admin);
  await prepareTaskSamples(t, tokens.account_manager, mikko, other);
  await prepareSendLogSamples(t, tokens.account_manager, mikko, other);
  await prepareConversationSamples(t, tokens.admin, other);
  await prepareSalesSamples(t, { admin: tokens.admin, aino: tokens.account_manager, mikko }, { own, other });
  await prepareSelectionSamples(t, { aino: tokens.account_manager, mikko }, own);
  await prepareCampaignSamples(t, { aino: tokens.account_manager, mikko }, { own, ownContact, otherContact });
  await prepareFeedbackSamples(t, tokens.account_manager, own, ownContact);
});
afterAll(() => t.close());

function send(role: Role | string, rule: Pick<RouteRule, 'method'>, req: Req, token?: string) {
  const call = t.http[rule.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](`${API_PREFIX}${req.path}`)
    .set('Authorization', `Bearer ${token ?? tokens[role as Role]}`);
  return req.body ? call.send(req.body) : call;
}

const ANY_ID = '0123456789abcdef01234567';
const concrete = (path: string) => path.replace(/:\w+/g, ANY_ID);

describe('the table is the declarations', () => {
  test('the role × route table is derived from the route declarations, entry for entry', () => {
    expect(ROUTE_TABLE).toEqual(API_ROUTES.map((d) => ({ method: d.method, path: d.path, resource: d.resource, action: d.action, access: d.access })));
    expect(new Set(ROUTE_TABLE.map(ruleKey)).size).toBe(ROUTE_TABLE.length);
  });

  test('an administrator may use every route, and management writes nothing', () => {
    expect(ROUTE_TABLE.filter((rule) => rule.access.admin !== 'allow').map(ruleKey)).toEqual([]);
    expect(ROUTE_TABLE.filter((rule) => WRITE_METHODS.has(rule.method) && rule.access.management).map(ruleKey)).toEqual([]);
  });

  test('every declared route sits behind the sign-in gate: without a token, each is a 401, whatever the body', async () => {
    for (const rule of ROUTE_TABLE) {
      const call = t.http[rule.method.toLowerCase() as 'get'](`${API_PREFIX}${concrete(rule.path)}`);
      const res = await (WRITE_METHODS.has(rule.method) ? call.send({ notAField: { $ne: null } }) : call.send());
      expect({ route: ruleKey(rule), status: res.status }).toEqual({ route: ruleKey(rule), status: 401 });
    }
  });

  test('every entry has a sample request in this test, and one its conditions refuse where it has conditions', () => {
    for (const rule of ROUTE_TABLE) {
      const sample = SAMPLES[ruleKey(rule)];
      expect({ route: ruleKey(rule), hasSample: !!sample }).toEqual({ route: ruleKey(rule), hasSample: true });
      const conditional = Object.values(rule.access).some((a) => a !== 'allow');
      expect({ route: ruleKey(rule), hasDenied: !!sample?.denied }).toEqual({ route: ruleKey(rule), hasDenied: conditional });
    }
  });

  test('every sample names a declared route (no stale samples)', () => {
    const declared = new Set(ROUTE_TABLE.map(ruleKey));
    expect(Object.keys(SAMPLES).filter((key) => !declared.has(key))).toEqual([]);
  });

  test.each(ROLES)('a path or method that no declaration names is a 404 for %s', async (role) => {
    const as = { Authorization: `Bearer ${tokens[role]}` };
    for (const res of [
      await t.http.get(`${API_PREFIX}/nothing-here`).set(as),
      await t.http.put(`${API_PREFIX}/organizations/${ANY_ID}`).set(as).send({ name: 'X' }),
      await t.http.delete(`${API_PREFIX}/contacts/${ANY_ID}`).set(as),
      await t.http.options(`${API_PREFIX}/organizations`).set(as),
      await t.http.get(`${API_PREFIX}/organizations/%C3%28`).set(as),
    ]) {
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 404, code: 'not_found' });
    }
  });
});

describe('the order of the checks', () => {
  test('a role the route does not admit gets 403 whatever it sends; an admitted one gets 400 for bad input', async () => {
    const bad = { subject: 42 };
    const refused = await t.http.post(`${API_PREFIX}/actions`).set('Authorization', `Bearer ${tokens.management}`).send(bad);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
    const invalid = await t.http.post(`${API_PREFIX}/actions`).set('Authorization', `Bearer ${tokens.account_manager}`).send(bad);
    expect({ status: invalid.status, code: invalid.body.error.code }).toEqual({ status: 400, code: 'invalid_input' });
  });

  test('a condition is judged on validated input: bad input for another manager’s customer is a 400, good input a 403', async () => {
    const patch = (body: object) => t.http.patch(`${API_PREFIX}/organizations/${w.other}`).set('Authorization', `Bearer ${tokens.account_manager}`).send(body);
    expect((await patch({ segment: 'Z' })).status).toBe(400);
    expect((await patch({ segment: 'C' })).status).toBe(403);
  });

  test('a potential customer is judged with the defaults applied: no segment is segment P', async () => {
    const res = await t.http.post(`${API_PREFIX}/organizations`).set('Authorization', `Bearer ${tokens.account_manager}`).send({ name: `Oletus ${unique()}` });
    expect(res.status).toBe(201);
    expect(res.body.segment).toBe('P');
  });
});

describe('every role × route, as the table says', () => {
  const cells = ROUTE_TABLE.flatMap((rule) => ROLES.map((role) => [ruleKey(rule), role, rule.access[role] ?? 'none', rule] as const));

  test.each(cells)('%s as %s (%s)', async (key, role, access, rule) => {
    const sample = SAMPLES[key]!;
    const allowed = await send(role, rule, sample.ok(w));
    if (access === 'none') {
      expect(allowed.status).toBe(403);
      expect(allowed.body.error.code).toBe('forbidden');
      return;
    }
    // A 2xx; on failure the answer is shown, so a refused cell names its reason.
    expect(allowed.status >= 200 && allowed.status < 300 ? 'allowed' : { status: allowed.status, body: allowed.body }).toBe('allowed');
    if (access !== 'allow') {
      const refused = await send(role, rule, sample.denied!(w));
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
  });
});

describe('object-level rights of an account manager', () => {
  const patch = (token: string, path: string, body: object) => t.http.patch(`${API_PREFIX}${path}`).set('Authorization', `Bearer ${token}`).send(body);

  test('cannot change another manager’s customer, which stays as it was', async () => {
    const before = await t.models.Organization.findById(w.other).lean();
    const res = await patch(tokens.account_manager, `/organizations/${w.other}`, { responsibleId: null, segment: 'C' });
    expect(res.status).toBe(403);
    const after = await t.models.Organization.findById(w.other).lean();
    expect({ segment: after?.segment, responsibleId: String(after?.responsibleId) }).toEqual({ segment: before?.segment, responsibleId: String(before?.responsibleId) });
  });

  test('can change a customer they are the backup for', async () => {
    const res = await patch(tokens.account_manager, `/organizations/${w.backup}`, { department: 'Varahenkilön muutos' });
    expect(res.status).toBe(200);
  });

  test('the responsible manager of that customer can change it', async () => {
    expect((await patch(mikko, `/organizations/${w.other}`, { department: 'Mikon osasto' })).status).toBe(200);
  });

  test('cannot move their own contact to another manager’s customer', async () => {
    const res = await patch(tokens.account_manager, `/contacts/${w.ownContact}`, { organizationId: w.other });
    expect(res.status).toBe(403);
  });

  test('cannot add a key customer, only a potential one', async () => {
    const res = await t.http.post(`${API_PREFIX}/organizations`).set('Authorization', `Bearer ${tokens.account_manager}`).send({ name: 'Oikopolku Oy', segment: 'B' });
    expect(res.status).toBe(403);
    expect(await t.models.Organization.countDocuments({ name: 'Oikopolku Oy' })).toBe(0);
  });

  test('a customer that does not exist is a 404, not a 403', async () => {
    expect((await patch(tokens.account_manager, '/organizations/0123456789abcdef01234567', { department: 'X' })).status).toBe(404);
  });

  test.each([
    ['upper-case path', (id: string) => `/api/v1/ORGANIZATIONS/${id}`],
    ['trailing slash', (id: string) => `/api/v1/organizations/${id}/`],
    ['encoded id', (id: string) => `/api/v1/organizations/${encodeURIComponent(id).replace(/a/g, '%61')}`],
  ])('spelling the path differently (%s) does not get around the check', async (_what, path) => {
    const res = await t.http.patch(path(w.other)).set('Authorization', `Bearer ${tokens.account_manager}`).send({ department: 'Ohitus' });
    expect(res.status).toBe(403);
    const management = await t.http.patch(path(w.own)).set('Authorization', `Bearer ${tokens.management}`).send({ department: 'Ohitus' });
    expect(management.status).toBe(403);
  });

  test('a role change in the database takes effect on the next request (the role is never read from the token)', async () => {
    const token = await t.tokenFor('vaihtuva@omnia.fi', 'management');
    expect((await t.http.get(`${API_PREFIX}/audit`).set('Authorization', `Bearer ${token}`)).status).toBe(403);
    await t.models.User.updateOne({ email: 'vaihtuva@omnia.fi' }, { $set: { role: 'admin' } });
    expect((await t.http.get(`${API_PREFIX}/audit`).set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});
