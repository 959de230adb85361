/**
 * An opportunity in the real browser over the demo data: from a customer's page the account manager
 * adds one in the Sales section, opens it, moves it to another stage and sees the change in its
 * history, and New offer lands on the new draft's page. In Finnish the customer's Sales section and
 * the opportunity's page speak Finnish. Screenshots in English and Finnish.
 */
import { seedDemo } from '../../server/seed/demo';
import { screenshot, seriousA11yViolations } from '../support/browser';
import { describeInBrowser, webAppInBrowser } from '../support/webApp';

jest.setTimeout(90_000);

describeInBrowser('an opportunity in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));
  const customerId = async (name: string) => String((await app.server.app.models.Organization.findOne({ name }).lean())!._id);

  it('in English: add one from the customer page, open it, change its stage, see the history, start an offer', async () => {
    const kivijalka = await customerId('Rakennus Oy Kivijalka');
    const { page, errors } = await app.signIn('aino.virtanen@omnia.fi', { path: `/app/customers/${kivijalka}` });
    const sales = page.getByRole('region', { name: 'Sales', exact: true });
    await sales.getByRole('heading', { name: 'Opportunities', level: 3 }).waitFor();
    await sales.getByRole('heading', { name: 'Offers', level: 3 }).waitFor();
    await sales.getByRole('heading', { name: 'Orders', level: 3 }).waitFor();

    await sales.getByRole('button', { name: 'Add opportunity' }).click();
    const dialog = page.getByRole('dialog', { name: 'New opportunity: Rakennus Oy Kivijalka' });
    await dialog.getByLabel('Title').fill('Henkilöstökoulutus 2027');
    await dialog.getByLabel('Estimated value (€)').fill('8 400,00');
    await dialog.getByRole('button', { name: 'Add opportunity' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = sales.getByRole('row', { name: /Henkilöstökoulutus 2027/ });
    await row.getByText('€8,400.00').waitFor();
    await row.getByText('Lead').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'customer-sales-en');

    await row.getByRole('link', { name: 'Henkilöstökoulutus 2027' }).click();
    await page.getByRole('heading', { name: 'Henkilöstökoulutus 2027', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Rakennus Oy Kivijalka' }).waitFor();
    await page.getByText('Aino Virtanen', { exact: true }).first().waitFor();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption({ label: 'Needs defined' });
    const history = page.getByTestId('stage-history');
    await history.getByText('Lead → Needs defined').waitFor();
    await history.getByText('Created in Lead').waitFor();
    await page.getByText('25 %', { exact: true }).waitFor();
    const stored = await app.server.app.models.Opportunity.findOne({ title: 'Henkilöstökoulutus 2027' }).lean();
    expect(stored!.history.map((h) => h.to)).toEqual(['lead', 'needs_defined']);
    expect(String(stored!.organizationId)).toBe(kivijalka);
    await page.getByText('No offers yet.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'opportunity-en');

    await page.getByRole('button', { name: 'New offer' }).click();
    await page.waitForURL(/\/app\/offers\/[0-9a-f]{24}$/);
    const offerId = new URL(page.url()).pathname.split('/').pop()!;
    const offer = await app.server.app.models.Offer.findById(offerId).lean();
    expect(offer).toMatchObject({ state: 'draft', language: 'fi', lines: [] });
    expect(String(offer!.opportunityId)).toBe(String(stored!._id));
    expect(errors).toEqual([]);
  });

  it('in Finnish: the customer’s Sales section and the opportunity’s page speak Finnish', async () => {
    const seeded = (await app.server.app.models.Opportunity.findOne({ 'owner.email': 'mikko.korhonen@omnia.fi' }).lean())!;
    const { page, errors } = await app.signIn('mikko.korhonen@omnia.fi', { path: `/app/customers/${String(seeded.organizationId)}`, locale: 'fi-FI' });
    const sales = page.getByRole('region', { name: 'Myynti', exact: true });
    await sales.getByRole('heading', { name: 'Myyntimahdollisuudet', level: 3 }).waitFor();
    await sales.getByRole('link', { name: seeded.title }).first().waitFor();
    await sales.getByRole('button', { name: 'Lisää myyntimahdollisuus' }).waitFor();
    const english = /\b(Sales|Opportunit(y|ies)|Offers?|Orders?|Stage|Lead|Needs defined|Negotiation|Won|Lost|Draft|Sent|Valid until|Total|No [a-z]+ yet)\b/;
    expect(await sales.innerText()).not.toMatch(english);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'customer-sales-fi');

    await sales.getByRole('link', { name: seeded.title }).first().click();
    await page.getByRole('heading', { name: seeded.title, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Vaihe ja sen historia', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Tarjoukset', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Uusi tarjous' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(english);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'opportunity-fi');
    expect(errors).toEqual([]);
  });
});
