/** Entry of /auth/dialog.js, the script of /auth/dialog.html. */
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import { loadAppConfig } from '../config/appConfig';
import { officeDialogChild } from '../office/outlookHost';
import { runSignInDialog } from './dialog';

void runSignInDialog({
  createStandardPublicClientApplication,
  child: officeDialogChild(),
  loadConfig: () => loadAppConfig((input, init) => window.fetch(input, init)),
  location: window.location,
});
