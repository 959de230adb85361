/**
 * Care-plan administration over HTTP and a real database of its own (the preview counts every
 * customer): names per language, changing what satisfies a rule and whom it applies to, deleting
 * a segment's last rule, the audit of each change, and the preview that writes nothing.
 */
import { fillDefaultRuleLabels } from '../../../server/persistence/setup';
import { startTestApp, type TestApp } from '../../support/testApp';
import { adminToken, createCustomer } from '../fixtures';

let t: TestApp;
let admin: string;
let aino: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const DAY = 86_400_000;

interface AuditItem { action: string; recordId: string | null; changedFields: string[] }
const auditOf = async (recordId: string): Promise<AuditItem[]> =>
  (await t.http.get(`/api/v1/audit?recordId=${encodeURIComponent(recordId)}&pageSize=100`).set(as(admin))).body.items;
/** The overall care-plan status the lookup shows for a contact's customer (null: no plan). */
const overallOf = async (email: string) => {
  const person = (await t.http.get(`/api/v1/lookup?email=${email}`).set(as(aino))).body.people[0];
  return (person.carePlan?.overall ?? null) as string | null;
};
const ruleById = async (id: string) =>
  ((await t.http.get('/api/v1/care-plans').set(as(aino))).body.rules as { id: string }[]).find((r) => r.id === id) as Record<string, unknown> | undefined;

let meetingCustomer: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminToken(t);
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  // The known dataset: three A customers, one of them met 10 days ago, and one C customer.
  meetingCustomer = (await createCustomer(t, aino, { name: 'Tapaamisen Tehdas Oy', domain: 'tapaaminen.fi', segment: 'A' })).orgId;
  await createCustomer(t, aino, { name: 'Hiljainen Oy', domain: 'hiljainen.fi', segment: 'A' });
  await createCustomer(t, aino, { name: 'Toinen Hiljainen Oy', domain: 'toinenhiljainen.fi', segment: 'A' });
  await createCustomer(t, aino, { name: 'Pieni Asiakas Oy', domain: 'pieni.fi', segment: 'C', contactEmail: 'myynti@pieni.fi' });
  const met = await t.http.post('/api/v1/actions').set(as(aino))
    .send({ kind: 'meeting', occurredAt: new Date(Date.now() - 10 * DAY).toISOString(), subject: 'Tapaaminen', organizationId: meetingCustomer });
  expect(met.status).toBe(201);
});
afterAll(() => t.close());

describe('rule names in the user’s language', () => {
  it('the default rules have Finnish, Swedish and English names, in the rule list and in the status the lookup returns', async () => {
    expect(await ruleById('A-meeting')).toMatchObject({ label: 'Meeting', labels: { fi: 'Tapaaminen', sv: 'Möte', en: 'Meeting' } });
    expect(await ruleById('A-review')).toMatchObject({ labels: { fi: 'Vuosisuunnittelupalaveri', sv: 'Årlig planeringsgenomgång' } });
    expect(await ruleById('P-follow-up')).toMatchObject({ labels: { fi: 'Potentiaalisen asiakkaan seuranta', sv: 'Uppföljning av potentiell kund' } });
    const lookup = await t.http.get('/api/v1/lookup?email=myynti@pieni.fi').set(as(aino));
    expect(lookup.body.people[0].carePlan.rules[0]).toMatchObject({
      id: 'C-contact', label: 'Two-way contact', labels: { fi: 'Kaksisuuntainen yhteydenpito', sv: 'Tvåvägskontakt', en: 'Two-way contact' },
    });
  });

  it('a database seeded before the names gets them at start, once, and an administrator’s renamed rule keeps its name', async () => {
    await t.models.CarePlanRule.collection.updateMany({ _id: { $in: ['B-contact', 'B-meeting'] } as never }, { $unset: { labels: '' } });
    await t.models.CarePlanRule.collection.updateOne({ _id: 'B-meeting' as never }, { $set: { label: 'Asiakaskäynti' } });
    expect(await fillDefaultRuleLabels(t.models, t.engine)).toBe(1);
    expect(await fillDefaultRuleLabels(t.models, t.engine)).toBe(0);
    t.repos.reference.invalidate();
    expect(await ruleById('B-contact')).toMatchObject({ label: 'Two-way contact', labels: { fi: 'Kaksisuuntainen yhteydenpito', sv: 'Tvåvägskontakt' } });
    expect(await ruleById('B-meeting')).toMatchObject({ label: 'Asiakaskäynti', labels: { fi: 'Asiakaskäynti', sv: 'Asiakaskäynti', en: 'Asiakaskäynti' } });
  });
});

describe('keeping the rules', () => {
  it('creates a rule named in Finnish, renames it per language, changes its kinds, group and segment, deletes it; each change is audited with its fields', async () => {
    const created = await t.http.post('/api/v1/care-plans/rules').set(as(admin))
      .send({ labels: { fi: 'TE-toimiston kuukausipalaveri' }, segment: 'A', customerGroup: 'employment_office', actionKinds: ['meeting'], cadenceDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      label: 'TE-toimiston kuukausipalaveri',
      labels: { fi: 'TE-toimiston kuukausipalaveri', sv: 'TE-toimiston kuukausipalaveri', en: 'TE-toimiston kuukausipalaveri' },
      segment: 'A', customerGroup: 'employment_office', actionKinds: ['meeting'], warningDays: 7,
    });
    const id = created.body.id as string;

    const renamed = await t.http.patch(`/api/v1/care-plans/rules/${id}`).set(as(admin)).send({ labels: { sv: 'Månadsmöte med arbetskraftsbyrån', en: 'Monthly employment-office meeting' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      label: 'Monthly employment-office meeting',
      labels: { fi: 'TE-toimiston kuukausipalaveri', sv: 'Månadsmöte med arbetskraftsbyrån', en: 'Monthly employment-office meeting' },
    });

    const moved = await t.http.patch(`/api/v1/care-plans/rules/${id}`).set(as(admin)).send({ actionKinds: ['meeting', 'call'], customerGroup: 'public', segment: 'B' });
    expect(moved.status).toBe(200);
    expect(await ruleById(id)).toMatchObject({ segment: 'B', customerGroup: 'public', actionKinds: ['meeting', 'call'], labels: { fi: 'TE-toimiston kuukausipalaveri' } });

    const legacy = await t.http.patch(`/api/v1/care-plans/rules/${id}`).set(as(admin)).send({ label: 'Public-sector check-in' });
    expect(legacy.body).toMatchObject({ label: 'Public-sector check-in', labels: { en: 'Public-sector check-in', fi: 'TE-toimiston kuukausipalaveri' } });

    expect((await t.http.delete(`/api/v1/care-plans/rules/${id}`).set(as(admin))).status).toBe(204);
    expect(await ruleById(id)).toBeUndefined();

    const audit = (await auditOf(id)).reverse();
    expect(audit.map((a) => a.action)).toEqual(['care_plan.create', 'care_plan.update', 'care_plan.update', 'care_plan.update', 'care_plan.delete']);
    expect(audit[1]!.changedFields.sort()).toEqual(['labels.en', 'labels.sv']);
    expect(audit[2]!.changedFields.sort()).toEqual(['actionKinds', 'customerGroup', 'segment']);
  });

  it('a rule may be given its id; a taken id is refused on the id', async () => {
    const body = { id: 'A-quarterly-offer', labels: { fi: 'Neljännesvuositarjous', en: 'Quarterly offer' }, segment: 'A', actionKinds: ['offer'], cadenceDays: 90 };
    const first = await t.http.post('/api/v1/care-plans/rules').set(as(admin)).send(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: 'A-quarterly-offer', label: 'Quarterly offer', labels: { fi: 'Neljännesvuositarjous', sv: 'Neljännesvuositarjous', en: 'Quarterly offer' } });
    const again = await t.http.post('/api/v1/care-plans/rules').set(as(admin)).send(body);
    expect(again.status).toBe(409);
    expect(again.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
    expect((await t.http.delete('/api/v1/care-plans/rules/A-quarterly-offer').set(as(admin))).status).toBe(204);
  });

  it.each([
    [{ segment: 'A', actionKinds: ['meeting'], cadenceDays: 30 }, 'labels.fi'],
    [{ labels: { sv: 'Möte' }, segment: 'A', actionKinds: ['meeting'], cadenceDays: 30 }, 'labels.fi'],
    [{ labels: { fi: 'Kokous', de: 'Treffen' }, segment: 'A', actionKinds: ['meeting'], cadenceDays: 30 }, 'labels.de'],
    [{ labels: { fi: 'Kokous', en: 'Meeting' }, label: 'Call', segment: 'A', actionKinds: ['meeting'], cadenceDays: 30 }, 'label'],
    [{ labels: { fi: 'Kokous' }, segment: 'A', actionKinds: ['meeting', 'telepathy'], cadenceDays: 30 }, 'actionKinds.1'],
    [{ labels: { fi: 'Kokous' }, segment: 'A', actionKinds: ['meeting', 'meeting'], cadenceDays: 30 }, 'actionKinds'],
    [{ labels: { fi: 'Kokous' }, segment: 'Z', actionKinds: ['meeting'], cadenceDays: 30 }, 'segment'],
    [{ labels: { fi: 'Kokous' }, segment: 'A', customerGroup: 'aliens', actionKinds: ['meeting'], cadenceDays: 30 }, 'customerGroup'],
    [{ labels: { fi: 'Kokous' }, segment: 'A', actionKinds: ['meeting'], cadenceDays: 5, warningDays: 5 }, 'warningDays'],
    [{ id: 'has space', labels: { fi: 'Kokous' }, segment: 'A', actionKinds: ['meeting'], cadenceDays: 30 }, 'id'],
  ])('refuses to create %j, naming %s', async (body, field) => {
    const res = await t.http.post('/api/v1/care-plans/rules').set(as(admin)).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it.each([
    [{ labels: {} }, 'labels'],
    [{ labels: { fi: '  ' } }, 'labels.fi'],
    [{ labels: { de: 'Treffen' } }, 'labels.de'],
    [{ segment: 'Q' }, 'segment'],
    [{ customerGroup: 'aliens' }, 'customerGroup'],
    [{ cadenceDays: 7 }, 'cadenceDays'], // the rule's 7-day warning window would be as long
  ])('refuses to change a rule by %j, naming %s', async (patch, field) => {
    const res = await t.http.patch('/api/v1/care-plans/rules/A-contact').set(as(admin)).send(patch);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe('previewing a change', () => {
  const preview = (change: object, token = admin) => t.http.post('/api/v1/care-plans/preview').set(as(token)).send({ change });

  it('tightening the A meeting cadence from 90 to 5 days moves exactly the customer met 10 days ago from on track to overdue, and writes nothing', async () => {
    const rulesBefore = (await t.http.get('/api/v1/care-plans').set(as(aino))).body.rules;
    const auditBefore = (await t.http.get('/api/v1/audit?resource=care_plan&pageSize=100').set(as(admin))).body.items.length;

    const res = await preview({ op: 'update', id: 'A-meeting', rule: { cadenceDays: 5, warningDays: 2 } });
    expect(res.status).toBe(200);
    // The A customers are evaluated; the C customer's plan is not touched.
    expect(res.body).toEqual({
      customers: 3,
      changed: 1,
      transitions: [
        { from: 'on_track', to: 'on_track', count: 2 },
        { from: 'on_track', to: 'overdue', count: 1 },
      ],
    });

    expect((await t.http.get('/api/v1/care-plans').set(as(aino))).body.rules).toEqual(rulesBefore);
    expect(await ruleById('A-meeting')).toMatchObject({ cadenceDays: 90, warningDays: 7 });
    expect((await t.http.get('/api/v1/audit?resource=care_plan&pageSize=100').set(as(admin))).body.items.length).toBe(auditBefore);
    expect(await overallOf('yhteys@tapaaminen.fi')).toBe('on_track');
  });

  it('a new rule shows whom it would make late; deleting a segment’s last rule shows its customers left without a plan', async () => {
    const created = await preview({ op: 'create', rule: { labels: { fi: 'Tiivis tapaamisrytmi' }, segment: 'A', actionKinds: ['meeting'], cadenceDays: 5, warningDays: 2 } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ customers: 3, changed: 1, transitions: [{ from: 'on_track', to: 'on_track', count: 2 }, { from: 'on_track', to: 'overdue', count: 1 }] });

    const deleted = await preview({ op: 'delete', id: 'C-contact' });
    expect(deleted.body).toEqual({ customers: 1, changed: 1, transitions: [{ from: 'on_track', to: null, count: 1 }] });

    // Moving a rule to another segment touches both: the A customers lose their meeting rule, the C customer gains it.
    const moved = await preview({ op: 'update', id: 'A-meeting', rule: { segment: 'C', cadenceDays: 5, warningDays: 2 } });
    expect(moved.body).toEqual({ customers: 4, changed: 0, transitions: [{ from: 'on_track', to: 'on_track', count: 4 }] });
  });

  it('deleting a segment’s last rule for real is allowed: its customers then have no plan', async () => {
    expect((await t.http.delete('/api/v1/care-plans/rules/C-contact').set(as(admin))).status).toBe(204);
    expect(await overallOf('myynti@pieni.fi')).toBeNull();
    const restored = await t.http.post('/api/v1/care-plans/rules').set(as(admin))
      .send({ id: 'C-contact', labels: { fi: 'Kaksisuuntainen yhteydenpito', sv: 'Tvåvägskontakt', en: 'Two-way contact' }, segment: 'C', actionKinds: ['email_in', 'email_out', 'call', 'meeting'], cadenceDays: 180 });
    expect(restored.status).toBe(201);
    expect(await overallOf('myynti@pieni.fi')).toBe('on_track');
  });

  it.each([
    [{ op: 'update', id: 'A-meeting', rule: { actionKinds: ['telepathy'] } }, 400, 'change.rule.actionKinds.0'],
    [{ op: 'update', id: 'A-meeting', rule: { cadenceDays: 5 } }, 400, 'cadenceDays'],
    [{ op: 'update', id: 'A-meeting', rule: {} }, 400, 'change.rule'],
    [{ op: 'update', id: 'A-meeting', rule: { colour: 'red' } }, 400, 'change.rule.colour'],
    [{ op: 'create', rule: { segment: 'A', actionKinds: ['call'], cadenceDays: 30 } }, 400, 'change.rule.labels.fi'],
    [{ op: 'create', rule: { id: 'A-contact', labels: { fi: 'Kopio' }, segment: 'A', actionKinds: ['call'], cadenceDays: 30 } }, 409, 'id'],
    [{ op: 'rename', id: 'A-meeting' }, 400, 'change.op'],
    [{ op: 'delete' }, 400, 'change.id'],
  ])('refuses the change %j as the real write would (%i, %s)', async (change, status, field) => {
    const res = await preview(change);
    expect(res.status).toBe(status);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('a change of a rule that does not exist is a 404; only administrators preview', async () => {
    expect((await preview({ op: 'delete', id: 'no-such-rule' })).status).toBe(404);
    expect((await preview({ op: 'update', id: 'no-such-rule', rule: { cadenceDays: 10 } })).status).toBe(404);
    expect((await preview({ op: 'delete', id: 'A-meeting' }, aino)).status).toBe(403);
  });
});
