/**
 * The Microsoft 365 app package: manifest.json, its localization files and its two icons at
 * the root of a zip, all derived from manifest.xml (see unifiedManifest.ts). Pure apart from
 * `readAsset`, which the caller gives (scripts/package-m365.mjs reads addin/assets).
 */
import { unifiedManifestFromXml } from './unifiedManifest';
import { zip, type ZipEntry } from './zip';

export { UnifiedManifestError } from './unifiedManifest';

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The package's files, manifest.json first. */
export function appPackageFiles(xml: string, readAsset: (file: string) => Buffer): ZipEntry[] {
  const { manifest, localizations, icons } = unifiedManifestFromXml(xml);
  return [
    { name: 'manifest.json', data: json(manifest) },
    ...Object.entries(localizations).map(([name, content]) => ({ name, data: json(content) })),
    ...Object.entries(icons).map(([name, asset]) => ({ name, data: readAsset(asset) })),
  ];
}

export function appPackageZip(files: ZipEntry[]): Buffer {
  return zip(files);
}
