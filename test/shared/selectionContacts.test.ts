/** A selection's contact criteria over a contact's title and classifications: case, accents and spacing never decide. */
import { contactMatcher, hasContactCriteria } from '../../shared/domain/selectionContacts';

const contact = (title: string | null, classificationIds: string[] = []) => ({ title, classificationIds });

test.each([
  ['the same title', 'HR-päällikkö', 'HR-päällikkö', true],
  ['a part of it, in capitals', 'PÄÄLLIKKÖ', 'HR-päällikkö', true],
  ['without the accents', 'paallikko', 'Henkilöstöpäällikkö', true],
  ['the title written without accents, the criterion with them', 'Päällikkö', 'hr-PAALLIKKO', true],
  ['a title stored decomposed (NFD)', 'päällikkö', 'Henkilöstöpäällikkö'.normalize('NFD'), true],
  ['ä in decomposed form in the criterion', 'pa\u0308a\u0308llikko\u0308', 'HR-päällikkö', true],
  ['runs of spaces are one', 'hr   päällikkö', 'HR  Päällikkö', true],
  ['Swedish å and ö', 'forestandare', 'Föreståndare', true],
  ['another title', 'rehtori', 'Toimitusjohtaja', false],
  ['no title at all', 'rehtori', null, false],
] as const)('%s: %s in %s → %s', (_why, criterion, title, expected) => {
  expect(contactMatcher({ contactTitle: criterion })(contact(title))).toBe(expected);
});

test('a classification matches itself and the ones under it given by the caller; with a title both must hold', () => {
  const decides = contactMatcher({ contactClassification: 'paattaja' }, ['paattaja', 'hallitus']);
  expect([contact(null, ['hallitus']), contact('x', ['paattaja']), contact('x', ['muu']), contact('x')].map(decides)).toEqual([true, true, false, false]);
  const both = contactMatcher({ contactClassification: 'paattaja', contactTitle: 'rehtori' }, ['paattaja']);
  expect([contact('Rehtori', ['paattaja']), contact('Rehtori'), contact('Opettaja', ['paattaja'])].map(both)).toEqual([true, false, false]);
});

test('only a title or a contact classification makes a selection over contacts', () => {
  expect(hasContactCriteria({})).toBe(false);
  expect(hasContactCriteria({ contactTitle: 'rehtori' })).toBe(true);
  expect(hasContactCriteria({ contactClassification: 'x' })).toBe(true);
});
