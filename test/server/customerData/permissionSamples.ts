/**
 * Sample requests for the routes of customer-data administration (server/http/routes/imports.ts,
 * exports.ts and administration.ts), in the form test/server/auth/permissions.test.ts
 * iterates. `prepareCustomerDataSamples` creates the records the samples act on.
 */
import type { TestApp } from '../../support/testApp';

interface Req {
  method?: string;
  path: string;
  body?: object;
}

const made = {
  importId: '', ruleToPatch: '', ruleToDelete: '', nodeToPatch: '', nodeToDelete: '',
  keepOrg: '', dupOrg: '', someOrg: '', keepContact: '', dupContact: '', fromUser: '', toUser: '',
};
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export async function prepareCustomerDataSamples(t: TestApp, adminToken: string): Promise<void> {
  const auth = { Authorization: `Bearer ${adminToken}` };
  const post = async (path: string, body: object) => {
    const res = await t.http.post(`/api/v1${path}`).set(auth).send(body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const imported = await t.http.post('/api/v1/imports?kind=organizations&dryRun=true').set(auth).set('Content-Type', 'text/csv').send(Buffer.from('nimi\nNäyte Oy\n'));
  made.importId = imported.body.id;
  const rule = { label: 'Näytesääntö', segment: 'C', customerGroup: 'partner', actionKinds: ['meeting'], cadenceDays: 90 };
  made.ruleToPatch = (await post('/care-plans/rules', rule)).id;
  made.ruleToDelete = (await post('/care-plans/rules', rule)).id;
  made.nodeToPatch = (await post('/classifications', { name: `Näyte ${unique()}`, appliesTo: 'organization' })).id;
  made.nodeToDelete = (await post('/classifications', { name: `Poistettava ${unique()}`, appliesTo: 'organization' })).id;
  made.keepOrg = (await post('/organizations', { name: 'Säilytettävä Oy' })).id;
  made.dupOrg = (await post('/organizations', { name: 'Kaksoiskappale Oy' })).id;
  made.someOrg = (await post('/organizations', { name: 'Jokin Oy' })).id;
  made.keepContact = (await post('/contacts', { name: 'Säilytettävä', emails: [`s${unique()}@nayte.fi`], organizationId: made.someOrg })).id;
  made.dupContact = (await post('/contacts', { name: 'Kaksoiskappale', emails: [`k${unique()}@nayte.fi`], organizationId: made.someOrg })).id;
  made.fromUser = (await post('/users', { email: `lahtija.${unique()}@omnia.fi`, name: 'Lähtijä', role: 'account_manager' })).id;
  made.toUser = (await post('/users', { email: `jatkaja.${unique()}@omnia.fi`, name: 'Jatkaja', role: 'account_manager' })).id;
}

export const CUSTOMER_DATA_SAMPLES: Record<string, { ok: () => Req; denied?: () => Req }> = {
  // A body without a Content-Type is taken as a CSV file (application/octet-stream).
  'POST /imports': { ok: () => ({ path: '/imports?kind=organizations&dryRun=true', body: Buffer.from('nimi\nNäyte Oy\n') }) },
  'GET /imports': { ok: () => ({ path: '/imports' }) },
  'GET /imports/:id': { ok: () => ({ path: `/imports/${made.importId}` }) },
  'GET /exports/organizations.csv': { ok: () => ({ path: '/exports/organizations.csv?segment=A' }) },
  'GET /exports/contacts.csv': { ok: () => ({ path: '/exports/contacts.csv' }) },
  'POST /care-plans/rules': { ok: () => ({ path: '/care-plans/rules', body: { label: `Sääntö ${unique()}`, segment: 'B', actionKinds: ['call'], cadenceDays: 45 } }) },
  'PATCH /care-plans/rules/:id': { ok: () => ({ path: `/care-plans/rules/${made.ruleToPatch}`, body: { warningDays: 3 } }) },
  'DELETE /care-plans/rules/:id': { ok: () => ({ path: `/care-plans/rules/${made.ruleToDelete}` }) },
  'POST /care-plans/preview': { ok: () => ({ path: '/care-plans/preview', body: { change: { op: 'update', id: made.ruleToPatch, rule: { cadenceDays: 30 } } } }) },
  'GET /classifications': { ok: () => ({ path: '/classifications' }) },
  'POST /classifications': { ok: () => ({ path: '/classifications', body: { name: `Luokka ${unique()}`, appliesTo: 'contact' } }) },
  'PATCH /classifications/:id': { ok: () => ({ path: `/classifications/${made.nodeToPatch}`, body: { name: `Uusi nimi ${unique()}` } }) },
  'DELETE /classifications/:id': { ok: () => ({ path: `/classifications/${made.nodeToDelete}` }) },
  'POST /handovers': { ok: () => ({ path: '/handovers', body: { fromUserId: made.fromUser, toUserId: made.toUser } }) },
  'POST /manager-assignments': { ok: () => ({ path: '/manager-assignments', body: { organizationIds: [made.someOrg], backupId: null } }) },
  'POST /merges/organizations': { ok: () => ({ path: '/merges/organizations', body: { keepId: made.keepOrg, mergeIds: [made.dupOrg] } }) },
  'POST /merges/contacts': { ok: () => ({ path: '/merges/contacts', body: { keepId: made.keepContact, mergeIds: [made.dupContact] } }) },
  'GET /merges': { ok: () => ({ path: '/merges' }) },
  'GET /dashboard': { ok: () => ({ path: '/dashboard?weeks=4' }) },
  'GET /data-quality': { ok: () => ({ path: '/data-quality' }) },
};
