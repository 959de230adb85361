// The esbuild settings every browser bundle of the project shares (task pane, admin pages, sign-in).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {{ minify?: boolean }} [options] */
export function browserBundle({ minify = true } = {}) {
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'edge100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    minify,
    sourcemap: minify ? false : 'linked',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  };
}
