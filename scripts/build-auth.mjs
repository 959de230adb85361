// Builds the Entra ID sign-in scripts of the task pane into <outdir>/auth/:
//   msal.js     MSAL for nested app authentication, loaded by the pane only in Entra mode
//               (so the pane's first load does not carry it);
//   dialog.js   the Office dialog fallback page's script, beside dialog.html.
// Called by scripts/build-addin.mjs.
import { build } from 'esbuild';
import { browserBundle } from './browser-bundle.mjs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ outdir: string, minify?: boolean }} options */
export async function buildAuth({ outdir, minify = true }) {
  const out = path.join(path.resolve(root, outdir), 'auth');
  await mkdir(out, { recursive: true });
  await build({
    ...browserBundle({ minify }),
    entryPoints: { msal: 'addin/src/auth/msalBundle.ts', dialog: 'addin/src/auth/dialogEntry.ts' },
    outdir: out,
  });
  await cp(path.join(root, 'addin/auth/dialog.html'), path.join(out, 'dialog.html'));
}
