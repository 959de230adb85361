/** The campaign pages' codes and the server's campaign and mailing checks, in the user's language: never a raw code or English in Finnish. */
import { render, screen } from '@testing-library/react';
import { ApiError } from '../../../addin/src/api/errors';
import { campaignFieldProblem, campaignWords } from '../../../addin/src/app/campaigns/campaignText';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';
import type { Language } from '../../../addin/src/core/i18n/catalogs';
import { I18nProvider, useT } from '../../../addin/src/core/i18n/I18nProvider';

const refused = new ApiError('http', 'invalid', 400, 'invalid_input', [
  { path: 'subject.fi', message: 'has unknown merge fields {{etunimi}}; known are {{firstName}}, {{lastName}}', code: 'invalid' },
  { path: 'subject.sv', message: 'must be one line', code: 'invalid' },
  { path: 'endsOn', message: 'must not be before the start', code: 'invalid' },
  { path: 'targetSelectionIds.0', message: 'targetSelectionIds.0 names no selection you can use', code: 'invalid' },
]);

function Texts() {
  const t = useT();
  const w = campaignWords(t);
  const lines = [
    ...['subject.fi', 'subject.sv', 'endsOn', 'targetSelectionIds'].map((f) => campaignFieldProblem(t, refused, f)),
    w.reason('opted_out'), w.reason('interrupted'), w.reason('something_new'), w.consent('opted_out'), w.language(null), w.mailingState('sending'),
  ];
  return <ul>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>;
}

const shown = (language: Language) => {
  const { unmount } = render(<I18nProvider catalogs={APP_CATALOGS} language={language}><Texts /></I18nProvider>);
  const texts = screen.getAllByRole('listitem').map((li) => li.textContent);
  unmount();
  return texts;
};

test('in Finnish: the server’s checks, reasons, consent, language and state all in Finnish', () => {
  expect(shown('fi')).toEqual([
    'Tuntemattomia yhdistämiskenttiä: {{etunimi}}. Käytä vain luettelon kenttiä.',
    'Aiheen pitää olla yhdellä rivillä.',
    'Päättymispäivä ei voi olla ennen alkamispäivää.',
    'Poimintaa ei enää ole tai sitä ei ole jaettu sinulle. Valitse uudelleen.',
    'Yhteyshenkilö on kieltänyt markkinointiviestit.',
    'Palvelin pysähtyi kesken viestin luovutuksen; viesti on voinut lähteä, joten sitä ei lähetetä uudelleen.',
    'Ei lähetetty muusta syystä.',
    'kielletty',
    'suomi',
    'Lähetetään',
  ]);
});

test('in Swedish and English the same lines are their own language', () => {
  expect(shown('sv').slice(4, 6)).toEqual(['Kontaktpersonen har tackat nej till marknadsföring.', 'Servern stannade medan meddelandet lämnades över; det kan ha gått iväg, så det skickas inte igen.']);
  expect(shown('en')[0]).toBe('Unknown merge fields: {{etunimi}}. Use only the ones listed.');
});
