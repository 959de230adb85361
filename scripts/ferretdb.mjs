// Builds FerretDB (the embedded MongoDB-compatible database) into .tools/bin with Go,
// when Go is on the machine and the binary is not there yet. Used by `npm start` and `npm test`.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds, but the binary
// panics at start: the module as published lacks build/version/version.txt, which FerretDB's
// own release tooling generates. So we build the same module source with that file written.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, chmodSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FERRETDB_VERSION = 'v1.24.2';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ferretdbBinary = join(root, '.tools', 'bin', 'ferretdb');

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
  if (existsSync(ferretdbBinary)) return ferretdbBinary;
  if (!hasGo()) return null;
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
  mkdirSync(dirname(ferretdbBinary), { recursive: true });
  execFileSync('go', ['build', '-trimpath', '-o', ferretdbBinary, './cmd/ferretdb'], { cwd: src, env, stdio: quiet ? 'ignore' : 'inherit' });
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
