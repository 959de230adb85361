/**
 * The one data-fetching layer: a TanStack Query client with defaults that suit this API.
 * Only network failures and 5xx answers are retried (twice, backing off): a 4xx or an answer
 * that breaks the contract will not get better. No refetch on window focus or reconnect storms;
 * data counts as fresh for 30 s. Mutations are never retried (they are not all idempotent).
 */
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/errors';

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return error instanceof ApiError ? error.retryable : false;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}
