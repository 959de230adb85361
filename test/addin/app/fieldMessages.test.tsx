/** The server's field problems in the user's language: by their code, the English message only as the last fallback. */
import { render, screen } from '@testing-library/react';
import { fieldMessage } from '../../../addin/src/app/common/errors';
import type { FieldProblem } from '../../../addin/src/api/errors';
import { I18nProvider, useT } from '../../../addin/src/core/i18n/I18nProvider';
import type { Language } from '../../../addin/src/core/i18n/catalogs';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';

function Problems({ problems }: { problems: FieldProblem[] }) {
  const t = useT();
  return <ul>{problems.map((p) => <li key={p.path}>{fieldMessage(t, p)}</li>)}</ul>;
}

const shown = (language: Language, problems: FieldProblem[]) => {
  const { unmount } = render(<I18nProvider catalogs={APP_CATALOGS} language={language}><Problems problems={problems} /></I18nProvider>);
  const texts = screen.getAllByRole('listitem').map((li) => li.textContent);
  unmount();
  return texts;
};

const PROBLEMS: FieldProblem[] = [
  { path: 'name', message: 'must not be empty', code: 'required' },
  { path: 'title', message: 'must be at most 200 characters', code: 'too_long', limit: 200 },
  { path: 'cadenceDays', message: 'must be at least 1 day', code: 'too_small', limit: 1 },
  { path: 'emails.1', message: '"x@kivijalka.fi" already belongs to another record', code: 'duplicate' },
  { path: 'businessId', message: 'has a wrong check digit', code: 'invalid_format' },
  { path: 'warningDays', message: 'must be shorter than the cadence', code: 'invalid' },
];

describe('field problems from the server', () => {
  test('in Finnish every one is Finnish, with the limit where there is one', () => {
    expect(shown('fi', PROBLEMS)).toEqual([
      'Täytä tämä kenttä.', 'Enintään 200 merkkiä.', 'Vähintään 1.', 'Tämä on jo toisella tietueella.', 'Tarkista muoto.', 'Tarkista tämä arvo.',
    ]);
  });

  test('in Swedish too', () => {
    expect(shown('sv', PROBLEMS.slice(0, 3))).toEqual(['Fyll i detta fält.', 'Högst 200 tecken.', 'Minst 1.']);
  });

  test("in English a check of the server's own keeps its precise words", () => {
    expect(shown('en', PROBLEMS.slice(5))).toEqual(['must be shorter than the cadence']);
  });

  test('an older server without codes: known English words are translated, anything else is shown as it came', () => {
    expect(shown('fi', [
      { path: 'a', message: 'must be at most 20 characters' },
      { path: 'b', message: 'is something new' },
      { path: 'c', message: 'x', code: 'a_code_from_the_future' },
    ])).toEqual(['Enintään 20 merkkiä.', 'is something new', 'x']);
  });
});
