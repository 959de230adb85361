/** Entry of the admin pages (admin.html): a normal browser page, no Office. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CATALOGS, languageOf } from './messages';

const tag = navigator.language || 'en';
const language = languageOf(tag);
document.documentElement.lang = language;
createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme}>
    <App t={CATALOGS[language]} language={language} locale={tag} />
  </FluentProvider>,
);
