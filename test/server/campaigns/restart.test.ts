/**
 * A server killed half-way through a mailing and started again: the new one takes the mailing
 * over once the killed one's lease has run out, and every recipient still queued receives exactly
 * one mail. The at most `concurrency` recipients that were in the relay's hands at the kill are
 * marked `interrupted` (failed) and are not sent again: no one receives a mail twice.
 *
 * Real processes (test/support/appProcess.ts, bundled) killed with SIGKILL, a real SMTP server,
 * one process at a time on the run's database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { startSmtpSink, type SmtpSink } from '../../../server/mail/smtpSink';
import { startTestApp, testDatabaseUri, type TestApp } from '../../support/testApp';
import { seedAudience } from './audience';

const RECIPIENTS = 300;
const cache = path.join(__dirname, '../../../node_modules/.cache');
let dir = '';
let entry = '';
let t: TestApp;
let sink: SmtpSink;
const children: ChildProcess[] = [];

async function startProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, MONGODB_URI: testDatabaseUri(), DB_NAME: t.dbName, SMTP_URL: sink.url, MAILING_RATE_PER_MINUTE: '3000', MAIL_LEASE_MS: '1500' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`app process exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, child };
}

async function call(url: string, token: string | null, method: string, p: string, body?: object) {
  const res = await fetch(`${url}${p}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> & { id: string };
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(path.join(cache, 'asiakkuus-mailing-'));
  entry = path.join(dir, 'app.js');
  await build({ entryPoints: [path.join(__dirname, '../../support/appProcess.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: entry, logLevel: 'silent' });
  sink = await startSmtpSink({ keep: 10_000 });
  // This process only seeds (and has no sender): the app processes send.
  t = await startTestApp({ overrides: { mail: undefined } });
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await t?.close();
  await sink?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('killed half-way and restarted: the rest are sent once each, none twice', async () => {
  const audience = await seedAudience(t, RECIPIENTS, { prefix: 'katko' });
  const first = await startProcess();
  const token = (await call(first.url, null, 'POST', '/dev/token', { email: 'aino.virtanen@omnia.fi', role: 'account_manager', name: 'Aino Virtanen' })).token as string;
  const sel = await call(first.url, token, 'POST', '/api/v1/selections', { name: 'Katkos', kind: 'static', memberIds: audience.customerIds });
  const campaign = await call(first.url, token, 'POST', '/api/v1/campaigns', { name: 'Katkoskampanja', startsOn: '2026-12-01', endsOn: '2027-01-31', targetSelectionIds: [sel.id] });
  const mailing = await call(first.url, token, 'POST', `/api/v1/campaigns/${campaign.id}/mailings`, { subject: { fi: 'Hei {{firstName}}' }, body: { fi: 'Tervetuloa.' } });

  // the first server is killed once the relay has taken a third of the mails
  const killedAt = new Promise<number>((resolve) => {
    const off = sink.onMessage(() => {
      if (sink.messages().length >= RECIPIENTS / 3) {
        off();
        first.child.kill('SIGKILL');
        resolve(sink.messages().length);
      }
    });
  });
  await call(first.url, token, 'POST', `/api/v1/mailings/${mailing.id}/send`, { version: 0, expectedCustomers: RECIPIENTS });
  const receivedBeforeKill = await killedAt;
  await new Promise((r) => first.child.once('exit', r));
  const half = await t.repos.mailings.get(mailing.id);
  expect(half!.state).toBe('sending');
  expect(half!.counts.sent).toBeLessThan(RECIPIENTS);

  const second = await startProcess();
  const token2 = (await call(second.url, null, 'POST', '/dev/token', { email: 'aino.virtanen@omnia.fi', role: 'account_manager', name: 'Aino Virtanen' })).token as string;
  let done: Record<string, unknown> & { counts?: Record<string, number> } = {};
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    done = await call(second.url, token2, 'GET', `/api/v1/mailings/${mailing.id}`);
    if (done.state === 'sent') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(done.state).toBe('sent');

  const received = sink.messages().flatMap((m) => m.to);
  const times = new Map<string, number>();
  for (const to of received) times.set(to, (times.get(to) ?? 0) + 1);
  // no one twice
  expect([...times].filter(([, n]) => n > 1)).toEqual([]);
  const recipients = await t.repos.mailings.recipients(mailing.id, audience.contactIds);
  const interrupted = recipients.filter((r) => r.state === 'failed' && r.reason === 'interrupted');
  const sent = recipients.filter((r) => r.state === 'sent');
  // what was in the relay's hands at the kill, at most the sender's concurrency (4), is not sent again
  expect(interrupted.length).toBeLessThanOrEqual(4);
  expect(sent.length + interrupted.length).toBe(RECIPIENTS);
  // every recipient marked sent received exactly one mail; the rest of the queue was sent after the restart
  for (const r of sent) expect({ email: r.email, times: times.get(r.email!) }).toEqual({ email: r.email, times: 1 });
  expect(received.length).toBeGreaterThan(receivedBeforeKill);
  // the counts are the recipients' states, whatever write the kill cut short
  expect(done.counts).toMatchObject({ total: RECIPIENTS, queued: 0, sending: 0, sent: sent.length, failed: interrupted.length });
}, 180_000);
