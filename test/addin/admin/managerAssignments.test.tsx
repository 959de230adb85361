/** Responsible managers on the Hand-over page: customers picked by name search get a responsible and/or backup manager in one call. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AdminProvider } from '../../../addin/src/app/admin/AdminContext';
import type { AdminApi } from '../../../addin/src/api/adminApi';
import { ManagerAssignments } from '../../../addin/src/app/admin/ManagerAssignments';
import { CATALOGS } from '../../../addin/src/app/admin/messages';
import type { User } from '../../../shared/contract';

const t = CATALOGS.en;
const ANNA: User = { id: 'a'.repeat(24), name: 'Anna', email: 'anna@omnia.fi', role: 'account_manager', department: null };
const BERTIL: User = { id: 'b'.repeat(24), name: 'Bertil', email: 'bertil@omnia.fi', role: 'account_manager', department: null };
const org = (id: string, name: string) => ({ id, name, businessId: null, responsible: null });

function renderSection() {
  const api = {
    searchOrganizations: jest.fn(async (q: string) => (q === 'kone' ? [org('1'.repeat(24), 'Kone Oy'), org('2'.repeat(24), 'Konepaja Ab')] : [])),
    assignManagers: jest.fn(async () => ({ matched: 2, changed: 1 })),
  };
  render(
    <AdminProvider value={{ api: api as unknown as AdminApi, t, language: 'en', locale: 'en', timeZone: 'Europe/Helsinki' }}>
      <ManagerAssignments users={[ANNA, BERTIL]} />
    </AdminProvider>,
  );
  return api;
}

describe('responsible managers', () => {
  test('pick two customers by name, set both managers in one step, see the result as status text', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.type(screen.getByLabelText(t.searchByName), 'kone');
    await user.click(screen.getByRole('button', { name: t.search }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.click(screen.getByRole('checkbox', { name: 'Konepaja Ab' }));
    expect(within(screen.getByRole('group', { name: t.chosenCustomers })).getAllByRole('checkbox')).toHaveLength(2);
    await user.selectOptions(screen.getByLabelText(t.responsibleManager), ANNA.id);
    await user.selectOptions(screen.getByLabelText(t.backupManagerOf), BERTIL.id);
    await user.click(screen.getByRole('button', { name: t.assign }));
    expect(api.assignManagers).toHaveBeenCalledWith({ organizationIds: ['1'.repeat(24), '2'.repeat(24)], responsibleId: ANNA.id, backupId: BERTIL.id });
    const status = screen.getByRole('status');
    expect(await within(status).findByText(`${t.assignDone}.`)).toBeTruthy();
    expect(status.textContent).toContain(`${t.customersChanged}: 1`);
  });

  test('backup only, or emptied: the responsible field is left out', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.type(screen.getByLabelText(t.searchByName), 'kone');
    await user.click(screen.getByRole('button', { name: t.search }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.selectOptions(screen.getByLabelText(t.backupManagerOf), 'nobody');
    await user.click(screen.getByRole('button', { name: t.assign }));
    expect(api.assignManagers).toHaveBeenCalledWith({ organizationIds: ['1'.repeat(24)], backupId: null });
  });

  test('nothing chosen, or the same person twice, is explained and not sent', async () => {
    const user = userEvent.setup();
    const api = renderSection();
    await user.click(screen.getByRole('button', { name: t.assign }));
    expect(screen.getByRole('status').textContent).toContain(t.assignNothing);
    await user.type(screen.getByLabelText(t.searchByName), 'kone');
    await user.click(screen.getByRole('button', { name: t.search }));
    await user.click(await screen.findByRole('checkbox', { name: 'Kone Oy' }));
    await user.selectOptions(screen.getByLabelText(t.responsibleManager), ANNA.id);
    await user.selectOptions(screen.getByLabelText(t.backupManagerOf), ANNA.id);
    await user.click(screen.getByRole('button', { name: t.assign }));
    expect(screen.getByRole('status').textContent).toContain(t.mustDiffer);
    expect(api.assignManagers).not.toHaveBeenCalled();
  });
});
