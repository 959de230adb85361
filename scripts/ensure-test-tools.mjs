// Installs what the test suite needs and a fresh machine may lack, then returns quickly on
// every later run: the embedded database (FerretDB, built with Go), Debian's Chromium for the
// browser tests and Debian's poppler-utils (pdftotext, pdftoppm), with which the tests read the
// offer PDFs back. Nothing is downloaded except through the package registries.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureFerretDB } from './ferretdb.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(cmd, args) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

export const PDFTOTEXT = '/usr/bin/pdftotext';

/** Installs Debian's packages for what is missing (once): Chromium for the browser tests, poppler-utils for reading PDFs back. */
function ensureDebianPackages() {
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : ['chromium', 'fonts-dejavu-core']),
    ...(existsSync(PDFTOTEXT) ? [] : ['poppler-utils']),
  ];
  if (missing.length === 0) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    console.error(`[test-setup] ${missing.join(', ')} missing: install them from Debian (Chromium at ${CHROMIUM} or CHROMIUM_PATH; pdftotext at ${PDFTOTEXT}).`);
    return;
  }
  console.error(`[test-setup] installing Debian's ${missing.join(', ')} for the tests (once)…`);
  try {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  } catch (err) {
    console.error(`[test-setup] could not install ${missing.join(', ')}: ${err.message}`);
  }
}

if (!process.env.MONGODB_URI && !ensureFerretDB()) {
  console.error('[test-setup] Go is not installed, so FerretDB cannot be built: the tests need a mongod for mongodb-memory-server (cached, or downloaded with network access) unless MONGODB_URI is set.');
}
ensureDebianPackages();
