import { defaultQuestions, firstNameOf, npsByMonth, npsOf, scoreOf } from '../../shared/domain/feedback';

describe('the Net Promoter Score', () => {
  test('is the share of promoters (9–10) less the share of detractors (0–6); passives (7–8) only count in the total', () => {
    expect(npsOf([10, 9, 8, 7, 6, 0])).toEqual({ responses: 6, promoters: 2, passives: 2, detractors: 2, nps: 0 });
    expect(npsOf([10, 10, 9, 3])).toMatchObject({ nps: 50 });
    expect(npsOf([0, 1, 6])).toMatchObject({ nps: -100 });
    expect(npsOf([9, 10])).toMatchObject({ nps: 100 });
    expect(npsOf([7, 8])).toMatchObject({ nps: 0, passives: 2 });
  });

  test('rounds to a whole number, and is null without responses', () => {
    expect(npsOf([10, 7, 7]).nps).toBe(33);
    expect(npsOf([10, 10, 3]).nps).toBe(33);
    expect(npsOf([]).nps).toBeNull();
    expect(Object.is(npsOf([7]).nps, 0)).toBe(true);
  });

  test('per month, by segment and by customer group', () => {
    const rows = npsByMonth([
      { score: 10, month: '2026-11', segment: 'A', customerGroup: 'company' },
      { score: 3, month: '2026-11', segment: 'A', customerGroup: 'public' },
      { score: 9, month: '2026-12', segment: 'B', customerGroup: 'company' },
    ]);
    expect(rows.map((r) => [r.month, r.by, r.key, r.nps, r.responses])).toEqual([
      ['2026-11', 'customerGroup', 'company', 100, 1],
      ['2026-11', 'customerGroup', 'public', -100, 1],
      ['2026-11', 'segment', 'A', 0, 2],
      ['2026-12', 'customerGroup', 'company', 100, 1],
      ['2026-12', 'segment', 'B', 100, 1],
    ]);
  });
});

describe('a response’s score', () => {
  test('an NPS or CSAT survey scores its scale answer; the comment does not count', () => {
    expect(scoreOf('nps', defaultQuestions('nps'), { score: 0, comment: 'Hyvä' })).toBe(0);
    expect(scoreOf('csat', defaultQuestions('csat'), { score: 4 })).toBe(4);
    expect(scoreOf('nps', defaultQuestions('nps'), { comment: 'vain kommentti' })).toBeNull();
  });

  test('a custom survey scores the mean of its answered scales, to one decimal', () => {
    const q = [
      { id: 'a', kind: 'scale' as const, text: { fi: 'A', sv: 'A', en: 'A' } },
      { id: 'b', kind: 'scale' as const, text: { fi: 'B', sv: 'B', en: 'B' } },
      { id: 'c', kind: 'scale' as const, text: { fi: 'C', sv: 'C', en: 'C' } },
      { id: 'd', kind: 'text' as const, text: { fi: 'D', sv: 'D', en: 'D' } },
    ];
    expect(scoreOf('custom', q, { a: 5, b: 4, c: 4, d: 'x' })).toBe(4.3);
    expect(scoreOf('custom', q, { a: 2 })).toBe(2);
  });

  test('default questions are in all three languages; a given text overrides only its language', () => {
    const [scale, comment] = defaultQuestions('nps', { fi: 'Suosittelisitko?', sv: ' ' });
    expect(scale!.text.fi).toBe('Suosittelisitko?');
    expect(scale!.text.sv).toMatch(/rekommendera/);
    expect(scale!.text.en).toMatch(/recommend/);
    expect(comment!.kind).toBe('text');
  });

  test('the first name is the first word of the name', () => {
    expect(firstNameOf('  Anna-Liisa  Mäkelä ')).toBe('Anna-Liisa');
    expect(firstNameOf('')).toBe('');
  });
});
