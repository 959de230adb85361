/**
 * The task pane's figures: its gzip size (the built dist/addin bundle) and, where the browser
 * harness provides it, the time from Office.onReady to the status on screen.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The gzip size in bytes of the task pane's first load: the scripts and style sheets that
 * dist/addin/taskpane.html itself loads from our origin, and the chunks those modules import
 * statically. Every other .js/.css under dist/addin (the forms' chunk, imported on demand; MSAL
 * under auth/, fetched only for Entra ID sign-in; the web app) is counted apart. Null when the
 * task pane is not built.
 */
export function taskPaneGzipBytes(root: string): { firstLoad: number; others: number } | null {
  const dir = path.join(root, 'dist', 'addin');
  const page = path.join(dir, 'taskpane.html');
  if (!existsSync(page)) return null;
  const html = readFileSync(page, 'utf8');
  const loaded = new Set(
    [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)=["']([^"']+\.(?:js|css))["']/g)]
      .map((m) => m[1]!)
      .filter((src) => !/^[a-z]+:\/\//i.test(src))
      .map((src) => path.join(dir, src.replace(/^\.?\//, ''))),
  );
  // and the chunks those modules import statically (esbuild writes `from"./chunks/…"` or `import"./chunks/…"`)
  const queue = [...loaded];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!file.endsWith('.js') || !existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](\.\.?\/[^"']+\.js)["']/g)) {
      const chunk = path.resolve(path.dirname(file), m[1]!);
      if (!loaded.has(chunk)) {
        loaded.add(chunk);
        queue.push(chunk);
      }
    }
  }
  const sizes = { firstLoad: 0, others: 0 };
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|css)$/.test(name)) sizes[loaded.has(p) ? 'firstLoad' : 'others'] += gzipSync(readFileSync(p), { level: 9 }).length;
    }
  };
  walk(dir);
  return sizes;
}

/**
 * The time from Office.onReady to the care-plan status on screen, through the browser harness
 * (test/support/browser.ts: the built pane in Chromium via playwright-core, office.js answered
 * by a scripted Outlook host), against the benchmark's own server and dataset. Null, with the
 * reason, where the harness cannot run (no Chromium, no built pane).
 */
export async function statusOnScreenMs(baseUrl: string, sender: { displayName: string; emailAddress: string }): Promise<{ ms: number | null; note: string }> {
  try {
    const harness = await import('../test/support/browser');
    const missing = harness.chromiumMissing();
    if (missing) return { ms: null, note: missing };
    const ms = await harness.measureStatusOnScreen({ baseUrl, sender, runs: 5 });
    return { ms, note: 'median of 5 pane openings in Chromium, scripted Outlook host' };
  } catch (err) {
    return { ms: null, note: `the browser harness failed: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}` };
  }
}
