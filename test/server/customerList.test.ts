/**
 * The web app's customer list, search, customer page and contact page, over the real database:
 * search through the prefix index, the list's filters and sorts (and the export of the same view),
 * the customer's contacts, its timeline a page at a time, a contact's page, and moving a contact.
 */
import { OrganizationListItemSchema, TimelinePageSchema } from '../../shared/contract';
import { ensureReadModels, rebuildSearchIndex } from '../../server/usecases/customerReadModels';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken } from './fixtures';

let t: TestApp;
let admin: string;
let aino: string;
let mikko: string;
let ainoId: string;
let mikkoId: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function post(path: string, body: object, token = admin) {
  const res = await t.http.post(`/api/v1${path}`).set(as(token)).send(body);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; organizationId?: string };
}

const names = (body: { items: { name: string }[] }) => body.items.map((o) => o.name);
async function list(query: string, token = aino) {
  const res = await t.http.get(`/api/v1/organizations?${query}`).set(as(token));
  expect(res.status).toBe(200);
  for (const item of res.body.items) expect(() => OrganizationListItemSchema.parse(item)).not.toThrow();
  return res.body as { items: { id: string; name: string; carePlanStatus: string | null; lastActionAt: string | null }[]; hasMore: boolean };
}
const search = async (q: string) => names(await list(`q=${encodeURIComponent(q)}&pageSize=200`));

let sahko: string;
let sahkotyo: string;
let energia: string;
let matti: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.manninen@omnia.fi', 'account_manager', 'Mikko Manninen');
  ainoId = (await t.http.get('/api/v1/me').set(as(aino))).body.id;
  mikkoId = (await t.http.get('/api/v1/me').set(as(mikko))).body.id;
  sahko = (await post('/organizations', {
    name: 'Äänekosken Sähkö Oy', businessId: '0112038-9', segment: 'A', emailDomains: ['aanekoskensahko.fi'], responsibleId: ainoId, department: 'Energia',
  })).id;
  sahkotyo = (await post('/organizations', { name: 'Sähkötyö Lahtinen Oy', segment: 'B', responsibleId: mikkoId, backupId: ainoId })).id;
  energia = (await post('/organizations', { name: 'Jyväskylän Energia Oy', segment: 'C', customerGroup: 'public', responsibleId: mikkoId })).id;
  matti = (await post('/contacts', { name: 'Matti Virtanen', emails: ['matti.virtanen@aanekoskensahko.fi'], organizationId: sahko }, aino)).id;
  await post('/contacts', { name: 'Liisa Kärkkäinen', emails: ['liisa@kotiposti-esim.fi'], organizationId: energia });
});
afterAll(() => t.close());

describe('searching customers', () => {
  it('finds a name without its accents, in any case, and by a word in the middle of the name', async () => {
    expect(await search('aanekos')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('ÄÄNEKOSKEN')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('sähkö')).toEqual(['Sähkötyö Lahtinen Oy', 'Äänekosken Sähkö Oy'].sort());
    expect(await search('jyvaskylan')).toEqual(['Jyväskylän Energia Oy']);
  });

  it('finds a customer by the start of its business ID, with or without the dash', async () => {
    expect(await search('0112')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('0112038-9')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('01120389')).toEqual(['Äänekosken Sähkö Oy']);
  });

  it("finds a customer by a contact's name or address, and by its mail domain", async () => {
    expect(await search('virtanen')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('kärkkäinen')).toEqual(['Jyväskylän Energia Oy']);
    expect(await search('matti.virtanen@aanekoskensahko.fi')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('aanekoskensahko.fi')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('kotiposti')).toEqual(['Jyväskylän Energia Oy']);
  });

  it('needs every word to match: two words narrow the list down', async () => {
    expect(await search('sähkö lahtinen')).toEqual(['Sähkötyö Lahtinen Oy']);
    expect(await search('sähkö matti')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await search('sähkö energia')).toEqual([]);
  });

  it('no longer finds a renamed customer by its old name', async () => {
    const id = (await post('/organizations', { name: 'Vanhanimi Oy' })).id;
    expect(await search('vanhanimi')).toEqual(['Vanhanimi Oy']);
    expect((await t.http.patch(`/api/v1/organizations/${id}`).set(as(admin)).send({ name: 'Uusinimi Oy' })).status).toBe(200);
    expect(await search('vanhanimi')).toEqual([]);
    expect(await search('uusinimi')).toEqual(['Uusinimi Oy']);
  });

  it('finds imported customers and contacts, and lists the imported contacts on their customer', async () => {
    const csv = async (kind: string, lines: string[]) => {
      const res = await t.http.post(`/api/v1/imports?kind=${kind}&dryRun=false`).set(as(admin)).set('Content-Type', 'text/csv').send(Buffer.from(lines.join('\r\n') + '\r\n'));
      expect(res.status).toBe(201);
    };
    await csv('organizations', ['nimi;y-tunnus;verkkotunnukset', 'Tuontipöllö Oy;2980005-2;tuontipollo.fi']);
    expect(await search('tuontipollo')).toEqual(['Tuontipöllö Oy']);
    const [org] = (await list('q=2980005')).items;
    await csv('contacts', ['nimi;sähköposti;asiakkaan_tunniste', `Hertta Tuoja;hertta@tuontipollo.fi;${org!.id}`]);
    expect(await search('hertta')).toEqual(['Tuontipöllö Oy']);
    const contacts = await t.http.get(`/api/v1/organizations/${org!.id}/contacts`).set(as(aino));
    expect(contacts.body.items.map((c: { name: string }) => c.name)).toEqual(['Hertta Tuoja']);
  });

  it('a one-character query matches names by their start', async () => {
    expect(await search('j')).toEqual(['Jyväskylän Energia Oy']);
  });

  it('is rebuilt from the customers and contacts when the index is lost', async () => {
    await t.models.SearchPrefix.deleteMany({});
    expect(await search('virtanen')).toEqual([]);
    expect(await rebuildSearchIndex(t.repos)).toBeGreaterThan(0);
    expect(await search('virtanen')).toEqual(['Äänekosken Sähkö Oy']);
  });
});

describe('filtering and sorting the list', () => {
  let parent: string;
  let child: string;
  beforeAll(async () => {
    parent = (await post('/classifications', { name: 'Toimiala', appliesTo: 'organization' })).id;
    child = (await post('/classifications', { name: 'Energia-ala', appliesTo: 'organization', parentId: parent })).id;
    await t.http.patch(`/api/v1/organizations/${energia}`).set(as(admin)).send({ classificationIds: [child] });
    // Äänekosken Sähkö (A) was called today: on track; Sähkötyö Lahtinen (B, a call every 60 days) 200 days ago: overdue.
    await post('/actions', { kind: 'call', occurredAt: new Date().toISOString(), subject: 'Soitto', organizationId: sahko, contactIds: [matti] }, aino);
    await post('/actions', { kind: 'call', occurredAt: new Date(Date.now() - 200 * 86_400_000).toISOString(), subject: 'Vanha soitto', organizationId: sahkotyo });
  });
  const ours = async (query: string) => names(await list(`${query}&pageSize=200`)).filter((n) => ['Äänekosken Sähkö Oy', 'Sähkötyö Lahtinen Oy', 'Jyväskylän Energia Oy'].includes(n));

  it('filters by segment, customer group, department, responsible, backup and manager', async () => {
    expect(await ours('segment=B')).toEqual(['Sähkötyö Lahtinen Oy']);
    expect(await ours('customerGroup=public')).toEqual(['Jyväskylän Energia Oy']);
    expect(await ours('department=Energia')).toEqual(['Äänekosken Sähkö Oy']);
    expect(await ours(`responsibleId=${mikkoId}`)).toEqual(['Jyväskylän Energia Oy', 'Sähkötyö Lahtinen Oy']);
    expect(await ours(`backupId=${ainoId}`)).toEqual(['Sähkötyö Lahtinen Oy']);
    // Aino is responsible for Äänekosken Sähkö and backup of Sähkötyö Lahtinen.
    expect(await ours(`managerId=${ainoId}`)).toEqual(['Sähkötyö Lahtinen Oy', 'Äänekosken Sähkö Oy']);
    expect(await ours(`managerId=${ainoId}&q=sähkö`)).toEqual(['Sähkötyö Lahtinen Oy', 'Äänekosken Sähkö Oy']);
  });

  it('filters by a classification and everything under it', async () => {
    expect(await ours(`classificationId=${parent}`)).toEqual(['Jyväskylän Energia Oy']);
    expect(await ours(`classificationId=${child}`)).toEqual(['Jyväskylän Energia Oy']);
  });

  it('filters and sorts by care-plan status, and shows the status and the last action on each item', async () => {
    const items = (await list('q=sähkö&sort=status')).items;
    expect(items.map((i) => [i.name, i.carePlanStatus])).toEqual([['Sähkötyö Lahtinen Oy', 'overdue'], ['Äänekosken Sähkö Oy', 'on_track']]);
    expect(items.map((i) => i.lastActionAt)).toEqual([expect.any(String), expect.any(String)]);
    expect((await list('q=jyväskylän')).items[0]).toMatchObject({ carePlanStatus: 'on_track', lastActionAt: null });
    expect(await ours('carePlanStatus=overdue')).toEqual(['Sähkötyö Lahtinen Oy']);
    expect(await ours('carePlanStatus=on_track')).toEqual(['Jyväskylän Energia Oy', 'Äänekosken Sähkö Oy']);
    const byStatus = await ours('sort=status');
    expect(byStatus.indexOf('Sähkötyö Lahtinen Oy')).toBeLessThan(byStatus.indexOf('Äänekosken Sähkö Oy'));
    const desc = await ours('sort=status&order=desc');
    expect(desc.indexOf('Äänekosken Sähkö Oy')).toBeLessThan(desc.indexOf('Sähkötyö Lahtinen Oy'));
  });

  it('sorts by the last action, newest first', async () => {
    expect((await ours('sort=lastAction&order=desc'))[0]).toBe('Äänekosken Sähkö Oy');
  });

  it('refuses an unknown filter value naming the field', async () => {
    for (const [query, field] of [['carePlanStatus=late', 'carePlanStatus'], ['sort=size', 'sort'], ['managerId=x', 'managerId'], ['segment=Z', 'segment'], ['colour=red', 'colour']]) {
      const res = await t.http.get(`/api/v1/organizations?${query}`).set(as(aino));
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
  });

  it('exports exactly the filtered view of the list', async () => {
    const view = `q=oy&managerId=${ainoId}&sort=name`;
    const listed = (await list(`${view}&pageSize=200`)).items.map((i) => i.id);
    const csv = await t.http.get(`/api/v1/exports/organizations.csv?${view}`).set(as(admin)).buffer(true);
    expect(csv.status).toBe(200);
    const ids = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n').slice(1).map((r) => r.split(';')[0]);
    expect(ids).toEqual(listed);
    expect(ids).toHaveLength(2);
    const filtered = await t.http.get(`/api/v1/exports/organizations.csv?carePlanStatus=overdue&sort=status`).set(as(admin)).buffer(true);
    expect(filtered.text).toContain('Sähkötyö Lahtinen Oy');
    expect(filtered.text).not.toContain('Äänekosken Sähkö Oy');
    expect((await t.http.get('/api/v1/exports/organizations.csv?sort=size').set(as(admin))).body.error.fields[0].path).toBe('sort');
  });
});

describe('the customer page and the contact page', () => {
  let org: string;
  let liisa: string;
  let pekka: string;
  beforeAll(async () => {
    org = (await post('/organizations', { name: 'Aikajana Oy', segment: 'A', responsibleId: ainoId, backupId: mikkoId })).id;
    liisa = (await post('/contacts', { name: 'Liisa Aikajana', emails: ['liisa@aikajana.fi'], organizationId: org }, aino)).id;
    pekka = (await post('/contacts', { name: 'Pekka Aikajana', emails: ['pekka@aikajana.fi'], organizationId: org }, aino)).id;
    // 9 actions over three months; Mikko logs every third, Liisa is on the even ones, Pekka on the odd ones.
    for (let i = 0; i < 9; i++) {
      const month = String(8 + Math.floor(i / 3)).padStart(2, '0');
      await post('/actions', {
        kind: (['call', 'meeting', 'note'] as const)[i % 3], occurredAt: `2026-${month}-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
        subject: `Toimenpide ${i}`, organizationId: org, contactIds: [i % 2 ? pekka : liisa],
      }, i % 3 === 2 ? mikko : aino);
    }
  });
  const timeline = async (path: string) => {
    const res = await t.http.get(`/api/v1${path}`).set(as(aino));
    expect(res.status).toBe(200);
    return TimelinePageSchema.parse(res.body);
  };
  const subjects = (p: { items: { subject: string }[] }) => p.items.map((a) => Number(a.subject.split(' ')[1]));

  it("lists the customer's contacts", async () => {
    const res = await t.http.get(`/api/v1/organizations/${org}/contacts`).set(as(mikko));
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(['Liisa Aikajana', 'Pekka Aikajana']);
    expect((await t.http.get('/api/v1/organizations/0123456789abcdef01234567/contacts').set(as(aino))).status).toBe(404);
  });

  it('pages the whole timeline newest first by cursor, across months', async () => {
    const seen: number[] = [];
    let path = `/organizations/${org}/actions?limit=4`;
    for (;;) {
      const page = await timeline(path);
      seen.push(...subjects(page));
      if (!page.nextCursor) break;
      path = `/organizations/${org}/actions?limit=4&before=${page.nextCursor}`;
    }
    expect(seen).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0]);
    const bad = await t.http.get(`/api/v1/organizations/${org}/actions?before=bm90LWEtY3Vyc29y`).set(as(aino));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('before');
  });

  it('filters the timeline by kinds, by who logged and by contact', async () => {
    expect(subjects(await timeline(`/organizations/${org}/actions?kind=call&kind=meeting`))).toEqual([7, 6, 4, 3, 1, 0]);
    expect(subjects(await timeline(`/organizations/${org}/actions?kind=note`))).toEqual([8, 5, 2]);
    expect(subjects(await timeline(`/organizations/${org}/actions?loggedBy=${mikkoId}`))).toEqual([8, 5, 2]);
    expect(subjects(await timeline(`/organizations/${org}/actions?contactId=${pekka}`))).toEqual([7, 5, 3, 1]);
    const paged = await timeline(`/organizations/${org}/actions?contactId=${liisa}&limit=2`);
    expect(subjects(paged)).toEqual([8, 6]);
    expect(subjects(await timeline(`/organizations/${org}/actions?contactId=${liisa}&limit=2&before=${paged.nextCursor}`))).toEqual([4, 2]);
    expect((await t.http.get(`/api/v1/organizations/${org}/actions?kind=dance`).set(as(aino))).body.error.fields[0].path).toMatch(/^kind/);
  });

  it("shows a contact's page: the actions that involve the contact", async () => {
    expect(subjects(await timeline(`/contacts/${pekka}/actions`))).toEqual([7, 5, 3, 1]);
    expect(subjects(await timeline(`/contacts/${pekka}/actions?kind=call`))).toEqual([3]);
    expect((await t.http.get(`/api/v1/contacts/${pekka}/actions?contactId=${liisa}`).set(as(aino))).status).toBe(400);
  });

  it("a merged customer's timeline includes the duplicate's actions", async () => {
    const dup = (await post('/organizations', { name: 'Aikajana Oyj', segment: 'A', responsibleId: ainoId })).id;
    await post('/actions', { kind: 'meeting', occurredAt: '2026-07-01T10:00:00Z', subject: 'Toimenpide 100', organizationId: dup }, aino);
    await post('/actions', { kind: 'meeting', occurredAt: '2026-09-30T10:00:00Z', subject: 'Toimenpide 50', organizationId: dup }, aino);
    expect((await t.http.post('/api/v1/merges/organizations').set(as(admin)).send({ keepId: org, mergeIds: [dup] })).status).toBe(200);
    const all = await timeline(`/organizations/${org}/actions?limit=100`);
    expect(subjects(all)).toEqual([8, 7, 6, 50, 5, 4, 3, 2, 1, 0, 100]);
    expect(all.items.every((a) => a.organizationId === org)).toBe(true);
    expect(await search('oyj')).toEqual([]);
  });

  it('builds the contact list and timeline of a customer written before they existed', async () => {
    await t.models.Organization.updateOne({ _id: org }, { $unset: { contactIds: 1, timelineMonths: 1, lastActionAny: 1 } });
    await t.models.TimelineBucket.deleteMany({ organizationId: org });
    expect((await ensureReadModels(t.repos)).customers).toBeGreaterThanOrEqual(1);
    expect(subjects(await timeline(`/organizations/${org}/actions?limit=3`))).toEqual([8, 7, 6]);
    const contacts = await t.http.get(`/api/v1/organizations/${org}/contacts`).set(as(aino));
    expect(contacts.body.items).toHaveLength(2);
    expect((await list('q=aikajana&sort=lastAction')).items[0]!.lastActionAt).toEqual(expect.any(String));
  });
});

describe('moving a contact to another customer', () => {
  it('moves it from one customer to the other: their contact lists, the search, and who its address belongs to', async () => {
    const from = (await post('/organizations', { name: 'Lähtö Oy', segment: 'B', responsibleId: ainoId })).id;
    const to = (await post('/organizations', { name: 'Määränpää Oy', segment: 'B', responsibleId: ainoId })).id;
    const c = (await post('/contacts', { name: 'Siirtyvä Henkilö', emails: ['siirtyva@lahto-esim.fi'], organizationId: from }, aino)).id;
    expect(await search('siirtyva')).toEqual(['Lähtö Oy']);

    const res = await t.http.patch(`/api/v1/contacts/${c}`).set(as(aino)).send({ organizationId: to });
    expect(res.status).toBe(200);
    expect(res.body.organizationId).toBe(to);
    const contactsOf = async (id: string) => (await t.http.get(`/api/v1/organizations/${id}/contacts`).set(as(aino))).body.items.map((x: { id: string }) => x.id);
    expect(await contactsOf(from)).toEqual([]);
    expect(await contactsOf(to)).toEqual([c]);
    expect(await search('siirtyva')).toEqual(['Määränpää Oy']);
    const lookup = await t.http.get('/api/v1/lookup?email=siirtyva@lahto-esim.fi').set(as(aino));
    expect(lookup.body.people[0]).toMatchObject({ match: 'contact', organization: { id: to } });
  });

  it('lets an account manager move only a contact of their own customer, and only to a customer that exists', async () => {
    const own = (await post('/organizations', { name: 'Oma Siirto Oy', responsibleId: ainoId })).id;
    const c = (await post('/contacts', { name: 'Oma Henkilö', emails: ['oma@omasiirto-esim.fi'], organizationId: own }, aino)).id;
    const nowhere = await t.http.patch(`/api/v1/contacts/${c}`).set(as(aino)).send({ organizationId: '0123456789abcdef01234567' });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.error.fields[0].path).toBe('organizationId');
    const malformed = await t.http.patch(`/api/v1/contacts/${c}`).set(as(aino)).send({ organizationId: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].path).toBe('organizationId');
    // Mikko looks after neither the contact's customer nor Aino's.
    expect((await t.http.patch(`/api/v1/contacts/${c}`).set(as(mikko)).send({ organizationId: energia })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/contacts/${c}`).set(as(aino)).send({ organizationId: energia })).status).toBe(403);
  });
});
