/** The catalogs: complete in every language, valid ICU, and the code labels and links users see. */
import { parse } from '@formatjs/icu-messageformat-parser';
import { render, screen } from '@testing-library/react';
import { CATALOGS, LANGUAGE_KEY, webLanguage } from '../../../addin/src/core/i18n/catalogs';
import { I18nProvider, useT } from '../../../addin/src/core/i18n/I18nProvider';
import { ruleLabel, useCodeLabels } from '../../../addin/src/core/i18n/codeLabels';
import { en } from '../../../addin/src/core/i18n/messages/en';
import { appUrl, customerPath, customerUrl, taskPath } from '../../../shared/links';

describe('the message catalogs', () => {
  test.each(['fi', 'sv'] as const)('%s has every key of the English catalog and nothing else', (language) => {
    expect(Object.keys(CATALOGS[language]).sort()).toEqual(Object.keys(en).sort());
  });

  test.each(['en', 'fi', 'sv'] as const)('every %s message parses as ICU MessageFormat', (language) => {
    for (const [id, message] of Object.entries(CATALOGS[language])) {
      expect(() => parse(message)).not.toThrow();
      expect(message.trim()).not.toBe(id);
    }
  });

  test('ids are namespaced app.*, pane.*, admin.* or code.*', () => {
    expect(Object.keys(en).filter((id) => !/^(app|pane|admin|code)\./.test(id))).toEqual([]);
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
    render(<I18nProvider language="fi"><Sample count={3} /></I18nProvider>);
    expect(screen.getByText('3 asiakasta | Saapunut sähköposti | A – avainasiakas | Myöhässä | Pääkäyttäjä')).toBeTruthy();
  });

  test('English: one customer, singular', () => {
    render(<I18nProvider language="en"><Sample count={1} /></I18nProvider>);
    expect(screen.getByText('1 customer | Email received | A – key customer | Overdue | Administrator')).toBeTruthy();
  });

  test('Swedish: the code labels are Swedish', () => {
    render(<I18nProvider language="sv"><Sample count={0} /></I18nProvider>);
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
