/**
 * The unified app manifest (manifest.json for Microsoft 365), derived from manifest.xml by
 * scripts/m365 and packaged by `npm run package:m365`: it must satisfy Microsoft's schema
 * offline, and say what manifest.xml says (id, version, surfaces, URLs, icons, permissions,
 * requirement sets), for the development host and for a production host alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { appPackageFiles } from '../../scripts/m365/appPackage';
import { MANIFEST_VERSION, SEND_RUNTIME_ID, unifiedManifestFromXml, UnifiedManifestError } from '../../scripts/m365/unifiedManifest';
import { ancestors, childrenNamed, descendants, parseXml, type XmlElement } from '../support/xml';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'manifest.xml');
const packageScript = path.join(root, 'scripts', 'package-m365.mjs');
const assetsDir = path.join(root, 'addin', 'assets');
const schemaDir = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
  `v${MANIFEST_VERSION}`,
);

const ADDIN_ID = '0b90ebd1-6930-4226-a17f-069b6e01d6ba';
const DEV_ORIGIN = 'https://localhost:3000';
const PROD_ORIGIN = 'https://crm.example.fi';

const xml = readFileSync(manifestPath, 'utf8');
const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const readAsset = (file: string) => readFileSync(path.join(assetsDir, file));

type Json = Record<string, unknown>;
interface Control {
  id: string;
  label: string;
  icons: Array<{ size: number; url: string }>;
  supertip: { title: string; description: string };
  actionId: string;
}
interface MobileControl {
  id: string;
  type: string;
  label: string;
  icons: Array<{ size: number; url: string; scale: number }>;
  actionId: string;
}
interface Ribbon {
  requirements: { capabilities: Array<{ name: string; minVersion: string }>; formFactors: string[] };
  contexts: string[];
  tabs: Array<{
    builtInTabId: string;
    groups: Array<{ id: string; label: string; controls: Control[] }>;
    customMobileRibbonGroups?: Array<{ id: string; label: string; controls: MobileControl[] }>;
  }>;
}
interface Runtime {
  id: string;
  code: { page: string };
  actions: Array<{ id: string; type: string; pinnable: boolean }>;
}
interface Extension {
  requirements: { capabilities: Array<{ name: string; minVersion: string }>; scopes: string[]; formFactors: string[] };
  runtimes: Runtime[];
  ribbons: Ribbon[];
  alternates: Array<{ alternateIcons: { icon: { url: string }; highResolutionIcon: { url: string } } }>;
}
interface Manifest {
  id: string;
  version: string;
  validDomains: string[];
  authorization: { permissions: { resourceSpecific: Array<{ name: string; type: string }> } };
  extensions: Extension[];
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string; file: string }> };
}

function schema(file: string): Json {
  return JSON.parse(readFileSync(path.join(schemaDir, file), 'utf8')) as Json;
}

/**
 * Microsoft's Localization schema has a pattern (`\b]`) that is invalid as a Unicode regular
 * expression, so its own validator (ajv with `u` patterns) cannot compile it; the same ajv
 * and draft-04 dialect that @microsoft/app-manifest uses, with non-Unicode patterns, can.
 */
function validateLocalization(file: Json): string[] {
  const fromPackage = createRequire(require.resolve('@microsoft/app-manifest'));
  const Ajv = (fromPackage('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
  const addFormats = (fromPackage('ajv-formats') as { default: (ajv: AjvLike, formats: string[]) => void }).default;
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema('MicrosoftTeams.Localization.schema.json'));
  return validate(file) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
interface AjvLike {
  compile(schema: Json): ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null };
}

const xsiType = (e: XmlElement) => e.attributes['xsi:type'];
const named = (scope: XmlElement, local: string) => descendants(scope).filter((e) => e.local === local);

/** The newest VersionOverrides of the XML, whose commands the unified manifest carries. */
function newestOverrides(manifest: XmlElement): XmlElement {
  const blocks = named(manifest, 'VersionOverrides');
  return blocks.find((b) => !named(b, 'VersionOverrides').length)!;
}

function ownElements(block: XmlElement, local: string): XmlElement[] {
  return named(block, local).filter((e) => ancestors(e).find((a) => a.local === 'VersionOverrides') === block);
}

/** Every absolute URL in a JSON value (strings only), in document order. */
function urlsInJson(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urlsInJson);
  if (value && typeof value === 'object') return Object.entries(value).filter(([k]) => k !== '$schema').flatMap(([, v]) => urlsInJson(v));
  return [];
}

/** Every absolute URL the XML manifest gives Outlook (attributes and text, namespace declarations aside). */
function urlsInXml(element: XmlElement): string[] {
  return [element, ...descendants(element)]
    .flatMap((e) => [...Object.entries(e.attributes).filter(([n]) => n !== 'xmlns' && !n.startsWith('xmlns:')).map(([, v]) => v), e.text])
    .filter((v) => /^https?:\/\//.test(v));
}

/** Reads a zip archive's entries through its central directory, checking each entry's CRC. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const stored = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    expect({ name, crc: crc32(data) }).toEqual({ name, crc });
    entries.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Size and pixels of a PNG written by scripts/make-icons.mjs (RGBA, 8 bit, filter 0 on every row). */
function decodePng(bytes: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect({ bitDepth: bytes[24], colourType: bytes[25] }).toEqual({ bitDepth: 8, colourType: 6 });
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

function runPackage(args: string[]) {
  const result = spawnSync(process.execPath, [packageScript, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const { manifest: generated, localizations } = unifiedManifestFromXml(xml);
const unified = generated as unknown as Manifest;
const extension = unified.extensions[0]!;
/** What manifest.xml says too: everything but the unified-only on-send runtime ("Log when sent", unifiedOnlyExtension). */
const fromXmlRuntimes = extension.runtimes.filter((r) => r.id !== SEND_RUNTIME_ID);
/** The unified-only runtime's URLs, on a given origin. */
const unifiedOnlyUrls = (origin: string) => [`${origin}/commands.html`, `${origin}/events/events.js`];
const source = parseXml(xml);

describe('the unified manifest derived from manifest.xml', () => {
  test(`validates offline against Microsoft's schema v${MANIFEST_VERSION} (as shipped in @microsoft/app-manifest)`, async () => {
    expect(generated.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    const errors = await AppManifestUtils.validateAgainstSchema(generated as never, schema('MicrosoftTeams.schema.json') as never);
    expect(errors).toEqual([]);
  });

  test('its Finnish and Swedish localization files validate against the Localization schema', () => {
    expect(Object.keys(localizations).sort()).toEqual(['fi-FI.json', 'sv-SE.json']);
    expect(unified.localizationInfo).toEqual({
      defaultLanguageTag: 'en-US',
      additionalLanguages: [
        { languageTag: 'fi-FI', file: 'fi-FI.json' },
        { languageTag: 'sv-SE', file: 'sv-SE.json' },
      ],
    });
    for (const file of Object.values(localizations)) expect(validateLocalization(file)).toEqual([]);
    expect(localizations['sv-SE.json']).toMatchObject({
      'name.short': 'Asiakkuus',
      'description.full': expect.stringMatching(/^Känner igen kundkontakter/),
      'description.short': expect.stringMatching(/\w/),
    });
  });

  test('a broken manifest fails the schema check (the check is not vacuous)', async () => {
    const broken = { ...generated, id: 'not-a-guid', accentColor: 'blue' };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never, schema('MicrosoftTeams.schema.json') as never);
    expect(errors.join('\n')).toMatch(/\/id/);
    expect(errors.join('\n')).toMatch(/\/accentColor/);
  });

  test("has manifest.xml's id, version and permission, as Microsoft's own manifest reader sees both", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'unified-'));
    try {
      const { status, stderr } = runPackage(['--out', dir]);
      expect({ status, stderr }).toEqual({ status: 0, stderr: expect.stringContaining('wrote') });
      const fromXml = await OfficeAddinManifest.readManifestFile(manifestPath);
      const fromJson = await OfficeAddinManifest.readManifestFile(path.join(dir, 'manifest.json'));
      expect(fromJson).toMatchObject({ manifestType: 'json', id: ADDIN_ID, version: packageVersion, displayName: 'Asiakkuus' });
      expect({ id: fromJson.id, version: `${fromJson.version}.0`, name: fromJson.displayName, locale: fromJson.defaultLocale }).toEqual({
        id: fromXml.id,
        version: fromXml.version,
        name: fromXml.displayName,
        locale: fromXml.defaultLocale,
      });
      expect(fromXml.permissions).toBe('ReadWriteItem');
      expect(unified.authorization.permissions.resourceSpecific).toEqual([{ name: 'MailboxItem.ReadWrite.User', type: 'Delegated' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('requires the same Mailbox requirement set as manifest.xml, for the add-in, its runtime and every ribbon', () => {
    const sets = childrenNamed(childrenNamed(source, 'Requirements')[0]!, 'Sets')[0]!;
    const expected = childrenNamed(sets, 'Set').map((s) => ({ name: s.attributes.Name, minVersion: s.attributes.MinVersion }));
    expect(expected).toEqual([{ name: 'Mailbox', minVersion: '1.5' }]);
    expect(extension.requirements).toEqual({ capabilities: expected, scopes: ['mail'], formFactors: ['desktop', 'mobile'] });
    for (const holder of [...fromXmlRuntimes, ...extension.ribbons]) {
      expect((holder as unknown as Ribbon).requirements.capabilities).toEqual(expected);
    }
  });

  test('offers a ribbon button on exactly the surfaces of manifest.xml, each opening the pinnable task pane', () => {
    const block = newestOverrides(source);
    const surfaces = ownElements(block, 'ExtensionPoint').map(xsiType).sort();
    expect(surfaces).toEqual(['AppointmentAttendeeCommandSurface', 'AppointmentOrganizerCommandSurface', 'MessageComposeCommandSurface', 'MessageReadCommandSurface', 'MobileMessageReadCommandSurface']);
    expect(extension.ribbons.map((r) => ({ contexts: r.contexts, formFactors: r.requirements.formFactors }))).toEqual([
      { contexts: ['mailRead'], formFactors: ['desktop'] },
      { contexts: ['mailCompose'], formFactors: ['desktop'] },
      { contexts: ['meetingDetailsAttendee'], formFactors: ['desktop'] },
      { contexts: ['meetingDetailsOrganizer'], formFactors: ['desktop'] },
      { contexts: ['mailRead'], formFactors: ['mobile'] },
    ]);

    const xmlControls = ownElements(block, 'Control').map((c) => c.attributes.id).sort();
    const desktop = extension.ribbons.flatMap((r) => r.tabs.flatMap((t) => (t.groups ?? []).flatMap((g) => g.controls)));
    const mobile = extension.ribbons.flatMap((r) => r.tabs.flatMap((t) => (t.customMobileRibbonGroups ?? []).flatMap((g) => g.controls)));
    expect([...desktop, ...mobile].map((c) => c.id).sort()).toEqual(xmlControls);

    expect(fromXmlRuntimes).toHaveLength(1);
    const runtime = fromXmlRuntimes[0]!;
    expect(runtime.code.page).toBe(`${DEV_ORIGIN}/taskpane.html`);
    const actions = new Map(runtime.actions.map((a) => [a.id, a]));
    for (const control of desktop) {
      expect(actions.get(control.actionId)).toMatchObject({ type: 'openPage', pinnable: true });
    }
    // Outlook on iOS and Android cannot pin: the mobile button opens the same page, unpinned
    expect(mobile.map((c) => actions.get(c.actionId))).toEqual([{ id: 'TaskpaneUrl', type: 'openPage', view: 'TaskpaneUrl', pinnable: false }]);
  });

  test('labels, tooltips and icons of each button are those of manifest.xml, in English, Finnish and Swedish', () => {
    const block = newestOverrides(source);
    const strings = new Map(ownElements(block, 'String').map((s) => [s.attributes.id, s]));
    const images = new Map(ownElements(block, 'Image').filter((i) => i.attributes.id).map((i) => [i.attributes.id, i.attributes.DefaultValue]));
    const xmlControls = new Map(ownElements(block, 'Control').map((c) => [c.attributes.id, c]));
    extension.ribbons.forEach((ribbon, r) => {
      if (!ribbon.tabs[0]!.groups) return; // the mobile ribbon: its own test below
      const control = ribbon.tabs[0]!.groups[0]!.controls[0]!;
      const xmlControl = xmlControls.get(control.id)!;
      const supertip = childrenNamed(xmlControl, 'Supertip')[0]!;
      const texts: Array<[string, XmlElement, string]> = [
        ['label', childrenNamed(xmlControl, 'Label')[0]!, control.label],
        ['supertip.title', childrenNamed(supertip, 'Title')[0]!, control.supertip.title],
        ['supertip.description', childrenNamed(supertip, 'Description')[0]!, control.supertip.description],
      ];
      for (const [key, reference, value] of texts) {
        const string = strings.get(reference.attributes.resid!)!;
        expect(value).toBe(string.attributes.DefaultValue);
        for (const override of childrenNamed(string, 'Override')) {
          const file = localizations[`${override.attributes.Locale}.json`]!;
          expect(file[`extensions[0].ribbons[${r}].tabs[0].groups[0].controls[0].${key}`]).toBe(override.attributes.Value);
        }
      }
      const xmlIcons = named(xmlControl, 'Image').map((i) => ({ size: Number(i.attributes.size), url: images.get(i.attributes.resid!) }));
      expect(control.icons).toEqual(xmlIcons);
    });
    expect(localizations['fi-FI.json']!['extensions[0].ribbons[0].tabs[0].groups[0].controls[0].label']).toBe('Näytä asiakas');
  });

  test('the mobile read button sits on the default tab with its nine scaled icons and the fi/sv/en label of manifest.xml', () => {
    const block = newestOverrides(source);
    const images = new Map(ownElements(block, 'Image').filter((i) => i.attributes.id).map((i) => [i.attributes.id, i.attributes.DefaultValue]));
    const r = extension.ribbons.findIndex((ribbon) => ribbon.requirements.formFactors.includes('mobile'));
    const tab = extension.ribbons[r]!.tabs[0]!;
    expect(tab.builtInTabId).toBe('DefaultTab');
    expect(tab.groups).toBeUndefined();
    const control = tab.customMobileRibbonGroups![0]!.controls[0]!;
    expect(control).toMatchObject({ id: 'asiakkuusMobileReadOpenPane', type: 'mobileButton', label: 'Show customer' });
    const xmlControl = ownElements(block, 'Control').find((c) => c.attributes.id === control.id)!;
    expect(control.icons).toEqual(named(xmlControl, 'Image').map((i) => ({ size: Number(i.attributes.size), url: images.get(i.attributes.resid!), scale: Number(i.attributes.scale) })));
    expect(control.icons).toHaveLength(9);
    const path = `extensions[0].ribbons[${r}].tabs[0].customMobileRibbonGroups[0].controls[0].label`;
    expect(localizations['fi-FI.json']![path]).toBe('Näytä asiakas');
    expect(localizations['sv-SE.json']![path]).toBe('Visa kund');
  });

  test('uses no URL that manifest.xml does not, and every task pane and icon URL of manifest.xml', () => {
    const xmlUrls = new Set(urlsInXml(source));
    // developer pages: the origin's root; the on-send runtime: unified only
    const jsonUrls = new Set(urlsInJson(generated).filter((u) => u !== `${DEV_ORIGIN}/` && !unifiedOnlyUrls(DEV_ORIGIN).includes(u)));
    expect([...jsonUrls].filter((u) => !xmlUrls.has(u))).toEqual([]);
    expect([...xmlUrls].filter((u) => !jsonUrls.has(u) && u !== DEV_ORIGIN).sort()).toEqual([]);
    expect(unified.validDomains).toEqual(['localhost:3000']);
    expect(extension.alternates[0]!.alternateIcons).toMatchObject({
      icon: { url: childrenNamed(source, 'IconUrl')[0]!.attributes.DefaultValue },
      highResolutionIcon: { url: childrenNamed(source, 'HighResolutionIconUrl')[0]!.attributes.DefaultValue },
    });
  });

  test('packages a 192-pixel colour icon and a 32-pixel outline icon that is white on transparency', () => {
    const files = new Map(appPackageFiles(xml, readAsset).map((f) => [f.name, f.data]));
    expect([...files.keys()]).toEqual(['manifest.json', 'fi-FI.json', 'sv-SE.json', 'color.png', 'outline.png']);
    const color = decodePng(files.get('color.png')!);
    expect({ width: color.width, height: color.height }).toEqual({ width: 192, height: 192 });
    const outline = decodePng(files.get('outline.png')!);
    expect({ width: outline.width, height: outline.height }).toEqual({ width: 32, height: 32 });
    let opaque = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      opaque++;
      expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32 * 0.75); // a glyph, not a white square
  });

  test('the meeting surfaces of manifest.xml are calendar ribbons, their buttons and tooltips in Finnish and Swedish too', () => {
    const ribbons = extension.ribbons;
    const attendee = ribbons.findIndex((r) => r.contexts.includes('meetingDetailsAttendee' as never));
    const organizer = ribbons.findIndex((r) => r.contexts.includes('meetingDetailsOrganizer' as never));
    expect(ribbons[attendee]!.tabs[0]!.groups[0]!.controls[0]).toMatchObject({ id: 'asiakkuusAttendeeOpenPane', label: 'Show customer' });
    expect(ribbons[organizer]!.tabs[0]!.groups[0]!.controls[0]).toMatchObject({ id: 'asiakkuusOrganizerOpenPane', label: 'Show customer' });
    const fi = localizations['fi-FI.json']!;
    const sv = localizations['sv-SE.json']!;
    for (const i of [attendee, organizer]) {
      const control = `extensions[0].ribbons[${i}].tabs[0].groups[0].controls[0]`;
      expect(fi[`${control}.label`]).toBe('Näytä asiakas');
      expect(sv[`${control}.label`]).toBe('Visa kund');
      expect(fi[`${control}.supertip.description`]).toMatch(/tapaami/);
    }
  });

  test('an event only the unified manifest can express (on-send) joins it on the XML\'s host and still validates', async () => {
    const onSend = (origin: string) => ({
      runtimes: [
        {
          id: 'sendRuntime',
          type: 'general',
          code: { page: `${origin}/commands.html`, script: `${origin}/commands.js` },
          lifetime: 'short',
          actions: [{ id: 'onMessageSend', type: 'executeFunction' }],
        },
      ],
      autoRunEvents: [{ events: [{ type: 'messageSending', actionId: 'onMessageSend', options: { sendMode: 'softBlock' } }] }],
    });
    const productionXml = xml.replaceAll(DEV_ORIGIN, PROD_ORIGIN);
    const { manifest } = unifiedManifestFromXml(productionXml, onSend);
    const withEvent = (manifest as unknown as Manifest).extensions[0]! as Extension & { autoRunEvents: unknown[] };
    expect(withEvent.runtimes.map((r) => r.code.page)).toEqual([`${PROD_ORIGIN}/taskpane.html`, `${PROD_ORIGIN}/commands.html`]);
    expect(withEvent.autoRunEvents).toHaveLength(1);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never, schema('MicrosoftTeams.schema.json') as never)).toEqual([]);
  });

  test('"Log when sent": the on-send event (Mailbox 1.12) runs the built handler from the XML\'s host, and lets mail go when the add-in is unavailable', () => {
    const productionXml = xml.replaceAll(DEV_ORIGIN, PROD_ORIGIN);
    const extension = (unifiedManifestFromXml(productionXml).manifest as unknown as Manifest).extensions[0]! as Extension & { autoRunEvents: Array<Record<string, unknown>> };
    const send = extension.runtimes.find((r) => r.id === 'sendRuntime') as unknown as Record<string, unknown>;
    expect(send).toMatchObject({
      type: 'general', lifetime: 'short',
      code: { page: `${PROD_ORIGIN}/commands.html`, script: `${PROD_ORIGIN}/events/events.js` },
      actions: [{ id: 'onMessageSendHandler', type: 'executeFunction' }],
      requirements: { capabilities: [{ name: 'Mailbox', minVersion: '1.12' }] },
    });
    expect(extension.autoRunEvents).toEqual([{
      requirements: { capabilities: [{ name: 'Mailbox', minVersion: '1.12' }], scopes: ['mail'], formFactors: ['desktop'] },
      events: [{ type: 'messageSending', actionId: 'onMessageSendHandler', options: { sendMode: 'promptUser' } }],
    }]);
    expect(JSON.stringify(extension)).not.toContain(DEV_ORIGIN);
  });

  test('a surface the generator does not know stops it with an error that says where to add it', () => {
    const unknown = xml.replace(/MessageComposeCommandSurface/g, 'MessageReadCommandSurfaceOfTheFuture');
    expect(() => unifiedManifestFromXml(unknown)).toThrow(UnifiedManifestError);
    expect(() => unifiedManifestFromXml(unknown)).toThrow(/MessageReadCommandSurfaceOfTheFuture has no unified equivalent yet; add it to SURFACES/);
  });
});

describe('npm run package:m365 (scripts/package-m365.mjs)', () => {
  test('for a production host, writes manifest.xml and the zipped manifest.json with the same id and only that host', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'package-m365-'));
    try {
      const { status, stdout, stderr } = runPackage([PROD_ORIGIN, '--out', dir]);
      expect({ status, stdout }).toEqual({ status: 0, stdout: '' });
      expect(stderr).toContain('asiakkuus-m365.zip');
      expect(readdirSync(dir).sort()).toEqual(
        ['asiakkuus-m365.zip', 'color.png', 'fi-FI.json', 'manifest.json', 'manifest.xml', 'outline.png', 'sv-SE.json'].sort(),
      );

      const productionXml = readFileSync(path.join(dir, 'manifest.xml'), 'utf8');
      const entries = unzip(readFileSync(path.join(dir, 'asiakkuus-m365.zip')));
      expect([...entries.keys()]).toEqual(['manifest.json', 'fi-FI.json', 'sv-SE.json', 'color.png', 'outline.png']);
      for (const [name, data] of entries) expect({ name, same: data.equals(readFileSync(path.join(dir, name))) }).toEqual({ name, same: true });

      const production = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Manifest & Json;
      expect(production.id).toBe(ADDIN_ID);
      expect(parseXml(productionXml).children.find((e) => e.local === 'Id')?.text).toBe(ADDIN_ID);
      expect(production.validDomains).toEqual(['crm.example.fi']);
      expect(production.extensions[0]!.runtimes[0]!.code.page).toBe(`${PROD_ORIGIN}/taskpane.html`);

      // The JSON is the development one with the host swapped, and its URLs are exactly those of the production XML.
      expect(JSON.stringify(production)).toBe(JSON.stringify(generated).replaceAll(DEV_ORIGIN, PROD_ORIGIN).replaceAll('localhost:3000', 'crm.example.fi'));
      expect(JSON.stringify(production)).not.toMatch(/localhost/);
      const xmlUrls = new Set(urlsInXml(parseXml(productionXml)));
      for (const url of urlsInJson(production)) {
        expect({ url, inXml: xmlUrls.has(url) || url === `${PROD_ORIGIN}/` || unifiedOnlyUrls(PROD_ORIGIN).includes(url) }).toEqual({ url, inXml: true });
      }
      for (const url of xmlUrls) expect(new URL(url).origin).toBe(PROD_ORIGIN);

      expect(await AppManifestUtils.validateAgainstSchema(production as never, schema('MicrosoftTeams.schema.json') as never)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the same source gives a byte-identical zip, so a rebuilt package is not a new version', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'package-m365-'));
    try {
      expect(runPackage([PROD_ORIGIN, '--out', path.join(dir, 'a')]).status).toBe(0);
      expect(runPackage([PROD_ORIGIN, '--out', path.join(dir, 'b')]).status).toBe(0);
      const a = readFileSync(path.join(dir, 'a', 'asiakkuus-m365.zip'));
      expect(a.equals(readFileSync(path.join(dir, 'b', 'asiakkuus-m365.zip')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses an http origin with the rewrite script’s clear error and writes nothing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'package-m365-'));
    try {
      const { status, stderr } = runPackage(['http://crm.example.fi', '--out', path.join(dir, 'out')]);
      expect(status).toBe(1);
      expect(stderr).toMatch(/^package-m365: refusing the non-https origin http:\/\/crm\.example\.fi/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
