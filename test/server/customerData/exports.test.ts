/**
 * CSV exports over the demo data: what Excel needs (BOM, ;), filters, and the round trip —
 * exporting and importing the same file changes nothing. Also checks that care-plan status
 * as a database filter says exactly what the pure computation says, customer by customer.
 */
import { evaluateCarePlan } from '../../../shared/domain/carePlan';
import { CARE_PLAN_STATUSES } from '../../../shared/domain/codes';
import { seedDemo } from '../../../server/seed/demo';
import { statusFilter, statusFilters } from '../../../server/persistence/repositories/carePlanFilters';
import { startTestApp, type TestApp } from '../../support/testApp';
import { customerDataSnapshot } from '../fixtures';

let t: TestApp;
let admin: string;
const now = new Date();
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  await seedDemo(t.models, now);
  admin = await t.tokenFor('admin@omnia.fi', 'admin');
});
afterAll(() => t.close());

async function exportCsv(what: 'organizations' | 'contacts', query = '') {
  const res = await t.http.get(`/api/v1/exports/${what}.csv${query}`).set(as(admin)).buffer(true).parse((r, cb) => {
    const parts: Buffer[] = [];
    r.on('data', (d: Buffer) => parts.push(d));
    r.on('end', () => cb(null, Buffer.concat(parts)));
  });
  expect(res.status).toBe(200);
  return res;
}

const snapshot = () => customerDataSnapshot(t);

const lines = (body: Buffer) => body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('exporting to CSV', () => {
  it('writes UTF-8 with a BOM and ; so that Excel opens it, with external IDs and ä ö å intact', async () => {
    const res = await exportCsv('organizations');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = lines(body);
    expect(header).toBe('id;name;business_id;segment;customer_group;domains;top_id;profinder_id;responsible_email;backup_email;department;classifications;care_plan_status');
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.includes('Hoivakoti Päivänsäde Oy'))).toMatch(/;TOP-\d+;/);
  });

  it('filters by segment, customer group, responsible, department, classification and care-plan status', async () => {
    const count = async (q: string) => lines((await exportCsv('organizations', q)).body as Buffer).length - 1;
    expect(await count('?segment=A')).toBe(await t.models.Organization.countDocuments({ segment: 'A' }));
    expect(await count('?customerGroup=public')).toBe(await t.models.Organization.countDocuments({ customerGroup: 'public' }));
    const aino = await t.models.User.findOne({ email: 'aino.virtanen@omnia.fi' }).lean();
    expect(await count(`?responsibleId=${aino!._id}`)).toBe(await t.models.Organization.countDocuments({ responsibleId: aino!._id }));
    expect(await count('?department=Oppisopimus')).toBe(await t.models.Organization.countDocuments({ department: 'Oppisopimus' }));
    const toimiala = await t.models.ClassificationNode.findOne({ name: 'Toimiala' }).lean();
    const children = await t.models.ClassificationNode.find({ parentId: toimiala!._id }).lean();
    expect(await count(`?classificationId=${toimiala!._id}`)).toBe(
      await t.models.Organization.countDocuments({ classificationIds: { $in: [toimiala!._id, ...children.map((c) => c._id)] } }),
    );
    const overdue = await count('?carePlanStatus=overdue');
    expect(overdue).toBeGreaterThan(0);
    const contacts = lines((await exportCsv('contacts', '?segment=B')).body as Buffer);
    const bIds = new Set((await t.models.Organization.find({ segment: 'B' }, { _id: 1 }).lean()).map((o) => String(o._id)));
    expect(contacts.length - 1).toBe(await t.models.Contact.countDocuments({ organizationId: { $in: [...bIds] } }));
  });

  it('refuses unknown filters and values', async () => {
    const res = await t.http.get('/api/v1/exports/organizations.csv?segment=Z').set(as(admin));
    expect(res.status).toBe(400);
    const unknown = await t.http.get('/api/v1/exports/organizations.csv?colour=red').set(as(admin));
    expect(unknown.status).toBe(400);
  });

  it.each(['en', 'fi'])('export → import round trip changes nothing (%s headers)', async (headers) => {
    const before = await snapshot();
    for (const kind of ['organizations', 'contacts'] as const) {
      const file = (await exportCsv(kind, `?headers=${headers}`)).body as Buffer;
      const res = await t.http.post(`/api/v1/imports?kind=${kind}&dryRun=false`).set(as(admin)).set('Content-Type', 'text/csv').send(file);
      expect(res.status).toBe(201);
      expect(res.body.ignoredColumns).toEqual(kind === 'organizations' ? [headers === 'fi' ? 'hoitosuunnitelman_tila' : 'care_plan_status'] : [headers === 'fi' ? 'asiakas' : 'organization_name']);
      expect(res.body.summary).toEqual({ created: 0, updated: 0, unchanged: kind === 'organizations' ? 30 : await t.models.Contact.estimatedDocumentCount(), errors: 0 });
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('care-plan status as a database filter', () => {
  it('selects exactly the customers the pure computation gives each status', async () => {
    const rules = await t.repos.carePlanRules.all();
    const filters = statusFilters(rules, now, 'Europe/Helsinki');
    const orgs = await t.models.Organization.find().lean();
    for (const status of CARE_PLAN_STATUSES) {
      const expected = orgs
        .filter((o) => evaluateCarePlan(rules, { segment: o.segment, customerGroup: o.customerGroup, createdAt: o.createdAt, lastActionAt: (o.lastActionAt ?? {}) as never }, now)?.overall === status)
        .map((o) => String(o._id))
        .sort();
      const found = (await t.models.Organization.find(statusFilter(filters, status), { _id: 1 }).lean()).map((o) => String(o._id)).sort();
      expect({ status, found }).toEqual({ status, found: expected });
      expect(found.length).toBeGreaterThan(0);
    }
  });
});
