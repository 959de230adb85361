/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const addin = path.resolve(__dirname, '../../addin');
const src = path.join(addin, 'src');

/** Every code file under `dir`: TypeScript, JavaScript and the pages' inline scripts. */
function files(dir: string, pattern = /\.(tsx?|m?js|html)$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? files(file, pattern) : pattern.test(name) ? [file] : [];
  });
}

const relative = (file: string) => path.relative(addin, file).split(path.sep).join('/');
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1');
const everything = () => files(addin);
const sources = () => files(src, /\.tsx?$/);

/** The modules an `import … from '…'` statement names, with whether it is `import type`. */
function imports(file: string): Array<{ from: string; typeOnly: boolean; names: string }> {
  return [...code(file).matchAll(/import\s+(type\s+)?([\s\S]*?)\s+from\s+'([^']+)'/g)].map((m) => ({ typeOnly: Boolean(m[1]), names: m[2] ?? '', from: m[3] ?? '' }));
}
const resolved = (file: string, from: string) => (from.startsWith('.') ? path.resolve(path.dirname(file), from) : from);

describe("the add-in's structure (task pane, web app, sign-in pages)", () => {
  test('covers every folder of addin/', () => {
    const folders = new Set(everything().map((f) => relative(f).split('/').slice(0, -1).join('/')));
    for (const folder of ['src/api', 'src/app', 'src/app/admin', 'src/auth', 'src/components', 'src/core', 'src/hooks', 'src/office', 'src/queue', 'auth', '']) {
      expect(folders).toContain(folder);
    }
  });

  test('only the Office adapter touches Office.*', () => {
    const offenders = everything().filter((f) => /\bOffice\.\w/.test(code(f)) && relative(f) !== 'src/office/outlookHost.ts');
    expect(offenders.map(relative)).toEqual([]);
  });

  test('only the API client and the sign-in modules call fetch or XMLHttpRequest', () => {
    const offenders = everything()
      .filter((f) => !/^src\/(api|auth)\//.test(relative(f)))
      .filter((f) => /\bfetch\s*\(|\bXMLHttpRequest\b/.test(code(f)));
    expect(offenders.map(relative)).toEqual([]);
  });

  test('nothing in the front end imports the server', () => {
    const offenders = sources().filter((f) => imports(f).some((i) => resolved(f, i.from).startsWith(path.resolve(addin, '../server'))));
    expect(offenders.map(relative)).toEqual([]);
  });

  test('the web app and the pane build the API client only in their composition roots', () => {
    // pages and components get it from useApi() / the services; they may name its types
    const roots = ['src/core/ApiContext.tsx', 'src/services.ts'];
    const builders = /\b(createHttp|paneCalls|adminCalls|createApiClient|createAdminApi)\b/;
    const offenders = sources()
      .filter((f) => !relative(f).startsWith('src/api/') && !roots.includes(relative(f)))
      .filter((f) => imports(f).some((i) => !i.typeOnly && resolved(f, i.from).startsWith(path.join(src, 'api')) && builders.test(i.names)));
    expect(offenders.map(relative)).toEqual([]);
  });

  test('styles use design tokens, never raw colours', () => {
    const offenders = sources()
      .filter((f) => f.endsWith('.styles.ts'))
      .filter((f) => /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i.test(code(f)));
    expect(offenders.map(relative)).toEqual([]);
  });
});
