/** The web app's sign-in chosen by /config.json (Entra ID with a button, MSAL mocked; dev mode with the email form), then the shell by role. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useSyncExternalStore } from 'react';
import type { BaseLocationHook } from 'wouter';
import { App } from '../../../addin/src/app/App';
import { DEV_TOKEN_KEY } from '../../../addin/src/app/session';
import type { BrowserTokenSource } from '../../../addin/src/auth/browser';

const ENTRA = { authMode: 'entra' as const, entra: { clientId: 'c', tenantId: 't', scope: 'api://x/c/access_as_user' } };
const MIA = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Management Mia', email: 'mia@omnia.fi', role: 'management', department: null };
const AINO = { id: 'bbbbbbbbbbbbbbbbbbbbbbbb', name: 'Aino Virtanen', email: 'aino@omnia.fi', role: 'account_manager', department: null };

function stubFetch(me: object = MIA, outbox = false) {
  const fetchFn = jest.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/dev/outbox')) return { ok: true, status: 200, json: async () => ({ enabled: outbox, items: [], total: 0 }) } as unknown as Response;
    if (url.endsWith('/me')) return { ok: true, status: 200, json: async () => me } as unknown as Response;
    if (url.endsWith('/dev/token')) return { ok: true, status: 200, json: async () => ({ token: 'dev-token' }) } as unknown as Response;
    return { ok: true, status: 200, json: async () => ({ rows: [], perManager: [], perSegment: [], overdue: [], usage: [] }) } as unknown as Response;
  });
  Object.defineProperty(window, 'fetch', { configurable: true, writable: true, value: fetchFn });
  return fetchFn;
}

function fakeSource(hasAccount: boolean): BrowserTokenSource & { getToken: jest.Mock } {
  return { getToken: jest.fn(async () => 'entra-token'), hasAccount: jest.fn(async () => hasAccount), signOut: jest.fn(async () => undefined) };
}

/** A router location held in memory (what wouter's memory-location does), for a deep link in jsdom. */
function at(path: string): BaseLocationHook {
  let current = path;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const navigate = (to: string) => {
    current = to;
    for (const listener of listeners) listener();
  };
  return () => [useSyncExternalStore(subscribe, () => current), navigate];
}

afterEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe('web app sign-in', () => {
  test('Entra ID without a cached account: a sign-in button; its click gets a token, then the app asks /me with it', async () => {
    const fetchFn = stubFetch();
    const source = fakeSource(false);
    const entraSource = jest.fn(() => source);
    render(<App initialLanguage="en" locationHook={at('/')} loadConfig={async () => ENTRA} entraSource={entraSource} />);
    const button = await screen.findByRole('button', { name: 'Sign in with Microsoft' });
    expect(entraSource).toHaveBeenCalledWith(ENTRA.entra);
    expect(screen.queryByLabelText('Your work email')).toBeNull();
    await userEvent.setup().click(button);
    expect(await screen.findByText('Signed in as Management Mia (Management)')).toBeTruthy();
    const meCall = fetchFn.mock.calls.find(([url]) => String(url).endsWith('/me'))!;
    expect((meCall[1]!.headers as Record<string, string>).authorization).toBe('Bearer entra-token');
  });

  test('Entra ID with a cached account goes straight in, without a popup click', async () => {
    stubFetch();
    render(<App initialLanguage="en" locationHook={at('/')} loadConfig={async () => ENTRA} entraSource={() => fakeSource(true)} />);
    expect(await screen.findByText('Signed in as Management Mia (Management)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in with Microsoft' })).toBeNull();
  });

  test('dev mode: the email form gives a token that the app keeps for this tab', async () => {
    stubFetch(AINO);
    const entraSource = jest.fn();
    render(<App initialLanguage="en" locationHook={at('/')} loadConfig={async () => ({ authMode: 'dev' })} entraSource={entraSource} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Your work email'), 'aino@omnia.fi');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Desktop' })).toBeTruthy();
    expect(sessionStorage.getItem(DEV_TOKEN_KEY)).toBe('dev-token');
    expect(entraSource).not.toHaveBeenCalled();
  });
});

describe('the shell', () => {
  test('management sees the dashboard in the navigation but not the administration', async () => {
    stubFetch(MIA);
    render(<App initialLanguage="en" locationHook={at('/')} loadConfig={async () => ENTRA} entraSource={() => fakeSource(true)} />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Desktop', 'Customers', 'Tasks', 'Pipeline', 'Orders', 'Selections', 'Campaigns', 'Surveys', 'Dashboard', 'Reports']);
  });

  test('the development outbox is in the navigation only where the server has one', async () => {
    stubFetch(AINO, true);
    render(<App initialLanguage="en" locationHook={at('/')} loadConfig={async () => ENTRA} entraSource={() => fakeSource(true)} />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Outbox' })).toBeTruthy();
  });

  test('an account manager following a deep link to a customer lands on that customer, in Finnish after the switch', async () => {
    stubFetch(AINO);
    render(<App initialLanguage="en" locationHook={at('/customers/abc123')} loadConfig={async () => ENTRA} entraSource={() => fakeSource(true)} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Customer' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Desktop', 'Customers', 'Tasks', 'Pipeline', 'Orders', 'Selections', 'Campaigns', 'Surveys']);
    expect(within(nav).getByRole('link', { name: 'Customers' }).getAttribute('aria-current')).toBe('page');

    await userEvent.setup().selectOptions(screen.getByLabelText('Language'), 'fi');
    expect(await screen.findByRole('heading', { level: 1, name: 'Asiakas' })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Päävalikko' })).getAllByRole('link').map((a) => a.textContent)).toEqual(['Työpöytä', 'Asiakkaat', 'Tehtävät', 'Myyntiputki', 'Tilaukset', 'Poiminnat', 'Kampanjat', 'Kyselyt']);
    expect(localStorage.getItem('asiakkuus.language')).toBe('fi');
  });

  test('an account manager who opens an administration address is told the role does not reach it', async () => {
    stubFetch(AINO);
    render(<App initialLanguage="en" locationHook={at('/admin/users')} loadConfig={async () => ENTRA} entraSource={() => fakeSource(true)} />);
    expect(await screen.findByText('Your role does not give access to this page.')).toBeTruthy();
  });
});
