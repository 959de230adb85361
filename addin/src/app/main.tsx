/** Entry of the web app (app.html, served at /app/*): a normal browser page, no Office. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { isAuthResponse } from '../auth/browser';
import { loadMsal } from '../auth/loadMsal';
import { App } from './App';

if (isAuthResponse(window.location)) {
  // This load is MSAL's sign-in popup (or hidden frame) returning from Entra ID to /app/:
  // hand the answer to the page that opened it (which closes this window) instead of starting the app.
  void loadMsal().then((msal) => msal.broadcastResponseToMainFrame());
} else {
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={webLightTheme}>
      <App />
    </FluentProvider>,
  );
}
