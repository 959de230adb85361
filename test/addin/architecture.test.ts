/**
 * @jest-environment node
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '../../addin/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
  });
}

const relative = (file: string) => path.relative(src, file).split(path.sep).join('/');
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

describe('the task pane\'s structure', () => {
  test('only the Office adapter touches Office.*', () => {
    const offenders = sources(src).filter((f) => /\bOffice\.\w/.test(code(f)) && relative(f) !== 'office/outlookHost.ts');
    expect(offenders.map(relative)).toEqual([]);
  });

  test('components and hooks never call fetch', () => {
    const offenders = sources(src)
      .filter((f) => /^(components|hooks)\//.test(relative(f)))
      .filter((f) => /\bfetch\s*\(/.test(code(f)));
    expect(offenders.map(relative)).toEqual([]);
  });

  test('styles use design tokens, never raw colours', () => {
    const offenders = sources(src)
      .filter((f) => f.endsWith('.styles.ts'))
      .filter((f) => /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/i.test(code(f)));
    expect(offenders.map(relative)).toEqual([]);
  });
});
