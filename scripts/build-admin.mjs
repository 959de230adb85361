/**
 * Builds the admin pages (import, care plans, users, hand-over, classifications, merges, dashboard): bundles addin/src/admin/main.tsx into
 * admin.js and copies admin.html, into the same folder as the task pane (served by the server).
 * Run after build-addin (which empties its folder). `node scripts/build-admin.mjs [outdir]`.
 */
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.mjs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outdir?: string, minify?: boolean }} [options] */
export async function buildAdmin({ outdir = 'dist/addin', minify = true } = {}) {
  const out = path.resolve(root, outdir);
  await mkdir(out, { recursive: true });
  await build({
    ...browserBundle({ minify }),
    entryPoints: { admin: 'addin/src/admin/main.tsx' },
    outdir: out,
  });
  await cp(path.join(root, 'addin/admin.html'), path.join(out, 'admin.html'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAdmin(process.argv[2] ? { outdir: process.argv[2] } : {}).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
