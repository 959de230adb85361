/**
 * The desk's sales reminders in the real browser over the demo data: an account manager sees their
 * sent offers running out within two weeks (the demo has such offers) and follows one to its page;
 * in Finnish the section speaks Finnish. Screenshots in English and Finnish.
 */
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

describeInBrowser('the sales reminders on the desk', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  const expiringOwner = async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const offer = (await app.server.app.models.Offer.findOne({ state: 'sent', validUntil: { $lte: soon } }).lean())!;
    return offer;
  };

  it('in English: my offers running out are listed and lead to the offer', async () => {
    const offer = await expiringOwner();
    const { page, errors } = await app.signIn(offer.owner.email!);
    const section = page.getByRole('region', { name: 'Sales to follow up' });
    await section.getByRole('heading', { name: 'Offers running out within 14 days', level: 3 }).waitFor();
    await section.getByRole('heading', { name: 'Opportunities past their expected close', level: 3 }).waitFor();
    const link = section.getByRole('link', { name: `Offer ${offer.number}` });
    await link.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-sales-en');
    await link.click();
    await page.getByRole('heading', { name: `Offer ${offer.number}`, level: 1 }).waitFor();
    await page.getByText('Sent', { exact: true }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('in Finnish: the section speaks Finnish', async () => {
    const offer = await expiringOwner();
    const { page, errors } = await app.signIn(offer.owner.email!, { locale: 'fi-FI' });
    const section = page.getByRole('region', { name: 'Seurattava myynti' });
    await section.getByRole('link', { name: `Tarjous ${offer.number}` }).waitFor();
    expect(await section.innerText()).not.toMatch(/\b(Offers?|Sales|Opportunit(y|ies)|Valid until|Expected|running out|Open the)\b/);
    await page.setViewportSize({ width: 340, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-sales-fi-narrow');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
