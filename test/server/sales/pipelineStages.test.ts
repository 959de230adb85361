/**
 * The pipeline's stages as administrators keep them (`GET`/`PUT /pipeline/stages`): the defaults
 * until the first change; a new stage with its probability, a renamed and reordered list, a retired
 * stage that keeps its opportunities (and its column while it has some) but takes no new ones; a
 * stage is never removed; a stale change is a 409; bad input names its field.
 */
import { DEFAULT_PIPELINE_STAGES, type StageDefinition } from '../../../shared/contract-sales';
import { startTestApp, type TestApp } from '../../support/testApp';
import { createCustomer, fieldsOf } from '../fixtures';

let t: TestApp;
let admin: string;
let aino: string;
let organizationId: string;
let ainoId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  organizationId = (await createCustomer(t, aino, { name: 'Vaiheikas Oy', domain: 'vaiheikas.fi' })).orgId;
  ainoId = (await t.http.get('/api/v1/me').set('Authorization', `Bearer ${aino}`)).body.id;
});
afterAll(() => t.close());

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const stages = (token = aino) => t.http.get('/api/v1/pipeline/stages').set(as(token));
const put = (body: object, token = admin) => t.http.put('/api/v1/pipeline/stages').set(as(token)).send(body);
const create = (fields: object) => t.http.post('/api/v1/opportunities').set(as(aino)).send({ organizationId, title: 'Vaiheittain', ...fields });
const review: StageDefinition = { key: 'proposal_review', labels: { fi: 'Tarjous arvioitavana', sv: 'Offert under granskning', en: 'Proposal in review' }, probabilityPct: 60, active: true };

test('the defaults until the first change; then a new stage, a rename, a new order and a retired stage, each as the board and new opportunities see them', async () => {
  const before = await stages();
  expect(before.status).toBe(200);
  expect(before.body).toEqual({ version: 0, stages: DEFAULT_PIPELINE_STAGES });
  const early = await create({ stage: 'needs_defined' });
  expect(early.body).toMatchObject({ stage: 'needs_defined', probabilityPct: 25 });
  expect((await create({})).body).toMatchObject({ stage: 'lead', probabilityPct: 10 });

  const [lead, needs, offerSent, negotiation] = DEFAULT_PIPELINE_STAGES as [StageDefinition, StageDefinition, StageDefinition, StageDefinition];
  const changed = [
    { ...lead, labels: { ...lead.labels, en: 'New lead' } },
    offerSent,
    review,
    negotiation,
    { ...needs, active: false },
  ];
  const saved = await put({ version: 0, stages: changed });
  expect(saved.status).toBe(200);
  expect(saved.body).toEqual({ version: 1, stages: changed });
  expect((await stages()).body).toEqual({ version: 1, stages: changed });

  // a new stage gives its probability; a retired one takes no new opportunity, nor a move into it
  expect((await create({ stage: 'proposal_review' })).body).toMatchObject({ stage: 'proposal_review', probabilityPct: 60 });
  const refused = await create({ stage: 'needs_defined' });
  expect(refused.status).toBe(422);
  expect(fieldsOf(refused.body)).toEqual(['stage']);
  const moved = await t.http.patch(`/api/v1/opportunities/${(await create({})).body.id}`).set(as(aino)).send({ version: 0, stage: 'needs_defined' });
  expect({ status: moved.status, fields: fieldsOf(moved.body) }).toEqual({ status: 422, fields: ['stage'] });

  // the opportunity already in the retired stage stays there, and its column with it, in the list's order
  const board = await t.http.get(`/api/v1/opportunities?ownerId=${ainoId}`).set(as(aino));
  expect(board.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['lead', 'offer_sent', 'proposal_review', 'negotiation', 'needs_defined', 'won', 'lost']);
  expect(board.body.stages.find((s: { stage: string }) => s.stage === 'needs_defined').count).toBe(1);
  // it can still change otherwise, and leave the retired stage
  const left = await t.http.patch(`/api/v1/opportunities/${early.body.id}`).set(as(aino)).send({ version: 0, title: 'Edelleen', stage: 'proposal_review' });
  expect(left.body).toMatchObject({ stage: 'proposal_review', probabilityPct: 60 });
  const after = await t.http.get(`/api/v1/opportunities?ownerId=${ainoId}`).set(as(aino));
  expect(after.body.stages.map((s: { stage: string }) => s.stage)).not.toContain('needs_defined');

  // with the first stage retired, a new opportunity starts in the first active one
  const noLead = await put({ version: 1, stages: [{ ...changed[0]!, active: false }, ...changed.slice(1)] });
  expect(noLead.status).toBe(200);
  expect((await create({})).body).toMatchObject({ stage: 'offer_sent', probabilityPct: 50 });
  expect((await create({ stage: 'won' })).body).toMatchObject({ stage: 'won', probabilityPct: 100 });
});

test('a stage is retired, never removed; a change on an old version is a 409; bad lists name the field; only administrators change them', async () => {
  const { body: current } = await stages();
  const removed = await put({ version: current.version, stages: current.stages.slice(1) });
  expect(removed.status).toBe(422);
  expect(fieldsOf(removed.body)).toEqual(['stages']);
  expect(removed.body.error.message).toMatch(/retire/);

  const stale = await put({ version: current.version - 1, stages: current.stages });
  expect(stale.status).toBe(409);
  expect(fieldsOf(stale.body)).toEqual(['version']);

  for (const [why, list, field] of [
    ['two stages with one key', [...current.stages, { ...review }], 'stages.5.key'],
    ['a closing stage among the open ones', [{ ...review, key: 'won' }], 'stages.0.key'],
    ['a key that is not a key', [{ ...review, key: 'Iso Vaihe' }], 'stages.0.key'],
    ['no stage active', current.stages.map((s: StageDefinition) => ({ ...s, active: false })), 'stages'],
    ['a probability over 100', [{ ...review, probabilityPct: 101 }], 'stages.0.probabilityPct'],
    ['a name missing in Swedish', [{ ...review, labels: { fi: 'X', en: 'X' } }], 'stages.0.labels.sv'],
    ['no stages', [], 'stages'],
  ] as const) {
    const res = await put({ version: current.version, stages: list });
    expect({ why, status: res.status, fields: fieldsOf(res.body) }).toEqual({ why, status: 400, fields: [field] });
  }
  expect((await put({ version: current.version, stages: current.stages }, aino)).status).toBe(403);
  expect((await stages()).body).toEqual(current);

  const unknown = await create({ stage: 'no_such_stage' });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['stage'] });
});
