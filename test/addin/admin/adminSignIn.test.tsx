/** The admin pages' sign-in chosen by /config.json: Entra ID with a button (MSAL mocked), dev mode with the email form. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../../addin/src/app/admin/App';
import { CATALOGS } from '../../../addin/src/app/admin/messages';
import type { BrowserTokenSource } from '../../../addin/src/auth/browser';

const t = CATALOGS.en;
const ENTRA = { authMode: 'entra' as const, entra: { clientId: 'c', tenantId: 't', scope: 'api://x/c/access_as_user' } };
const ME = { id: 'aaaaaaaaaaaaaaaaaaaaaaaa', name: 'Management Mia', email: 'mia@omnia.fi', role: 'management', department: null };

function stubFetch() {
  const fetchFn = jest.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/me')) return { ok: true, status: 200, json: async () => ME } as unknown as Response;
    return { ok: true, status: 200, json: async () => ({ rows: [], perManager: [], perSegment: [], overdue: [], usage: [] }) } as unknown as Response;
  });
  Object.defineProperty(window, 'fetch', { configurable: true, writable: true, value: fetchFn });
  return fetchFn;
}

function fakeSource(hasAccount: boolean): BrowserTokenSource & { getToken: jest.Mock } {
  return { getToken: jest.fn(async () => 'entra-token'), hasAccount: jest.fn(async () => hasAccount), signOut: jest.fn(async () => undefined) };
}

afterEach(() => sessionStorage.clear());

describe('admin sign-in', () => {
  test('Entra ID without a cached account: a sign-in button; its click gets a token, then the pages ask /me with it', async () => {
    const fetchFn = stubFetch();
    const source = fakeSource(false);
    const entraSource = jest.fn(() => source);
    render(<App t={t} language="en" locale="en" loadConfig={async () => ENTRA} entraSource={entraSource} />);
    const button = await screen.findByRole('button', { name: t.signInMicrosoft });
    expect(entraSource).toHaveBeenCalledWith(ENTRA.entra);
    expect(screen.queryByLabelText(t.signInEmail)).toBeNull();
    await userEvent.setup().click(button);
    expect(await screen.findByText(/Management Mia/)).toBeTruthy();
    const meCall = fetchFn.mock.calls.find(([url]) => String(url).endsWith('/me'))!;
    expect((meCall[1]!.headers as Record<string, string>).authorization).toBe('Bearer entra-token');
  });

  test('Entra ID with a cached account goes straight in, without a popup click', async () => {
    stubFetch();
    const source = fakeSource(true);
    render(<App t={t} language="en" locale="en" loadConfig={async () => ENTRA} entraSource={() => source} />);
    expect(await screen.findByText(/Management Mia/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: t.signInMicrosoft })).toBeNull();
  });

  test('dev mode keeps the email form', async () => {
    stubFetch();
    const entraSource = jest.fn();
    render(<App t={t} language="en" locale="en" loadConfig={async () => ({ authMode: 'dev' })} entraSource={entraSource} />);
    expect(await screen.findByLabelText(t.signInEmail)).toBeTruthy();
    expect(entraSource).not.toHaveBeenCalled();
  });
});
