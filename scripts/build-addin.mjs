/**
 * Builds the task pane: bundles addin/src/index.tsx into taskpane.js (+ taskpane.css),
 * copies taskpane.html and addin/assets/*, and reports the first-load size (JS + CSS, gzip).
 * Used by scripts/build.mjs; `node scripts/build-addin.mjs` builds it alone.
 */
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.mjs';
import { cp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildAuth } from './build-auth.mjs';
import { precompiledMessages } from './precompiled-messages.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The issue's budget for the task pane's first load. */
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

async function exists(file) {
  return stat(file).then(() => true, () => false);
}

/** Gzip sizes of the JS and CSS files in `dir`, by file name. */
async function gzipSizes(dir) {
  const sizes = {};
  for (const name of await readdir(dir)) {
    if (/\.(js|css)$/.test(name)) sizes[name] = gzipSync(await readFile(path.join(dir, name)), { level: 9 }).length;
  }
  return sizes;
}

/**
 * @param {{ outdir?: string, minify?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<number>} the gzip size in bytes of the pane's JS + CSS
 */
export async function buildAddin({ outdir = 'dist/addin', minify = true, quiet = false } = {}) {
  const out = path.resolve(root, outdir);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  await build({
    ...browserBundle({ minify }),
    entryPoints: { taskpane: 'addin/src/index.tsx' },
    outdir: out,
    // the pane's catalogs as ICU ASTs and no message parser: about 8 KB gzip of the first load
    plugins: [precompiledMessages({ catalogs: /[\\/]core[\\/]i18n[\\/]messages[\\/]pane[\\/]\w+\.ts$/ })],
  });

  // the HTML names taskpane.css; keep the file there even when no stylesheet was bundled
  if (!(await exists(path.join(out, 'taskpane.css')))) await cp(path.join(root, 'addin/src/taskpane.css'), path.join(out, 'taskpane.css'));
  await cp(path.join(root, 'addin/taskpane.html'), path.join(out, 'taskpane.html'));
  const assets = path.join(root, 'addin/assets');
  if (await exists(assets)) await cp(assets, path.join(out, 'assets'), { recursive: true });
  // Entra ID sign-in (MSAL, loaded on demand, and the dialog fallback page) under auth/: not part of the first load.
  await buildAuth({ outdir: out, minify });

  const sizes = await gzipSizes(out);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  if (!quiet) {
    const detail = Object.entries(sizes).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)} KB`).join(', ');
    console.log(`[build-addin] first load (gzip): ${(total / 1024).toFixed(1)} KB (${detail}); budget ${FIRST_LOAD_BUDGET_BYTES / 1024} KB`);
    if (total > FIRST_LOAD_BUDGET_BYTES) console.warn('[build-addin] WARNING: the task pane is over its size budget');
  }
  return total;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outdir = process.argv[2];
  buildAddin(outdir ? { outdir } : {}).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
