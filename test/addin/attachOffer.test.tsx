/**
 * Attach offer in compose (jsdom, the real client over a fake network, a scripted host): an
 * attachment that Outlook refuses says so and registers nothing; a customer whose offer is on the
 * draft stays chosen in "Log when sent"; a failing sales read says so instead of listing nothing.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Offer } from '../../shared/contract-sales';
import { createFakeBackend, ok, type FakeBackend } from './support/fakeBackend';
import { id, knownContact, lookupOf, mail, me, organization, participant, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

const firma = organization({ name: 'Firma Oy' });
const kaupunki = organization({ name: 'Kaupunki' });
const people = [knownContact('matti@firma.fi', 'Matti Meikäläinen', firma), knownContact('liisa@kaupunki.fi', 'Liisa Virtanen', kaupunki)];
const draft = mail({
  mode: 'compose', internetMessageId: null, dateTimeCreated: null, subject: 'Tarjous',
  from: participant(me.displayName, me.email), to: [participant('Matti', 'matti@firma.fi'), participant('Liisa', 'liisa@kaupunki.fi')],
});

const offerOf = (org: { id: string; name: string }, number: string): Offer => ({
  id: id(), number, opportunityId: id(), organizationId: org.id, organizationName: org.name, contactId: null,
  owner: person('Anna Asiakasvastaava', me.email), language: 'fi',
  lines: [{ productId: null, description: 'Ensiapukurssi', quantityHundredths: 100, unitPriceCents: 16_000, discountBp: 0, vatRateBp: 0, netCents: 16_000 }],
  totals: { net: 16_000, vat: 0, gross: 16_000, byRate: [{ rateBp: 0, net: 16_000, vat: 0, gross: 16_000 }] },
  validUntil: '2027-01-31', terms: '', state: 'draft', sentAt: null, answeredAt: null, version: 0,
  createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z',
});
const firmaOffer = offerOf(firma, '2026-0042');

/** The sales reads of both customers, Firma's with one draft offer; the send log answers what it was given. */
function backendWithSales(): FakeBackend {
  const backend = createFakeBackend(lookupOf(people));
  backend.routes['GET /api/v1/opportunities'] = () => ok({ items: [], stages: [] });
  backend.routes[`GET /api/v1/organizations/${firma.id}/sales`] = () => ok({ offers: [firmaOffer], orders: [] });
  backend.routes[`GET /api/v1/organizations/${kaupunki.id}/sales`] = () => ok({ offers: [], orders: [] });
  backend.routes[`GET /api/v1/offers/${firmaOffer.id}/pdf`] = () => ok('%PDF-1.7 test');
  const inner = backend.fetch;
  backend.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'https://localhost:3000');
    if (!url.pathname.startsWith('/api/v1/send-logs/')) return inner(input, init);
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) as { organizationIds: string[]; offerIds: string[] } : undefined;
    backend.requests.push({ method: init?.method ?? 'GET', path: url.pathname, query: url.searchParams, body, headers: {} });
    const view = { id: 'h', state: 'pending', organizationIds: body?.organizationIds ?? [], offerIds: body?.offerIds ?? [], internetMessageId: null, actions: [], logged: [] };
    return { ok: true, status: 200, json: async () => view, blob: async () => new Blob([]) } as unknown as Response;
  }) as typeof fetch;
  return backend;
}

const registered = (backend: FakeBackend) => backend.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/v1/send-logs/')).map((r) => r.body);
const attachButton = () => screen.findByRole('button', { name: 'Attach offer 2026-0042 (Firma Oy)' }, { timeout: 10_000 });

test('an attachment Outlook refuses says so, registers no send log, and can be tried again', async () => {
  const user = userEvent.setup();
  const backend = backendWithSales();
  const { host } = renderPane({ item: draft, backend });
  const refused: string[] = [];
  host.attachFile = (name) => {
    refused.push(name);
    return Promise.reject(new Error('The attachment is too large'));
  };

  await user.click(await attachButton());
  expect(await screen.findByText(/^The offer could not be attached: /)).toBeTruthy();
  expect(refused).toEqual(['tarjous-2026-0042.pdf']); // the PDF was read; Outlook refused it
  expect(registered(backend)).toEqual([]);
  expect(screen.getByRole('switch', { name: 'Log when sent' })).toHaveProperty('checked', false);
  await waitFor(() => expect((screen.getByRole('button', { name: 'Attach offer 2026-0042 (Firma Oy)' }) as HTMLButtonElement).getAttribute('aria-disabled')).not.toBe('true'));
});

test('an attached offer joins the send log on both chosen customers, and its customer cannot be unticked while it is on the draft', async () => {
  const user = userEvent.setup();
  const backend = backendWithSales();
  const { host } = renderPane({ item: draft, backend });

  await user.click(await attachButton());
  expect(await screen.findByText('Attached. Offer 2026-0042 is marked sent when you send the mail.')).toBeTruthy();
  expect(host.attachments.map((a) => a.name)).toEqual(['tarjous-2026-0042.pdf']);
  expect(atob(host.attachments[0]!.base64)).toContain('%PDF-1.7 test');
  expect(registered(backend)).toEqual([{ organizationIds: [firma.id, kaupunki.id], offerIds: [firmaOffer.id] }]);
  expect(screen.getByRole('switch', { name: 'Log when sent' })).toHaveProperty('checked', true);
  expect(screen.getByRole('checkbox', { name: 'Firma Oy' })).toHaveProperty('disabled', true);

  // unticking the other customer keeps the offer in the log
  await user.click(screen.getByRole('checkbox', { name: 'Kaupunki' }));
  await waitFor(() => expect(registered(backend)).toHaveLength(2));
  expect(registered(backend)[1]).toEqual({ organizationIds: [firma.id], offerIds: [firmaOffer.id] });
});

test('when the sales cannot be read, the section says so', async () => {
  const backend = backendWithSales();
  backend.routes[`GET /api/v1/organizations/${kaupunki.id}/sales`] = () => ({ status: 503, body: { error: { code: 'unavailable', message: 'down' } } });
  renderPane({ item: draft, backend });
  expect(await screen.findByText(/^Opportunities and offers could not be loaded: /, undefined, { timeout: 10_000 })).toBeTruthy();
  expect(screen.queryByRole('button', { name: /^Attach offer/ })).toBeNull();
});
