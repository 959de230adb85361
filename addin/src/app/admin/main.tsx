/** Entry of the admin pages (admin.html): a normal browser page, no Office. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { isAuthResponse } from '../../auth/browser';
import { loadMsal } from '../../auth/loadMsal';
import { App } from './App';
import { CATALOGS, languageOf } from './messages';

if (isAuthResponse(window.location)) {
  // This load is MSAL's sign-in popup (or hidden frame) returning from Entra ID to /admin.html:
  // hand the answer to the page that opened it (which closes this window) instead of starting the app.
  void loadMsal().then((msal) => msal.broadcastResponseToMainFrame());
} else {
  const tag = navigator.language || 'en';
  const language = languageOf(tag);
  document.documentElement.lang = language;
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App t={CATALOGS[language]} language={language} locale={tag} />
    </FluentProvider>,
  );
}
