import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { DEFAULT_FERRETDB_BINARY, startEmbeddedDatabase } from '../../server/db/embeddedDatabase';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-embedded-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const haveFerret = existsSync(DEFAULT_FERRETDB_BINARY);

describe('the embedded database', () => {
  (haveFerret ? test : test.skip)('FerretDB keeps its data in the folder across restarts, and stops with no process left', async () => {
    const dataDir = tempDir();
    const first = await startEmbeddedDatabase({ dataDir });
    expect(first.engine).toBe('ferretdb');
    const conn = await mongoose.createConnection(first.uri, { dbName: 'kept' }).asPromise();
    await conn.collection('notes').insertOne({ text: 'Hyvää päivää, ÅÄÖ' });
    await conn.close();
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir });
    const again = await mongoose.createConnection(second.uri, { dbName: 'kept' }).asPromise();
    expect(await again.collection('notes').findOne({}, { projection: { _id: 0 } })).toEqual({ text: 'Hyvää päivää, ÅÄÖ' });
    await again.close();
    const child = (second as unknown as { child: { pid: number } }).child;
    await second.stop();
    expect(() => process.kill(child.pid, 0)).toThrow();
  });

  test('when no engine can start, one error names all three ways to get a database', async () => {
    const saved = process.env.MONGOMS_DOWNLOAD_MIRROR;
    process.env.MONGOMS_DOWNLOAD_MIRROR = 'http://127.0.0.1:9'; // refuse the mongod download at once
    try {
      const failure = startEmbeddedDatabase({ dataDir: tempDir(), ferretdbBinary: '/nonexistent/ferretdb' });
      await expect(failure).rejects.toThrow(/MONGODB_URI/);
      await expect(failure).rejects.toThrow(/FerretDB/);
      await expect(failure).rejects.toThrow(/mongodb-memory-server/);
    } finally {
      if (saved === undefined) delete process.env.MONGOMS_DOWNLOAD_MIRROR;
      else process.env.MONGOMS_DOWNLOAD_MIRROR = saved;
    }
  }, 60_000);
});
