/**
 * The pane on Outlook for iOS and Android (the mobile read surface): the same recognition, status
 * and one-tap logging, a visible note for what the phone cannot do (pinning), no item-changed
 * subscription it has no use for, and a clear message, never a blank pane, when Outlook mobile's
 * nested app authentication fails (office-js #6275) — through the real account and Entra token
 * source, with MSAL and Office's sign-in host faked at their boundary.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IPublicClientApplication } from '@azure/msal-browser';
import { createAccount } from '../../addin/src/auth/account';
import { createEntraTokenSource, type SignInHost } from '../../addin/src/auth/msal';
import { accountTokenSource } from '../../addin/src/core/tokens';
import { createFakeBackend, ok } from './support/fakeBackend';
import { action, carePlan, knownContact, lookupOf, mail, organization, person, me } from './support/fixtures';
import { renderPane } from './support/renderPane';

const firma = organization({ name: 'Firma Oy' });
const matti = knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: carePlan('overdue') });

describe('the pane on a phone', () => {
  test('recognises the sender, shows the status, logs with one tap, and says it cannot follow the next mail', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend(lookupOf([matti]));
    backend.onLogEmail = (request) => ok({
      action: action({ kind: 'email_in', subject: request.subject, occurredAt: request.occurredAt, organizationId: request.organizationId!, internetMessageId: request.internetMessageId, loggedBy: person(me.displayName, me.email), loggedAt: '2025-03-01T12:30:00.000Z' }),
      created: true,
      carePlan: carePlan('on_track'),
    }, 201);
    const { host } = renderPane({ item: mail(), backend, platform: 'mobile' });

    expect(await screen.findByText('On a phone or tablet the pane shows the open mail only: it cannot be pinned to follow the next one.')).toBeTruthy();
    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByRole('heading', { name: 'Care plan Overdue' })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Log this mail' }));
    await waitFor(() => expect(backend.calls('POST', '/api/v1/actions/email')).toHaveLength(1));
    expect(await screen.findByText(/Logged by Anna Asiakasvastaava/)).toBeTruthy();
    // no item-changed subscription: a selection event (which a phone never sends) changes nothing
    host.selectItem(mail({ internetMessageId: '<other@firma.fi>', subject: 'Toinen' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(1);
  });

  test('in Finnish the note is Finnish', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(lookupOf([matti])), platform: 'mobile', displayLanguage: 'fi-FI' });
    expect(await screen.findByText('Puhelimessa ja tabletissa ruutu näyttää vain avoimen viestin: sitä ei voi kiinnittää seuraamaan seuraavaa viestiä.')).toBeTruthy();
  });

  test('on the desktop there is no such note', async () => {
    renderPane({ item: mail(), backend: createFakeBackend(lookupOf([matti])) });
    await screen.findByRole('region', { name: 'Firma Oy' });
    expect(screen.queryByText(/cannot be pinned/)).toBeNull();
  });
});

describe('sign-in failures on a phone are explained, not a blank pane', () => {
  /** The pane's real account module over Entra sign-in, MSAL's broker failing as office-js #6275 reports. */
  function failingMobileSignIn(dialog: () => Promise<string>) {
    const pca = {
      getActiveAccount: () => null,
      getAllAccounts: () => [],
      setActiveAccount: () => {},
      acquireTokenSilent: async () => Promise.reject(Object.assign(new Error('interaction_required'), { errorCode: 'interaction_required' })),
      acquireTokenPopup: async () => Promise.reject(Object.assign(new Error('Something went wrong [5objp]'), { errorCode: 'unknown_error' })),
    };
    const signInHost: SignInHost = { supportsNestedAppAuth: () => true, isMobile: () => true, openSignInDialog: jest.fn(dialog) };
    const account = createAccount({
      loadConfig: async () => ({ authMode: 'entra', entra: { clientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', scope: 'api://asiakkuus.omnia.fi/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee/access_as_user' } }) as never,
      identity: () => ({ email: me.email, displayName: me.displayName }),
      fetchFn: jest.fn() as unknown as typeof fetch,
      entra: (settings) => createEntraTokenSource({
        settings,
        loadMsal: async () => ({ createNestablePublicClientApplication: async () => pca as unknown as IPublicClientApplication }),
        host: signInHost,
        dialogUrl: 'https://asiakkuus.omnia.fi/auth/dialog.html',
      }),
    });
    return { tokens: accountTokenSource(account), signInHost };
  }

  test.each([
    ['en-GB', 'Outlook on this phone or tablet could not sign you in to Asiakkuus.'],
    ['fi-FI', 'Tämän puhelimen tai tabletin Outlook ei saanut sinua kirjautumaan Asiakkuuteen.'],
    ['sv-SE', 'Outlook på den här telefonen eller surfplattan kunde inte logga in dig i Asiakkuus.'],
  ])('NAA and the dialog both fail (%s): the pane says what happened and offers to try again', async (displayLanguage, sentence) => {
    const { tokens, signInHost } = failingMobileSignIn(async () => JSON.stringify({ status: 'error', message: 'AADSTS50011' }));
    const backend = createFakeBackend(lookupOf([matti]));
    renderPane({ item: mail(), backend, platform: 'mobile', displayLanguage, tokens });

    const alert = await screen.findByText((text) => text.includes(sentence));
    expect(alert).toBeTruthy();
    expect(signInHost.openSignInDialog).toHaveBeenCalledTimes(1);
    expect(backend.calls('GET', '/api/v1/lookup')).toHaveLength(0);
    expect(screen.getByRole('button', { name: { 'en-GB': 'Try again', 'fi-FI': 'Yritä uudelleen', 'sv-SE': 'Försök igen' }[displayLanguage]! })).toBeTruthy();
  });

  test('a sign-in window the user closed says it was cancelled, and Try again signs in', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const { tokens } = failingMobileSignIn(async () => {
      attempt += 1;
      if (attempt === 1) return Promise.reject(Object.assign(new Error('closed'), { code: 12006 }));
      return JSON.stringify({ status: 'ok', accessToken: 'dialog-token', expiresOn: Date.now() + 3600_000 });
    });
    const backend = createFakeBackend(lookupOf([matti]));
    renderPane({ item: mail(), backend, platform: 'mobile', tokens });

    expect(await screen.findByText((text) => text.includes('Sign-in was cancelled.'))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Firma Oy' })).toBeTruthy();
    expect(backend.calls('GET', '/api/v1/lookup')[0]!.headers.authorization).toBe('Bearer dialog-token');
  });
});
