/**
 * Outlook mobile in a real browser (issue #11, "Outlook mobile", scenario 6): the built pane in
 * Chromium as a phone (375 px, touch, a 2× screen) over the real server and database, office.js
 * answered by the scripted Outlook host as Outlook for iOS and for Android (Mailbox 1.5, no
 * pinning). The account manager sees the sender's customer and its status and logs the mail with
 * one tap; every button, link and checkbox is at least 44 × 44 px, nothing scrolls sideways, axe
 * finds nothing serious, and the pane says that it cannot follow the next mail. Screenshots in
 * Finnish and English go to test-artifacts/browser/.
 */
import type { Page } from 'playwright-core';
import { en, type PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import { DEFAULT_USER, PHONE, screenshot, seedCustomer, seriousA11yViolations, type OutlookItem } from '../support/browser';
import { describeInBrowser, expectClean, failing, fill, paneInBrowser } from '../support/paneInBrowser';

jest.setTimeout(90_000);

const user = DEFAULT_USER;
/** A finger's target: Apple's 44 pt, WCAG 2.5.5. */
const TARGET = 44;

/** The visible buttons, links and checkboxes measured, and those smaller than a finger (by accessible name or text). */
const targets = (page: Page) => page.evaluate((min) => {
  const small: string[] = [];
  const measured: string[] = [];
  const selector = 'button, a[href], [role="button"], [role="link"], input[type="checkbox"], [role="checkbox"], input, textarea, select';
  for (const element of document.querySelectorAll<HTMLElement>(selector)) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue; // not rendered
    measured.push(element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName);
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
      small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return { measured, small };
}, TARGET);

/** None is smaller than a finger, and the check saw the pane's controls (the log button and the card's link and buttons at least). */
async function expectTouchSized(page: Page) {
  const { measured, small } = await targets(page);
  expect(small).toEqual([]);
  expect(measured.length).toBeGreaterThanOrEqual(3);
}

/** How far the page scrolls sideways (0: not at all). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describeInBrowser('the pane on Outlook for iOS and Android, in Chromium as a phone over the real server and database', () => {
  const harness = paneInBrowser();

  test.each([
    ['fi', 'fi-FI', 'iOS', fi, 'Rakennus Oy Kivijalka', 'kivijalka.fi'],
    ['en', 'en-GB', 'Android', en, 'Betoni Ab', 'betoni.fi'],
  ] as const)('in %s on %s at 375 px: recognises the sender, shows the status, logs the mail with one tap; touch-sized, no sideways scroll, axe clean', async (lang, tag, platform, t: PaneCatalog, organizationName, domain) => {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 45 });
    const matti = { displayName: customer.contact.name, emailAddress: customer.contact.email };
    const messageId = `<mobile-${lang}-${Date.now()}@${domain}>`;
    const item: OutlookItem = {
      internetMessageId: messageId, conversationId: `mobile-${lang}`, subject: 'Koulutustarjous syksylle',
      dateTimeCreated: new Date(Date.now() - 3_600_000).toISOString(), from: matti, to: [{ displayName: user.displayName, emailAddress: user.emailAddress }],
      body: 'Hei, tässä tarjous syksyn koulutuksista.',
    };
    const pane = await harness.open({ user, language: tag, platform, item }, PHONE);
    const { page } = pane;
    await failing(pane, `mobile-${lang}`, async () => {
      expect(page.viewportSize()).toEqual({ width: 375, height: 812 });
      expect(await page.evaluate(() => [navigator.maxTouchPoints > 0, window.devicePixelRatio])).toEqual([true, 2]);

      // the same recognition and status as on the desktop
      const card = page.getByRole('region', { name: organizationName, exact: true });
      await card.getByRole('heading', { name: `${t['pane.carePlan.heading']} ${t['code.carePlanStatus.overdue']}` }).waitFor();
      // and the phone says what it cannot do
      await page.getByText(t['pane.mobile.oneMail'], { exact: true }).waitFor();
      await screenshot(page, `mobile-${lang}-${platform}-1-status-375px`);
      await expectTouchSized(page);
      expect(await sidewaysScroll(page)).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // one tap logs the mail
      const logButton = page.getByRole('button', { name: t['pane.log.button'], exact: true });
      await logButton.tap();
      await page.getByText(new RegExp(fill(t['pane.log.loggedBy'], { name: user.displayName, date: '' }).trim())).first().waitFor();
      const stored = await harness.server.app.models.Action.find({ internetMessageId: messageId }).lean();
      expect(stored.map((a) => ({ kind: a.kind, organizationId: String(a.organizationId) }))).toEqual([{ kind: 'email_in', organizationId: customer.organizationId }]);
      await card.getByRole('heading', { name: `${t['pane.carePlan.heading']} ${t['code.carePlanStatus.on_track']}` }).waitFor();

      await screenshot(page, `mobile-${lang}-${platform}-2-logged-375px`);
      await expectTouchSized(page);
      expect(await sidewaysScroll(page)).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // no pinning on a phone: the pane never asked for item-changed events
      expect(await page.evaluate(() => (window as unknown as { __outlook: { hasHandler(t: string): boolean } }).__outlook.hasHandler('ItemChanged'))).toBe(false);
      expectClean(pane);
    });
  });
});
