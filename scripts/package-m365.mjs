// Builds the Microsoft 365 app package (the unified manifest) from the one source, manifest.xml.
//
//   npm run package:m365                              # development host, https://localhost:3000
//   npm run package:m365 -- https://crm.example.fi    # a production host
//   node scripts/package-m365.mjs https://crm.example.fi --out dist/m365
//
// Writes to the output folder (default dist/m365): manifest.xml (for the host, as
// scripts/manifest-for-host.mjs makes it), manifest.json with its localization files and
// icons, and asiakkuus-m365.zip, the package to upload in the Microsoft 365 admin centre or to
// sideload. With a host, the XML is rewritten first and the JSON is derived from the rewritten
// XML, so both carry the same URLs; the add-in id never changes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ManifestForHostError, manifestForHost } from './manifest-for-host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node scripts/package-m365.mjs [https-origin] [--out folder]';
export const ZIP_NAME = 'asiakkuus-m365.zip';

/** Loads scripts/m365/appPackage.ts (TypeScript, like the code it shares with the tests) through esbuild. */
async function loadAppPackage() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'scripts/m365/appPackage.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

function parseArgs(argv) {
  const args = { origin: undefined, out: join(root, 'dist', 'm365') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--out') {
      const value = argv[++i];
      if (!value) throw new ManifestForHostError(`--out needs a folder\n${USAGE}`);
      args.out = value;
    } else if (arg.startsWith('--out=')) {
      args.out = arg.slice('--out='.length);
    } else if (arg.startsWith('-')) {
      throw new ManifestForHostError(`unknown option ${arg}\n${USAGE}`);
    } else if (args.origin === undefined) {
      args.origin = arg;
    } else {
      throw new ManifestForHostError(`unexpected argument ${arg}\n${USAGE}`);
    }
  }
  return args;
}

async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const source = readFileSync(join(root, 'manifest.xml'), 'utf8');
    const xml = args.origin === undefined ? source : manifestForHost(source, args.origin);
    const { appPackageFiles, appPackageZip, UnifiedManifestError } = await loadAppPackage();
    let files;
    try {
      files = appPackageFiles(xml, (asset) => readFileSync(join(root, 'addin', 'assets', asset)));
    } catch (err) {
      if (err instanceof UnifiedManifestError) throw new ManifestForHostError(err.message);
      throw err;
    }
    const out = resolve(args.out);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'manifest.xml'), xml);
    for (const { name, data } of files) writeFileSync(join(out, name), data);
    writeFileSync(join(out, ZIP_NAME), appPackageZip(files));
    process.stderr.write(`package-m365: wrote ${join(out, ZIP_NAME)} (${files.map((f) => f.name).join(', ')}) and manifest.xml\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ManifestForHostError)) throw err;
    process.stderr.write(`package-m365: ${err.message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
