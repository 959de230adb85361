/**
 * Starts the run's database with the server's own choice (server/db/embeddedDatabase.ts):
 * MONGODB_URI, else the engine DB_ENGINE forces, else mongod through mongodb-memory-server when
 * one can be had quickly, else FerretDB (on a fresh temporary folder). Each test file then works
 * in a database of its own. Whether the database is a real MongoDB is asked once, for the
 * suites that need one (test/support/skips.ts).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { loadConfig } from '../../server/config';
import { detectEngine } from '../../server/persistence/engine';
import { describeServer, startDatabase, type EmbeddedDatabase } from '../../server/db/embeddedDatabase';

declare global {
  var __EMBEDDED_DB__: EmbeddedDatabase | undefined;
}

async function isRealMongoDB(uri: string): Promise<boolean> {
  const conn = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    return (await detectEngine(conn)).kind === 'mongodb';
  } finally {
    await conn.close();
  }
}

export default async function globalSetup(): Promise<void> {
  if (process.env.SKIP_DB === '1') return;
  // The same validation as the server's: a bad DB_ENGINE, or DB_ENGINE with MONGODB_URI, stops the run.
  const config = loadConfig({ MONGODB_URI: process.env.MONGODB_URI, DB_ENGINE: process.env.DB_ENGINE, NODE_ENV: 'test' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-test-'));
  const db = await startDatabase({ uri: config.MONGODB_URI, engine: config.DB_ENGINE, dataDir });
  globalThis.__EMBEDDED_DB__ = db;
  process.env.TEST_DATA_DIR = dataDir;
  try {
    process.env.TEST_DB_IS_MONGODB = (await isRealMongoDB(db.uri)) ? '1' : '0';
  } catch (err) {
    await db.stop();
    throw err;
  }
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_ENGINE = db.engine;
  process.env.TEST_DB_REASON = db.reason;
  console.log(`\n[test] database: ${db.engine} at ${describeServer(db.uri)} (${db.reason})`);
}
