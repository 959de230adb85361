/**
 * The query keys of the web app's pages and the reads several pages share. A write says what it
 * changed through `invalidateCustomerWork`: that customer's pages, the desk and the task lists.
 *
 * Keys: ['desk'], ['tasks', …filters], ['task', id], ['customer', id, …] (a customer's page and its
 * parts: contacts, timeline), ['organizations', …] (lists and search), ['me'], ['users', role].
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import * as z from 'zod';
import { ContactSchema, OrganizationSchema, pageOf, UserSchema, type User } from '../../../../shared/contract';
import { ApiError } from '../../api/errors';
import { useApi } from '../../core/ApiContext';

export const queryKeys = {
  desk: () => ['desk'] as const,
  tasks: (filters?: Record<string, unknown>) => (filters ? (['tasks', filters] as const) : (['tasks'] as const)),
  task: (id: string) => ['task', id] as const,
  customer: (id: string) => ['customer', id] as const,
  customerContacts: (id: string) => ['customer', id, 'contacts'] as const,
  organizations: (q?: string) => (q === undefined ? (['organizations'] as const) : (['organizations', 'search', q] as const)),
  users: (role: string) => ['users', role] as const,
};

/** After an action or a task changed on a customer: its pages, the desk, every task list, customer lists. */
export async function invalidateCustomerWork(client: QueryClient, organizationId: string | null): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.desk() }),
    client.invalidateQueries({ queryKey: queryKeys.tasks() }),
    client.invalidateQueries({ queryKey: ['task'] }),
    client.invalidateQueries({ queryKey: queryKeys.organizations() }),
    organizationId ? client.invalidateQueries({ queryKey: queryKeys.customer(organizationId) }) : Promise.resolve(),
    client.invalidateQueries({ queryKey: ['dashboard'] }),
  ]);
}

const ContactListSchema = z.object({ items: z.array(ContactSchema) });
const ContactPageSchema = pageOf(ContactSchema);

/** The customer's contact persons (`GET /organizations/:id/contacts`; `/contacts?organizationId=` where that route is missing). */
export function useCustomerContacts(organizationId: string | null, enabled = true) {
  const { http } = useApi();
  return useQuery({
    queryKey: queryKeys.customerContacts(organizationId ?? ''),
    enabled: enabled && !!organizationId,
    queryFn: async ({ signal }) => {
      try {
        const answer = await http.request({ path: `/organizations/${encodeURIComponent(organizationId!)}/contacts`, schema: ContactListSchema, signal });
        return answer.items;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 404) throw error;
        const page = await http.request({ path: '/contacts', query: { organizationId, pageSize: 200 }, schema: ContactPageSchema, signal });
        return page.items;
      }
    },
  });
}

const UserPageSchema = pageOf(UserSchema);

/** Account managers to give a task to: listed for those who may list users (management, admin); else only the user. */
export function useAssignees(me: User) {
  const { http } = useApi();
  const mayList = me.role !== 'account_manager';
  const users = useQuery({
    queryKey: queryKeys.users('account_manager'),
    enabled: mayList,
    queryFn: ({ signal }) => http.request({ path: '/users', query: { role: 'account_manager', pageSize: 200 }, schema: UserPageSchema, signal }).then((p) => p.items),
  });
  const list = mayList ? users.data ?? [] : [];
  const withMe = list.some((u) => u.id === me.id) ? list : [me, ...list];
  return { assignees: withMe, loading: mayList && users.isLoading };
}

const OrganizationPageSchema = pageOf(OrganizationSchema);

/** Customers whose name (or business ID, domain…) matches `q`, for a picker. */
export function useCustomerSearch(q: string) {
  const { http } = useApi();
  const term = q.trim();
  return useQuery({
    queryKey: queryKeys.organizations(term),
    enabled: term.length >= 2,
    staleTime: 60_000,
    queryFn: ({ signal }) => http.request({ path: '/organizations', query: { q: term, pageSize: 20 }, schema: OrganizationPageSchema, signal }).then((p) => p.items),
  });
}

/** The signed-in user (App's `['me', tokens]` read it first; this one is for components deep in a page). */
export function useMe() {
  const { http } = useApi();
  return useQuery({ queryKey: ['me', 'app'], staleTime: 300_000, queryFn: ({ signal }) => http.request({ path: '/me', schema: UserSchema, signal }) });
}
