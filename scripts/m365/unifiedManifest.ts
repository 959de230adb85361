/**
 * Derives the unified app manifest (manifest.json for Microsoft 365) from the one source,
 * manifest.xml, so that the two cannot drift: the add-in id, version, surfaces, URLs, icons,
 * permissions and requirement sets are read from the XML; only what the XML format has no
 * place for (a short description, the accent colour, the colour and outline icon files) is
 * stated here, in UNIFIED_ONLY.
 *
 * Why the XML stays the source: it is the format every Outlook client reads today and the one
 * `../shared/tools/validate-manifest` checks against Microsoft's XSDs; the unified manifest is
 * a translation of it (as Microsoft's own office-addin-manifest-converter does, without the
 * converter's placeholders and the duplicated ribbons of its VersionOverrides 1.0 fallback).
 *
 * Adding a surface: add the ExtensionPoint to manifest.xml; if its type is new, add one entry
 * to SURFACES. An ExtensionPoint that is not in SURFACES stops the build with an error, so a
 * surface can never be silently missing from manifest.json. A surface or event that needs a
 * newer schema than the vendored XSDs stays out of manifest.xml and goes into
 * unifiedOnlyExtension() instead (see the README).
 *
 * Pure: text in, files out. scripts/package-m365.mjs writes them and zips them.
 */
import { childrenNamed, parseXml, type XmlElement } from '../lib/xml';

/** The unified manifest version: the one Microsoft's converter targets, and the first with Outlook's extensions (ribbons, runtimes, autoRunEvents, mobile). */
export const MANIFEST_VERSION = '1.17';
export const SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const LOCALIZATION_SCHEMA_URL = `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/**
 * XML ExtensionPoint type → the unified manifest's ribbon context. One entry per surface; `mobile`
 * surfaces (under MobileFormFactor) hold one group of mobile buttons, which the unified manifest
 * puts in `customMobileRibbonGroups` of the default tab.
 */
export const SURFACES: Record<string, { context: string; mobile?: true }> = {
  MessageReadCommandSurface: { context: 'mailRead' },
  MobileMessageReadCommandSurface: { context: 'mailRead', mobile: true },
  MessageComposeCommandSurface: { context: 'mailCompose' },
  AppointmentOrganizerCommandSurface: { context: 'meetingDetailsOrganizer' },
  AppointmentAttendeeCommandSurface: { context: 'meetingDetailsAttendee' },
};

/** XML form factor element → the unified manifest's formFactors value. */
const FORM_FACTORS: Record<string, string> = { DesktopFormFactor: 'desktop', MobileFormFactor: 'mobile' };

/** The tab Outlook on iOS and Android shows mobile buttons on; the only one `customMobileRibbonGroups` may sit on. */
const MOBILE_TAB = 'DefaultTab';

/** XML <Permissions> → the unified manifest's resource-specific permission. */
export const PERMISSIONS: Record<string, string> = {
  Restricted: 'MailboxItem.Restricted.User',
  ReadItem: 'MailboxItem.Read.User',
  ReadWriteItem: 'MailboxItem.ReadWrite.User',
  ReadWriteMailbox: 'Mailbox.ReadWrite.User',
};

/** What the XML format cannot say. Keep the short descriptions under 80 characters. */
export const UNIFIED_ONLY = {
  shortDescription: {
    default: 'Customer, segment and care-plan status of everyone on a mail',
    'fi-FI': 'Viestin henkilöiden asiakas, segmentti ja hoitosuunnitelman tila',
    'sv-SE': 'Kund, segment och vårdplanens status för alla i ett meddelande',
  } as Record<string, string>,
  /** Fluent's brand blue, the icons' background (scripts/make-icons.mjs). */
  accentColor: '#0F6CBD',
  /** Package file name → the file in addin/assets (made by scripts/make-icons.mjs). */
  icons: { color: { file: 'color.png', asset: 'icon-192.png' }, outline: { file: 'outline.png', asset: 'icon-outline-32.png' } },
};

/** The on-send handler's runtime (addin/src/events, built to events/events.js beside commands.html). */
export const SEND_RUNTIME_ID = 'sendRuntime';
export const SEND_HANDLER_ACTION = 'onMessageSendHandler';

/**
 * Runtimes, ribbons and autoRunEvents that only the unified manifest carries, because the XML
 * schemas we validate against cannot express them. Build every URL from `origin` (the XML
 * task pane's origin), so the production-host rewrite of manifest.xml moves them too. Each
 * runtime and ribbon gets the add-in's requirements unless it states its own.
 *
 * - "Log when sent": event-based activation on send (Mailbox 1.12), whose `LaunchEvent`
 *   extension point the vendored XSDs (../shared/office-manifest-xsd, VersionOverrides 1.1) do not
 *   know. The runtime's page is commands.html; `script` is the same bundle for Outlook on Windows'
 *   JavaScript-only runtime. `promptUser`: the handler always lets the send go on, and should the
 *   add-in be unavailable, Outlook sends the mail rather than block it (the Sent Items match logs it).
 */
export function unifiedOnlyExtension(origin: string): UnifiedOnlyExtension {
  // Outlook on iOS and Android has no send event: desktop (which covers the web) only.
  const requirements = { capabilities: [{ name: 'Mailbox', minVersion: '1.12' }], scopes: ['mail'], formFactors: ['desktop'] };
  return {
    runtimes: [
      {
        requirements,
        id: SEND_RUNTIME_ID,
        type: 'general',
        code: { page: `${origin}/commands.html`, script: `${origin}/events/events.js` },
        lifetime: 'short',
        actions: [{ id: SEND_HANDLER_ACTION, type: 'executeFunction' }],
      },
    ],
    autoRunEvents: [
      { requirements, events: [{ type: 'messageSending', actionId: SEND_HANDLER_ACTION, options: { sendMode: 'promptUser' } }] },
    ],
  };
}

export interface UnifiedOnlyExtension {
  runtimes?: Json[];
  ribbons?: Json[];
  autoRunEvents?: Json[];
}

export class UnifiedManifestError extends Error {}

type Json = Record<string, unknown>;

export interface UnifiedManifestFiles {
  /** manifest.json's content. */
  manifest: Json;
  /** Localization file name (e.g. fi-FI.json) → its content. */
  localizations: Record<string, Json>;
  /** Package file name → asset file name in addin/assets. */
  icons: Record<string, string>;
}

function only(scope: XmlElement, local: string): XmlElement {
  const found = childrenNamed(scope, local);
  if (found.length !== 1) throw new UnifiedManifestError(`expected one <${local}> in <${scope.local}>, found ${found.length}`);
  return found[0]!;
}

function attribute(element: XmlElement, name: string): string {
  const value = element.attributes[name];
  if (value === undefined) throw new UnifiedManifestError(`<${element.local}> has no ${name}`);
  return value;
}

/** The innermost VersionOverrides: the newest one, which clients that understand it use instead of its parents. */
function newestOverrides(root: XmlElement): XmlElement {
  let block: XmlElement | undefined = childrenNamed(root, 'VersionOverrides')[0];
  if (!block) throw new UnifiedManifestError('manifest.xml has no <VersionOverrides>; the unified manifest needs add-in commands');
  for (let inner = childrenNamed(block, 'VersionOverrides')[0]; inner; inner = childrenNamed(inner, 'VersionOverrides')[0]) block = inner;
  return block;
}

/** Requirement sets of a <Requirements> element as unified capabilities. */
function capabilities(requirements: XmlElement | undefined): Array<{ name: string; minVersion: string }> {
  if (!requirements) return [];
  return childrenNamed(requirements, 'Sets').flatMap((sets) =>
    childrenNamed(sets, 'Set').map((set) => ({
      name: attribute(set, 'Name'),
      minVersion: set.attributes.MinVersion ?? sets.attributes.DefaultMinVersion ?? '1.1',
    })),
  );
}

interface Resources {
  images: Map<string, string>;
  urls: Map<string, string>;
  strings: Map<string, XmlElement>;
}

function resources(block: XmlElement): Resources {
  const section = only(block, 'Resources');
  const byId = (group: string) =>
    new Map(childrenNamed(section, group).flatMap((g) => g.children.map((e) => [attribute(e, 'id'), e] as const)));
  const value = (map: Map<string, XmlElement>) => new Map([...map].map(([id, e]) => [id, attribute(e, 'DefaultValue')]));
  return {
    images: value(byId('Images')),
    urls: value(byId('Urls')),
    strings: new Map([...byId('ShortStrings'), ...byId('LongStrings')]),
  };
}

/** Collects each localised string's overrides, keyed by locale, at the unified manifest's JSON path. */
class Localizer {
  readonly byLocale = new Map<string, Json>();
  constructor(private readonly resources: Resources) {}

  /** The default value of string `resid`, remembering its overrides for `path`. */
  string(resid: string, path: string): string {
    const element = this.resources.strings.get(resid);
    if (!element) throw new UnifiedManifestError(`no string resource "${resid}"`);
    this.overrides(element, path);
    return attribute(element, 'DefaultValue');
  }

  overrides(element: XmlElement, path: string): void {
    for (const override of childrenNamed(element, 'Override')) {
      const locale = attribute(override, 'Locale');
      const file = this.byLocale.get(locale) ?? { $schema: LOCALIZATION_SCHEMA_URL };
      file[path] = attribute(override, 'Value');
      this.byLocale.set(locale, file);
    }
  }
}

function ribbonsAndRuntimes(block: XmlElement, res: Resources, localizer: Localizer, requirements: Json) {
  const hosts = childrenNamed(only(block, 'Hosts'), 'Host').filter((h) => h.attributes['xsi:type'] === 'MailHost');
  const ribbons: Json[] = [];
  /** One runtime per task pane page; one action per page and pinning. */
  const runtimes = new Map<string, { id: string; page: string; actions: Map<string, Json> }>();
  for (const host of hosts) {
    for (const formFactor of host.children) {
      const formFactorName = FORM_FACTORS[formFactor.local];
      if (!formFactorName) throw new UnifiedManifestError(`form factor <${formFactor.local}> has no unified equivalent yet; add it to FORM_FACTORS`);
      for (const point of childrenNamed(formFactor, 'ExtensionPoint')) {
        const type = attribute(point, 'xsi:type');
        const surface = SURFACES[type];
        if (!surface) throw new UnifiedManifestError(`ExtensionPoint ${type} has no unified equivalent yet; add it to SURFACES in scripts/m365/unifiedManifest.ts`);
        const ribbonPath = `extensions[0].ribbons[${ribbons.length}]`;
        /** The runtime action a control's <Action> opens: one per task pane page and pinning. */
        const actionOf = (control: XmlElement): string => {
          const action = only(control, 'Action');
          if (action.attributes['xsi:type'] !== 'ShowTaskpane') {
            throw new UnifiedManifestError(`control ${control.attributes.id} runs ${action.attributes['xsi:type']}; only ShowTaskpane is translated`);
          }
          const urlId = attribute(only(action, 'SourceLocation'), 'resid');
          const page = res.urls.get(urlId);
          if (!page) throw new UnifiedManifestError(`no URL resource "${urlId}"`);
          const pinnable = childrenNamed(action, 'SupportsPinning')[0]?.text === 'true';
          const runtime = runtimes.get(page) ?? { id: `runtime${runtimes.size + 1}`, page, actions: new Map() };
          runtimes.set(page, runtime);
          const actionId = `${urlId.replace(/\W/g, '')}${pinnable ? 'Pinnable' : ''}`;
          if (!runtime.actions.has(actionId)) {
            runtime.actions.set(actionId, { id: actionId, type: 'openPage', view: actionId, pinnable });
          }
          return actionId;
        };
        const imageUrl = (image: XmlElement): string => {
          const url = res.images.get(attribute(image, 'resid'));
          if (!url) throw new UnifiedManifestError(`no image resource "${image.attributes.resid}"`);
          return url;
        };
        const mobileGroup = (group: XmlElement, groupPath: string) => ({
          id: attribute(group, 'id'),
          label: localizer.string(attribute(only(group, 'Label'), 'resid'), `${groupPath}.label`),
          controls: childrenNamed(group, 'Control').map((control, c) => {
            if (control.attributes['xsi:type'] !== 'MobileButton') {
              throw new UnifiedManifestError(`mobile control ${control.attributes.id} is a ${control.attributes['xsi:type']}; only mobile buttons are translated`);
            }
            return {
              id: attribute(control, 'id'),
              type: 'mobileButton',
              label: localizer.string(attribute(only(control, 'Label'), 'resid'), `${groupPath}.controls[${c}].label`),
              icons: childrenNamed(only(control, 'Icon'), 'Image').map((image) => ({
                size: Number(attribute(image, 'size')),
                url: imageUrl(image),
                scale: Number(attribute(image, 'scale')),
              })),
              actionId: actionOf(control),
            };
          }),
        });
        const tabs = surface.mobile
          ? [{ builtInTabId: MOBILE_TAB, customMobileRibbonGroups: childrenNamed(point, 'Group').map((group, g) => mobileGroup(group, `${ribbonPath}.tabs[0].customMobileRibbonGroups[${g}]`)) }]
          : childrenNamed(point, 'OfficeTab').map((tab, t) => ({
          builtInTabId: attribute(tab, 'id'),
          groups: childrenNamed(tab, 'Group').map((group, g) => {
            const groupPath = `${ribbonPath}.tabs[${t}].groups[${g}]`;
            return {
              id: attribute(group, 'id'),
              label: localizer.string(attribute(only(group, 'Label'), 'resid'), `${groupPath}.label`),
              controls: childrenNamed(group, 'Control').map((control, c) => {
                const controlPath = `${groupPath}.controls[${c}]`;
                if (control.attributes['xsi:type'] !== 'Button') {
                  throw new UnifiedManifestError(`control ${control.attributes.id} is a ${control.attributes['xsi:type']}; only buttons are translated`);
                }
                const supertip = only(control, 'Supertip');
                return {
                  id: attribute(control, 'id'),
                  type: 'button',
                  label: localizer.string(attribute(only(control, 'Label'), 'resid'), `${controlPath}.label`),
                  icons: childrenNamed(only(control, 'Icon'), 'Image').map((image) => ({ size: Number(attribute(image, 'size')), url: imageUrl(image) })),
                  supertip: {
                    title: localizer.string(attribute(only(supertip, 'Title'), 'resid'), `${controlPath}.supertip.title`),
                    description: localizer.string(attribute(only(supertip, 'Description'), 'resid'), `${controlPath}.supertip.description`),
                  },
                  actionId: actionOf(control),
                };
              }),
            };
          }),
        }));
        ribbons.push({ requirements: { ...requirements, formFactors: [formFactorName] }, contexts: [surface.context], tabs });
      }
    }
  }
  return {
    ribbons,
    runtimes: [...runtimes.values()].map((runtime) => ({
      requirements,
      id: runtime.id,
      type: 'general',
      code: { page: runtime.page },
      lifetime: 'short',
      actions: [...runtime.actions.values()],
    })),
  };
}

/** Translates manifest.xml's text into the unified manifest and its localization files. */
export function unifiedManifestFromXml(
  xml: string,
  unifiedOnly: (origin: string) => UnifiedOnlyExtension = unifiedOnlyExtension,
): UnifiedManifestFiles {
  const root = parseXml(xml);
  if (root.local !== 'OfficeApp' || root.attributes['xsi:type'] !== 'MailApp') {
    throw new UnifiedManifestError('manifest.xml is not an Outlook (MailApp) add-in manifest');
  }
  const text = (local: string) => only(root, local).text;
  const defaultValue = (local: string) => attribute(only(root, local), 'DefaultValue');

  const version = /^(\d+)\.(\d+)\.(\d+)(?:\.0)?$/.exec(text('Version'));
  if (!version) throw new UnifiedManifestError(`<Version>${text('Version')}</Version> must be major.minor.patch[.0] to have a unified equivalent`);
  const permission = PERMISSIONS[text('Permissions')];
  if (!permission) throw new UnifiedManifestError(`unknown <Permissions>${text('Permissions')}</Permissions>`);

  const block = newestOverrides(root);
  const res = resources(block);
  const localizer = new Localizer(res);
  const requirements = { capabilities: capabilities(childrenNamed(block, 'Requirements')[0] ?? childrenNamed(root, 'Requirements')[0]), scopes: ['mail'] };
  const { ribbons, runtimes } = ribbonsAndRuntimes(block, res, localizer, requirements);
  const firstPage = runtimes[0]?.code.page;
  if (!firstPage) throw new UnifiedManifestError('manifest.xml opens no task pane');
  const origin = new URL(firstPage).origin;
  const extra = unifiedOnly(origin);
  const withRequirements = (entries: Json[] | undefined) => (entries ?? []).map((entry) => ({ requirements, ...entry }));

  localizer.overrides(only(root, 'DisplayName'), 'name.short');
  localizer.overrides(only(root, 'DisplayName'), 'name.full');
  localizer.overrides(only(root, 'Description'), 'description.full');
  for (const [locale, file] of localizer.byLocale) {
    // A localization file must name the app; a name without a translation is the same in every language.
    file['name.short'] ??= defaultValue('DisplayName');
    file['name.full'] ??= defaultValue('DisplayName');
    const short = UNIFIED_ONLY.shortDescription[locale];
    if (short) file['description.short'] = short;
  }

  const manifest: Json = {
    $schema: SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: `${version[1]}.${version[2]}.${version[3]}`,
    id: text('Id'),
    localizationInfo: {
      defaultLanguageTag: text('DefaultLocale'),
      additionalLanguages: [...localizer.byLocale.keys()].sort().map((locale) => ({ languageTag: locale, file: `${locale}.json` })),
    },
    developer: {
      name: text('ProviderName'),
      // The XML manifest has no such pages; the web app at the add-in's origin is the product's home.
      websiteUrl: `${origin}/`,
      privacyUrl: `${origin}/`,
      termsOfUseUrl: `${origin}/`,
    },
    name: { short: defaultValue('DisplayName'), full: defaultValue('DisplayName') },
    description: { short: UNIFIED_ONLY.shortDescription.default, full: defaultValue('Description') },
    icons: { color: UNIFIED_ONLY.icons.color.file, outline: UNIFIED_ONLY.icons.outline.file },
    accentColor: UNIFIED_ONLY.accentColor,
    validDomains: childrenNamed(only(root, 'AppDomains'), 'AppDomain').map((domain) => new URL(domain.text).host),
    authorization: { permissions: { resourceSpecific: [{ name: permission, type: 'Delegated' }] } },
    extensions: [
      {
        // Every form factor manifest.xml has a surface on: the add-in is for the desktop and for mobile.
        requirements: { ...requirements, formFactors: [...new Set(ribbons.flatMap((r) => (r.requirements as { formFactors: string[] }).formFactors))] },
        runtimes: [...runtimes, ...withRequirements(extra.runtimes)],
        ribbons: [...ribbons, ...withRequirements(extra.ribbons)],
        ...(extra.autoRunEvents?.length ? { autoRunEvents: extra.autoRunEvents } : {}),
        alternates: [
          {
            alternateIcons: {
              icon: { size: 64, url: defaultValue('IconUrl') },
              // The size is the icon's logical size (64); the 128-pixel image is its high-DPI rendering.
              highResolutionIcon: { size: 64, url: defaultValue('HighResolutionIconUrl') },
            },
          },
        ],
      },
    ],
  };
  const localizations = Object.fromEntries([...localizer.byLocale].sort().map(([locale, file]) => [`${locale}.json`, file]));
  const icons = { [UNIFIED_ONLY.icons.color.file]: UNIFIED_ONLY.icons.color.asset, [UNIFIED_ONLY.icons.outline.file]: UNIFIED_ONLY.icons.outline.asset };
  return { manifest, localizations, icons };
}
