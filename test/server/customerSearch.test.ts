/**
 * The customer list's search as the index answers it alone: pages and totals of a query, orders and
 * filters with a query, words found only on a contact, and the index following renames, contact
 * edits and moves. Over the real database (customerList.test.ts covers the kinds of text searched).
 */
import { OrganizationListPageSchema } from '../../shared/contract';
import { ensureSearchIndex } from '../../server/usecases/customerReadModels';
import { startTestApp, type TestApp } from '../support/testApp';
import { adminToken } from './fixtures';

let t: TestApp;
let admin: string;
let aino: string;
let ainoId: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function post(path: string, body: object, token = admin) {
  const res = await t.http.post(`/api/v1${path}`).set(as(token)).send(body);
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

async function patch(path: string, body: object) {
  const res = await t.http.patch(`/api/v1${path}`).set(as(admin)).send(body);
  expect(res.status).toBe(200);
}

async function list(query: string) {
  const res = await t.http.get(`/api/v1/organizations?${query}`).set(as(aino));
  expect(res.status).toBe(200);
  return OrganizationListPageSchema.parse(res.body);
}
const names = async (query: string) => (await list(query)).items.map((o) => o.name);
const search = (q: string, more = '') => names(`q=${encodeURIComponent(q)}&pageSize=200${more}`);

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  ainoId = (await t.http.get('/api/v1/me').set(as(aino))).body.id;
  // Five customers that share the word "Sivukas", created out of name order, in two segments.
  for (const [name, segment] of [['Sivukas Echo Oy', 'B'], ['Sivukas Alfa Oy', 'A'], ['Sivukas Delta Oy', 'C'], ['Sivukas Bravo Oy', 'B'], ['Sivukas Charlie Oy', 'A']] as const) {
    await post('/organizations', { name, segment, ...(name.includes('Alfa') || name.includes('Delta') ? { responsibleId: ainoId } : {}) });
  }
});
afterAll(() => t.close());

describe('pages of a search', () => {
  it('pages the found customers by name and says how many there are in all', async () => {
    const first = await list('q=sivukas&pageSize=2');
    expect(first.items.map((o) => o.name)).toEqual(['Sivukas Alfa Oy', 'Sivukas Bravo Oy']);
    expect(first).toMatchObject({ hasMore: true, total: 5 });
    const second = await list('q=sivukas&pageSize=2&page=2');
    expect(second.items.map((o) => o.name)).toEqual(['Sivukas Charlie Oy', 'Sivukas Delta Oy']);
    expect(second.hasMore).toBe(true);
    const last = await list('q=sivukas&pageSize=2&page=3');
    expect(last.items.map((o) => o.name)).toEqual(['Sivukas Echo Oy']);
    expect(last).toMatchObject({ hasMore: false, total: 5 });
    expect(await list('q=sivukas&pageSize=2&page=4')).toMatchObject({ items: [], hasMore: false, total: 5 });
  });

  it('orders a search by name backwards, and by segment then name', async () => {
    expect(await search('sivukas', '&order=desc')).toEqual(['Sivukas Echo Oy', 'Sivukas Delta Oy', 'Sivukas Charlie Oy', 'Sivukas Bravo Oy', 'Sivukas Alfa Oy']);
    expect(await search('sivukas', '&sort=segment')).toEqual(['Sivukas Alfa Oy', 'Sivukas Charlie Oy', 'Sivukas Bravo Oy', 'Sivukas Echo Oy', 'Sivukas Delta Oy']);
  });

  it('filters a search by segment with the right total, and by a responsible person a page at a time', async () => {
    const b = await list('q=sivukas&segment=B&pageSize=1');
    expect(b.items.map((o) => o.name)).toEqual(['Sivukas Bravo Oy']);
    expect(b).toMatchObject({ hasMore: true, total: 2 });
    const mine = await list(`q=sivukas&responsibleId=${ainoId}&pageSize=1`);
    expect(mine.items.map((o) => o.name)).toEqual(['Sivukas Alfa Oy']);
    expect(mine.hasMore).toBe(true);
    const mine2 = await list(`q=sivukas&responsibleId=${ainoId}&pageSize=1&page=2`);
    expect(mine2.items.map((o) => o.name)).toEqual(['Sivukas Delta Oy']);
    expect(mine2.hasMore).toBe(false);
  });

  it('needs every word: a word of the name and a two-letter word narrow the list', async () => {
    expect(await search('sivukas charlie')).toEqual(['Sivukas Charlie Oy']);
    expect(await search('charlie sivukas oy')).toEqual(['Sivukas Charlie Oy']);
    expect(await search('sivukas zulu')).toEqual([]);
  });

  it('answers a two-letter query from every word that starts with it', async () => {
    expect(await search('si', '&segment=C')).toEqual(['Sivukas Delta Oy']);
    expect((await list('q=oy&pageSize=2')).total).toBeGreaterThanOrEqual(5);
  });
});

describe('what the index follows', () => {
  it("finds a customer by a word only its contact has, and no longer by a contact's old name", async () => {
    const org = (await post('/organizations', { name: 'Pelkkäyritys Oy' })).id;
    const c = (await post('/contacts', { name: 'Tuulikki Ylätalo', emails: ['tuulikki@pelkka-esim.fi'], organizationId: org })).id;
    expect(await search('ylätalo')).toEqual(['Pelkkäyritys Oy']);
    expect(await search('pelkkayritys tuulikki')).toEqual(['Pelkkäyritys Oy']);
    await patch(`/contacts/${c}`, { name: 'Tuulikki Alatalo' });
    expect(await search('ylatalo')).toEqual([]);
    expect(await search('alatalo')).toEqual(['Pelkkäyritys Oy']);
  });

  it('a renamed customer is no longer found by its old name, and is ordered by its new name when found by its contacts', async () => {
    const first = (await post('/organizations', { name: 'Aapinen Oy' })).id;
    await post('/organizations', { name: 'Kaarna Oy' });
    const [kaarna] = (await list('q=kaarna')).items;
    await post('/contacts', { name: 'Veikko Nimikas', emails: ['veikko@nimikas-a.example'], organizationId: first });
    await post('/contacts', { name: 'Vilja Nimikas', emails: ['vilja@nimikas-k.example'], organizationId: kaarna!.id });
    expect(await search('nimikas')).toEqual(['Aapinen Oy', 'Kaarna Oy']);
    await patch(`/organizations/${first}`, { name: 'Öljynen Oy' });
    expect(await search('aapinen')).toEqual([]);
    expect(await search('öljynen')).toEqual(['Öljynen Oy']);
    expect(await search('nimikas')).toEqual(['Kaarna Oy', 'Öljynen Oy']);
    // A change of segment moves it in the segment order of a search too.
    await patch(`/organizations/${first}`, { segment: 'A' });
    expect(await search('nimikas', '&segment=A')).toEqual(['Öljynen Oy']);
  });

  it("a contact moved to another customer takes its words along, under the new customer's name", async () => {
    const from = (await post('/organizations', { name: 'Lähtösatama Oy' })).id;
    const to = (await post('/organizations', { name: 'Tulosatama Oy' })).id;
    const c = (await post('/contacts', { name: 'Reissu Kulkija', emails: ['reissu@matkaaja-esim.fi'], organizationId: from })).id;
    expect(await search('kulkija')).toEqual(['Lähtösatama Oy']);
    await patch(`/contacts/${c}`, { organizationId: to });
    expect(await search('kulkija')).toEqual(['Tulosatama Oy']);
    expect(await search('reissu@matkaaja')).toEqual(['Tulosatama Oy']);
    expect(await search('lähtösatama')).toEqual(['Lähtösatama Oy']);
    expect(await search('lähtösatama kulkija')).toEqual([]);
    expect(await search('tulosatama kulkija')).toEqual(['Tulosatama Oy']);
  });

  it('a database whose index has an older layout gets it rebuilt once at start, and not again', async () => {
    await t.models.SearchPrefix.deleteMany({});
    await t.models.SearchPrefix.create({ _id: '~version', v: 1 });
    expect(await search('sivukas')).toEqual([]);
    expect((await ensureSearchIndex(t.repos)).searchEntries).toBeGreaterThan(0);
    expect(await search('sivukas')).toHaveLength(5);
    expect((await ensureSearchIndex(t.repos)).searchEntries).toBe(0);
  });
});
