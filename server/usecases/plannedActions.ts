/**
 * Planned actions whose time has passed, folded into the customers' `lastActionAt`, so that the
 * database-side care-plan filters (counts, exports, selections by status) see them too. The care
 * plan of one customer needs no fold: the pure computation counts a passed planned action at once.
 * Idempotent and safe to run on several instances at the same time (see the customer repository).
 */
import type { Repositories } from '../persistence/repositories';
import type { UseCaseContext } from './context';

/** How often the server folds (server/main.ts). */
export const FOLD_INTERVAL_MS = 10 * 60_000;

/** Folds the planned actions that occurred at or before `ctx.now`; returns how many customers changed. */
export async function foldPassedPlannedActions(ctx: { repos: Repositories; now: Date } | UseCaseContext): Promise<number> {
  return ctx.repos.customers.foldPassedPlanned(ctx.now);
}
