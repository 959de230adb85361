/**
 * Campaign mailings over the real database and a real SMTP server (the `smtp-server` sink on
 * loopback): what the relay receives (headers, texts per language, the unsubscribe link), who is
 * skipped and why, a relay that refuses an address, the unsubscribe round trip, and merge fields
 * that cannot become markup or headers.
 */
import { smtpMailer } from '../../../server/mail/mailer';
import { startSmtpSink, type SmtpSink } from '../../../server/mail/smtpSink';
import { startTestApp, type TestApp } from '../../support/testApp';
import { fieldsOf } from '../fixtures';
import { seedAudience, type Audience } from './audience';

let t: TestApp;
let sink: SmtpSink;
let aino: string;
let mikko: string;
let leena: string;

beforeAll(async () => {
  sink = await startSmtpSink({ keep: 5_000 });
  t = await startTestApp({
    overrides: { mail: { mailer: smtpMailer(sink.url, { maxConnections: 4 }), from: 'Testiopisto <crm@testiopisto.fi>', ratePerMinute: 100_000, concurrency: 8, pollMs: 3_600_000 } },
  });
  aino = await t.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
  mikko = await t.tokenFor('mikko.korhonen@omnia.fi', 'account_manager', 'Mikko Korhonen');
  leena = await t.tokenFor('leena.hamalainen@omnia.fi', 'management', 'Leena Hämäläinen');
}, 120_000);
afterAll(async () => {
  await t.sender?.stop();
  await t.close();
  await sink.close();
});

const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const post = (token: string, path: string, body: object) => t.http.post(`/api/v1${path}`).set(as(token)).send(body);
const get = (token: string, path: string) => t.http.get(`/api/v1${path}`).set(as(token));

/** A static selection of the customers, a campaign aimed at it, and a draft mailing of the campaign. */
async function campaignFor(customerIds: readonly string[], texts: object, exclusion: readonly string[] = []) {
  const sel = await post(aino, '/selections', { name: `Kohde ${Math.random()}`, kind: 'static', memberIds: customerIds });
  expect(sel.status).toBe(201);
  const excl = exclusion.length ? (await post(aino, '/selections', { name: 'Pois', kind: 'static', memberIds: exclusion })).body.id : null;
  const campaign = await post(aino, '/campaigns', {
    name: 'Kevään koulutukset', purpose: 'Kevään avoimet koulutukset', startsOn: '2026-12-01', endsOn: '2027-02-28',
    targetSelectionIds: [sel.body.id], exclusionSelectionIds: excl ? [excl] : [],
  });
  expect(campaign.status).toBe(201);
  const mailing = await post(aino, `/campaigns/${campaign.body.id}/mailings`, texts);
  expect(mailing.status).toBe(201);
  return { campaignId: campaign.body.id as string, mailingId: mailing.body.id as string };
}

async function sendAndWait(mailingId: string, expectedCustomers: number) {
  const sent = await post(aino, `/mailings/${mailingId}/send`, { version: 0, expectedCustomers });
  expect(sent.status).toBe(200);
  expect(sent.body.state).toBe('sending');
  await t.sender!.runOnce();
  const after = await get(aino, `/mailings/${mailingId}`);
  return after.body;
}

const TEXTS = {
  subject: { fi: 'Kevään koulutukset, {{firstName}}', sv: 'Vårens utbildningar, {{firstName}}' },
  body: { fi: 'Hei {{firstName}},\n\n{{customerName}} on tervetullut kevään koulutuksiin.\n\nTerveisin {{senderName}}', sv: 'Hej {{firstName}},\n\nVälkommen, {{customerName}}.' },
};

describe('a mailing to a thousand contacts', () => {
  let audience: Audience;
  let mailing: Record<string, unknown> & { id: string };

  beforeAll(async () => {
    audience = await seedAudience(t, 1_000, { language: (i) => (i % 10 === 0 ? 'sv' : null) });
    // three have opted out of marketing mail
    for (const i of [5, 500, 999]) await t.repos.contacts.setMarketing(audience.contactIds[i]!, { consent: 'opted_out' }, new Date());
    sink.clear();
    const { mailingId } = await campaignFor(audience.customerIds, TEXTS);
    mailing = await sendAndWait(mailingId, 1_000);
  }, 300_000);

  test('997 are sent, once each, and the 3 who opted out are skipped with the reason', async () => {
    expect(mailing).toMatchObject({ state: 'sent', counts: { total: 1_000, queued: 0, sending: 0, sent: 997, failed: 0, skipped: 3 } });
    const received = sink.messages().flatMap((m) => m.to);
    expect(received).toHaveLength(997);
    expect(new Set(received).size).toBe(997);
    for (const i of [5, 500, 999]) expect(received).not.toContain(audience.emails[i]);
    const skipped = await get(aino, `/mailings/${mailing.id}/recipients?state=skipped`);
    expect(skipped.body.items.map((r: { email: string; reason: string }) => [r.email, r.reason])).toEqual([5, 500, 999].map((i) => [audience.emails[i], 'opted_out']));
  });

  test('each mail is in the contact’s language with the merge fields filled, and carries an unsubscribe link and header', () => {
    const fi = sink.messages().find((m) => m.to[0] === audience.emails[1])!;
    expect(fi.subject).toBe('Kevään koulutukset, Etunimi1');
    expect(fi.text).toContain('Hei Etunimi1,\n\nAsiakas 0001 Oy on tervetullut kevään koulutuksiin.\n\nTerveisin Aino Virtanen');
    expect(fi.headers.from).toBe('Testiopisto <crm@testiopisto.fi>');
    const link = /https:\/\/crm\.testiopisto\.fi\/p\/unsubscribe\/[A-Za-z0-9_.-]+/.exec(fi.text)?.[0];
    expect(link).toBeDefined();
    expect(fi.text).toContain(`Peru tilaus: ${link}`);
    expect(fi.headers['list-unsubscribe']).toBe(`<${link}>`);
    expect(fi.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(fi.html).toContain(`<a href="${link}">`);
    const sv = sink.messages().find((m) => m.to[0] === audience.emails[10])!;
    expect(sv.subject).toBe('Vårens utbildningar, Etunimi10');
    expect(sv.text).toContain('Välkommen, Asiakas 0010 Oy.');
    expect(sv.text).toContain('Avsluta prenumerationen: https://crm.testiopisto.fi/p/unsubscribe/');
  });

  test('each sent mail is a `mailing` action on its customer, which does not count as two-way contact', async () => {
    const actions = await get(aino, `/organizations/${audience.customerIds[1]}/actions`);
    expect(actions.body.items).toEqual([expect.objectContaining({ kind: 'mailing', subject: 'Kevään koulutukset, Etunimi1', contactIds: [audience.contactIds[1]] })]);
    const customer = await get(aino, `/organizations/${audience.customerIds[1]}`);
    // the B customers' two-way contact rule has not been met by the mailing
    expect(customer.body.carePlan.rules.map((r: { id: string; lastAt: string | null }) => [r.id, r.lastAt])).toEqual([['B-contact', null], ['B-meeting', null]]);
    expect((await get(aino, `/organizations/${audience.customerIds[5]}/actions`)).body.items).toEqual([]);
  });

  test('the unsubscribe round trip: the page asks, the POST opts out, the next mailing skips the contact, the campaign counts it', async () => {
    const fi = sink.messages().find((m) => m.to[0] === audience.emails[2])!;
    const path = new URL(fi.headers['list-unsubscribe']!.slice(1, -1)).pathname;
    const page = await t.http.get(path);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<html lang="fi">');
    expect(page.text).toContain('Peru tilaus</button>');
    expect(page.text).not.toContain(audience.emails[2]);
    // only asked: nothing changed yet
    expect((await t.repos.contacts.get(audience.contactIds[2]!))!.marketingConsent).toBe('unknown');
    const done = await t.http.post(path).type('form').send({ 'List-Unsubscribe': 'One-Click' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Tilaus on peruttu');
    expect((await t.repos.contacts.get(audience.contactIds[2]!))!.marketingConsent).toBe('opted_out');
    // twice is once
    expect((await t.http.post(path).type('form').send({})).status).toBe(200);
    const results = await get(leena, `/campaigns/${mailing.campaignId}`);
    expect(results.body.totals).toMatchObject({ sent: 997, skipped: 3, optedOut: 1 });
    // the reports page's campaign results say the same, and its download is that table
    const month = new Date().toISOString().slice(0, 7);
    const report = await get(leena, `/reports/campaigns?from=${month}&to=${month}`);
    expect(report.status).toBe(200);
    expect(report.body.campaigns).toContainEqual(expect.objectContaining({ id: mailing.campaignId, mailings: 1, sent: 997, failed: 0, skipped: 3, optedOut: 1 }));
    const csv = await get(leena, `/reports/campaigns/download?from=${month}&to=${month}&table=byCampaign&format=csv&lang=fi`);
    expect(csv.text.split('\r\n')[0]).toBe('\ufeffKampanja;Viestejä;Lähetetty;Epäonnistui;Ohitettu;Perui tilauksen');

    sink.clear();
    const next = await campaignFor(audience.customerIds.slice(0, 20), TEXTS);
    const second = await sendAndWait(next.mailingId, 20);
    expect(second.counts).toMatchObject({ sent: 18, skipped: 2 });
    expect(sink.messages().flatMap((m) => m.to)).not.toContain(audience.emails[2]);
  });
});

test('a relay that refuses one address: that recipient fails with the relay’s answer, the rest are sent', async () => {
  const audience = await seedAudience(t, 5, { prefix: 'torjunta' });
  sink.refuse(audience.emails[2]!, '5.1.1 <yhteys2@torjunta2.fi>: Recipient address rejected: User unknown');
  sink.clear();
  const { mailingId } = await campaignFor(audience.customerIds, TEXTS);
  const done = await sendAndWait(mailingId, 5);
  expect(done).toMatchObject({ state: 'sent', counts: { sent: 4, failed: 1, skipped: 0 } });
  const failed = await get(aino, `/mailings/${mailingId}/recipients?state=failed`);
  expect(failed.body.items).toEqual([expect.objectContaining({ email: audience.emails[2], state: 'failed', error: expect.stringContaining('User unknown') })]);
  expect(sink.messages().flatMap((m) => m.to).sort()).toEqual([0, 1, 3, 4].map((i) => audience.emails[i]).sort());
});

test('merge fields stay text: a name with markup or a line break cannot add HTML or a header', async () => {
  const audience = await seedAudience(t, 1, { prefix: 'ilkeä', name: () => 'Paha <script>alert(1)</script>\r\nBcc: kaikki@example.com Oy' });
  sink.clear();
  const { mailingId } = await campaignFor(audience.customerIds, { subject: { fi: 'Tervetuloa {{customerName}}' }, body: { fi: 'Hei {{customerName}}!' } });
  await sendAndWait(mailingId, 1);
  const [m] = sink.messages();
  expect(m!.to).toEqual([audience.emails[0]]);
  expect(m!.headers.bcc).toBeUndefined();
  expect(m!.subject).toBe('Tervetuloa Paha <script>alert(1)</script> Bcc: kaikki@example.com Oy');
  expect(m!.html).toContain('Hei Paha &lt;script&gt;alert(1)&lt;/script&gt;');
  expect(m!.html).not.toContain('<script>');
});

test('an exclusion selection takes its customers out; the count is confirmed before sending', async () => {
  const audience = await seedAudience(t, 4, { prefix: 'rajaus' });
  const { campaignId, mailingId } = await campaignFor(audience.customerIds, TEXTS, [audience.customerIds[0]!]);
  expect((await get(aino, `/campaigns/${campaignId}/audience`)).body).toEqual({ customers: 3, excludedCustomers: 1 });
  const wrong = await post(aino, `/mailings/${mailingId}/send`, { version: 0, expectedCustomers: 4 });
  expect({ status: wrong.status, fields: fieldsOf(wrong.body) }).toEqual({ status: 409, fields: ['expectedCustomers'] });
  sink.clear();
  const done = await sendAndWait(mailingId, 3);
  expect(done).toMatchObject({ counts: { total: 3, sent: 3 }, excludedCustomers: 1 });
  expect(sink.messages().flatMap((m) => m.to)).not.toContain(audience.emails[0]);
  // the list of campaigns counts the campaign's mailings and those sent
  await post(aino, `/campaigns/${campaignId}/mailings`, TEXTS);
  const list = await get(leena, '/campaigns');
  expect(list.body.items.find((c: { id: string }) => c.id === campaignId)).toMatchObject({ mailingCount: 2, sentMailingCount: 1 });
});

test('a campaign aimed at a selection over contacts mails only its matching contacts; an exclusion over contacts takes out only those', async () => {
  const admin = await t.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
  // three customers, each with a contact without a title (the seed's) and a rector; the second also a deputy rector
  const audience = await seedAudience(t, 3, { prefix: 'rooli' });
  const add = async (i: number, name: string, title: string) => {
    const res = await post(admin, '/contacts', { organizationId: audience.customerIds[i], name, title, emails: [`${name.split(' ')[0]!.toLowerCase()}@rooli${i}.fi`] });
    expect(res.status).toBe(201);
    return res.body.emails[0] as string;
  };
  const rectors = [await add(0, 'Raili Rehtori', 'Rehtori'), await add(1, 'Risto Rehtori', 'REHTORI'), await add(2, 'Rauha Rehtori', 'rehtori')];
  await add(1, 'Aapo Apulainen', 'Apulaisrehtori');
  const selection = async (body: object) => (await post(aino, '/selections', { name: `Valinta ${Math.random()}`, ...body })).body.id as string;
  const target = await selection({ criteria: { contactTitle: 'rehtori' } });
  const deputies = await selection({ criteria: { contactTitle: 'apulais' } });
  const thirdCustomer = await selection({ kind: 'static', memberIds: [audience.customerIds[2]] });
  const campaign = await post(aino, '/campaigns', {
    name: 'Rehtorien kevät', startsOn: '2026-12-01', endsOn: '2027-02-28', targetSelectionIds: [target], exclusionSelectionIds: [deputies, thirdCustomer],
  });
  expect(campaign.status).toBe(201);
  // the deputy's customer is still reached (through its rector); the third customer is excluded whole
  expect((await get(aino, `/campaigns/${campaign.body.id}/audience`)).body).toEqual({ customers: 2, excludedCustomers: 1 });
  const mailing = await post(aino, `/campaigns/${campaign.body.id}/mailings`, TEXTS);
  sink.clear();
  const done = await sendAndWait(mailing.body.id, 2);
  expect(done).toMatchObject({ state: 'sent', counts: { total: 2, sent: 2, skipped: 0 }, excludedCustomers: 1 });
  expect(sink.messages().flatMap((m) => m.to).sort()).toEqual([rectors[0], rectors[1]].sort());
  const recipients = await get(aino, `/mailings/${mailing.body.id}/recipients`);
  expect(recipients.body.items.map((r: { contactName: string; organizationName: string }) => `${r.contactName} / ${r.organizationName}`).sort())
    .toEqual(['Raili Rehtori / Rooli 0000 Oy', 'Risto Rehtori / Rooli 0001 Oy']);
});

describe('bad input and rights', () => {
  test('unknown merge fields, a subject on two lines, a period backwards and unknown selections are refused by field', async () => {
    const audience = await seedAudience(t, 1, { prefix: 'virhe' });
    const { campaignId, mailingId } = await campaignFor(audience.customerIds, TEXTS);
    const bad = await post(aino, `/campaigns/${campaignId}/mailings`, { subject: { fi: 'Hei {{etunimi}}' }, body: { fi: 'x', en: 'Hi\n{{ nope }}' } });
    expect({ status: bad.status, fields: fieldsOf(bad.body) }).toEqual({ status: 400, fields: ['subject.fi', 'body.en'] });
    const twoLines = await post(aino, `/campaigns/${campaignId}/mailings`, { subject: { fi: 'Rivi\nBcc: x@y.fi' }, body: { fi: 'x' } });
    expect(fieldsOf(twoLines.body)).toEqual(['subject.fi']);
    const backwards = await post(aino, '/campaigns', { name: 'Taaksepäin', startsOn: '2027-01-10', endsOn: '2027-01-01' });
    expect({ status: backwards.status, fields: fieldsOf(backwards.body) }).toEqual({ status: 400, fields: ['endsOn'] });
    const unknown = await post(aino, '/campaigns', { name: 'Tuntematon', startsOn: '2027-01-01', endsOn: '2027-01-10', targetSelectionIds: ['0123456789abcdef01234567'] });
    expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['targetSelectionIds.0'] });
    const past = await post(aino, `/mailings/${mailingId}/send`, { version: 0, expectedCustomers: 1, at: '2020-01-01T10:00:00Z' });
    expect({ status: past.status, fields: fieldsOf(past.body) }).toEqual({ status: 400, fields: ['at'] });
  });

  test('another manager cannot change or send Aino’s campaign; management reads it; a sent mailing’s texts do not change', async () => {
    const audience = await seedAudience(t, 1, { prefix: 'oikeus' });
    const { campaignId, mailingId } = await campaignFor(audience.customerIds, TEXTS);
    expect((await post(mikko, `/mailings/${mailingId}/send`, { version: 0, expectedCustomers: 1 })).status).toBe(403);
    expect((await t.http.patch(`/api/v1/campaigns/${campaignId}`).set(as(mikko)).send({ version: 0, name: 'Kaapattu' })).status).toBe(403);
    expect((await get(leena, `/campaigns/${campaignId}`)).status).toBe(200);
    expect((await post(leena, '/campaigns', { name: 'Johto', startsOn: '2027-01-01', endsOn: '2027-01-02' })).status).toBe(403);
    await sendAndWait(mailingId, 1);
    const late = await t.http.patch(`/api/v1/mailings/${mailingId}`).set(as(aino)).send({ version: 2, subject: { fi: 'Myöhässä' } });
    expect({ status: late.status, fields: fieldsOf(late.body) }).toEqual({ status: 409, fields: ['state'] });
  });

  test('a scheduled mailing waits for its time and can be cancelled before it', async () => {
    const audience = await seedAudience(t, 2, { prefix: 'ajastus' });
    const { mailingId } = await campaignFor(audience.customerIds, TEXTS);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await post(aino, `/mailings/${mailingId}/send`, { version: 0, expectedCustomers: 2, at });
    expect(scheduled.body).toMatchObject({ state: 'scheduled', scheduledAt: at });
    sink.clear();
    await t.sender!.runOnce();
    expect(sink.messages()).toHaveLength(0);
    const cancelled = await post(aino, `/mailings/${mailingId}/cancel`, { version: scheduled.body.version });
    expect(cancelled.body.state).toBe('cancelled');
  });

  test('without a relay (production without SMTP_URL) a mailing is refused with the reason', async () => {
    const bare = await startTestApp({ overrides: { mail: undefined } });
    try {
      const token = await bare.tokenFor('aino.virtanen@omnia.fi', 'account_manager', 'Aino Virtanen');
      const c = await bare.http.post('/api/v1/campaigns').set(as(token)).send({ name: 'Ilman välittäjää', startsOn: '2027-01-01', endsOn: '2027-01-02' });
      const m = await bare.http.post(`/api/v1/campaigns/${c.body.id}/mailings`).set(as(token)).send(TEXTS);
      const res = await bare.http.post(`/api/v1/mailings/${m.body.id}/send`).set(as(token)).send({ version: 0, expectedCustomers: 0 });
      expect({ status: res.status, message: res.body.error.message }).toEqual({ status: 503, message: expect.stringContaining('SMTP_URL') });
    } finally {
      await bare.close();
    }
  });
});

test('a mailing that invites to a survey: each recipient’s own link in the mail, and an answer through it is a feedback action', async () => {
  const audience = await seedAudience(t, 2, { prefix: 'kysely', language: (i) => (i === 1 ? 'en' : null) });
  const survey = await post(aino, '/surveys', { name: 'Kevään kysely', type: 'nps' });
  expect(survey.status).toBe(201);
  const { campaignId } = await campaignFor(audience.customerIds, TEXTS);
  const noLink = await post(aino, `/campaigns/${campaignId}/mailings`, { surveyId: survey.body.id, subject: { fi: 'Kerro mielipiteesi' }, body: { fi: 'Hei {{firstName}}' } });
  expect({ status: noLink.status, fields: fieldsOf(noLink.body) }).toEqual({ status: 400, fields: ['body.fi'] });
  const unknown = await post(aino, `/campaigns/${campaignId}/mailings`, { surveyId: '0123456789abcdef01234567', subject: { fi: 'x' }, body: { fi: '{{surveyLink}}' } });
  expect({ status: unknown.status, fields: fieldsOf(unknown.body) }).toEqual({ status: 422, fields: ['surveyId'] });
  const made = await post(aino, `/campaigns/${campaignId}/mailings`, {
    surveyId: survey.body.id, subject: { fi: 'Kerro mielipiteesi', en: 'Tell us what you think' },
    body: { fi: 'Hei {{firstName}}, vastaa: {{surveyLink}}', en: 'Hello {{firstName}}, answer: {{surveyLink}}' },
  });
  expect(made.status).toBe(201);
  sink.clear();
  const done = await sendAndWait(made.body.id, 2);
  expect(done.counts).toMatchObject({ sent: 2 });
  const links = sink.messages().map((m) => /https:\/\/crm\.testiopisto\.fi\/p\/feedback\/[A-Za-z0-9_.-]+/.exec(m.text)?.[0]);
  expect(links.every(Boolean)).toBe(true);
  expect(new Set(links).size).toBe(2);
  const en = sink.messages().find((m) => m.to[0] === audience.emails[1])!;
  expect(en.text).toContain('Hello Etunimi1, answer: https://crm.testiopisto.fi/p/feedback/');
  const path = new URL(/https:\S+/.exec(en.text)![0]).pathname;
  const page = await t.http.get(path);
  expect(page.status).toBe(200);
  expect(page.text).toContain('<html lang="en">');
  const answered = await t.http.post(path).type('form').send({ q_score: '9', q_comment: 'Hyvä' });
  expect(answered.status).toBe(200);
  const actions = (await get(aino, `/organizations/${audience.customerIds[1]}/actions`)).body.items.map((a: { kind: string }) => a.kind);
  expect(actions.sort()).toEqual(['feedback', 'mailing']);
});
