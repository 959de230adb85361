/** Entry of /auth/msal.js: the part of MSAL the pane uses, loaded only in Entra ID mode (./loadMsal.ts). */
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import type { MsalLibrary } from './msal';

const library: MsalLibrary = { createNestablePublicClientApplication };
window.AsiakkuusMsal = library;
