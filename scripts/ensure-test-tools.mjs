// Installs what the test suite needs and a fresh machine may lack, then returns quickly on
// every later run: the embedded database (FerretDB, built with Go) and Debian's Chromium for the
// browser tests. Nothing is downloaded except through the package registries.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureFerretDB } from './ferretdb.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`[test-setup] Chromium is not at ${CHROMIUM}; the browser tests will be skipped (install Debian's chromium or set CHROMIUM_PATH).`);
    return false;
  }
  console.error('[test-setup] installing Debian\'s chromium for the browser tests (once)…');
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
  } catch (err) {
    console.error(`[test-setup] could not install chromium: ${err.message}`);
  }
  return existsSync(CHROMIUM);
}

if (!process.env.MONGODB_URI && !ensureFerretDB()) {
  console.error('[test-setup] Go is not installed, so FerretDB cannot be built: the tests need a mongod for mongodb-memory-server (cached, or downloaded with network access) unless MONGODB_URI is set.');
}
ensureChromium();
