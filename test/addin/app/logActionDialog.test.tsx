/** The log-action dialog in jsdom over a stubbed API: planned meetings, refused future calls, and the server's field errors at the field. */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LogActionDialog } from '../../../addin/src/app/dialogs';
import { zonedDayTime } from '../../../addin/src/app/common/time';
import { ApiProvider } from '../../../addin/src/core/ApiContext';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';
import { I18nProvider } from '../../../addin/src/core/i18n/I18nProvider';
import { createQueryClient } from '../../../addin/src/core/queryClient';
import { fixedTokenSource } from '../../../addin/src/core/tokens';

const ORG = { id: 'cccccccccccccccccccccccc', name: 'Äänekosken Sähkö Oy' };
const CONTACT = { id: 'dddddddddddddddddddddddd', organizationId: ORG.id, name: 'Liisa Laine', emails: ['liisa@sahko.fi'], phone: null, title: null, classifications: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

type Answer = { status: number; body: unknown };
function stubFetch(answerPost: (body: Record<string, unknown>) => Answer) {
  const posts: Record<string, unknown>[] = [];
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const reply = (a: Answer) => ({ ok: a.status < 400, status: a.status, json: async () => a.body }) as unknown as Response;
    if (url.includes(`/organizations/${ORG.id}/contacts`)) return reply({ status: 200, body: { items: [CONTACT] } });
    if (url.endsWith('/actions') && init?.method === 'POST') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      posts.push(body);
      return reply(answerPost(body));
    }
    return reply({ status: 404, body: { error: { code: 'not_found', message: 'no' } } });
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, posts };
}

function renderDialog(fetchFn: typeof fetch, language: 'fi' | 'en', onLogged = jest.fn(), onOpenChange = jest.fn()) {
  render(
    <I18nProvider catalogs={APP_CATALOGS} language={language}>
      <QueryClientProvider client={createQueryClient()}>
        <ApiProvider tokens={fixedTokenSource('t')} fetchFn={fetchFn}>
          <LogActionDialog open onOpenChange={onOpenChange} organization={ORG} onLogged={onLogged} />
        </ApiProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { onLogged, onOpenChange };
}

const action = (body: Record<string, unknown>) => ({
  id: 'eeeeeeeeeeeeeeeeeeeeeeee', kind: body.kind, occurredAt: body.occurredAt, subject: body.subject, excerpt: body.excerpt ?? null,
  organizationId: ORG.id, contactIds: body.contactIds, loggedBy: { id: 'ffffffffffffffffffffffff', name: 'Aino', email: 'a@o.fi' },
  loggedAt: new Date().toISOString(), internetMessageId: null, conversationId: null, planned: false,
});

describe('logging an action from the web app', () => {
  test('a meeting next week is planned (the dialog says so) and goes to the server with the chosen contact and the note', async () => {
    const { fetchFn, posts } = stubFetch((b) => ({ status: 201, body: action(b) }));
    const { onLogged, onOpenChange } = renderDialog(fetchFn, 'en');
    const user = userEvent.setup();
    expect(await screen.findByRole('dialog', { name: 'Log an action: Äänekosken Sähkö Oy' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Kind'), 'meeting');
    const next = zonedDayTime(new Date(Date.now() + 7 * 86_400_000));
    const date = screen.getByLabelText('Date');
    await user.clear(date);
    await user.type(date, next.day);
    expect((await screen.findByTestId('planned-note')).textContent).toMatch(/^Planned: Meeting on /);
    await user.click(await screen.findByRole('checkbox', { name: 'Liisa Laine' }));
    await user.type(screen.getByLabelText('Subject'), 'Syksyn koulutukset');
    await user.type(screen.getByLabelText('Note'), 'Agenda: työturvallisuus');
    await user.click(screen.getByRole('button', { name: 'Log' }));
    await waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ kind: 'meeting', subject: 'Syksyn koulutukset', excerpt: 'Agenda: työturvallisuus', organizationId: ORG.id, contactIds: [CONTACT.id] });
    expect(new Date(String(posts[0]!.occurredAt)).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(onLogged).toHaveBeenCalled();
    expect(onOpenChange).toHaveBeenCalledWith(false);
  });

  test('a call in the future is refused before it is sent, in Finnish, at the date field', async () => {
    const { fetchFn, posts } = stubFetch((b) => ({ status: 201, body: action(b) }));
    renderDialog(fetchFn, 'fi');
    const user = userEvent.setup();
    const date = await screen.findByLabelText('Päivämäärä');
    await user.clear(date);
    await user.type(date, zonedDayTime(new Date(Date.now() + 2 * 86_400_000)).day);
    expect(await screen.findByText(/Vain tapaaminen tai tapahtuma voi olla tulevaisuudessa/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Kirjaa' }));
    expect(posts).toHaveLength(0);
  });

  test("the server's field error shows next to the field it names, and the dialog stays open", async () => {
    const { fetchFn } = stubFetch(() => ({ status: 400, body: { error: { code: 'invalid_input', message: 'bad', fields: [{ path: 'subject', message: 'must be at most 1000 characters' }] } } }));
    const { onOpenChange } = renderDialog(fetchFn, 'en');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Subject'), 'x');
    await user.click(screen.getByRole('button', { name: 'Log' }));
    expect(await screen.findByText('At most 1000 characters.')).toBeTruthy();
    expect(screen.getByText('Check the marked fields.')).toBeTruthy();
    expect(screen.getByLabelText('Subject').getAttribute('aria-invalid')).toBe('true');
    expect(onOpenChange).not.toHaveBeenCalledWith(false);
  });
});
