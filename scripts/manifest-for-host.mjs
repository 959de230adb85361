// Produces the add-in manifest for a production host from the one source, manifest.xml.
//
//   node scripts/manifest-for-host.mjs https://crm.example.fi > dist/manifest.xml
//   node scripts/manifest-for-host.mjs https://crm.example.fi --out dist/manifest.xml
//   node scripts/manifest-for-host.mjs https://crm.example.fi --manifest other.xml
//
// Every URL on the development origin (https://localhost:3000: task pane, icons, AppDomain)
// is rewritten to the given origin. Nothing else changes: the add-in's Id (GUID) stays the
// same, so Outlook and the admin centre treat the result as the same add-in. The origin
// must be https (Outlook loads add-in pages only over TLS) and an origin only: the server
// serves the task pane at its root, so a path prefix would break every URL.
//
// Validate the result as usual: ../shared/tools/validate-manifest dist/manifest.xml
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEV_ORIGIN = 'https://localhost:3000';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node scripts/manifest-for-host.mjs <https-origin> [--out file] [--manifest manifest.xml]';

/** Thrown for anything the caller should fix; main() prints the message without a stack. */
export class ManifestForHostError extends Error {}

/** Checks that `value` is an https origin and returns it normalised (lower-case, IDN as ASCII, no slash). */
export function parseOrigin(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ManifestForHostError(`"${value}" is not a URL; give an https origin such as https://crm.example.fi`);
  }
  if (url.protocol !== 'https:') {
    throw new ManifestForHostError(
      `refusing the non-https origin ${url.origin === 'null' ? value : url.origin}: Outlook loads add-ins only over https`,
    );
  }
  if (url.username || url.password) {
    throw new ManifestForHostError('the origin must not contain a user name or password');
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ManifestForHostError(
      `give an origin only (https://host[:port]), not "${value}": the server serves the task pane at its root`,
    );
  }
  return url.origin;
}

// The development origin, not followed by more of a host name or port (https://localhost:30001).
const DEV_ORIGIN_PATTERN = new RegExp(`${DEV_ORIGIN.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w.:-])`, 'g');

function addinId(xml) {
  return /<Id>\s*([^<\s]+)\s*<\/Id>/.exec(xml)?.[1];
}

const COMMENT = /<!--[\s\S]*?-->/g;

/** Applies `rewrite` to the manifest outside XML comments (comments are copied unchanged). */
function outsideComments(xml, rewrite) {
  let out = '';
  let last = 0;
  for (const match of xml.matchAll(COMMENT)) {
    out += rewrite(xml.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + rewrite(xml.slice(last));
}

const GENERATED_NOTE =
  '<!-- Generated from manifest.xml by scripts/manifest-for-host.mjs for a production host. Edit the source, not this file. -->';

/** Returns the manifest text with every development URL on `origin`; throws if that is not possible. */
export function manifestForHost(xml, originArgument) {
  const origin = parseOrigin(originArgument);
  const id = addinId(xml);
  if (!id) throw new ManifestForHostError('the manifest has no <Id>; is it an add-in manifest?');
  let count = 0;
  let leftover = false;
  let out = outsideComments(xml, (text) => {
    count += (text.match(DEV_ORIGIN_PATTERN) ?? []).length;
    const rewritten = text.replace(DEV_ORIGIN_PATTERN, origin);
    leftover ||= /https?:\/\/localhost\b/i.test(text.replace(DEV_ORIGIN_PATTERN, ''));
    return rewritten;
  });
  if (count === 0) {
    throw new ManifestForHostError(`the manifest has no ${DEV_ORIGIN} URLs to rewrite (was it rewritten already?)`);
  }
  if (leftover) {
    throw new ManifestForHostError(`the manifest refers to localhost other than as ${DEV_ORIGIN}; fix manifest.xml`);
  }
  if (addinId(out) !== id) throw new ManifestForHostError('internal error: the add-in Id changed'); // guards future edits
  // The note carries no URL: a punycode host (xn--) would put a forbidden "--" inside a comment.
  out = out.replace(/^(<\?xml[^>]*\?>\r?\n?)?/, (declaration) => `${declaration}${GENERATED_NOTE}\n`);
  return out;
}

function parseArgs(argv) {
  const args = { origin: undefined, out: undefined, manifest: join(root, 'manifest.xml') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--out' || arg === '--manifest') {
      const value = argv[++i];
      if (!value) throw new ManifestForHostError(`${arg} needs a file name\n${USAGE}`);
      args[arg.slice(2)] = value;
    } else if (arg.startsWith('--out=')) {
      args.out = arg.slice('--out='.length);
    } else if (arg.startsWith('--manifest=')) {
      args.manifest = arg.slice('--manifest='.length);
    } else if (arg.startsWith('-')) {
      throw new ManifestForHostError(`unknown option ${arg}\n${USAGE}`);
    } else if (args.origin === undefined) {
      args.origin = arg;
    } else {
      throw new ManifestForHostError(`unexpected argument ${arg}\n${USAGE}`);
    }
  }
  if (args.origin === undefined) throw new ManifestForHostError(`missing the production origin\n${USAGE}`);
  return args;
}

function main(argv) {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    let xml;
    try {
      xml = readFileSync(args.manifest, 'utf8');
    } catch (err) {
      throw new ManifestForHostError(`cannot read ${args.manifest}: ${err.message}`);
    }
    const out = manifestForHost(xml, args.origin);
    if (args.out) {
      mkdirSync(dirname(resolve(args.out)), { recursive: true });
      writeFileSync(args.out, out);
      process.stderr.write(`manifest-for-host: wrote ${args.out} for ${parseOrigin(args.origin)}\n`);
    } else {
      process.stdout.write(out);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof ManifestForHostError)) throw err;
    process.stderr.write(`manifest-for-host: ${err.message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
