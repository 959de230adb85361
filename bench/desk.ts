/**
 * A quick measurement (not a timed test) of GET /api/v1/desk on the embedded engine at college
 * scale: 5,000 customers, 15,000 contacts, 150,000 actions, one account manager looking after 300 of
 * them. Prints the first read after a bulk change (the rebuild from the customers), the warm reads,
 * and a logged action (which now also updates the desks).
 *
 *   npx esbuild bench/desk.ts --bundle --platform=node --target=node20 --packages=external --outfile=dist/bench/desk.js
 *   node dist/bench/desk.js
 *
 * Figures: see the desk report in the branch's history (before the split: one ~200 KiB document read
 * in ~140–250 ms, a logged action p50 ~210–480 ms, the first read after a bulk change 8–22 s).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { compose } from '../server/compose';
import { connectDatabase } from '../server/db/connect';
import { startFerretDB } from '../server/db/embeddedDatabase';
import { registerModels } from '../server/persistence/models';
import { seedDefaultCarePlan } from '../server/persistence/setup';
import { generateDataset } from './dataset';

const SCALE = { organizations: 5_000, contacts: 15_000, actions: 150_000 };
const ON_DESK = 300;
const WARM_READS = 30;

const say = (m: string) => console.log(`[desk bench] ${m}`);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-desk-'));
  const ferret = await startFerretDB({ dataDir });
  const dbName = 'desk_bench';
  const conn = await connectDatabase(ferret.uri, dbName);
  try {
    const models = registerModels(conn);
    await seedDefaultCarePlan(models);
    let started = Date.now();
    const data = await generateDataset(models, SCALE);
    say(`dataset ${JSON.stringify(data.counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // One manager looks after ON_DESK customers: those the dataset gives them, topped up as responsible.
    const email = data.samples.managerEmails[0]!;
    const user = (await models.User.findOne({ email }).lean())!;
    const mine = await models.Organization.countDocuments({ $or: [{ responsibleId: user._id }, { backupId: user._id }] });
    const extra = await models.Organization.find({ responsibleId: { $ne: user._id }, backupId: { $ne: user._id } }, { _id: 1 }).limit(ON_DESK - mine).lean();
    for (const o of extra) await models.Organization.updateOne({ _id: o._id }, { $set: { responsibleId: user._id } });
    const onDesk = await models.Organization.countDocuments({ $or: [{ responsibleId: user._id }, { backupId: user._id }] });
    say(`${email} looks after ${onDesk} customers`);

    const app = await compose({
      uri: ferret.uri, dbName, authMode: 'dev', settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki' },
      logger: pino({ level: 'silent' }), rateLimit: { perUser: 1e9, perIp: 1e9, windowSeconds: 60 },
    });
    const server = app.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const token = ((await (await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) })).json()) as { token: string }).token;
    const auth = { Authorization: `Bearer ${token}` };
    const get = async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/desk`, { headers: auth });
      const body = (await res.json()) as { customers: unknown[]; recent: unknown[] };
      if (res.status !== 200) throw new Error(`desk: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, customers: body.customers.length, recent: body.recent.length };
    };

    await app.repos.desks.bumpEpoch('all'); // as after the demo seed: the next read rebuilds from all customers
    const first = await get();
    say(`first read after a change of any customer (built from one scan): ${first.ms.toFixed(0)} ms, ${first.customers} customers, ${first.recent} recent`);
    // As after a hand-over or an assignment of the desk's 300 customers: the change names them.
    const deskIds = (await models.Organization.find({ $or: [{ responsibleId: user._id }, { backupId: user._id }] }, { _id: 1 }).lean()).map((o) => String(o._id));
    await app.repos.desks.bumpEpoch({ ids: deskIds, users: [String(user._id)] });
    const refreshed = await get();
    say(`first read after a bulk change of its ${deskIds.length} customers (refreshed by _id): ${refreshed.ms.toFixed(0)} ms, ${refreshed.customers} customers`);
    await app.repos.desks.bumpEpoch({ ids: deskIds, users: ['0123456789abcdef01234567'] });
    const skipped = await get();
    say(`first read after a bulk change of other managers' customers: ${skipped.ms.toFixed(0)} ms`);
    const warm: number[] = [];
    for (let i = 0; i < WARM_READS; i++) warm.push((await get()).ms);
    warm.sort((a, b) => a - b);
    say(`warm reads (${WARM_READS}): p50 ${quantile(warm, 0.5).toFixed(1)} ms, p90 ${quantile(warm, 0.9).toFixed(1)} ms, max ${warm[warm.length - 1]!.toFixed(1)} ms`);

    // Where the time goes: the desk's one read, against one customer's.
    const time = async (what: string, fn: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }
      ms.sort((a, b) => a - b);
      say(`${what}: p50 ${quantile(ms, 0.5).toFixed(1)} ms`);
    };
    const parts = await models.Desk.find({ _id: { $regex: `^${String(user._id)}:` } }).lean();
    const sizes = parts.map((d) => JSON.stringify(d).length / 1024);
    say(`desk: ${parts.length} parts, ${sizes.reduce((a, b) => a + b, 0).toFixed(0)} KiB as JSON in all, the largest ${Math.max(...sizes).toFixed(1)} KiB`);
    await time('desk read (all parts by _id, repository)', () => app.repos.desks.get(String(user._id)));
    await time('one bucket part read by _id (driver, lean)', () => models.Desk.findById(`${String(user._id)}:0`).lean().exec());
    await time('recent part read by _id (driver, lean)', () => models.Desk.findById(`${String(user._id)}:recent`).lean().exec());
    await time('customer read by _id', () => models.Organization.findById(extra[0]!._id).lean().exec());
    await time('epoch read', () => app.repos.desks.epoch());
    await time('scan: customers looked after', () => app.repos.customers.lookedAfterBy(String(user._id)));

    // A colleague's call on one of the customers: the log now also writes the two desks.
    const orgId = String(extra[0]?._id ?? (await models.Organization.findOne({ responsibleId: user._id }, { _id: 1 }).lean())!._id);
    const colleague = ((await (await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: data.samples.managerEmails[1] }) })).json()) as { token: string }).token;
    const logs: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/actions`, {
        method: 'POST', headers: { Authorization: `Bearer ${colleague}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'call', occurredAt: new Date().toISOString(), subject: `Soitto ${i}`, organizationId: orgId }),
      });
      if (res.status !== 201) throw new Error(`action: ${res.status}`);
      logs.push(performance.now() - t0);
    }
    logs.sort((a, b) => a - b);
    say(`log an action (customer + desks): p50 ${quantile(logs, 0.5).toFixed(1)} ms, max ${logs[logs.length - 1]!.toFixed(1)} ms`);
    const after = await get();
    say(`read after the logs: ${after.ms.toFixed(1)} ms, ${after.recent} recent`);
    started = Date.now();
    server.close();
    await app.conn.close();
  } finally {
    await conn.close();
    await ferret.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
