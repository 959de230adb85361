// Builds FerretDB (the embedded MongoDB-compatible database) into .tools/bin with Go,
// when Go is on the machine and the binary is not there yet. Used by `npm start` and `npm test`.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds, but the binary
// panics at start: the module as published lacks build/version/version.txt, which FerretDB's
// own release tooling generates. So we build the same module source with that file written.
//
// One line of the source is patched (SQLITE_ID_INDEX_PATCH below): v1.24.2's SQLite backend
// creates the `_id` index on `_ferretdb_sjson->"_id"` but filters on `_ferretdb_sjson->'$._id'`,
// which SQLite does not recognise as the indexed expression, so every `{_id: …}` read, update
// and delete scanned the whole table (180 ms at 100,000 documents instead of under 1 ms; see
// docs/benchmarks.md). The patch makes the filter use the indexed expression; results are the same.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ferretdbBinary = join(root, '.tools', 'bin', 'ferretdb');
/** What the binary was built from; a binary without this stamp is rebuilt. */
export const FERRETDB_BUILD = `${FERRETDB_VERSION}+sqlite-id-index.1`;
const buildStamp = `${ferretdbBinary}.build`;

const SQLITE_ID_INDEX_PATCH = {
  file: join('internal', 'backends', 'sqlite', 'metadata', 'metadata.go'),
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: 'IDColumn = DefaultColumn + `->"_id"`',
};

function isCurrent() {
  return existsSync(ferretdbBinary) && existsSync(buildStamp) && readFileSync(buildStamp, 'utf8').trim() === FERRETDB_BUILD;
}

function hasGo() {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function makeWritable(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    chmodSync(p, st.mode | 0o200);
    if (st.isDirectory()) makeWritable(p);
  }
}

export function ensureFerretDB({ quiet = false } = {}) {
  if (isCurrent()) return ferretdbBinary;
  if (!hasGo()) return existsSync(ferretdbBinary) ? ferretdbBinary : null;
  const log = (m) => quiet || console.error(`[ferretdb] ${m}`);
  log(`building FerretDB ${FERRETDB_VERSION} with Go (once, about a minute)…`);
  const env = { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
  const info = JSON.parse(
    execFileSync('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`], { env, encoding: 'utf8' }),
  );
  const src = join(root, '.tools', 'src', `ferretdb-${FERRETDB_VERSION}`);
  rmSync(src, { recursive: true, force: true });
  mkdirSync(dirname(src), { recursive: true });
  cpSync(info.Dir, src, { recursive: true });
  makeWritable(src);
  writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  writeFileSync(join(src, 'build', 'version', 'package.txt'), 'asiakkuus-embedded\n');
  const patched = join(src, SQLITE_ID_INDEX_PATCH.file);
  const source = readFileSync(patched, 'utf8');
  if (!source.includes(SQLITE_ID_INDEX_PATCH.from)) throw new Error(`[ferretdb] ${SQLITE_ID_INDEX_PATCH.file} is not as expected; the _id index patch does not apply`);
  writeFileSync(patched, source.replace(SQLITE_ID_INDEX_PATCH.from, SQLITE_ID_INDEX_PATCH.to));
  mkdirSync(dirname(ferretdbBinary), { recursive: true });
  // Built beside the binary and renamed over it, so that a FerretDB already running keeps its file.
  const fresh = `${ferretdbBinary}.new`;
  execFileSync('go', ['build', '-trimpath', '-o', fresh, './cmd/ferretdb'], { cwd: src, env, stdio: quiet ? 'ignore' : 'inherit' });
  renameSync(fresh, ferretdbBinary);
  writeFileSync(buildStamp, `${FERRETDB_BUILD}\n`);
  rmSync(src, { recursive: true, force: true });
  log(`built ${ferretdbBinary}`);
  return ferretdbBinary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bin = ensureFerretDB();
  if (!bin) {
    console.error('[ferretdb] Go is not installed: set MONGODB_URI, or rely on mongodb-memory-server.');
    process.exitCode = 1;
  }
}
