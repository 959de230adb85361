/**
 * @jest-environment node
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

/** The file a relative import names (`./x` → ./x.ts, ./x.tsx or ./x/index.ts), null for a package. */
function moduleFile(file: string, from: string): string | null {
  if (!from.startsWith('.')) return null;
  const base = resolved(file, from);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => existsSync(f) && statSync(f).isFile()) ?? null;
}

/** Every source module the bundle of `entry` can contain (type-only imports left out: they vanish from the bundle). */
function bundled(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    for (const i of imports(file)) {
      const next = i.typeOnly ? null : moduleFile(file, i.from);
      if (next) visit(next);
    }
  };
  visit(entry);
  return seen;
}

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
    // src/events/main.ts: the event runtime's own root (the on-send handler is a separate bundle)
    const roots = ['src/core/ApiContext.tsx', 'src/core/AdminApiContext.ts', 'src/services.ts', 'src/events/main.ts'];
    const builders = /\b(createHttp|paneCalls|adminCalls|createApiClient|createAdminApi)\b/;
    const offenders = sources()
      .filter((f) => !relative(f).startsWith('src/api/') && !roots.includes(relative(f)))
      .filter((f) => imports(f).some((i) => !i.typeOnly && resolved(f, i.from).startsWith(path.join(src, 'api')) && builders.test(i.names)));
    expect(offenders.map(relative)).toEqual([]);
  });

  test('the pane and the web app share one i18n: the old hand-made one (src/i18n) is gone and nothing imports it', () => {
    expect(existsSync(path.join(src, 'i18n'))).toBe(false);
    const offenders = sources().filter((f) => imports(f).some((i) => resolved(f, i.from).startsWith(path.join(src, 'i18n') + path.sep) || resolved(f, i.from) === path.join(src, 'i18n')));
    expect(offenders.map(relative)).toEqual([]);
  });

  test("the task pane's bundle holds neither the web app nor its catalogs (the pane's first-load budget)", () => {
    const pane = [...bundled(path.join(src, 'index.tsx'))].map(relative);
    expect(pane).toContain('src/core/i18n/paneCatalogs.ts');
    expect(pane).toContain('src/core/i18n/I18nProvider.tsx');
    expect(pane.filter((f) => f.startsWith('src/app/') || f.startsWith('src/core/i18n/messages/app/') || f === 'src/core/i18n/appCatalogs.ts')).toEqual([]);
  });

  test("the pane's first load reaches neither the Fluent barrel, nor its forms (a chunk loaded on demand), nor the administration contract", () => {
    const first = [...bundled(path.join(src, 'index.tsx'))];
    const importing = (pattern: RegExp) => first.filter((f) => imports(f).some((i) => !i.typeOnly && pattern.test(resolved(f, i.from)))).map(relative);
    // the barrel would pull the forms' fields into the first load (see src/components/fluent.ts)
    expect(importing(/^@fluentui\/react-components$/)).toEqual([]);
    expect(importing(/^@fluentui\/react-(field|input|select)$/)).toEqual([]);
    expect(importing(/shared[\\/]contract-admin$/)).toEqual([]);
    expect(first.map(relative)).not.toContain('src/components/LogActionForm.tsx');
    expect(first.map(relative)).toContain('src/components/lazyForms.tsx');
  });

  test('the pane fetches through TanStack Query: its hooks and components hold no hand-made request state', () => {
    const pane = sources().filter((f) => /^src\/(components|hooks)\//.test(relative(f)));
    const handMade = pane.filter((f) => imports(f).some((i) => /\/(api\/client|api\/request)$/.test(i.from) && !i.typeOnly));
    expect(handMade.map(relative)).toEqual([]);
    const fetching = pane.filter((f) => /\b(pane|api)\.(lookup|createContact|logEmail)\(/.test(code(f)));
    expect(fetching.map(relative).sort()).toEqual(['src/hooks/useAddContact.ts', 'src/hooks/useLookup.ts']);
  });

  test('styles use design tokens, never raw colours', () => {
    const offenders = sources()
      .filter((f) => f.endsWith('.styles.ts'))
      .filter((f) => /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i.test(code(f)));
    expect(offenders.map(relative)).toEqual([]);
  });
});
