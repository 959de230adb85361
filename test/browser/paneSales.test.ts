/**
 * The sales pipeline inside Outlook (issue 12), in Chromium at 340 px over the real server and
 * database, office.js answered by the scripted Outlook host: the customer's card shows its open
 * opportunity and its draft offer; logging a mail linked to the opportunity puts the mail on the
 * opportunity's timeline; in compose, Attach offer puts the offer's PDF on the draft and into the
 * send log, so sending the mail marks the offer sent and logs it. An Outlook without Mailbox 1.8
 * links the offer's page instead, and says to attach the PDF by hand.
 */
import type { Page } from 'playwright-core';
import { en } from '../../addin/src/core/i18n/messages/pane/en';
import { fi } from '../../addin/src/core/i18n/messages/pane/fi';
import type { PaneCatalog } from '../../addin/src/core/i18n/messages/pane/en';
import { formatEuros } from '../../shared/domain/money';
import { DEFAULT_USER, seedCustomer, type SeededCustomer } from '../support/browser';
import { describeInBrowser, expectClean, failing, fill, looked, paneInBrowser } from '../support/paneInBrowser';

jest.setTimeout(120_000);

const user = DEFAULT_USER;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describeInBrowser('the sales pipeline in the pane, in Chromium over the real server and database', () => {
  const harness = paneInBrowser();

  async function post(path: string, body: object): Promise<Record<string, unknown>> {
    const token = await harness.server.app.tokenFor(user.emailAddress, 'account_manager', user.displayName);
    const res = await harness.server.app.http.post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  }

  /** A customer with an opportunity in negotiation and a draft offer of 2 × 800 € + 25.5 % VAT on it. */
  async function customerWithSales(organizationName: string, domain: string) {
    const customer = await seedCustomer(harness.server.app, { organizationName, domain, createdDaysAgo: 400 });
    const opportunity = await post('/opportunities', {
      organizationId: customer.organizationId, title: 'Työturvallisuuskoulutus 2027', stage: 'negotiation', estimatedValueCents: 1_200_000,
    });
    const offer = await post(`/opportunities/${String(opportunity.id)}/offers`, {
      validUntil: inDays(30), language: 'fi', lines: [{ description: 'Työturvallisuuskortti', quantityHundredths: 200, unitPriceCents: 80_000, vatRateBp: 2550 }],
    });
    return { customer, opportunityId: String(opportunity.id), offer: { id: String(offer.id), number: String(offer.number) } };
  }

  const mailFrom = (customer: SeededCustomer, n: string) => ({
    mode: 'read' as const, internetMessageId: `<myynti-${n}@${customer.domain}>`, conversationId: `AAQk-sales-${n}`, subject: 'Re: Työturvallisuuskoulutus',
    from: { displayName: customer.contact.name, emailAddress: customer.contact.email }, to: [{ displayName: user.displayName, emailAddress: user.emailAddress }],
    body: 'Hei, kiitos tarjouksesta. Palataan asiaan ensi viikolla.',
  });

  const settled = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));

  test.each([
    ['fi', 'fi-FI', fi, 'Myyntiputki Oy', 'myyntiputki.fi'],
    ['en', 'en-GB', en, 'Pipeline Ab', 'pipeline-ab.fi'],
  ] as const)('in %s: the card shows the open opportunity and draft offer; a mail logged with the opportunity is on its timeline', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const { customer, opportunityId, offer } = await customerWithSales(organizationName, domain);
    const money = (cents: number) => formatEuros(cents, lang);
    const pane = await harness.open({ user, language: tag, item: mailFrom(customer, lang) });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1100 });
    await failing(pane, `pane-sales-${lang}`, async () => {
      const card = page.getByRole('region', { name: organizationName });
      await card.getByRole('heading', { name: t['pane.sales.heading'], exact: true }).waitFor();
      const opportunityLink = card.getByRole('link', {
        name: fill(t['pane.sales.opportunity'], { title: 'Työturvallisuuskoulutus 2027', stage: (lang === 'fi' ? 'Neuvottelu' : 'Negotiation'), value: money(1_200_000) }),
      });
      expect(new URL((await opportunityLink.getAttribute('href'))!).pathname).toBe(`/app/opportunities/${opportunityId}`);
      const offerLink = card.getByRole('link', { name: fill(t['pane.sales.offer'], { number: offer.number, state: t['pane.sales.state.draft'], value: money(200_800) }) });
      expect(new URL((await offerLink.getAttribute('href'))!).pathname).toBe(`/app/offers/${offer.id}`);

      const picker = page.getByRole('combobox', { name: t['pane.log.opportunity'] });
      await picker.selectOption({ label: `Työturvallisuuskoulutus 2027 (${(lang === 'fi' ? 'Neuvottelu' : 'Negotiation')})` });
      await looked(page, `pane-sales-${lang}-1-card-and-picker-340px`);
      await page.getByRole('button', { name: t['pane.log.button'], exact: true }).click();
      await page.getByRole('region', { name: t['pane.log.heading'], exact: true }).getByText(new RegExp(`^${fill(t['pane.log.loggedBy'], { name: user.displayName, date: '' }).trim()}`)).waitFor();

      const onTimeline = await harness.api(`/opportunities/${opportunityId}/actions`);
      expect(onTimeline.items).toEqual([expect.objectContaining({ kind: 'email_in', subject: 'Re: Työturvallisuuskoulutus', opportunityId })]);
      expectClean(pane);
    });
  });

  test.each([
    ['fi', 'fi-FI', fi, 'Liitetarjous Oy', 'liitetarjous.fi'],
    ['en', 'en-GB', en, 'Attach Offer Ab', 'attach-offer.fi'],
  ] as const)('in %s: Attach offer puts the PDF on the draft and turns on Log when sent; sending marks the offer sent and logs the mail', async (lang, tag, t: PaneCatalog, organizationName, domain) => {
    const { customer, offer } = await customerWithSales(organizationName, domain);
    const pane = await harness.open({
      user, language: tag, mailboxVersion: '1.12',
      item: { mode: 'compose', subject: `Tarjous ${offer.number}`, conversationId: `attach-${lang}`, to: [{ displayName: customer.contact.name, emailAddress: customer.contact.email }], body: 'Hei, liitteenä tarjous.' },
    });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 1000 });
    await failing(pane, `pane-attach-${lang}`, async () => {
      const section = page.getByRole('region', { name: t['pane.offer.heading'], exact: true });
      await section.getByRole('button', { name: fill(t['pane.offer.attachLabel'], { number: offer.number, organization: organizationName }) }).click();
      await section.getByText(fill(t['pane.offer.attached'], { number: offer.number }), { exact: true }).waitFor();

      const [attachment, ...more] = await pane.outlook.attachments();
      expect(more).toEqual([]);
      expect(attachment).toMatchObject({ name: `tarjous-${offer.number}.pdf`, isInline: false });
      const pdf = Buffer.from(attachment!.base64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(2_000);
      // attaching turned Log when sent on for the offer's customer
      expect(await page.getByRole('switch', { name: t['pane.send.toggle'], exact: true }).isChecked()).toBe(true);
      await settled(page);
      expect(await section.getByRole('button', { name: fill(t['pane.offer.attachLabel'], { number: offer.number, organization: organizationName }) }).isDisabled()).toBe(true);
      await looked(page, `pane-attach-${lang}-1-attached-340px`);

      const { completed } = await pane.outlook.send();
      expect(completed).toEqual({ allowEvent: true });
      const after = await harness.api<{ state: string; sentAt: string | null }>(`/offers/${offer.id}`);
      expect(after.state).toBe('sent');
      const actions = await harness.api(`/organizations/${customer.organizationId}/actions`);
      expect(actions.items.map((a) => a.kind).sort()).toEqual(['email_out', 'offer']);
      expectClean(pane);
    });
  });

  test('an Outlook without Mailbox 1.8 links the offer’s page and says to attach its PDF by hand', async () => {
    const { customer, offer } = await customerWithSales('Vanha Outlook Oy', 'vanha-outlook.fi');
    const pane = await harness.open({
      user, language: 'fi-FI', mailboxVersion: '1.7',
      item: { mode: 'compose', subject: 'Tarjous', to: [{ displayName: customer.contact.name, emailAddress: customer.contact.email }] },
    });
    const { page } = pane;
    await page.setViewportSize({ width: 340, height: 900 });
    await failing(pane, 'pane-attach-unavailable', async () => {
      const section = page.getByRole('region', { name: fi['pane.offer.heading'], exact: true });
      await section.getByText(fi['pane.offer.unavailable'], { exact: true }).waitFor();
      const link = section.getByRole('link', { name: new RegExp(`^Tarjous ${offer.number} · Luonnos`) });
      expect(new URL((await link.getAttribute('href'))!).pathname).toBe(`/app/offers/${offer.id}`);
      expect(await section.getByRole('button').count()).toBe(0);
      await page.getByText(fi['pane.send.unavailable'], { exact: true }).waitFor();
      await looked(page, 'pane-attach-fi-unavailable-340px');
      expectClean(pane);
    });
  });
});
