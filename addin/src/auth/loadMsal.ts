/**
 * Loads MSAL on demand, as its own script (`/auth/msal.js`, built from ./msalBundle.ts): only
 * Entra ID mode needs it, so the pane's first load does not carry it.
 */
import type { MsalBundle } from './msal';

export const MSAL_SCRIPT_PATH = '/auth/msal.js';

declare global {
  interface Window {
    /** Set by /auth/msal.js. */
    AsiakkuusMsal?: MsalBundle;
  }
}

let loading: Promise<MsalBundle> | null = null;

export function loadMsal(doc: Document = document): Promise<MsalBundle> {
  const ready = doc.defaultView?.AsiakkuusMsal;
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<MsalBundle>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = MSAL_SCRIPT_PATH;
    script.async = true;
    script.onload = () => {
      const lib = doc.defaultView?.AsiakkuusMsal;
      if (lib) resolve(lib);
      else reject(new Error('The sign-in library did not start'));
    };
    script.onerror = () => reject(new Error('The sign-in library could not be loaded'));
    doc.head.appendChild(script);
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
