/** The catalogs: complete in every language, valid ICU, split so the pane ships only its own, and the code labels and links users see. */
import { parse } from '@formatjs/icu-messageformat-parser';
import { render, screen } from '@testing-library/react';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';
import { LANGUAGE_KEY, webLanguage } from '../../../addin/src/core/i18n/catalogs';
import { I18nProvider, useT } from '../../../addin/src/core/i18n/I18nProvider';
import { ruleLabel, useCodeLabels } from '../../../addin/src/core/i18n/codeLabels';
import { en as appEn } from '../../../addin/src/core/i18n/messages/app/en';
import { fi as appFi } from '../../../addin/src/core/i18n/messages/app/fi';
import { sv as appSv } from '../../../addin/src/core/i18n/messages/app/sv';
import { en as paneEn } from '../../../addin/src/core/i18n/messages/pane/en';
import { fi as paneFi } from '../../../addin/src/core/i18n/messages/pane/fi';
import { sv as paneSv } from '../../../addin/src/core/i18n/messages/pane/sv';
import { PANE_CATALOGS } from '../../../addin/src/core/i18n/paneCatalogs';
import { appUrl, customerPath, customerUrl, taskPath } from '../../../shared/links';

const SETS = {
  pane: { en: paneEn, fi: paneFi, sv: paneSv, namespaces: /^(pane|code)\./ },
  app: { en: appEn, fi: appFi, sv: appSv, namespaces: /^(app|admin)\./ },
} as const;
type SetName = keyof typeof SETS;
const cases = (Object.keys(SETS) as SetName[]).flatMap((set) => (['en', 'fi', 'sv'] as const).map((language) => [set, language] as const));

describe('the message catalogs', () => {
  test.each(cases.filter(([, language]) => language !== 'en'))('the %s catalog in %s has every key of the English one and nothing else', (set, language) => {
    expect(Object.keys(SETS[set][language]).sort()).toEqual(Object.keys(SETS[set].en).sort());
  });

  test.each(cases)('every message of the %s catalog in %s parses as ICU MessageFormat', (set, language) => {
    for (const [id, message] of Object.entries<string>(SETS[set][language])) {
      expect(() => parse(message)).not.toThrow();
      expect(message.trim()).not.toBe(id);
    }
  });

  test('the pane catalog holds pane.* and code.*, the web-app catalog app.* and admin.*; no id is in both', () => {
    for (const set of Object.keys(SETS) as SetName[]) {
      expect(Object.keys(SETS[set].en).filter((id) => !SETS[set].namespaces.test(id))).toEqual([]);
    }
    expect(Object.keys(paneEn).filter((id) => id in appEn)).toEqual([]);
  });

  test("the pane's set has only the pane's messages; the web app's has both, English under every language", () => {
    expect(Object.keys(PANE_CATALOGS.fi).sort()).toEqual(Object.keys(paneEn).sort());
    expect(Object.keys(APP_CATALOGS.sv).sort()).toEqual([...Object.keys(paneEn), ...Object.keys(appEn)].sort());
    expect(PANE_CATALOGS.fi['pane.log.button']).toBe('Kirjaa tämä viesti');
    expect(APP_CATALOGS.fi['code.segment.A']).toBe('A – avainasiakas');
  });
});

function Sample({ count }: { count: number }) {
  const t = useT();
  const labels = useCodeLabels();
  return (
    <p>
      {t('app.customerCount', { count })} | {labels.actionKind('email_in')} | {labels.segment('A')} | {labels.carePlanStatus('overdue')} | {labels.role('admin')}
    </p>
  );
}

describe('formatting in the user language', () => {
  test('Finnish: plural and the code labels', () => {
    render(<I18nProvider catalogs={APP_CATALOGS} language="fi"><Sample count={3} /></I18nProvider>);
    expect(screen.getByText('3 asiakasta | Saapunut sähköposti | A – avainasiakas | Myöhässä | Pääkäyttäjä')).toBeTruthy();
  });

  test('English: one customer, singular', () => {
    render(<I18nProvider catalogs={APP_CATALOGS} language="en"><Sample count={1} /></I18nProvider>);
    expect(screen.getByText('1 customer | Email received | A – key customer | Overdue | Administrator')).toBeTruthy();
  });

  test('Swedish: the code labels are Swedish', () => {
    render(<I18nProvider catalogs={APP_CATALOGS} language="sv"><Sample count={0} /></I18nProvider>);
    expect(screen.getByText('Inga kunder | Inkommande e-post | A – nyckelkund | Försenad | Huvudanvändare')).toBeTruthy();
  });

  test("a care-plan rule's label follows the language, falling back to English and then to label", () => {
    const rule = { label: 'Kaksisuuntainen yhteys', labels: { fi: 'Kaksisuuntainen yhteys', sv: 'Tvåvägskontakt', en: 'Two-way contact' } };
    expect(ruleLabel(rule, 'sv')).toBe('Tvåvägskontakt');
    expect(ruleLabel({ label: 'X', labels: { en: 'Two-way contact' } }, 'fi')).toBe('Two-way contact');
    expect(ruleLabel({ label: 'Tapaaminen' }, 'en')).toBe('Tapaaminen');
  });
});

describe("the web app's language", () => {
  test('the remembered choice wins, then the browser language, then English', () => {
    const store = (value: string | null) => ({ getItem: (key: string) => (key === LANGUAGE_KEY ? value : null) });
    expect(webLanguage(store('sv'), ['fi-FI'])).toBe('sv');
    expect(webLanguage(store(null), ['de-DE', 'fi-FI'])).toBe('fi');
    expect(webLanguage(store('xx'), ['de-DE'])).toBe('en');
  });
});

describe('links', () => {
  test('paths for the router and absolute URLs on the configured origin', () => {
    expect(customerPath('abc')).toBe('/customers/abc');
    expect(taskPath('a/b')).toBe('/tasks/a%2Fb');
    expect(customerUrl('https://crm.omnia.fi', '64f0')).toBe('https://crm.omnia.fi/app/customers/64f0');
    expect(appUrl('https://crm.omnia.fi/', '/')).toBe('https://crm.omnia.fi/app/');
  });
});
