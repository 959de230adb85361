/**
 * The administrator's data-quality desktop over HTTP and a database of its own: what is missing
 * (responsible, backup, email domain, contacts' addresses), likely duplicate customers, the newest
 * import; who may read it.
 */
import { DataQualitySchema } from '../../../shared/contract-admin';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken } from '../fixtures';

let t: TestApp;
let admin: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const ids: Record<string, string> = {};

async function org(key: string, body: Record<string, unknown>) {
  const res = await t.http.post('/api/v1/organizations').set(as(admin)).send(body);
  if (res.status !== 201) throw new Error(`${key}: ${res.status} ${JSON.stringify(res.body)}`);
  ids[key] = res.body.id;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  const users = (await t.http.get('/api/v1/users').set(as(admin))).body.items as { id: string; email: string }[];
  const aino = users.find((u) => u.email === 'aino.virtanen@omnia.fi')!.id;
  const mikko = (await t.http.post('/api/v1/users').set(as(admin)).send({ email: 'mikko.lahtinen@omnia.fi', name: 'Mikko Lahtinen', role: 'account_manager' })).body.id;

  // Complete: responsible, backup and a domain.
  await org('sahko', { name: 'Äänekosken Sähkö Oy', businessId: '0112038-9', emailDomains: ['aanekoskensahko.fi'], responsibleId: aino, backupId: mikko, segment: 'A' });
  // Its likely duplicate, with nothing: no responsible, no backup, no domain.
  await org('sahko2', { name: 'AANEKOSKEN SAHKO', segment: 'P' });
  // A responsible but no backup.
  await org('kahvila', { name: 'Kahvila Åkerlund Ab', emailDomains: ['akerlund.fi'], responsibleId: aino, segment: 'C' });
  await org('kahvila2', { name: 'Kahvila Akerlund', emailDomains: ['kahvila-akerlund.fi'], responsibleId: mikko, backupId: aino, segment: 'C' });
  // Not a duplicate of anyone; a responsible and backup, no domain.
  await org('borealis', { name: 'Borealis Koulutus Oy', responsibleId: mikko, backupId: aino, segment: 'B' });

  const contact = (name: string, organizationId: string, emails: string[]) =>
    t.http.post('/api/v1/contacts').set(as(admin)).send({ name, organizationId, emails });
  expect((await contact('Pekka Puhelin', ids.sahko!, ['pekka@aanekoskensahko.fi'])).status).toBe(201);
  // Contacts without an address come in from older transfers (the API asks for one): stored directly.
  for (const [name, orgKey] of [['Ville Vailla', 'kahvila'], ['Aada Ilman', 'borealis']] as const) {
    await t.repos.contacts.insert(t.repos.contacts.newId(), { organizationId: ids[orgKey]!, name, emails: [], phone: '040 123 4567', title: null, classificationIds: [] });
  }
});
afterAll(() => t.close());

describe('the data-quality desktop', () => {
  it('counts and names the customers without a responsible, a backup or a domain, and contacts without an address', async () => {
    const res = await t.http.get('/api/v1/data-quality').set(as(admin));
    expect(res.status).toBe(200);
    const body = DataQualitySchema.parse(res.body);
    expect(body.counts).toEqual({ withoutResponsible: 1, withoutBackup: 2, withoutDomain: 2, contactsWithoutEmail: 2, likelyDuplicates: 2 });
    expect(body.samples.withoutResponsible).toEqual([{ id: ids.sahko2, name: 'AANEKOSKEN SAHKO' }]);
    expect(body.samples.withoutBackup).toEqual([{ id: ids.sahko2, name: 'AANEKOSKEN SAHKO' }, { id: ids.kahvila, name: 'Kahvila Åkerlund Ab' }]);
    expect(body.samples.withoutDomain).toEqual([{ id: ids.sahko2, name: 'AANEKOSKEN SAHKO' }, { id: ids.borealis, name: 'Borealis Koulutus Oy' }]);
    expect(body.samples.contactsWithoutEmail.map(({ id: _id, ...c }) => c)).toEqual([
      { name: 'Aada Ilman', organizationId: ids.borealis, organizationName: 'Borealis Koulutus Oy' },
      { name: 'Ville Vailla', organizationId: ids.kahvila, organizationName: 'Kahvila Åkerlund Ab' },
    ]);
  });

  it('groups customers whose names differ only in case, accents, punctuation and legal form', async () => {
    const body = (await t.http.get('/api/v1/data-quality').set(as(admin))).body;
    expect(body.duplicates).toEqual([
      {
        key: 'aanekosken sahko',
        organizations: [
          { id: ids.sahko2, name: 'AANEKOSKEN SAHKO', businessId: null },
          { id: ids.sahko, name: 'Äänekosken Sähkö Oy', businessId: '0112038-9' },
        ],
      },
      {
        key: 'kahvila akerlund',
        organizations: [
          { id: ids.kahvila2, name: 'Kahvila Akerlund', businessId: null },
          { id: ids.kahvila, name: 'Kahvila Åkerlund Ab', businessId: null },
        ],
      },
    ]);
  });

  it('shows the newest import, and none before the first', async () => {
    expect((await t.http.get('/api/v1/data-quality').set(as(admin))).body.latestImport).toBeNull();
    const imported = await t.http.post('/api/v1/imports?kind=organizations&dryRun=true').set(as(admin)).set('Content-Type', 'text/csv')
      .send(Buffer.from('nimi\nTuonti Oy\n'));
    expect(imported.status).toBeLessThan(300);
    const latest = (await t.http.get('/api/v1/data-quality').set(as(admin))).body.latestImport;
    expect(latest).toMatchObject({ id: imported.body.id, kind: 'organizations', dryRun: true, status: 'done' });
    expect(latest.rows).toBeUndefined();
  });

  it('a fixed gap leaves the count at once', async () => {
    const mikko = (await t.http.get('/api/v1/users').set(as(admin))).body.items.find((u: { email: string }) => u.email === 'mikko.lahtinen@omnia.fi').id;
    expect((await t.http.patch(`/api/v1/organizations/${ids.kahvila}`).set(as(admin)).send({ backupId: mikko })).status).toBe(200);
    const body = (await t.http.get('/api/v1/data-quality').set(as(admin))).body;
    expect(body.counts.withoutBackup).toBe(1);
    expect(body.samples.withoutBackup).toEqual([{ id: ids.sahko2, name: 'AANEKOSKEN SAHKO' }]);
  });

  it('management reads it; an account manager is refused', async () => {
    const management = await t.tokenFor('rehtori@omnia.fi', 'management', 'Rehtori');
    const manager = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
    expect((await t.http.get('/api/v1/data-quality').set(as(management))).status).toBe(200);
    const refused = await t.http.get('/api/v1/data-quality').set(as(manager));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });
});
