import { screen, within } from '@testing-library/react';
import type { CarePlanStatus } from '../../shared/domain/codes';
import { createFakeBackend } from './support/fakeBackend';
import { action, carePlan, knownContact, lookupOf, mail, organization, person } from './support/fixtures';
import { renderPane } from './support/renderPane';

function paneWith(plan: ReturnType<typeof carePlan> | null, extra: Parameters<typeof knownContact>[3] = {}) {
  const firma = organization({ name: 'Firma Oy' });
  const backend = createFakeBackend(lookupOf([
    knownContact('matti.meikalainen@firma.fi', 'Matti Meikäläinen', firma, { carePlan: plan, ...extra }),
  ]));
  renderPane({ item: mail(), backend });
  return firma;
}

describe('care plan', () => {
  test.each<[CarePlanStatus, string]>([
    ['on_track', 'On track'],
    ['due_soon', 'Due soon'],
    ['overdue', 'Overdue'],
  ])('the customer\'s overall status %s is shown in words as "%s"', async (status, words) => {
    paneWith(carePlan(status));

    // the first render of a file compiles the pane's modules (and the card's lazy sales part): generous on a loaded machine
    const heading = await screen.findByRole('heading', { name: `Care plan ${words}` });
    expect(heading).toBeTruthy();
  });

  test('each rule shows its status, last and due date in the user\'s zone (Helsinki)', async () => {
    paneWith(carePlan('overdue', [
      // 22:30 UTC is already the next day in Helsinki
      { id: 'A-contact', label: 'Two-way contact', labels: { fi: 'Two-way contact', sv: 'Two-way contact', en: 'Two-way contact' }, status: 'overdue', lastAt: '2025-01-31T22:30:00.000Z', dueAt: '2025-03-02T22:30:00.000Z' },
      { id: 'A-meeting', label: 'Meeting', labels: { fi: 'Meeting', sv: 'Meeting', en: 'Meeting' }, status: 'due_soon', lastAt: null, dueAt: '2025-04-10T09:00:00.000Z' },
      { id: 'custom-rule', label: 'Quarterly newsletter', labels: { fi: 'Quarterly newsletter', sv: 'Quarterly newsletter', en: 'Quarterly newsletter' }, status: 'on_track', lastAt: null, dueAt: '2025-06-01T09:00:00.000Z' },
    ]));

    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    const [contact, meeting, custom] = within(customer.getByRole('list', { name: 'Care plan' })).getAllByRole('listitem');
    expect(within(contact!).getByText('Two-way contact')).toBeTruthy();
    expect(within(contact!).getByText('Overdue')).toBeTruthy();
    expect(within(contact!).getByText(/Last 01\/02\/2025 · Due 03\/03\/2025/)).toBeTruthy();
    expect(within(meeting!).getByText('Due soon')).toBeTruthy();
    expect(within(meeting!).getByText(/Not done yet · Due 10\/04\/2025/)).toBeTruthy();
    expect(within(custom!).getByText('Quarterly newsletter')).toBeTruthy();
    expect(within(custom!).getByText('On track')).toBeTruthy();
  });

  test('a customer whose segment has no care plan says so', async () => {
    paneWith(null);

    expect(await screen.findByText('No care plan applies to this segment.')).toBeTruthy();
  });
});

describe('recent actions', () => {
  test('shows the customer\'s newest five actions with who logged them', async () => {
    const actions = Array.from({ length: 7 }, (_, i) => action({
      kind: i % 2 === 0 ? 'meeting' : 'call',
      subject: `Action ${i + 1}`,
      occurredAt: new Date(Date.UTC(2025, 0, 10 + i, 10)).toISOString(),
      loggedBy: person(i === 6 ? 'Bertil Bäckström' : 'Anna Asiakasvastaava', 'x@omnia.fi'),
    }));
    paneWith(carePlan('on_track'), { recentActions: actions });

    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    expect(customer.getByRole('heading', { name: 'Recent actions' })).toBeTruthy();
    const listed = within(customer.getByRole('list', { name: 'Recent actions' })).getAllByRole('listitem');
    const subjects = listed.map((li) => within(li).getByText(/^Action \d$/).textContent);
    expect(subjects).toEqual(['Action 7', 'Action 6', 'Action 5', 'Action 4', 'Action 3']);
    expect(customer.getByText('16/01/2025 · Meeting · logged by Bertil Bäckström')).toBeTruthy();
  });

  test('a customer without actions says so', async () => {
    paneWith(carePlan('overdue'), { recentActions: [] });

    expect(await screen.findByText('No actions yet.')).toBeTruthy();
  });
});

describe('the customer card', () => {
  test('links to the customer page of the web app, opened in the browser', async () => {
    const firma = paneWith(carePlan('on_track'));

    const customer = within(await screen.findByRole('region', { name: 'Firma Oy' }));
    const link = customer.getByRole('link', { name: 'Open customer in browser' });
    expect(link.getAttribute('href')).toBe(`${window.location.origin}/app/customers/${firma.id}`);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });
});
