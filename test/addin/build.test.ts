/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { en as appEn } from '../../addin/src/core/i18n/messages/app/en';
import { en as paneEn } from '../../addin/src/core/i18n/messages/pane/en';

const root = path.resolve(__dirname, '../..');

describe('the task pane build', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-addin-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('fits the first-load budget of 200 KB gzip and loads office.js from Microsoft\'s CDN before the pane', () => {
    const script = `import('./scripts/build-addin.mjs').then(async (m) => { const size = await m.buildAddin({ outdir: ${JSON.stringify(outdir)}, quiet: true }); process.stdout.write(String(size)); })`;
    const size = Number(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
    console.log(`[build] task pane first load: ${size} bytes gzip (budget ${200 * 1024})`);

    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeLessThanOrEqual(200 * 1024);
    const html = readFileSync(path.join(outdir, 'taskpane.html'), 'utf8');
    const office = html.indexOf('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    expect(office).toBeGreaterThan(-1);
    expect(html.indexOf('src="./taskpane.js"')).toBeGreaterThan(office);
    expect(html).toContain('href="./taskpane.css"');
    const js = readFileSync(path.join(outdir, 'taskpane.js'), 'utf8');
    expect(js).not.toContain('process.env.NODE_ENV');
  }, 60_000);

  test("carries the pane's own messages, precompiled, and neither the web app's messages nor a message parser", () => {
    const js = readFileSync(path.join(outdir, 'taskpane.js'), 'utf8');
    expect(js).toContain(JSON.stringify(paneEn['pane.people.heading']));
    expect(js).not.toContain(appEn['app.skipToContent']);
    expect(js).not.toContain(appEn['admin.carePlans.preview']);
    expect(js).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE'); // the ICU parser's error names
  });
});
