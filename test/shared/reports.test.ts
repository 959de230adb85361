/**
 * The reports' pure computations against hand-computed figures: care-plan compliance at each
 * month's end (DOMAIN.md's default rules, Helsinki months), actions counted in the zone's months,
 * the period's validation, and the tables (the same words as the web app's code labels).
 */
import { DEFAULT_CARE_PLAN_RULES, evaluateCarePlan } from '../../shared/domain/carePlan';
import { ReportDownloadQuerySchema, ReportPeriodQuerySchema, type ComplianceReport } from '../../shared/contract-reports';
import {
  complianceBy, countPerMonth, evaluationMoments, keptAtMoments, monthsBetween, periodShare, type ComplianceCustomer, type ReportAction,
} from '../../shared/domain/reports';
import { ACTION_KINDS, CUSTOMER_GROUPS, SEGMENTS } from '../../shared/domain/codes';
import { REPORT_WORDS, reportTable } from '../../shared/report-tables';
import { en as paneEn } from '../../addin/src/core/i18n/messages/pane/en';
import { fi as paneFi } from '../../addin/src/core/i18n/messages/pane/fi';
import { sv as paneSv } from '../../addin/src/core/i18n/messages/pane/sv';

const HEL = 'Europe/Helsinki';
const months = ['2026-01', '2026-02', '2026-03'];
const now = new Date('2026-04-15T09:00:00Z');
const at = (iso: string) => new Date(iso);

// c1 (C): a call 2025-08-15 keeps the 180-day rule until 2026-02-11 → kept at the end of January only.
// c2 (B): a meeting 2025-12-10 keeps contact (60 d) until 2026-02-08 → kept in January, overdue at the end of February; a call 2026-03-05 → kept in March.
// c3 (P): created 2026-02-20, no action: not counted in January, within its first 14 days at the end of February, overdue at the end of March.
// c4 (A, public): only a note, which no rule counts → overdue every month.
const customers: ComplianceCustomer[] = [
  { id: 'c1', segment: 'C', customerGroup: 'company', createdAt: at('2025-01-01T10:00:00Z'), responsibleId: 'm1' },
  { id: 'c2', segment: 'B', customerGroup: 'company', createdAt: at('2025-01-01T10:00:00Z'), responsibleId: 'm1' },
  { id: 'c3', segment: 'P', customerGroup: 'company', createdAt: at('2026-02-20T10:00:00Z'), responsibleId: null },
  { id: 'c4', segment: 'A', customerGroup: 'public', createdAt: at('2024-01-01T10:00:00Z'), responsibleId: 'm2' },
];
const actions: ReportAction[] = [
  { organizationId: 'c1', kind: 'call', occurredAt: at('2025-08-15T10:00:00Z'), loggedBy: 'm1' },
  { organizationId: 'c1', kind: 'meeting', occurredAt: at('2026-05-01T10:00:00Z'), loggedBy: 'm1' }, // planned, after every month's end
  { organizationId: 'c2', kind: 'meeting', occurredAt: at('2025-12-10T10:00:00Z'), loggedBy: 'm1' },
  { organizationId: 'c2', kind: 'call', occurredAt: at('2026-03-05T10:00:00Z'), loggedBy: 'm2' },
  { organizationId: 'c4', kind: 'note', occurredAt: at('2026-01-31T22:30:00Z'), loggedBy: 'm2' }, // 00:30 on 1 February in Helsinki
];

describe('care-plan compliance at each month end', () => {
  const moments = evaluationMoments(months, now, HEL);
  const kept = keptAtMoments(DEFAULT_CARE_PLAN_RULES, customers, actions, moments, HEL);

  test("a month is evaluated at the first instant of the next month in Helsinki (the current month: now)", () => {
    expect(moments.map((d) => d.toISOString())).toEqual(['2026-01-31T22:00:00.000Z', '2026-02-28T22:00:00.000Z', '2026-03-31T21:00:00.000Z']);
    expect(evaluationMoments(['2026-04'], now, HEL)).toEqual([now]);
  });

  test('each customer is kept, overdue or not counted as the hand computation says', () => {
    expect(Object.fromEntries(kept)).toEqual({ c1: [true, false, false], c2: [true, false, true], c3: [null, true, false], c4: [false, false, false] });
  });

  test('it agrees with the care-plan status evaluated at each month end', () => {
    for (const c of customers) {
      moments.forEach((moment, m) => {
        const lastActionAt: Record<string, Date> = {};
        for (const a of actions) if (a.organizationId === c.id && a.occurredAt <= moment && (!lastActionAt[a.kind] || lastActionAt[a.kind]! < a.occurredAt)) lastActionAt[a.kind] = a.occurredAt;
        const status = c.createdAt > moment ? null : evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, { ...c, lastActionAt }, moment, HEL)!.overall !== 'overdue';
        expect([c.id, m, kept.get(c.id)![m]]).toEqual([c.id, m, status]);
      });
    }
  });

  test('per manager, segment and group: kept and counted customers per month, and the period as kept customer-months', () => {
    const byManager = complianceBy(customers, kept, 3, (c) => c.responsibleId ?? '');
    expect(Object.fromEntries(byManager)).toEqual({
      m1: { kept: [2, 0, 1], total: [2, 2, 2] },
      '': { kept: [0, 1, 0], total: [0, 1, 1] },
      m2: { kept: [0, 0, 0], total: [1, 1, 1] },
    });
    expect(periodShare(byManager.get('m1')!)).toBe(50);
    const all = complianceBy(customers, kept, 3, () => 'all').get('all')!;
    expect(all).toEqual({ kept: [2, 1, 1], total: [3, 4, 4] });
    expect(periodShare(all)).toBe(36); // 4 of 11
    expect(Object.fromEntries(complianceBy(customers, kept, 3, (c) => c.customerGroup))).toEqual({
      company: { kept: [2, 1, 1], total: [2, 3, 3] },
      public: { kept: [0, 0, 0], total: [1, 1, 1] },
    });
  });

  test('10,000 customers with 100,000 actions over 24 months take well under a second', () => {
    const many: ComplianceCustomer[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `c${i}`, segment: SEGMENTS[i % 4]!, customerGroup: CUSTOMER_GROUPS[i % 5]!, createdAt: at('2023-01-01T00:00:00Z'), responsibleId: `m${i % 40}`,
    }));
    const lots: ReportAction[] = Array.from({ length: 100_000 }, (_, i) => ({
      organizationId: `c${i % 10_000}`, kind: ACTION_KINDS[i % 8]!, occurredAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 900) * 86_400_000), loggedBy: `m${i % 40}`,
    }));
    const period = monthsBetween('2024-04', '2026-03');
    const started = Date.now();
    const result = keptAtMoments(DEFAULT_CARE_PLAN_RULES, many, lots, evaluationMoments(period, now, HEL), HEL);
    expect(result.size).toBe(10_000);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

test('actions are counted in the month of Helsinki, not of UTC', () => {
  const byKind = countPerMonth(actions, months, HEL, (a) => a.kind);
  expect(Object.fromEntries(byKind)).toEqual({ note: [0, 1, 0], call: [0, 0, 1] });
});

describe('the period', () => {
  const problem = (q: object) => {
    const r = ReportPeriodQuerySchema.safeParse(q);
    return r.success ? null : r.error.issues.map((i) => i.path.join('.'));
  };
  test('from after to names from; more than 24 months names to; from without to names to', () => {
    expect(problem({ from: '2026-03', to: '2026-01' })).toEqual(['from']);
    expect(problem({ from: '2024-01', to: '2025-12' })).toBeNull();
    expect(problem({ from: '2024-01', to: '2026-01' })).toEqual(['to']);
    expect(problem({ from: '2026-01' })).toEqual(['to']);
    expect(problem({ months: '25' })).toEqual(['months']);
    expect(problem({ from: '2026-13', to: '2026-12' })).toEqual(['from']);
    expect(ReportDownloadQuerySchema.safeParse({ table: 'byKind', format: 'pdf' }).error?.issues.map((i) => i.path.join('.'))).toEqual(['format']);
  });
});

describe('the tables', () => {
  test("name kinds, segments and groups as the web app's code labels do, in every language", () => {
    for (const [lang, catalog] of [['en', paneEn], ['fi', paneFi], ['sv', paneSv]] as const) {
      const w = REPORT_WORDS[lang];
      for (const k of ACTION_KINDS) expect(w.kinds[k]).toBe(catalog[`code.actionKind.${k}`]);
      for (const s of SEGMENTS) expect(w.segments[s]).toBe(catalog[`code.segment.${s}`]);
      for (const g of CUSTOMER_GROUPS) expect(w.groups[g]).toBe(catalog[`code.customerGroup.${g}`]);
    }
  });

  test('compliance: a row per manager with each month and the period in whole percent, the total last', () => {
    const report: ComplianceReport = {
      months, timeZone: HEL, generatedAt: now.toISOString(),
      total: { kept: [2, 1, 1], total: [3, 4, 4] },
      byManager: [
        { manager: { id: 'a'.repeat(24), name: 'Aino Virtanen', email: 'aino@x.fi' }, kept: [2, 0, 1], total: [2, 2, 2] },
        { manager: null, kept: [0, 1, 0], total: [0, 1, 1] },
      ],
      bySegment: [], byGroup: [],
    };
    expect(reportTable('compliance', report, 'byManager', 'fi')).toEqual({
      caption: 'Hoitosuunnitelman toteutuminen asiakasvastaavittain (% asiakkaista)',
      columns: ['Asiakasvastaava', 'tammi 2026', 'helmi 2026', 'maalis 2026', 'Koko jakso'],
      rows: [['Aino Virtanen', 100, 0, 50, 50], ['Ei vastuuhenkilöä', null, 100, 0, 50], ['Yhteensä', 67, 25, 25, 36]],
    });
  });
});
