// Builds what `npm start` runs: the server (and benchmarks) into dist/, the task pane into dist/addin,
// and makes sure the embedded database binary exists.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureFerretDB } from './ferretdb.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildServer() {
  const entryPoints = { 'server/main': join(root, 'server/main.ts') };
  if (existsSync(join(root, 'bench/run.ts'))) entryPoints['bench/run'] = join(root, 'bench/run.ts');
  await esbuild.build({
    entryPoints,
    outdir: join(root, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    packages: 'external',
    // jose ships ES modules only; bundling it keeps the CommonJS output loadable on every Node 20.
    plugins: [],
    external: [],
    logLevel: 'warning',
  });
}

async function main() {
  if (!process.env.MONGODB_URI) ensureFerretDB();
  await buildServer();
  const addinBuilder = join(root, 'scripts/build-addin.mjs');
  if (existsSync(addinBuilder)) {
    const { buildAddin } = await import(addinBuilder);
    await buildAddin({ outdir: join(root, 'dist/addin') });
  }
  // The web app (app.html, with the Administration section) goes beside the task pane, after it (buildAddin empties the folder).
  const appBuilder = join(root, 'scripts/build-app.mjs');
  if (existsSync(appBuilder)) {
    const { buildApp } = await import(appBuilder);
    await buildApp({ outdir: join(root, 'dist/addin') });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
