/**
 * The real-browser harness: the built task pane served by the real server over a fresh
 * database, loaded in Debian's Chromium through playwright-core, with Microsoft's office.js
 * (the one boundary we do not own) answered by a scripted Outlook host (./officeHostDouble.js).
 *
 * Free of Jest globals, so that `bench/run.ts` can use `measureStatusOnScreen()` too.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { smtpMailer } from '../../server/mail/mailer';
import { startSmtpSink, type SmtpSink } from '../../server/mail/smtpSink';
import { startTestApp, type TestApp } from './testApp';

/** The repository root, whether this file runs from test/support (Jest) or bundled elsewhere (bench). */
function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'scripts', 'build-addin.mjs'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const ROOT = findRoot();
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts', 'browser');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `Chromium is not at ${CHROMIUM_PATH}: the browser tests are SKIPPED. `
    + "Run `node scripts/ensure-test-tools.mjs` (installs Debian's chromium) or set CHROMIUM_PATH.";
}

// ---------------------------------------------------------------------------------------------
// The pane and the server

let built: Promise<string> | null = null;

/**
 * Builds the task pane (minified, as shipped) into a temporary folder, once per process.
 * The builder is an ES module, so it runs in a child Node process (as the build test does).
 */
export function buildPane(): Promise<string> {
  built ??= new Promise<string>((resolve, reject) => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'asiakkuus-pane-'));
    const script = `import(${JSON.stringify(path.join(ROOT, 'scripts', 'build-addin.mjs'))})`
      + `.then((m) => m.buildAddin({ outdir: ${JSON.stringify(outdir)}, quiet: true }))`
      + '.then((size) => process.stdout.write(String(size)))';
    execFile(process.execPath, ['-e', script], { cwd: ROOT }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`building the task pane failed: ${stderr || error.message}`));
      else resolve(outdir);
    });
  });
  return built;
}

export interface PaneServer {
  readonly baseUrl: string;
  /** The composed server and its database (models, tokens, supertest). */
  readonly app: TestApp;
  /** The server goes away: it stops listening and drops every open connection (the browser gets "connection refused"). */
  stop(): Promise<void>;
  /** The server is back, on the same port. */
  resume(): Promise<void>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
  /** The SMTP server mailings go to (the development outbox shows what it received). */
  readonly sink: SmtpSink;
}

export interface PaneServerOptions {
  /** The built pane; built on first use when absent. */
  staticDir?: string;
  /** The database server; TEST_MONGODB_URI (the Jest run's embedded database) by default. */
  mongoUri?: string;
}

/** The production composition over a fresh database, serving the pane and the API on one plain-HTTP loopback origin. */
export async function startPaneServer(options: PaneServerOptions = {}): Promise<PaneServer> {
  const staticDir = options.staticDir ?? (await buildPane());
  // Mailings go to a local SMTP sink, as in development without SMTP_URL; the web app shows its outbox.
  const sink = await startSmtpSink({ keep: 1_000 });
  const outbox = () => [...sink.messages()].reverse().map((m) => ({
    id: m.id, receivedAt: m.receivedAt.toISOString(), from: m.from, to: m.to, subject: m.subject, text: m.text, headers: m.headers,
  }));
  const app = await startTestApp({
    overrides: {
      staticDir, ...(options.mongoUri ? { uri: options.mongoUri } : {}),
      mail: { mailer: smtpMailer(sink.url), from: 'Testiopisto <crm@testiopisto.fi>', ratePerMinute: 100_000, pollMs: 500, outbox },
    },
  });
  let server: http.Server | null = null;
  let port = 0;

  async function listen() {
    const created = http.createServer(app.app);
    const sockets = new Set<Socket>();
    created.on('connection', (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        created.off('error', reject);
        resolve();
      });
    });
    port = (created.address() as AddressInfo).port;
    server = created;
  }

  async function stop() {
    const running = server;
    if (!running) return;
    server = null;
    const closed = new Promise<void>((resolve) => running.close(() => resolve()));
    running.closeAllConnections();
    await closed;
  }

  await listen();
  app.settings.publicUrl = `http://127.0.0.1:${port}`;
  app.sender?.start();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    sink,
    stop,
    resume: async () => {
      if (!server) await listen();
    },
    async close() {
      await stop();
      await app.sender?.stop();
      await app.close();
      await sink.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Seed data, through the API as users would create it

export interface SeededCustomer {
  organizationId: string;
  organizationName: string;
  domain: string;
  contact: { id: string; name: string; email: string };
  accountManager: { id: string; name: string; email: string };
}

export interface SeedOptions {
  organizationName?: string;
  domain?: string;
  segment?: 'A' | 'B' | 'C' | 'P';
  contact?: { name: string; email: string; title?: string };
  accountManager?: { name: string; email: string };
  /** How long ago the customer was created: with no actions, an A customer is overdue after 30 days. */
  createdDaysAgo?: number;
}

/**
 * A customer with one email domain and one contact, its responsible account manager the given
 * user: the administrator adds the customer, the account manager adds the contact.
 */
export async function seedCustomer(app: TestApp, options: SeedOptions = {}): Promise<SeededCustomer> {
  const organizationName = options.organizationName ?? 'Rakennus Oy Kivijalka';
  const domain = options.domain ?? 'kivijalka.fi';
  const contact = options.contact ?? { name: 'Matti Lahtinen', email: `matti.lahtinen@${domain}`, title: 'Henkilöstöpäällikkö' };
  const manager = options.accountManager ?? { name: 'Aino Virtanen', email: 'aino.virtanen@omnia.fi' };
  const admin = await app.tokenFor('paakayttaja@omnia.fi', 'admin', 'Pääkäyttäjä');
  const token = await app.tokenFor(manager.email, 'account_manager', manager.name);

  const me = await app.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
  if (me.status !== 200) throw new Error(`GET /me: ${me.status} ${JSON.stringify(me.body)}`);
  const org = await app.http
    .post('/api/v1/organizations')
    .set('Authorization', `Bearer ${admin}`)
    .send({ name: organizationName, segment: options.segment ?? 'A', customerGroup: 'company', emailDomains: [domain], responsibleId: me.body.id });
  if (org.status !== 201) throw new Error(`POST /organizations: ${org.status} ${JSON.stringify(org.body)}`);
  const created = await app.http
    .post('/api/v1/contacts')
    .set('Authorization', `Bearer ${token}`)
    .send({ name: contact.name, emails: [contact.email], ...(contact.title ? { title: contact.title } : {}), organizationId: org.body.id });
  if (created.status !== 201) throw new Error(`POST /contacts: ${created.status} ${JSON.stringify(created.body)}`);

  if (options.createdDaysAgo) {
    // the API never lets anyone backdate a customer; the test moves its creation into the past
    const createdAt = new Date(Date.now() - options.createdDaysAgo * 86_400_000);
    await app.models.Organization.collection.updateOne({ _id: new Types.ObjectId(org.body.id as string) }, { $set: { createdAt } });
  }
  return {
    organizationId: org.body.id,
    organizationName,
    domain,
    contact: { id: created.body.id, name: contact.name, email: contact.email },
    accountManager: { id: me.body.id, ...manager },
  };
}

// ---------------------------------------------------------------------------------------------
// The Outlook host and the browser

export interface OutlookUser {
  displayName: string;
  emailAddress: string;
  /** As Outlook reports it: IANA or Windows zone name. */
  timeZone: string;
}

export interface OutlookAddress {
  displayName: string;
  emailAddress: string;
}

/** A mail as the double's mailbox holds it (see officeHostDouble.js). */
export interface OutlookItem {
  mode?: 'read' | 'compose';
  internetMessageId?: string;
  conversationId?: string;
  subject: string;
  dateTimeCreated?: string;
  from?: OutlookAddress;
  to?: OutlookAddress[];
  cc?: OutlookAddress[];
  body?: string;
  /** Internet headers (Mailbox 1.8): a draft's to start with, a read item's as its raw headers. */
  headers?: Record<string, string>;
}

/** A meeting as the double's calendar holds it: an attendee's view (`read`) or the organizer's form (`compose`). */
export interface OutlookAppointment {
  kind: 'appointment';
  mode: 'read' | 'compose';
  /** This mailbox's id of the item (each mailbox has its own); none for an unsaved meeting. */
  itemId?: string;
  seriesId?: string;
  subject: string;
  /** ISO-8601. */
  start: string;
  end?: string;
  organizer?: OutlookAddress;
  requiredAttendees?: OutlookAddress[];
  optionalAttendees?: OutlookAddress[];
  body?: string;
}

export interface OutlookScenario {
  user: OutlookUser;
  /** Outlook's display language, such as `fi-FI`. */
  language: string;
  theme?: { bodyBackgroundColor: string };
  /** The highest Mailbox requirement set the client supports (1.7 has recipients-changed; 1.5 on mobile by default). */
  mailboxVersion?: string;
  /**
   * `Office.context.platform` of the client (an `Office.PlatformType` value): `OfficeOnline` by
   * default; `iOS` or `Android` for Outlook mobile (no pinning, Mailbox 1.5), `PC` or `Mac`.
   */
  platform?: 'OfficeOnline' | 'PC' | 'Mac' | 'iOS' | 'Android' | 'Universal';
  item: OutlookItem | OutlookAppointment | null;
}

/** The test's handle on the double in one page (`window.__outlook`). */
export interface OutlookControl {
  /** performance.now() in the page when Office.onReady resolved for the pane, or null. */
  onReadyAt(): Promise<number | null>;
  /** The user selects another item in a pinned pane (item-changed fires). */
  selectItem(item: OutlookItem | OutlookAppointment | null): Promise<boolean>;
  setItem(item: OutlookItem | OutlookAppointment | null): Promise<void>;
  fireItemChanged(): Promise<boolean>;
  setUser(user: OutlookUser): Promise<void>;
  setLanguage(tag: string): Promise<void>;
  setComposeRecipients(field: 'to' | 'cc', recipients: OutlookAddress[]): Promise<boolean>;
  /** The Office calls the pane made, by name, in order. */
  calls(): Promise<string[]>;
  /**
   * Sends the open draft like Outlook: from Mailbox 1.12 through the event runtime's on-send
   * handler (`completed` is what it finished the event with); `sent` is the sent copy, to select.
   */
  send(): Promise<{ completed: { allowEvent?: boolean } | null; sent: OutlookItem }>;
  /** The files attached to the open draft (Attach offer). */
  attachments(): Promise<{ name: string; base64: string; isInline: boolean }[]>;
}

type OutlookWindow = Window & { __outlook: Record<string, (...args: never[]) => unknown> & { onReadyAt: number | null; calls: string[] } };

function controlOf(page: Page): OutlookControl {
  const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([n, a]) => {
      const outlook = (window as unknown as OutlookWindow).__outlook;
      return (outlook[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[]));
    }, [name, args] as const) as Promise<T>;
  return {
    onReadyAt: () => page.evaluate(() => (window as unknown as OutlookWindow).__outlook.onReadyAt),
    selectItem: (item) => call('selectItem', item),
    setItem: (item) => call('setItem', item),
    fireItemChanged: () => call('fireItemChanged'),
    setUser: (user) => call('setUser', user),
    setLanguage: (tag) => call('setLanguage', tag),
    setComposeRecipients: (field, recipients) => call('setComposeRecipients', field, recipients),
    calls: () => page.evaluate(() => (window as unknown as OutlookWindow).__outlook.calls),
    send: () => call('send'),
    attachments: () => call('attachments'),
  };
}

export interface OpenPane {
  page: Page;
  outlook: OutlookControl;
  /** Uncaught errors in the page (an Office callback's error lands here too). */
  pageErrors: string[];
  /** Requests the page made to origins other than the server's (office.js excepted): there should be none. */
  foreignRequests: string[];
  /** Console output of the page, for diagnosing a failure. */
  console: string[];
}

export interface PaneSession {
  context: BrowserContext;
  /** Opens the task pane in a new page of this session (its localStorage persists across pages, like Outlook's web view). */
  open(scenario: OutlookScenario, options?: { watchTexts?: readonly string[] }): Promise<OpenPane>;
  close(): Promise<void>;
}

const doubleSource = () => readFileSync(path.join(ROOT, 'test', 'support', 'officeHostDouble.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Records when one of `texts` is first visible in the page, in `window.__textShownAt`
 * (performance.now() at the next animation frame after the text entered the document).
 */
function watchForText(texts: readonly string[]) {
  const w = window as unknown as { __textShownAt: number | null; __textShown: string | null };
  w.__textShownAt = null;
  w.__textShown = null;
  const visible = (node: Node) => {
    const text = node.nodeValue?.trim() ?? '';
    const element = node.parentElement;
    return texts.includes(text) && element !== null && element.getClientRects().length > 0 ? text : null;
  };
  const scan = () => {
    if (w.__textShown !== null || !document.body) return;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const found = visible(node);
      if (found) {
        w.__textShown = found;
        requestAnimationFrame(() => {
          w.__textShownAt = performance.now();
        });
        observer.disconnect();
        return;
      }
    }
  };
  const observer = new MutationObserver(scan);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** How the browser context looks to the pane: a phone is `{ viewport: { width: 375, … }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }`. */
export interface SessionOptions {
  viewport?: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
  userAgent?: string;
}

/** A phone as Outlook for iOS shows the pane: 375 × 812 CSS pixels, touch, a 2× screen. */
export const PHONE: SessionOptions = {
  viewport: { width: 375, height: 812 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
};

export async function openSession(browser: Browser, baseUrl: string, options: SessionOptions = {}): Promise<PaneSession> {
  const context = await browser.newContext({ viewport: { width: 360, height: 900 }, locale: 'en-GB', timezoneId: 'UTC', ...options });
  const office = doubleSource();
  await context.route(`${new URL(OFFICE_JS_URL).origin}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: office }));
  const origin = new URL(baseUrl).origin;
  return {
    context,
    async open(scenario, options = {}) {
      const page = await context.newPage();
      const opened: OpenPane = { page, outlook: controlOf(page), pageErrors: [], foreignRequests: [], console: [] };
      page.on('pageerror', (error) => opened.pageErrors.push(error.stack ?? error.message));
      page.on('console', (message) => opened.console.push(`${message.type()}: ${message.text()}`));
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${origin}/`) && !url.startsWith(OFFICE_JS_URL) && !url.startsWith('data:')) opened.foreignRequests.push(url);
      });
      await page.addInitScript((s) => {
        (window as unknown as { __outlookScenario: unknown }).__outlookScenario = s;
      }, scenario);
      if (options.watchTexts) await page.addInitScript(watchForText, options.watchTexts);
      await page.goto(`${baseUrl}/taskpane.html`);
      return opened;
    },
    close: () => context.close(),
  };
}

/** Saves a full-page screenshot as test-artifacts/browser/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Milliseconds from Office.onReady resolving to the watched text on screen, for a pane opened with `watchTexts`. */
export async function onReadyToText(page: Page, timeoutMs = 15_000): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __textShownAt: number | null }).__textShownAt !== null, undefined, { timeout: timeoutMs });
  const [shownAt, readyAt] = await page.evaluate(() => [
    (window as unknown as { __textShownAt: number }).__textShownAt,
    (window as unknown as OutlookWindow).__outlook.onReadyAt,
  ]);
  if (readyAt === null) throw new Error('Office.onReady never resolved in the page');
  return shownAt - readyAt;
}

/** The care-plan status words in every language the pane speaks. */
export const CARE_PLAN_STATUS_TEXTS = [
  'On track', 'Due soon', 'Overdue', // en
  'Ajallaan', 'Erääntymässä', 'Myöhässä', // fi
] as const;

// ---------------------------------------------------------------------------------------------
// The measurement bench/run.ts reuses

export interface StatusTimingOptions {
  /** A running server that serves the pane and knows `sender`; when absent, one is started and seeded. */
  baseUrl?: string;
  /** The mail's sender: a known contact on that server (required with `baseUrl`). */
  sender?: OutlookAddress;
  /** The signed-in Outlook user. */
  user?: OutlookUser;
  /** For a started server: the database server (TEST_MONGODB_URI by default). */
  mongoUri?: string;
  /** Pane openings measured (each in a fresh browser context); the median is returned. Default 5. */
  runs?: number;
  /** The texts that count as the status (default: the care-plan statuses in every language). */
  statusTexts?: readonly string[];
  browser?: Browser;
}

export const DEFAULT_USER: OutlookUser = { displayName: 'Aino Virtanen', emailAddress: 'aino.virtanen@omnia.fi', timeZone: 'FLE Standard Time' };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The time from Office.onReady to the care-plan status on screen, in milliseconds (the median of
 * `runs` pane openings, each in a fresh browser context: a new sign-in, config and lookup).
 */
export async function measureStatusOnScreen(options: StatusTimingOptions = {}): Promise<number> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    let baseUrl = options.baseUrl;
    let sender = options.sender;
    if (!baseUrl) {
      const server = await startPaneServer({ mongoUri: options.mongoUri });
      cleanup.push(() => server.close());
      const seeded = await seedCustomer(server.app, { createdDaysAgo: 45 });
      baseUrl = server.baseUrl;
      sender ??= { displayName: seeded.contact.name, emailAddress: seeded.contact.email };
    }
    if (!sender) throw new Error('measureStatusOnScreen: with baseUrl, give the sender (a known contact on that server)');
    const browser = options.browser ?? (await launchChromium());
    if (!options.browser) cleanup.push(() => browser.close());

    const samples: number[] = [];
    for (let run = 0; run < (options.runs ?? 5); run++) {
      const session = await openSession(browser, baseUrl);
      try {
        const pane = await session.open(
          {
            user: options.user ?? DEFAULT_USER,
            language: 'fi-FI',
            item: {
              internetMessageId: `<timing-${run}-${Date.now()}@bench.example>`,
              subject: 'Mittaus',
              dateTimeCreated: new Date().toISOString(),
              from: sender,
              to: [{ displayName: (options.user ?? DEFAULT_USER).displayName, emailAddress: (options.user ?? DEFAULT_USER).emailAddress }],
              body: 'Hei!',
            },
          },
          { watchTexts: options.statusTexts ?? CARE_PLAN_STATUS_TEXTS },
        );
        samples.push(await onReadyToText(pane.page));
      } finally {
        await session.close();
      }
    }
    return median(samples);
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

/** Removes the pane this process built (the next `buildPane()` builds again). */
export async function removeBuiltPane(): Promise<void> {
  const building = built;
  built = null;
  const dir = await building?.catch(() => null);
  if (dir) rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// Accessibility

/** The axe-core violations of `serious` or `critical` impact on the page as it is now (empty: none). */
export async function seriousA11yViolations(page: Page, options: { exclude?: readonly string[] } = {}): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  let builder = new AxeBuilder({ page });
  // Fluent's focus manager (tabster) puts <i tabindex=0 aria-hidden data-tabster-dummy> sentinels around
  // dialogs, cards and arrow-key groups; they hand focus on at once and are never read, but axe calls them aria-hidden-focus
  for (const selector of ['[data-tabster-dummy]', ...(options.exclude ?? [])]) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
