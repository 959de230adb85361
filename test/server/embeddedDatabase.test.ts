/**
 * The engine choice at start: MONGODB_URI, else the engine DB_ENGINE forces (an error when it
 * cannot start), else mongod through mongodb-memory-server when one can be had within seconds,
 * else FerretDB; the outcome and its reason are shown by /readyz.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config';
import {
  DEFAULT_FERRETDB_BINARY, PROBE_TIMEOUT_MS, mongodAvailability, startDatabase, startEmbeddedDatabase,
} from '../../server/db/embeddedDatabase';
import { startTestApp } from '../support/testApp';
import { testUnless } from '../support/skips';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-embedded-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `fn` with these environment variables, restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** mongodb-memory-server as on a machine without network: no cached binary of this version, downloads refused at once. */
const offline = () => ({
  MONGOMS_VERSION: '7.0.99',
  MONGOMS_DOWNLOAD_DIR: tempDir(),
  MONGOMS_DOWNLOAD_MIRROR: 'http://127.0.0.1:9',
  MONGOMS_USE_HTTP: 'true',
  MONGOMS_MAX_RETRIES: '1',
});

const noFerret = existsSync(DEFAULT_FERRETDB_BINARY) ? null : `needs the FerretDB binary at ${DEFAULT_FERRETDB_BINARY} (built where Go is installed)`;
const noMongod = process.env.TEST_DB_ENGINE === 'mongodb-memory-server'
  ? null
  : `needs a mongod for mongodb-memory-server, and this run has none (${process.env.TEST_DB_REASON ?? process.env.TEST_DB_ENGINE})`;

async function keepsDataAndStops(engine: 'ferretdb' | 'mongodb-memory-server') {
  const dataDir = tempDir();
  const first = await startEmbeddedDatabase({ dataDir, engine });
  expect(first.engine).toBe(engine);
  const conn = await mongoose.createConnection(first.uri, { dbName: 'kept' }).asPromise();
  await conn.collection('notes').insertOne({ text: 'Hyvää päivää, ÅÄÖ' });
  await conn.close();
  await first.stop();

  const second = await startEmbeddedDatabase({ dataDir, engine });
  const again = await mongoose.createConnection(second.uri, { dbName: 'kept' }).asPromise();
  expect(await again.collection('notes').findOne({}, { projection: { _id: 0 } })).toEqual({ text: 'Hyvää päivää, ÅÄÖ' });
  await again.close();
  await second.stop();
  // Nothing listens any more where the engine was.
  const port = Number(new URL(second.uri.replace(/^mongodb:/, 'http:')).port);
  const answered = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
  expect(answered).toBe(false);
}

describe('the embedded database', () => {
  testUnless(noFerret, 'FerretDB keeps its data in the folder across restarts, and stops with no process left', async () => {
    await keepsDataAndStops('ferretdb');
  });

  testUnless(noMongod, 'mongod (mongodb-memory-server) keeps its data in the folder across restarts, and stops', async () => {
    await keepsDataAndStops('mongodb-memory-server');
  }, 120_000, { needsMongoDB: true });

  test('when no engine can start, one error names all three ways to get a database', async () => {
    await withEnv(offline(), async () => {
      const failure = startEmbeddedDatabase({ dataDir: tempDir(), ferretdbBinary: '/nonexistent/ferretdb' });
      await expect(failure).rejects.toThrow(/MONGODB_URI/);
      await expect(failure).rejects.toThrow(/FerretDB/);
      await expect(failure).rejects.toThrow(/mongodb-memory-server/);
    });
  });
});

describe('choosing the engine at start', () => {
  testUnless(noFerret, 'offline, with no mongod cached, the automatic choice is FerretDB within seconds, and says why', async () => {
    await withEnv(offline(), async () => {
      const started = Date.now();
      const db = await startDatabase({ dataDir: tempDir() });
      try {
        expect(Date.now() - started).toBeLessThan(PROBE_TIMEOUT_MS);
        expect(db.engine).toBe('ferretdb');
        expect(db.reason).toMatch(/^no mongod binary cached and the download failed: 127\.0\.0\.1:9: ECONNREFUSED/);
      } finally {
        await db.stop();
      }
    });
  });

  test('a download that never answers is given up after the probe time', async () => {
    const silent = net.createServer(() => undefined); // accepts connections and never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await withEnv({ ...offline(), MONGOMS_DOWNLOAD_MIRROR: `http://127.0.0.1:${port}` }, async () => {
        const started = Date.now();
        const result = await mongodAvailability(300);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(result).toEqual({ ok: false, why: `no mongod binary cached and the download failed: 127.0.0.1:${port} did not answer within 0.3 s` });
      });
    } finally {
      silent.close();
    }
  });

  test('DB_ENGINE=ferretdb without its binary is an error naming why, with no fallback', async () => {
    await expect(startDatabase({ dataDir: tempDir(), engine: 'ferretdb', ferretdbBinary: '/nonexistent/ferretdb' }))
      .rejects.toThrow('DB_ENGINE=ferretdb, but there is no FerretDB binary at /nonexistent/ferretdb');
  });

  test('DB_ENGINE=mongodb-memory-server that cannot get a mongod is an error naming why, not FerretDB', async () => {
    await withEnv(offline(), async () => {
      await expect(startDatabase({ dataDir: tempDir(), engine: 'mongodb-memory-server' }))
        .rejects.toThrow(/^DB_ENGINE=mongodb-memory-server, but mongod could not start: .*127\.0\.0\.1:9/);
    });
  });

  test('MONGODB_URI is used as it is, and the reason shows the server without its credentials or options', async () => {
    const uri = 'mongodb://aino:salasana@db1.omnia.fi:27017,db2.omnia.fi/asiakkuus?authSource=admin&tlsCertificateKeyFilePassword=avain';
    const db = await startDatabase({ uri, dataDir: tempDir() });
    expect(db).toMatchObject({ uri, engine: 'external', reason: 'MONGODB_URI is set (mongodb://db1.omnia.fi:27017,db2.omnia.fi/asiakkuus)' });
    await expect(startDatabase({ uri, dataDir: tempDir(), engine: 'ferretdb' })).rejects.toThrow(/set only one/);
  });

  test('DB_ENGINE is validated with the rest of the configuration', () => {
    expect(loadConfig({ DB_ENGINE: 'ferretdb' }).DB_ENGINE).toBe('ferretdb');
    expect(loadConfig({}).DB_ENGINE).toBeUndefined();
    expect(() => loadConfig({ DB_ENGINE: 'postgres' })).toThrow(/DB_ENGINE: must be one of mongodb-memory-server, ferretdb/);
    expect(() => loadConfig({ DB_ENGINE: 'mongodb-memory-server', MONGODB_URI: 'mongodb://db.omnia.fi/asiakkuus' })).toThrow(/DB_ENGINE: .*set only one/);
  });

  test('GET /readyz shows the engine the run chose and why', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http.get('/readyz').expect(200);
      expect(res.body).toEqual({ status: 'ready', database: { engine: process.env.TEST_DB_ENGINE, reason: process.env.TEST_DB_REASON } });
    } finally {
      await t.close();
    }
  });
});
