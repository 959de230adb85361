/**
 * An esbuild plugin for the task pane: its catalogs (addin/src/core/i18n/messages/pane/*.ts) are
 * bundled as ICU ASTs, parsed here at build time, and react-intl gets the formatjs parser's
 * `no-parser` build — the pane's first load carries no message parser (formatjs's documented
 * "precompile" setup). A message that does not parse fails the build. Jest and the web app keep
 * the string catalogs and the parser.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const NO_PARSER = path.join(path.dirname(require.resolve('@formatjs/icu-messageformat-parser')), 'no-parser.js');

/** The module's exported objects of messages, each message parsed to its AST. */
export async function compiledCatalogModule(file) {
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('exports', 'module', code)(module.exports, module);
  const catalogs = Object.entries(module.exports);
  if (catalogs.length === 0) throw new Error(`${path.basename(file)} exports no catalog`);
  return catalogs
    .map(([name, catalog]) => {
      const compiled = Object.fromEntries(Object.entries(catalog).map(([id, message]) => {
        try {
          return [id, parse(message)];
        } catch (error) {
          throw new Error(`${path.basename(file)}: ${id} is not a valid ICU message (${error.message})`);
        }
      }));
      return `export const ${name} = ${JSON.stringify(compiled)};`;
    })
    .join('\n');
}

/** @param {{ catalogs: RegExp }} options which files are catalogs to precompile */
export function precompiledMessages({ catalogs }) {
  return {
    name: 'precompiled-messages',
    setup(build) {
      build.onResolve({ filter: /^@formatjs\/icu-messageformat-parser$/ }, () => ({ path: NO_PARSER }));
      build.onLoad({ filter: catalogs }, async (args) => ({ contents: await compiledCatalogModule(args.path), loader: 'js' }));
    },
  };
}
