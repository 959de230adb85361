/**
 * Builds the web app (the shell, its pages and the Administration section): bundles
 * addin/src/app/main.tsx into app.js and copies app.html, into the same folder as the task pane
 * (the server answers every /app/* address with app.html). Run after build-addin (which empties
 * its folder). `node scripts/build-app.mjs [outdir]`.
 */
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.mjs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outdir?: string, minify?: boolean }} [options] */
export async function buildApp({ outdir = 'dist/addin', minify = true } = {}) {
  const out = path.resolve(root, outdir);
  await mkdir(out, { recursive: true });
  await build({
    ...browserBundle({ minify }),
    entryPoints: { app: 'addin/src/app/main.tsx' },
    outdir: out,
  });
  await cp(path.join(root, 'addin/app.html'), path.join(out, 'app.html'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp(process.argv[2] ? { outdir: process.argv[2] } : {}).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
