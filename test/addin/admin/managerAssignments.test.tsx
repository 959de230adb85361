/** Responsible managers on the Hand-over page: customers picked by name search get a responsible and/or backup manager in one call. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { ManagerAssignments } from '../../../addin/src/app/admin/ManagerAssignments';
import { createQueryClient } from '../../../addin/src/core/queryClient';
import { I18nProvider } from '../../../addin/src/core/i18n/I18nProvider';
import { APP_CATALOGS } from '../../../addin/src/core/i18n/appCatalogs';
import { en } from '../../../addin/src/core/i18n/messages/app/en';
import type { User } from '../../../shared/contract';

const fakeApi: { admin: Record<string, jest.Mock> } = { admin: {} };
jest.mock('../../../addin/src/core/AdminApiContext', () => ({ useAdminApi: () => fakeApi.admin }));

const ANNA: User = { id: 'a'.repeat(24), name: 'Anna', email: 'anna@omnia.fi', role: 'account_manager', department: null };
const BERTIL: User = { id: 'b'.repeat(24), name: 'Bertil', email: 'bertil@omnia.fi', role: 'account_manager', department: null };
const org = (id: string, name: string) => ({ id, name, businessId: null, responsible: null });

function renderSection() {
  const api = {
    searchOrganizations: jest.fn(async (q: string) => (q === 'kone' ? [org('1'.repeat(24), 'Kone Oy'), org('2'.repeat(24), 'Konepaja Ab')] : [])),
    assignManagers: jest.fn(async () => ({ matched: 2, changed: 1 })),
  };
  fakeApi.admin = api;
  render(
    <QueryClientProvider client={createQueryClient()}>
      <I18nProvider catalogs={APP_CATALOGS} language="en">
        <ManagerAssignments users={[ANNA, BERTIL]} />
      </I18nProvider>
    </QueryClientProvider>,
  );
  return api;
}

describe('responsible managers', () => {
  test('pick two customers by name, set both managers in one step, see the result as status text', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.type(screen.getByLabelText(en['admin.assign.search']), 'kone');
    await user.click(screen.getByRole('button', { name: en['admin.assign.searchButton'] }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.click(screen.getByRole('checkbox', { name: 'Konepaja Ab' }));
    expect(within(screen.getByRole('group', { name: en['admin.assign.chosen'] })).getAllByRole('checkbox')).toHaveLength(2);
    await user.selectOptions(screen.getByLabelText(en['admin.assign.responsible']), ANNA.id);
    await user.selectOptions(screen.getByLabelText(en['admin.assign.backup']), BERTIL.id);
    await user.click(screen.getByRole('button', { name: en['admin.assign.submit'] }));
    expect(api.assignManagers).toHaveBeenCalledWith({ organizationIds: ['1'.repeat(24), '2'.repeat(24)], responsibleId: ANNA.id, backupId: BERTIL.id });
    const status = screen.getByRole('status');
    expect(await within(status).findByText(en['admin.assign.done'])).toBeTruthy();
    expect(status.textContent).toContain('Customers changed: 1');
  });

  test('backup only, or emptied: the responsible field is left out', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.type(screen.getByLabelText(en['admin.assign.search']), 'kone');
    await user.click(screen.getByRole('button', { name: en['admin.assign.searchButton'] }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.selectOptions(screen.getByLabelText(en['admin.assign.backup']), 'nobody');
    await user.click(screen.getByRole('button', { name: en['admin.assign.submit'] }));
    expect(api.assignManagers).toHaveBeenCalledWith({ organizationIds: ['1'.repeat(24)], backupId: null });
  });

  test('nothing chosen, or the same person twice, is explained and not sent', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.click(screen.getByRole('button', { name: en['admin.assign.submit'] }));
    expect(screen.getByRole('status').textContent).toContain(en['admin.assign.nothing']);
    await user.type(screen.getByLabelText(en['admin.assign.search']), 'kone');
    await user.click(screen.getByRole('button', { name: en['admin.assign.searchButton'] }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.selectOptions(screen.getByLabelText(en['admin.assign.responsible']), ANNA.id);
    await user.selectOptions(screen.getByLabelText(en['admin.assign.backup']), ANNA.id);
    await user.click(screen.getByRole('button', { name: en['admin.assign.submit'] }));
    expect(screen.getByRole('status').textContent).toContain(en['admin.assign.mustDiffer']);
    expect(api.assignManagers).not.toHaveBeenCalled();
  });
});
