/**
 * The server's layers, as issue #9 and STYLE.md draw them: thin routers → use cases → one
 * persistence layer. Use cases reach the database only through the repositories' index (and
 * the record types beside it), never mongoose, the models or the engine module; the HTTP layer
 * reaches it only through the use cases.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
  });
}

const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Every module a file imports or re-exports (static, dynamic or `require`, as TypeScript reads them), relative ones from the project root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: s }) => (s.startsWith('.') ? relative(path.resolve(path.dirname(file), s)) : s));
}

const DATABASE_DRIVERS = /^(mongoose|mongodb)(\/|$)/;
const PERSISTENCE = /^server\/persistence(\/|$)/;
/** What use cases may import of the persistence layer: the repositories' index and their record types. */
const REPOSITORIES = new Set(['server/persistence/repositories', 'server/persistence/repositories/index', 'server/persistence/repositories/records']);

const offences = (dir: string, bad: (imported: string) => boolean, except: ReadonlySet<string> = new Set()) =>
  sources(path.join(root, dir))
    .filter((f) => !except.has(relative(f)))
    .flatMap((f) => importsOf(f).filter(bad).map((imported) => `${relative(f)} imports ${imported}`));

describe("the server's layers", () => {
  test('the check sees imports of every form (so that an empty list below means something)', () => {
    expect(importsOf(path.join(root, 'server/persistence/repositories/records.ts'))).toEqual(expect.arrayContaining(['mongoose', 'server/persistence/models']));
    expect(importsOf(path.join(root, 'server/persistence/repositories/index.ts'))).toEqual(expect.arrayContaining(['server/persistence/repositories/customers', 'server/persistence/paging']));
    expect(importsOf(path.join(root, 'server/http/routes/imports.ts'))).toContain('server/usecases/imports/runImport');
  });

  test('use cases import neither mongoose nor the database driver', () => {
    expect(offences('server/usecases', (m) => DATABASE_DRIVERS.test(m))).toEqual([]);
  });

  test('use cases reach persistence only through the repositories (never the models, the engine or a repository module itself)', () => {
    expect(offences('server/usecases', (m) => PERSISTENCE.test(m) && !REPOSITORIES.has(m))).toEqual([]);
  });

  test('the HTTP layer imports nothing from persistence, nor mongoose', () => {
    expect(offences('server/http', (m) => PERSISTENCE.test(m) || DATABASE_DRIVERS.test(m))).toEqual([]);
  });
});
