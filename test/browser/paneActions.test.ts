/**
 * Acting on a customer from the task pane in a real browser (issue 11, "Act from the pane",
 * scenario 3): the built pane in Chromium at 340 px over the real server and database, office.js
 * answered by the scripted Outlook host. The account manager logs a call and adds a follow-up on
 * the card of an overdue A customer; both are on the customer's page in the web app (its API),
 * and the card's care plan shows the call at once. Once in Finnish, once in English, each with a
 * screenshot in test-artifacts/browser/ and an axe check.
 */
import type { Browser, Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import {
  DEFAULT_USER, chromiumMissing, launchChromium, openSession, removeBuiltPane, screenshot, seedCustomer, seriousA11yViolations, startPaneServer,
  type OpenPane, type OutlookItem, type PaneServer, type PaneSession,
} from '../support/browser';

jest.setTimeout(90_000);

const missing = chromiumMissing();
if (missing) console.warn(`\n[browser tests] ${missing}\n`);
const describeInBrowser = missing ? describe.skip : describe;
if (missing && process.env.CI) {
  test('Chromium is available for the browser tests in CI', () => {
    throw new Error(missing);
  });
}

const user = DEFAULT_USER;
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** The words of the two-way contact rule (shared/domain/carePlan.ts) in each language. */
const TWO_WAY = { fi: 'Kaksisuuntainen yhteydenpito', en: 'Two-way contact' } as const;

describeInBrowser('acting on a customer from the task pane, in Chromium over the real server and database', () => {
  let server: PaneServer;
  let browser: Browser;
  const sessions: PaneSession[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startPaneServer(), launchChromium()]);
  }, 120_000);

  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeBuiltPane();
  });

  async function api(path: string) {
    const token = await server.app.tokenFor(user.emailAddress, 'account_manager', user.displayName);
    const answer = await server.app.http.get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
    expect(answer.status).toBe(200);
    return answer.body as { items: Array<Record<string, unknown>> };
  }

  /** Every text node of the page that is clipped by the 340 px viewport (its box reaches past the right edge). */
  const cutOff = (page: Page) => page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const wide: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.nodeValue?.trim() || !node.parentElement) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) if (rect.right > width + 1) wide.push(node.nodeValue.trim());
    }
    return wide;
  });

  test.each([
    ['fi', 'fi-FI', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s: logs a call and adds a follow-up from the card; both are on the customer page, and the care plan shows the call at once', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(server.app, { organizationName, domain, createdDaysAgo: 400 });
    const session = await openSession(browser, server.baseUrl);
    sessions.push(session);
    const matti = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const item: OutlookItem = {
      internetMessageId: `<paneact-${lang}-${Date.now()}@${domain}>`, conversationId: `paneact-${lang}`, subject: 'Syksyn koulutukset',
      dateTimeCreated: new Date(Date.now() - 3_600_000).toISOString(), from: matti, to: [{ displayName: user.displayName, emailAddress: user.emailAddress }],
      body: 'Hei, soitellaan ensi viikolla.',
    };
    const pane: OpenPane = await session.open({ user, language: tag, item });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1200 });
    try {
      const card = page.getByRole('region', { name: organizationName, exact: true });
      const twoWay = card.getByRole('listitem').filter({ hasText: TWO_WAY[lang] });
      await twoWay.getByText(t['code.carePlanStatus.overdue'], { exact: true }).waitFor();
      await card.getByText(t['pane.tasks.none'], { exact: true }).waitFor();

      // log a call: now, with the mail's contact ticked
      await card.getByRole('button', { name: fill(t['pane.act.openFor'], { organization: organizationName }), exact: true }).click();
      const form = card.getByRole('form', { name: t['pane.act.heading'], exact: true });
      expect(await form.getByRole('checkbox', { name: customer.contact.name }).isChecked()).toBe(true);
      await form.getByRole('textbox', { name: t['pane.act.subject'] }).fill('Syksyn koulutustarve');
      await screenshot(page, `paneact-${lang}-1-log-call-form-340px`);
      expect(await cutOff(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await form.getByRole('button', { name: t['pane.form.save'], exact: true }).click();
      await card.getByText(fill(t['pane.act.saved'], { kind: t['code.actionKind.call'] }), { exact: true }).waitFor();
      await twoWay.getByText(t['code.carePlanStatus.on_track'], { exact: true }).waitFor();

      // add a follow-up: due in two weeks, assigned to me
      await card.getByRole('button', { name: fill(t['pane.tasks.addFor'], { organization: organizationName }), exact: true }).click();
      const taskForm = card.getByRole('form', { name: t['pane.tasks.formHeading'], exact: true });
      await taskForm.getByRole('textbox', { name: t['pane.tasks.title'] }).fill('Soita takaisin');
      await screenshot(page, `paneact-${lang}-2-follow-up-form-340px`);
      expect(await cutOff(page)).toEqual([]);
      await taskForm.getByRole('button', { name: t['pane.form.save'], exact: true }).click();
      await card.getByText(fill(t['pane.tasks.added'], { title: 'Soita takaisin' }), { exact: true }).waitFor();
      await card.getByRole('button', { name: fill(t['pane.tasks.completeThis'], { title: 'Soita takaisin' }), exact: true }).waitFor();

      // the customer page of the web app sees both
      const actions = await api(`/organizations/${customer.organizationId}/actions`);
      expect(actions.items).toEqual([
        expect.objectContaining({ kind: 'call', subject: 'Syksyn koulutustarve', contactIds: [customer.contact.id], loggedBy: expect.objectContaining({ name: user.displayName }) }),
      ]);
      const tasks = await api(`/tasks?organizationId=${customer.organizationId}`);
      expect(tasks.items).toHaveLength(1);
      const dueOn = String(tasks.items[0]!.dueOn);
      const days = Math.round((Date.parse(`${dueOn}T12:00:00Z`) - Date.now()) / 86_400_000);
      expect(days).toBeGreaterThanOrEqual(13);
      expect(days).toBeLessThanOrEqual(15);
      expect(tasks.items[0]).toMatchObject({ title: 'Soita takaisin', status: 'open', assignee: expect.objectContaining({ email: user.emailAddress }) });

      expect(pane.pageErrors).toEqual([]);
      expect(pane.foreignRequests).toEqual([]);
      expect(await cutOff(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, `paneact-${lang}-3-after-call-and-follow-up-340px`);
    } catch (error) {
      await screenshot(page, `paneact-${lang}.failed`).catch(() => undefined);
      if (error instanceof Error) error.message += `\n\nIn the page:\n${[...pane.pageErrors, ...pane.console.slice(-20)].join('\n')}`;
      throw error;
    }
  });
});
