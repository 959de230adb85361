import { applicableRules, DEFAULT_CARE_PLAN_RULES, evaluateCarePlan, type CareSubject, type CarePlanRule } from '../../shared/domain/carePlan';
import { addCalendarDays } from '../../shared/domain/zonedTime';

const HEL = 'Europe/Helsinki';
const now = new Date('2026-06-15T09:00:00Z');
const daysAgo = (n: number) => addCalendarDays(now, -n, HEL);

function subject(partial: Partial<CareSubject>): CareSubject {
  return { segment: 'A', customerGroup: 'company', createdAt: daysAgo(1000), lastActionAt: {}, ...partial };
}

function ruleOf(id: string, s: CareSubject) {
  const result = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, s, now, HEL);
  const rule = result?.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`rule ${id} not evaluated`);
  return rule;
}

describe('care-plan status with the default rules', () => {
  test.each([
    // [rule, kind of the newest action, days since it, expected status]
    ['A-contact', 'email_in', 10, 'on_track'],
    ['A-contact', 'call', 25, 'due_soon'],
    ['A-contact', 'email_out', 31, 'overdue'],
    ['A-meeting', 'meeting', 80, 'on_track'],
    ['A-meeting', 'meeting', 85, 'due_soon'],
    ['A-meeting', 'meeting', 91, 'overdue'],
    ['A-review', 'review', 300, 'on_track'],
    ['A-review', 'review', 360, 'due_soon'],
    ['A-review', 'review', 366, 'overdue'],
  ] as const)('%s: a %s %i days ago is %s', (ruleId, kind, ago, expected) => {
    const s = subject({ segment: 'A', lastActionAt: { [kind]: daysAgo(ago) } });
    expect(ruleOf(ruleId, s).status).toBe(expected);
  });

  test.each([
    ['B', 'B-contact', 50, 'on_track'], ['B', 'B-contact', 55, 'due_soon'], ['B', 'B-contact', 61, 'overdue'],
    ['B', 'B-meeting', 170, 'on_track'], ['B', 'B-meeting', 175, 'due_soon'], ['B', 'B-meeting', 181, 'overdue'],
    ['C', 'C-contact', 100, 'on_track'], ['C', 'C-contact', 175, 'due_soon'], ['C', 'C-contact', 181, 'overdue'],
  ] as const)('segment %s, %s: a meeting %i days ago is %s', (segment, ruleId, ago, expected) => {
    const s = subject({ segment, lastActionAt: { meeting: daysAgo(ago) } });
    expect(ruleOf(ruleId, s).status).toBe(expected);
  });

  test('a meeting counts as two-way contact, but a note does not', () => {
    expect(ruleOf('A-contact', subject({ lastActionAt: { meeting: daysAgo(5), note: daysAgo(1) } })).lastAt).toEqual(daysAgo(5));
    expect(ruleOf('A-contact', subject({ lastActionAt: { note: daysAgo(1) } })).lastAt).toBeNull();
  });

  test('the newest matching action of any matching kind decides', () => {
    const s = subject({ lastActionAt: { email_in: daysAgo(40), call: daysAgo(3), email_out: daysAgo(20) } });
    expect(ruleOf('A-contact', s)).toMatchObject({ status: 'on_track', lastAt: daysAgo(3), dueAt: addCalendarDays(daysAgo(3), 30, HEL) });
  });

  test('exactly at the due moment the rule is due soon, one millisecond later it is overdue', () => {
    const last = daysAgo(30);
    const atDue = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, subject({ lastActionAt: { call: last } }), now, HEL)!;
    expect(atDue.rules.find((r) => r.id === 'A-contact')!.status).toBe('due_soon');
    const later = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, subject({ lastActionAt: { call: last } }), new Date(now.getTime() + 1), HEL)!;
    expect(later.rules.find((r) => r.id === 'A-contact')!.status).toBe('overdue');
  });

  test('the warning window starts exactly 7 days before the due date', () => {
    const s = subject({ lastActionAt: { call: daysAgo(23) } });
    expect(ruleOf('A-contact', s).status).toBe('due_soon');
    const justBefore = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, s, new Date(now.getTime() - 1), HEL)!;
    expect(justBefore.rules.find((r) => r.id === 'A-contact')!.status).toBe('on_track');
  });

  test('a customer never contacted is measured from its creation date', () => {
    expect(ruleOf('B-contact', subject({ segment: 'B', createdAt: daysAgo(20) }))).toMatchObject({ status: 'on_track', lastAt: null, dueAt: addCalendarDays(daysAgo(20), 60, HEL) });
    expect(ruleOf('B-contact', subject({ segment: 'B', createdAt: daysAgo(61) })).status).toBe('overdue');
  });

  test('a potential customer must be followed up within 14 days of creation, then every 30 days', () => {
    expect(ruleOf('P-follow-up', subject({ segment: 'P', createdAt: daysAgo(5) })).status).toBe('on_track');
    expect(ruleOf('P-follow-up', subject({ segment: 'P', createdAt: daysAgo(10) })).status).toBe('due_soon');
    expect(ruleOf('P-follow-up', subject({ segment: 'P', createdAt: daysAgo(15) })).status).toBe('overdue');
    expect(ruleOf('P-follow-up', subject({ segment: 'P', createdAt: daysAgo(40), lastActionAt: { offer: daysAgo(20) } })).status).toBe('on_track');
  });

  test('the overall status is the worst rule', () => {
    const result = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, subject({ lastActionAt: { call: daysAgo(2), meeting: daysAgo(95), review: daysAgo(100) } }), now, HEL)!;
    expect(result.rules.map((r) => r.status)).toEqual(['on_track', 'overdue', 'on_track']);
    expect(result.overall).toBe('overdue');
  });

  test('a customer whose segment has no plan has no status', () => {
    const onlyA = DEFAULT_CARE_PLAN_RULES.filter((r) => r.segment === 'A');
    expect(evaluateCarePlan(onlyA, subject({ segment: 'C' }), now, HEL)).toBeNull();
  });

  test('a segment × customer-group plan replaces the segment plan for that group only', () => {
    const rules: CarePlanRule[] = [
      ...DEFAULT_CARE_PLAN_RULES,
      { id: 'B-te', label: 'Monthly call', labels: { fi: 'Kuukausisoitto', sv: 'Månadssamtal', en: 'Monthly call' }, segment: 'B', customerGroup: 'employment_office', actionKinds: ['call'], cadenceDays: 30, warningDays: 5 },
    ];
    expect(applicableRules(rules, 'B', 'employment_office').map((r) => r.id)).toEqual(['B-te']);
    expect(applicableRules(rules, 'B', 'company').map((r) => r.id)).toEqual(['B-contact', 'B-meeting']);
  });
});

describe('due dates across the Helsinki daylight-saving change', () => {
  test('30 days after noon on 1 March is noon on 31 March Helsinki time, 23 hours fewer in UTC', () => {
    const last = new Date('2026-03-01T10:00:00Z'); // 12:00 EET
    const due = addCalendarDays(last, 30, HEL);
    expect(due.toISOString()).toBe('2026-03-31T09:00:00.000Z'); // 12:00 EEST
    expect(new Intl.DateTimeFormat('fi-FI', { timeZone: HEL, hour: 'numeric', minute: 'numeric' }).format(due)).toBe('12.00');
  });

  test('the autumn change gives the day its extra hour', () => {
    const last = new Date('2026-10-10T06:00:00Z'); // 09:00 EEST
    expect(addCalendarDays(last, 30, HEL).toISOString()).toBe('2026-11-09T07:00:00.000Z'); // 09:00 EET
  });

  test('a rule due across the change is overdue exactly after the local wall-clock due time', () => {
    const s = subject({ segment: 'A', lastActionAt: { call: new Date('2026-03-01T10:00:00Z') } });
    const before = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, s, new Date('2026-03-31T08:59:59Z'), HEL)!;
    const after = evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, s, new Date('2026-03-31T09:00:01Z'), HEL)!;
    expect(before.rules[0]!.status).toBe('due_soon');
    expect(after.rules[0]!.status).toBe('overdue');
  });
});

describe('planned actions', () => {
  const inDays = (n: number) => addCalendarDays(now, n, HEL);

  test('a planned meeting still to come does not count, and the rule says when it is planned for (the earliest)', () => {
    const s = subject({ planned: [{ kind: 'meeting', occurredAt: inDays(9) }, { kind: 'meeting', occurredAt: inDays(2) }, { kind: 'event', occurredAt: inDays(1) }] });
    expect(ruleOf('A-meeting', s)).toMatchObject({ status: 'overdue', lastAt: null, plannedAt: inDays(2) });
    expect(ruleOf('A-contact', s)).toMatchObject({ status: 'overdue', plannedAt: inDays(2) });
    expect(ruleOf('A-review', s).plannedAt).toBeNull();
  });

  test('a planned meeting whose time has passed counts as the last meeting at once', () => {
    const s = subject({ lastActionAt: { meeting: daysAgo(100) }, planned: [{ kind: 'meeting', occurredAt: daysAgo(1) }] });
    expect(ruleOf('A-meeting', s)).toMatchObject({ status: 'on_track', lastAt: daysAgo(1), plannedAt: null });
  });

  test('a passed planned action older than the last one of its kind changes nothing', () => {
    const s = subject({ lastActionAt: { meeting: daysAgo(3) }, planned: [{ kind: 'meeting', occurredAt: daysAgo(50) }] });
    expect(ruleOf('A-meeting', s).lastAt).toEqual(daysAgo(3));
  });

  test('without planned actions every rule has no planned date', () => {
    expect(evaluateCarePlan(DEFAULT_CARE_PLAN_RULES, subject({}), now, HEL)!.rules.every((r) => r.plannedAt === null)).toBe(true);
  });
});
