// Builds the Entra ID sign-in scripts of the task pane into <outdir>/auth/:
//   msal.js     MSAL for nested app authentication, loaded by the pane only in Entra mode
//               (so the pane's first load does not carry it);
//   dialog.js   the Office dialog fallback page's script, beside dialog.html.
// Called by scripts/build-addin.mjs.
import { build } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outdir: string, minify?: boolean }} options */
export async function buildAuth({ outdir, minify = true }) {
  const out = path.join(path.resolve(root, outdir), 'auth');
  await mkdir(out, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { msal: 'addin/src/auth/msalBundle.ts', dialog: 'addin/src/auth/dialogEntry.ts' },
    outdir: out,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'edge100', 'firefox100', 'safari15'],
    minify,
    sourcemap: minify ? false : 'linked',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await cp(path.join(root, 'addin/auth/dialog.html'), path.join(out, 'dialog.html'));
}
