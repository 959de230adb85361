import { screen } from '@testing-library/react';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createFakeBackend } from './support/fakeBackend';
import { mail } from './support/fixtures';
import { renderPane } from './support/renderPane';

/** The theme's CSS variables, as FluentProvider inserts them into the document's style sheets. */
const themeCss = () => [...document.styleSheets]
  .flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText))
  .join('\n');

describe('theme', () => {
  test('follows Outlook\'s dark theme', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(), theme: { isDark: true } });
    await screen.findByRole('main', { name: 'Asiakkuus' });

    expect(themeCss()).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
    expect(themeCss()).not.toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
  });

  test('and its light theme', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(), theme: { isDark: false } });
    await screen.findByRole('main', { name: 'Asiakkuus' });

    expect(themeCss()).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
    expect(themeCss()).not.toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
  });
});
