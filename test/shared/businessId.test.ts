import { businessIdCheckDigit, businessIdProblem, isValidBusinessId } from '../../shared/domain/businessId';

describe('Finnish business ID (Y-tunnus)', () => {
  test.each(['0112038-9', '0737546-2', '2617416-4', '1572860-0'])('accepts the valid ID %s', (id) => {
    expect(isValidBusinessId(id)).toBe(true);
  });

  test('rejects an ID whose check digit is wrong', () => {
    expect(businessIdProblem('0112038-8')).toBe('check_digit');
  });

  test('rejects every ID whose weighted sum leaves remainder 1, since none is ever issued', () => {
    expect(businessIdCheckDigit('1572866')).toBeNull();
    for (let digit = 0; digit <= 9; digit++) expect(businessIdProblem(`1572866-${digit}`)).toBe('check_digit');
  });

  test.each(['', '0112038', '112038-9', '01120389', '0112038-', 'O112038-9', '0112038-9 ', '01120381-9'])(
    'rejects the malformed value %j as a format problem',
    (value) => {
      expect(businessIdProblem(value)).toBe('format');
    },
  );
});
