/**
 * Starts one embedded database for the whole run (FerretDB on a fresh temporary folder,
 * unless MONGODB_URI is given). Each test file then works in a database of its own.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embeddedDatabase';

declare global {
  var __EMBEDDED_DB__: EmbeddedDatabase | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.SKIP_DB === '1') return;
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.TEST_DB_ENGINE = 'external';
    return;
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-test-'));
  const db = await startEmbeddedDatabase({ dataDir });
  globalThis.__EMBEDDED_DB__ = db;
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_ENGINE = db.engine;
  process.env.TEST_DATA_DIR = dataDir;
  console.log(`\n[test] database engine: ${db.engine} at ${db.uri}`);
}
