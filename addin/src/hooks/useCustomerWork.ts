/**
 * Acting on a customer from the pane, as TanStack queries and mutations over `useApi().pane`:
 * logging a call, note or review (afterwards every lookup is asked again, so the card's care plan
 * and recent actions show it), the customer's open follow-up tasks (add one, complete one) and
 * the customer search of the add-contact form.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateAction } from '../../../shared/contract';
import type { CreateTask } from '../../../shared/contract-tasks';
import { ApiError } from '../api/errors';
import { useApi } from '../core/ApiContext';
import { lookupKeys } from './useLookup';

export const openTasksKey = (organizationId: string) => ['pane', 'tasks', organizationId] as const;

/** A mutation's failure as an ApiError (the forms read its `fields`). */
export const apiErrorOf = (error: unknown): ApiError | null =>
  error === null || error === undefined ? null : error instanceof ApiError ? error : new ApiError('network', String(error));

/**
 * Whether the signed-in person may act on customers (log, add follow-ups): management reads only.
 * Until `/me` answers, or if it fails, the buttons show: the server still refuses what the role
 * may not do, and says so in the user's language.
 */
export function useMayAct(): boolean {
  const { pane } = useApi();
  const me = useQuery({ queryKey: ['pane', 'me'], queryFn: ({ signal }) => pane.me(signal), staleTime: 5 * 60_000, retry: false });
  return me.data?.role !== 'management';
}

export function useLogAction() {
  const { pane } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateAction) => pane.createAction(request),
    // the lookup carries the care plan and the recent actions: the card shows the new action at once
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lookupKeys() }),
  });
}

export function useOpenTasks(organizationId: string) {
  const { pane } = useApi();
  return useQuery({
    queryKey: openTasksKey(organizationId),
    queryFn: ({ signal }) => pane.openTasks(organizationId, signal),
    retry: false,
  });
}

export function useCreateTask(organizationId: string) {
  const { pane } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTask) => pane.createTask(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openTasksKey(organizationId) }),
  });
}

export function useCompleteTask(organizationId: string) {
  const { pane } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => pane.completeTask(taskId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openTasksKey(organizationId) }),
  });
}

/** Customers by name or business ID; nothing is asked until `q` has two characters. */
export function useCustomerSearch(q: string) {
  const { pane } = useApi();
  const query = q.trim();
  return useQuery({
    queryKey: ['pane', 'customerSearch', query] as const,
    queryFn: ({ signal }) => pane.searchCustomers(query, signal),
    enabled: query.length >= 2,
    retry: false,
  });
}
