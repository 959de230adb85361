/**
 * Builds the task pane: bundles addin/src/index.tsx into taskpane.js (+ taskpane.css),
 * copies taskpane.html and addin/assets/*, and reports the first-load size (JS + CSS, gzip) — the
 * forms' chunk, loaded on demand, apart.
 * Used by scripts/build.mjs; `node scripts/build-addin.mjs` builds it alone.
 */
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.mjs';
import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
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

const gzipSize = async (file) => gzipSync(await readFile(file), { level: 9 }).length;

/**
 * What the pane loads before its first status: the entry, the chunks it imports statically, and the
 * stylesheet. Chunks reached only through `import()` (the forms, ../addin/src/components/lazyForms.ts)
 * load on demand and are reported apart.
 */
function firstLoadFiles(metafile, out) {
  const rel = (file) => path.relative(out, path.resolve(root, file));
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file].entryPoint && /taskpane\.js$/.test(file));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const css = outputs[entry]?.cssBundle;
  if (css) seen.add(css);
  return { first: [...seen].map(rel), all: Object.keys(outputs).filter((file) => /\.(js|css)$/.test(file)).map(rel) };
}

/**
 * @param {{ outdir?: string, minify?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<number>} the gzip size in bytes of the pane's JS + CSS
 */
export async function buildAddin({ outdir = 'dist/addin', minify = true, quiet = false } = {}) {
  const out = path.resolve(root, outdir);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });

  const { metafile } = await build({
    ...browserBundle({ minify }),
    // ES modules with code splitting: the forms are a chunk of their own, loaded when first opened
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
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
  // The on-send handler (event-based activation): its own small script under events/, loaded by
  // commands.html in Outlook's event runtime (or by the JavaScript-only runtime directly), never by the pane.
  const events = await build({
    ...browserBundle({ minify }),
    entryPoints: { events: 'addin/src/events/main.ts' },
    outdir: path.join(out, 'events'),
    metafile: true,
  });
  await cp(path.join(root, 'addin/commands.html'), path.join(out, 'commands.html'));
  const eventsSize = await gzipSize(path.join(out, 'events/events.js'));

  const { first, all } = firstLoadFiles(metafile, out);
  if (!first.includes('taskpane.css')) first.push('taskpane.css');
  const sizes = Object.fromEntries(await Promise.all([...new Set([...all, 'taskpane.css'])].map(async (name) => [name, await gzipSize(path.join(out, name))])));
  const total = first.reduce((sum, name) => sum + sizes[name], 0);
  if (!quiet) {
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    const detail = first.map((name) => `${name} ${kb(sizes[name])}`).join(', ');
    const later = Object.keys(sizes).filter((name) => !first.includes(name)).map((name) => `${name} ${kb(sizes[name])}`).join(', ');
    console.log(`[build-addin] first load (gzip): ${kb(total)} (${detail}); budget ${FIRST_LOAD_BUDGET_BYTES / 1024} KB; on demand: ${later || 'none'}`);
    console.log(`[build-addin] on-send handler (events/events.js, not loaded by the pane): ${kb(eventsSize)} gzip, ${Object.keys(events.metafile.inputs).length} modules`);
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
