/**
 * The add-in manifest and its tooling: what Outlook is told about the add-in, checked the
 * way Outlook and Microsoft's tools would read it, plus the step that rewrites it for a
 * production host (scripts/manifest-for-host.mjs, run as the CLI it is).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { ancestors, childrenNamed, descendants, parseXml, type XmlElement } from '../support/xml';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'manifest.xml');
const forHostScript = path.join(root, 'scripts', 'manifest-for-host.mjs');
const assetsDir = path.join(root, 'addin', 'assets');
const validator = path.resolve(root, '../shared/tools/validate-manifest');

const ADDIN_ID = '0b90ebd1-6930-4226-a17f-069b6e01d6ba';
const DEV_ORIGIN = 'https://localhost:3000';
const PROD_ORIGIN = 'https://crm.example.fi';
const NS = {
  officeApp: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  overrides10: 'http://schemas.microsoft.com/office/mailappversionoverrides',
  overrides11: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

const source = readFileSync(manifestPath, 'utf8');
const manifest = parseXml(source);
const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

function xsiType(element: XmlElement): string | undefined {
  return element.attributes['xsi:type'];
}

function named(scope: XmlElement, local: string): XmlElement[] {
  return descendants(scope).filter((e) => e.local === local);
}

function versionOverrides(namespace: string): XmlElement {
  const found = named(manifest, 'VersionOverrides').filter((e) => e.namespace === namespace);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Every URL the manifest gives Outlook: attribute values and element text, namespace declarations aside. */
function urlsIn(element: XmlElement): string[] {
  return [element, ...descendants(element)]
    .flatMap((e) => [
      ...Object.entries(e.attributes)
        .filter(([name]) => name !== 'xmlns' && !name.startsWith('xmlns:'))
        .map(([, value]) => value),
      e.text,
    ])
    .filter((value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value));
}

/** A test that needs the schemas in ../shared; skipped, with the reason in its name, when they are absent. */
function whenShared(name: string, fn: () => void): void {
  if (existsSync(validator)) test(name, fn);
  else test.skip(`${name} (skipped: ${validator} is not present; the ../shared checkout holds the schemas)`, fn);
}

/** The effective minimum Mailbox version of a <Requirements> element (Set@MinVersion, else Sets@DefaultMinVersion). */
function mailboxMinVersion(requirements: XmlElement): string | undefined {
  const sets = childrenNamed(requirements, 'Sets')[0];
  const mailbox = sets && childrenNamed(sets, 'Set').find((s) => s.attributes.Name === 'Mailbox');
  return mailbox && (mailbox.attributes.MinVersion ?? sets.attributes.DefaultMinVersion ?? '1.1');
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function runForHost(args: string[]) {
  const result = spawnSync(process.execPath, [forHostScript, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the add-in manifest', () => {
  whenShared("validates offline against Microsoft's manifest schemas (../shared/tools/validate-manifest)", () => {
    const result = spawnSync(validator, [manifestPath], { encoding: 'utf8' });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
      status: 0,
      output: `${manifestPath} validates`,
    });
  });

  test("is read by office-addin-manifest as a MailApp with our fixed id, the package's version and ReadWriteItem (the draft's send-log header)", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info).toMatchObject({
      id: ADDIN_ID,
      version: `${packageVersion}.0`,
      officeAppType: 'MailApp',
      manifestType: 'xml',
      displayName: 'Asiakkuus',
      defaultLocale: 'en-US',
      hosts: ['Mailbox'],
      permissions: 'ReadWriteItem',
      appDomains: [DEV_ORIGIN],
      iconUrl: `${DEV_ORIGIN}/assets/icon-64.png`,
      highResolutionIconUrl: `${DEV_ORIGIN}/assets/icon-128.png`,
    });
  });

  test('requires Mailbox 1.5 at the top level and in both VersionOverrides blocks', () => {
    const topLevel = childrenNamed(manifest, 'Requirements')[0];
    expect(topLevel && mailboxMinVersion(topLevel)).toBe('1.5');
    for (const namespace of [NS.overrides10, NS.overrides11]) {
      const requirements = childrenNamed(versionOverrides(namespace), 'Requirements')[0];
      expect(requirements && mailboxMinVersion(requirements)).toBe('1.5');
    }
  });

  test('nests VersionOverrides 1.1 inside 1.0, with the types Outlook expects', () => {
    const v10 = versionOverrides(NS.overrides10);
    const v11 = versionOverrides(NS.overrides11);
    expect(v10.parent).toBe(manifest);
    expect(xsiType(v10)).toBe('VersionOverridesV1_0');
    expect(v11.parent).toBe(v10);
    expect(xsiType(v11)).toBe('VersionOverridesV1_1');
  });

  test('declares the task pane pinnable only within VersionOverrides V1_1, on the mail (read, compose) and meeting (attendee, organizer) buttons', () => {
    const pinning = named(manifest, 'SupportsPinning');
    expect(pinning.length).toBeGreaterThan(0);
    for (const element of pinning) {
      expect(element.namespace).toBe(NS.overrides11);
      expect(element.text).toBe('true');
      expect(xsiType(element.parent!)).toBe('ShowTaskpane');
      const nearestOverrides = ancestors(element).find((e) => e.local === 'VersionOverrides');
      expect(nearestOverrides && xsiType(nearestOverrides)).toBe('VersionOverridesV1_1');
    }
    const surfaces = pinning.map((e) => ancestors(e).find((a) => a.local === 'ExtensionPoint')).map((e) => e && xsiType(e));
    expect(surfaces.sort()).toEqual(['AppointmentAttendeeCommandSurface', 'AppointmentOrganizerCommandSurface', 'MessageComposeCommandSurface', 'MessageReadCommandSurface']);
  });

  test.each([
    ['VersionOverrides 1.0', NS.overrides10],
    ['VersionOverrides 1.1', NS.overrides11],
  ])('in %s, a ribbon button on message read and compose and on a meeting (attendee, organizer) opens the task pane', (_label, namespace) => {
    const block = versionOverrides(namespace);
    const ownElements = (local: string) =>
      named(block, local).filter((e) => ancestors(e).find((a) => a.local === 'VersionOverrides') === block);
    const surfaces = ownElements('ExtensionPoint').map(xsiType);
    // MobileFormFactor exists only in VersionOverrides 1.1: Outlook on iOS and Android reads the read surface there
    const mobile = namespace === NS.overrides11 ? ['MobileMessageReadCommandSurface'] : [];
    expect(surfaces.sort()).toEqual(['AppointmentAttendeeCommandSurface', 'AppointmentOrganizerCommandSurface', 'MessageComposeCommandSurface', 'MessageReadCommandSurface', ...mobile]);

    const urls = new Map(ownElements('Url').map((u) => [u.attributes.id, u.attributes.DefaultValue]));
    const actions = ownElements('Action');
    expect(actions).toHaveLength(4 + mobile.length);
    for (const action of actions) {
      expect(xsiType(action)).toBe('ShowTaskpane');
      const resid = childrenNamed(action, 'SourceLocation')[0]?.attributes.resid;
      expect(urls.get(resid ?? '')).toBe(`${DEV_ORIGIN}/taskpane.html`);
    }
  });

  test('labels the button and describes the add-in in English, Finnish and Swedish', () => {
    const description = childrenNamed(manifest, 'Description')[0]!;
    expect(description.attributes.DefaultValue).toMatch(/\w/);
    expect(childrenNamed(description, 'Override').map((o) => o.attributes.Locale).sort()).toEqual(['fi-FI', 'sv-SE']);

    for (const namespace of [NS.overrides10, NS.overrides11]) {
      const block = versionOverrides(namespace);
      const strings = new Map(
        named(block, 'String')
          .filter((s) => ancestors(s).find((a) => a.local === 'VersionOverrides') === block)
          .map((s) => [s.attributes.id, s]),
      );
      const controls = named(block, 'Control').filter((c) => ancestors(c).find((a) => a.local === 'VersionOverrides') === block);
      for (const control of controls) {
        // a mobile button has a label only (no supertip: there is no hover on a phone)
        const supertip = childrenNamed(control, 'Supertip')[0];
        const resids = [
          childrenNamed(control, 'Label')[0]?.attributes.resid,
          ...(xsiType(control) === 'MobileButton' ? [] : [childrenNamed(supertip!, 'Title')[0]?.attributes.resid, childrenNamed(supertip!, 'Description')[0]?.attributes.resid]),
        ];
        for (const resid of resids) {
          const string = strings.get(resid ?? '');
          expect(string?.attributes.DefaultValue).toMatch(/\w/);
          expect(childrenNamed(string!, 'Override').map((o) => o.attributes.Locale).sort()).toEqual(['fi-FI', 'sv-SE']);
        }
      }
    }
  });

  test(`points every URL at https on the one origin ${DEV_ORIGIN}`, () => {
    const urls = urlsIn(manifest);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const url of urls) {
      expect({ url, protocol: new URL(url).protocol, origin: new URL(url).origin }).toEqual({
        url,
        protocol: 'https:',
        origin: DEV_ORIGIN,
      });
    }
  });

  test('every icon it references exists in addin/assets as a PNG of the size it is used at', () => {
    const expectations: Array<{ url: string; size: number }> = [];
    const iconUrl = childrenNamed(manifest, 'IconUrl')[0]?.attributes.DefaultValue;
    const highResolution = childrenNamed(manifest, 'HighResolutionIconUrl')[0]?.attributes.DefaultValue;
    expectations.push({ url: iconUrl ?? '', size: 64 }, { url: highResolution ?? '', size: 128 });
    for (const block of named(manifest, 'VersionOverrides')) {
      const ownImages = named(block, 'Image').filter((e) => ancestors(e).find((a) => a.local === 'VersionOverrides') === block);
      const resources = new Map(ownImages.filter((i) => i.attributes.id).map((i) => [i.attributes.id, i.attributes.DefaultValue]));
      for (const use of ownImages.filter((i) => i.attributes.resid)) {
        // a mobile icon's size is in points: the image has size × scale pixels (UIScreen.scale on iOS)
        expectations.push({ url: resources.get(use.attributes.resid!) ?? '', size: Number(use.attributes.size) * Number(use.attributes.scale ?? 1) });
      }
    }
    expect(expectations.length).toBeGreaterThanOrEqual(2 + 2 * 2 * 3 + 9);
    for (const { url, size } of expectations) {
      const { pathname } = new URL(url);
      expect(pathname).toMatch(/^\/assets\/[\w-]+\.png$/);
      const file = path.join(assetsDir, path.basename(pathname));
      expect({ url, exists: existsSync(file) }).toEqual({ url, exists: true });
      expect({ url, ...pngSize(file) }).toEqual({ url, width: size, height: size });
    }
  });
});

describe('manifest-for-host (scripts/manifest-for-host.mjs)', () => {
  test('rewrites every URL to the production origin and keeps the add-in GUID', () => {
    const { status, stdout, stderr } = runForHost([PROD_ORIGIN]);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });

    const production = parseXml(stdout);
    expect(childrenNamed(production, 'Id')[0]?.text).toBe(ADDIN_ID);
    const before = urlsIn(manifest);
    const after = urlsIn(production);
    expect(after).toEqual(before.map((url) => url.replace(DEV_ORIGIN, PROD_ORIGIN)));
    for (const url of after) expect(new URL(url).origin).toBe(PROD_ORIGIN);
    expect(stdout.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/localhost/);
  });

  whenShared('its output still validates against the schemas', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'manifest-for-host-'));
    try {
      const out = path.join(dir, 'dist', 'manifest.xml');
      // A Finnish host name becomes punycode (xn--…): it must not break the XML.
      const { status, stderr } = runForHost(['https://asiakkuus.ämmälä.fi', '--out', out]);
      expect({ status, stderr }).toEqual({ status: 0, stderr: expect.stringContaining('wrote') });
      const result = spawnSync(validator, [out], { encoding: 'utf8' });
      expect({ status: result.status, output: `${result.stdout}${result.stderr}`.trim() }).toEqual({
        status: 0,
        output: `${out} validates`,
      });
      expect(readFileSync(out, 'utf8')).toContain('https://asiakkuus.xn--mml-placb.fi/taskpane.html');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('refuses an http origin with a clear error and writes nothing', () => {
    const { status, stdout, stderr } = runForHost(['http://crm.example.fi']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/refusing the non-https origin http:\/\/crm\.example\.fi/);
  });

  test('refuses an origin with a path, since the task pane is served at the root', () => {
    const { status, stdout, stderr } = runForHost(['https://crm.example.fi/asiakkuus']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/origin only/);
  });
});

describe('the mobile surface (Outlook on iOS and Android)', () => {
  const block = () => versionOverrides(NS.overrides11);
  const mobile = () => named(block(), 'MobileFormFactor')[0]!;

  test('offers one mobile button on the read surface that opens the same task pane, with no pinning', () => {
    const points = childrenNamed(mobile(), 'ExtensionPoint');
    expect(points.map(xsiType)).toEqual(['MobileMessageReadCommandSurface']);
    const controls = named(points[0]!, 'Control');
    expect(controls.map(xsiType)).toEqual(['MobileButton']);
    const action = childrenNamed(controls[0]!, 'Action')[0]!;
    expect(xsiType(action)).toBe('ShowTaskpane');
    expect(childrenNamed(action, 'SupportsPinning')).toEqual([]);
    const urls = new Map(named(block(), 'Url').map((u) => [u.attributes.id, u.attributes.DefaultValue]));
    expect(urls.get(childrenNamed(action, 'SourceLocation')[0]!.attributes.resid!)).toBe(`${DEV_ORIGIN}/taskpane.html`);
  });

  test('its icon list has 25, 32 and 48 points, each at scales 1, 2 and 3, as the schema wants', () => {
    const icon = named(mobile(), 'Icon')[0]!;
    expect(icon.attributes['xsi:type']).toBe('bt:MobileIconList');
    const pairs = childrenNamed(icon, 'Image').map((i) => `${i.attributes.size}@${i.attributes.scale}`).sort();
    expect(pairs).toEqual(['25@1', '25@2', '25@3', '32@1', '32@2', '32@3', '48@1', '48@2', '48@3']);
  });

  test('its label is in English, Finnish and Swedish and fits a phone (32 characters)', () => {
    const label = named(mobile(), 'Control')[0]!;
    const resid = childrenNamed(label, 'Label')[0]!.attributes.resid;
    const string = named(block(), 'String').find((s) => s.attributes.id === resid)!;
    const values = [string.attributes.DefaultValue!, ...childrenNamed(string, 'Override').map((o) => o.attributes.Value!)];
    expect(childrenNamed(string, 'Override').map((o) => o.attributes.Locale).sort()).toEqual(['fi-FI', 'sv-SE']);
    for (const value of values) expect(value.length).toBeLessThanOrEqual(32);
  });
});
