/**
 * Entry of /auth/msal.js: the part of MSAL the pane and the admin pages use, loaded only in
 * Entra ID mode (./loadMsal.ts). The pane uses nested app authentication; the admin pages, in a
 * normal browser, the standard client and the redirect bridge its popups land on (./browser.ts).
 */
import { createNestablePublicClientApplication, createStandardPublicClientApplication } from '@azure/msal-browser';
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import type { MsalBundle } from './msal';

const library: MsalBundle = {
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  broadcastResponseToMainFrame: () => broadcastResponseToMainFrame(),
};
window.AsiakkuusMsal = library;
