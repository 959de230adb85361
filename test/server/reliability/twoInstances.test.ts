/**
 * Two app processes on one database, 200 concurrent mixed writes spread across them: nothing is
 * lost and nothing duplicated (the scenario and its checks: ./mixedWrites).
 *
 * MongoDB only: the embedded FerretDB serves one process (it applies updates as unlocked
 * read-modify-writes, which the engine module serialises within one process), so there the same
 * scenario runs through one process (./mixedWrites.test.ts). This suite runs wherever the run has a
 * real mongod (MONGODB_URI, or DB_ENGINE=mongodb-memory-server).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import mongoose, { type Connection } from 'mongoose';
import { describeUnless, realMongoDBMissing } from '../../support/skips';
import { testDatabaseUri } from '../../support/testApp';
import { runMixedWrites, type Instance } from './mixedWrites';
import { send } from './support';

describeUnless(realMongoDBMissing(), 'two app processes on one MongoDB', () => {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  // Inside the project, so that the bundle finds the packages it leaves external.
  const cache = path.join(__dirname, '../../../node_modules/.cache');
  let dir = '';
  const children: ChildProcess[] = [];
  let conn: Connection;
  let instances: Instance[];

  async function start(entry: string): Promise<string> {
    const child = spawn(process.execPath, [entry], { env: { ...process.env, MONGODB_URI: testDatabaseUri(), DB_NAME: dbName }, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`app process exited with ${code}`)));
    });
    return `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`;
  }

  beforeAll(async () => {
    mkdirSync(cache, { recursive: true });
    dir = mkdtempSync(path.join(cache, 'asiakkuus-instances-'));
    const entry = path.join(dir, 'app.js');
    await build({ entryPoints: [path.join(__dirname, '../../support/appProcess.ts')], bundle: true, platform: 'node', target: 'node20', packages: 'external', outfile: entry, logLevel: 'silent' });
    const urls = [await start(entry), await start(entry)];
    instances = urls.map((url) => {
      const tokens = new Map<string, Promise<string>>();
      return {
        url,
        token(email, role) {
          const key = `${email}|${role}`;
          if (!tokens.has(key)) tokens.set(key, send(`${url}/dev/token`, { body: { email, role } }).then((r) => (r.body as { token: string }).token));
          return tokens.get(key)!;
        },
      };
    });
    conn = await mongoose.createConnection(testDatabaseUri(), { dbName }).asPromise();
  }, 60_000);

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('200 concurrent mixed writes across two processes lose nothing and duplicate nothing', async () => {
    const { problems, statuses } = await runMixedWrites(instances, conn);
    expect(problems).toEqual([]);
    expect(statuses['same mail']!.filter((s) => s === 201)).toHaveLength(1);
  }, 240_000);
}, { needsMongoDB: true });
