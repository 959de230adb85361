/**
 * The reports page in the real browser over the demo data (issue 13): management opens it from
 * the navigation, sees compliance, actions and the pipeline as charts with tables; the figures on
 * screen are those of the database (the current month's compliance is the care-plan status of each
 * customer now; the calls of the current month are the calls logged); a shorter period shows fewer
 * months; the CSV download holds the rows of the table on screen; the Finnish page speaks Finnish
 * and nothing is wider than a phone's screen; an account manager has no Reports entry.
 */
import { DEFAULT_CARE_PLAN_RULES, evaluateCarePlan } from '../../shared/domain/carePlan';
import type { ActionKind, CustomerGroup, Segment } from '../../shared/domain/codes';
import { npsOf } from '../../shared/domain/feedback';
import { addMonths, monthIn, monthStart } from '../../shared/domain/reports';
import { monthLabel, REPORT_WORDS } from '../../shared/report-tables';
import { seedDemo } from '../../server/seed/demo';
import { shots, describeInBrowser, webAppInBrowser } from '../support/webApp';
import type { Page } from 'playwright-core';

jest.setTimeout(120_000);

const HEL = 'Europe/Helsinki';

/** The rows of a report table on screen, as text. */
async function rowsOf(page: Page, testId: string): Promise<string[][]> {
  return page.getByTestId(testId).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

describeInBrowser('the reports page in the browser', () => {
  const app = webAppInBrowser((server) => seedDemo(server.app.models, new Date()));

  it('shows compliance, actions, the pipeline and feedback scores as the database has them, with downloads of what is shown, in English and Finnish', async () => {
    const { Organization, Action } = app.server.app.models;
    const now = new Date();
    const current = monthIn(now, HEL);
    // the current month's compliance: customers with a plan that are not overdue now
    const orgs = await Organization.find({}, { segment: 1, customerGroup: 1, createdAt: 1, lastActionAt: 1, plannedActions: 1 }).lean();
    const statuses = orgs.map((o) => evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, {
      segment: o.segment as Segment, customerGroup: o.customerGroup as CustomerGroup, createdAt: o.createdAt as Date,
      lastActionAt: (o.lastActionAt ?? {}) as Partial<Record<ActionKind, Date>>,
      planned: ((o.plannedActions ?? []) as unknown as { kind: ActionKind; occurredAt: Date }[]),
    }, now, HEL)).filter((e) => e !== null);
    const keptNow = Math.round((statuses.filter((e) => e.overall !== 'overdue').length / statuses.length) * 100);
    const callsThisMonth = await Action.countDocuments({ kind: 'call', occurredAt: { $gte: monthStart(current, HEL), $lte: now } });
    // the demo's answers of the three months the page is set to below
    const answered = await app.server.app.models.Invitation.find({ answeredAt: { $gte: monthStart(addMonths(current, -2), HEL) } }).lean();
    const npsAnswers = answered.filter((i) => i.surveyType === 'nps' && typeof i.answer?.score === 'number').map((i) => i.answer!.score as number);
    expect(npsAnswers.length).toBeGreaterThan(2);
    expect(statuses.length).toBeGreaterThan(10);

    const { page, errors } = await app.signIn('leena.hamalainen@omnia.fi', { path: '/app/', acceptDownloads: true });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();

    const compliance = page.getByTestId('report-compliance');
    await compliance.getByRole('heading', { name: 'Care-plan compliance' }).waitFor();
    await compliance.getByRole('button', { name: 'Show as table' }).click();
    const byManager = page.getByRole('table', { name: 'Care plan kept per account manager (% of customers)' });
    await byManager.waitFor();
    const headers = await byManager.locator('thead th').allTextContents();
    expect(headers).toHaveLength(14); // the manager, 12 months, the whole period
    expect(headers.at(-2)).toMatch(new RegExp(`${current.slice(0, 4)}$`));
    const total = (await rowsOf(page, 'compliance-byManager-table')).at(-1)!;
    expect(total[0]).toBe('Total');
    expect(Number(total.at(-2))).toBe(keptNow);
    await compliance.getByRole('tab', { name: 'Per segment' }).click();
    expect((await rowsOf(page, 'compliance-bySegment-table')).map((r) => r[0])).toEqual(expect.arrayContaining(['A – key customer', 'P – potential customer', 'Total']));

    const actions = page.getByTestId('report-actions');
    await actions.getByRole('button', { name: 'Show as table' }).click();
    const kinds = await rowsOf(page, 'actions-byKind-table');
    expect(kinds.map((r) => r[0])).toEqual(['Email received', 'Email sent', 'Call', 'Meeting', 'Event', 'Annual planning review', 'Offer', 'Note', 'Campaign mailing', 'Feedback', 'Total']);
    expect(Number(kinds[2]!.at(-2))).toBe(callsThisMonth);
    expect(Number(kinds.at(-1)!.at(-1))).toBeGreaterThan(50); // a year of demo actions

    // a shorter period: three months
    await page.getByLabel('From month').selectOption(addMonths(current, -2));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="actions-byKind-table"] thead th').length === 5);
    const shown = await rowsOf(page, 'actions-byKind-table');

    // the CSV holds exactly the rows on screen
    const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`actions-byKind-${addMonths(current, -2)}-${current}.csv`);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Action kind', ...(await page.getByTestId('actions-byKind-table').locator('thead th').allTextContents()).slice(1)]);
    expect(lines.slice(1)).toEqual(shown);

    const pipeline = page.getByTestId('report-pipeline');
    await pipeline.getByRole('button', { name: 'Show as table' }).click();
    await pipeline.getByRole('tab', { name: 'Won and lost' }).click();
    const closed = await rowsOf(page, 'pipeline-closedByMonth-table');
    expect(closed.map((r) => r[0])).toEqual([...[-2, -1, 0].map((n) => monthLabel(addMonths(current, n), REPORT_WORDS.en)), 'Total']);
    await pipeline.getByRole('tab', { name: 'Open stages' }).click();
    const stages = await rowsOf(page, 'pipeline-byStage-table');
    expect(stages.length).toBeGreaterThan(1);
    expect(stages.at(-1)![2]).toMatch(/€/);
    // feedback scores: NPS per segment over the period (the three months chosen above), the answers per survey type
    const feedback = page.getByTestId('report-feedback');
    await feedback.getByRole('heading', { name: 'Feedback scores' }).waitFor();
    await feedback.getByRole('button', { name: 'Show as table' }).click();
    const npsRows = await rowsOf(page, 'feedback-bySegment-table');
    expect(npsRows.at(-1)![0]).toBe('Total');
    expect(Number(npsRows.at(-1)!.at(-1)!.replace('−', '-'))).toBe(npsOf(npsAnswers).nps);
    await feedback.getByRole('tab', { name: 'Answers' }).click();
    const answerRows = await rowsOf(page, 'feedback-responses-table');
    expect(answerRows.map((r) => r[0])).toEqual(['NPS (likelihood to recommend)', 'Satisfaction (1–5)', 'Custom survey', 'Total']);
    expect(Number(answerRows.at(-1)!.at(-1))).toBe(answered.length);
    await feedback.getByRole('tab', { name: 'NPS by segment' }).click();
    await feedback.getByRole('button', { name: 'Show as chart' }).click();
    await feedback.scrollIntoViewIfNeeded();
    await shots(page, 'reports-feedback-en', { a11y: true });
    await page.getByRole('heading', { name: 'Reports', level: 1 }).scrollIntoViewIfNeeded();
    await shots(page, 'reports-en', { a11y: true });
    expect(await page.locator('body').innerText()).not.toMatch(/email_out|email_in|\bon_track\b/);
    expect(errors).toEqual([]);

    const fi = await app.signIn('leena.hamalainen@omnia.fi', { path: '/app/reports', locale: 'fi-FI' });
    await fi.page.getByRole('heading', { name: 'Raportit', level: 1 }).waitFor();
    await fi.page.getByRole('navigation').getByRole('link', { name: 'Raportit', exact: true }).first().waitFor();
    await fi.page.getByRole('heading', { name: 'Hoitosuunnitelman toteutuminen' }).waitFor();
    expect(await fi.page.getByLabel('Loppukuukausi').locator('option:checked').textContent()).toBe(monthLabel(current, REPORT_WORDS.fi));
    const fiActions = fi.page.getByTestId('report-actions');
    await fiActions.getByRole('button', { name: 'Näytä taulukkona' }).click();
    const fiKinds = await rowsOf(fi.page, 'actions-byKind-table');
    expect(fiKinds.map((r) => r[0])).toEqual(['Saapunut sähköposti', 'Lähetetty sähköposti', 'Puhelu', 'Tapaaminen', 'Tapahtuma', 'Vuosisuunnittelupalaveri', 'Tarjous', 'Muistiinpano', 'Kampanjaviesti', 'Palaute', 'Yhteensä']);
    expect(Number(fiKinds[2]!.at(-2))).toBe(callsThisMonth);
    await fiActions.getByRole('tab', { name: 'Kirjaaja × laji' }).click();
    await fi.page.getByRole('table', { name: 'Toimenpiteet kirjaajittain ja lajeittain koko jaksolla' }).waitFor();
    await fi.page.getByTestId('report-pipeline').getByRole('button', { name: 'Näytä taulukkona' }).click();
    const fiFeedback = fi.page.getByTestId('report-feedback');
    await fiFeedback.getByRole('heading', { name: 'Palautteet' }).waitFor();
    await fiFeedback.getByRole('tab', { name: 'NPS asiakasryhmittäin' }).click();
    await fiFeedback.getByRole('button', { name: 'Näytä taulukkona' }).click();
    expect((await rowsOf(fi.page, 'feedback-byGroup-table')).at(-1)![0]).toBe('Yhteensä');
    await shots(fi.page, 'reports-fi', { a11y: true });
    await fiFeedback.scrollIntoViewIfNeeded();
    await shots(fi.page, 'reports-feedback-fi');
    const fiText = await fi.page.locator('main').innerText();
    for (const english of ['Show as', 'Download', 'Total', 'Per kind', 'Care-plan', 'Account manager', 'Won', 'Lost', 'email_', 'Jan ']) expect(fiText).not.toContain(english);
    // a period the other way round is said in Finnish, before any report is asked for
    await fi.page.getByLabel('Alkukuukausi').selectOption(addMonths(current, -1));
    await fi.page.getByLabel('Loppukuukausi').selectOption(addMonths(current, -3));
    await fi.page.getByText('Alkukuukausi on loppukuukauden jälkeen: valitse aiempi alkukuukausi.').waitFor();
    expect(fi.errors).toEqual([]);

    // an account manager has no reports page in the navigation
    const aino = await app.signIn('aino.virtanen@omnia.fi', { path: '/app/' });
    await aino.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).waitFor();
    expect(await aino.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).count()).toBe(0);
  });
});
