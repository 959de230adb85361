/** A mailing's send dialog and its progress in jsdom over a stubbed API: the count confirmed, a changed count asked again, no relay said so, a set time, the progress and Cancel. */
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Mailing } from '../../../shared/contract-campaigns';
import { Route, Router, type BaseLocationHook } from 'wouter';
import { MailingPage, SendDialog } from '../../../addin/src/app/campaigns/MailingPage';
import { ApiProvider } from '../../../addin/src/core/ApiContext';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';
import { I18nProvider } from '../../../addin/src/core/i18n/I18nProvider';
import { createQueryClient } from '../../../addin/src/core/queryClient';
import { fixedTokenSource } from '../../../addin/src/core/tokens';

const CAMPAIGN = 'cccccccccccccccccccccccc';
const MAILING: Mailing = {
  id: 'dddddddddddddddddddddddd', campaignId: CAMPAIGN, subject: { fi: 'Kevään koulutukset' }, body: { fi: 'Hei {{firstName}}' }, surveyId: null, state: 'draft',
  scheduledAt: null, startedAt: null, finishedAt: null, counts: { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 }, excludedCustomers: 0, optedOut: 0,
  createdBy: { id: 'eeeeeeeeeeeeeeeeeeeeeeee', name: 'Aino Virtanen', email: 'aino@omnia.fi' }, version: 0, createdAt: '2026-12-01T10:00:00.000Z', updatedAt: '2026-12-01T10:00:00.000Z',
};

type Answer = { status: number; body: unknown };
function stubFetch(audiences: number[], sends: Answer[]) {
  const posts: Record<string, unknown>[] = [];
  const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const reply = (a: Answer) => ({ ok: a.status < 400, status: a.status, json: async () => a.body }) as unknown as Response;
    if (url.endsWith(`/campaigns/${CAMPAIGN}/audience`)) return reply({ status: 200, body: { customers: audiences.length > 1 ? audiences.shift() : audiences[0], excludedCustomers: 1 } });
    if (url.endsWith(`/mailings/${MAILING.id}/send`) && init?.method === 'POST') {
      posts.push(JSON.parse(String(init.body)) as Record<string, unknown>);
      return reply(sends.shift()!);
    }
    return reply({ status: 404, body: { error: { code: 'not_found', message: 'no' } } });
  });
  return { fetchFn: fetchFn as unknown as typeof fetch, posts };
}

function renderDialog(fetchFn: typeof fetch, language: 'fi' | 'en') {
  const onSent = jest.fn(async () => undefined);
  const onOpenChange = jest.fn();
  render(
    <I18nProvider catalogs={APP_CATALOGS} language={language}>
      <QueryClientProvider client={createQueryClient()}>
        <ApiProvider tokens={fixedTokenSource('t')} fetchFn={fetchFn}>
          <SendDialog open onOpenChange={onOpenChange} mailing={MAILING} campaignId={CAMPAIGN} onSent={onSent} />
        </ApiProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { onSent, onOpenChange };
}

const conflict = { status: 409, body: { error: { code: 'conflict', message: 'changed', fields: [{ path: 'expectedCustomers', message: 'is 2, but the campaign reaches 3 customers now', code: 'invalid' }] } } };
const noRelay = { status: 503, body: { error: { code: 'unavailable', message: 'Mailings need a mail relay: set SMTP_URL' } } };

test('a count that changed meanwhile is shown and confirmed again; the second send carries the new count', async () => {
  const { fetchFn, posts } = stubFetch([2, 3], [conflict, { status: 200, body: { ...MAILING, state: 'sending', version: 1 } }]);
  const { onSent, onOpenChange } = renderDialog(fetchFn, 'en');
  const user = userEvent.setup();
  expect(await screen.findByText('This goes to the contacts of 2 customers (1 customer excluded).')).toBeTruthy();
  await user.click(screen.getByRole('button', { name: 'Send to 2 customers' }));
  expect(await screen.findByText('The campaign reaches 3 customers now. Check the count and confirm again.')).toBeTruthy();
  await user.click(await screen.findByRole('button', { name: 'Send to 3 customers' }));
  await waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
  expect(posts).toEqual([{ version: 0, expectedCustomers: 2 }, { version: 0, expectedCustomers: 3 }]);
  expect(onSent).toHaveBeenCalled();
});

test('without a mail relay the dialog says so, in Finnish, and stays open', async () => {
  const { fetchFn } = stubFetch([2], [noRelay]);
  const { onOpenChange } = renderDialog(fetchFn, 'fi');
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Lähetä 2 asiakkaalle' }));
  expect(await screen.findByText(/Palvelimelle ei ole määritetty sähköpostin välityspalvelinta/)).toBeTruthy();
  expect(onOpenChange).not.toHaveBeenCalledWith(false);
});

test('at a set time: the day and time are Helsinki time, sent as the instant, and the button says it schedules', async () => {
  const { fetchFn, posts } = stubFetch([2], [{ status: 200, body: { ...MAILING, state: 'scheduled', scheduledAt: '2027-01-15T07:30:00.000Z', version: 1 } }]);
  const { onOpenChange } = renderDialog(fetchFn, 'en');
  const user = userEvent.setup();
  await screen.findByText('This goes to the contacts of 2 customers (1 customer excluded).');
  await user.click(screen.getByRole('radio', { name: 'At a set time' }));
  expect((screen.getByRole('button', { name: 'Schedule for 2 customers' }) as HTMLButtonElement).disabled).toBe(true);
  await user.type(screen.getByLabelText(/^Day/), '2027-01-15');
  await user.type(screen.getByLabelText(/^Time/), '09:30');
  await user.click(screen.getByRole('button', { name: 'Schedule for 2 customers' }));
  await waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
  expect(posts).toEqual([{ version: 0, expectedCustomers: 2, at: '2027-01-15T07:30:00.000Z' }]);
});

describe('a mailing being sent', () => {
  /** A router location held in memory, for `/mailings/:id`. */
  const at = (path: string): BaseLocationHook => () => [path, () => undefined];
  const ME = { id: 'eeeeeeeeeeeeeeeeeeeeeeee', name: 'Aino Virtanen', email: 'aino@omnia.fi', role: 'account_manager' as const, department: null };
  const CAMPAIGN_RESULTS = {
    campaign: {
      id: CAMPAIGN, name: 'Kevään koulutukset 2027', purpose: '', startsOn: '2027-01-01', endsOn: '2027-04-30', owner: MAILING.createdBy, status: 'active',
      targetSelectionIds: [], exclusionSelectionIds: [], version: 0, createdAt: MAILING.createdAt, updatedAt: MAILING.updatedAt,
    },
    mailings: [], totals: { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0, optedOut: 0 },
  };

  test('shows its progress and lets its owner cancel it on the version read', async () => {
    const sending = { ...MAILING, state: 'sending', version: 1, startedAt: '2026-12-03T10:00:00.000Z', counts: { total: 4, queued: 2, sending: 0, sent: 1, failed: 0, skipped: 1 } };
    const cancels: unknown[] = [];
    const fetchFn = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const reply = (status: number, body: unknown) => ({ ok: status < 400, status, json: async () => body }) as unknown as Response;
      if (url.endsWith(`/mailings/${MAILING.id}/cancel`)) {
        cancels.push(JSON.parse(String(init!.body)));
        return reply(200, { ...sending, state: 'cancelled', version: 2 });
      }
      if (url.endsWith(`/mailings/${MAILING.id}`)) return reply(200, cancels.length ? { ...sending, state: 'cancelled', version: 2 } : sending);
      if (url.includes(`/mailings/${MAILING.id}/recipients`)) return reply(200, { items: [], page: 1, pageSize: 50, total: 0, hasMore: false });
      if (url.endsWith(`/campaigns/${CAMPAIGN}`)) return reply(200, CAMPAIGN_RESULTS);
      return reply(404, { error: { code: 'not_found', message: 'no' } });
    }) as unknown as typeof fetch;
    render(
      <I18nProvider catalogs={APP_CATALOGS} language="en">
        <QueryClientProvider client={createQueryClient()}>
          <ApiProvider tokens={fixedTokenSource('t')} fetchFn={fetchFn}>
            <Router hook={at(`/mailings/${MAILING.id}`)}><Route path="/mailings/:id"><MailingPage me={ME} /></Route></Router>
          </ApiProvider>
        </QueryClientProvider>
      </I18nProvider>,
    );
    expect(await screen.findByText('2 of 4 handled')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Sending' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel sending' }));
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    expect(cancels).toEqual([{ version: 1 }]);
  });
});
