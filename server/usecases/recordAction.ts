/**
 * What every new action updates besides the action itself: the one place a logged mail, a
 * manual action, a completed task or an import's history reaches the read models kept for it
 * (the customer's newest actions and care-plan input today; further projections join here).
 * Each step is idempotent, so a retry after a failure half-way completes what is missing.
 */
import { isPlanned } from '../../shared/domain/carePlan';
import type { ActionRecord, CustomerRecord, Repositories } from '../persistence/repositories';

/**
 * Records a stored action on its customer; the customer as it is after, or null when it does not exist.
 * A meeting or event still to come at `now` is a planned one: it waits on the customer's
 * `plannedActions` and counts for the care plan once its time has passed (usecases/plannedActions).
 */
export async function recordAction(repos: Repositories, action: ActionRecord, now: Date = new Date()): Promise<CustomerRecord | null> {
  return repos.customers.recordAction(action, { planned: isPlanned(action, now) });
}

/** Records earlier actions of one customer at once (the demo seed, bulk histories). */
export async function recordHistory(repos: Repositories, organizationId: string, actions: readonly ActionRecord[]): Promise<void> {
  await repos.customers.recordActions(organizationId, actions);
}
