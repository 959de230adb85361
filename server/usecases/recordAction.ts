/**
 * What every new action updates besides the action itself: the one place a logged mail, a
 * manual action, a completed task or an import's history reaches the read models kept for it
 * (the customer's newest actions and care-plan input, its timeline buckets; further projections join here).
 * Each step is idempotent, so a retry after a failure half-way completes what is missing.
 */
import type { ActionRecord, CustomerRecord, Repositories } from '../persistence/repositories';

/** Records a stored action on its customer; the customer as it is after, or null when it does not exist. */
export async function recordAction(repos: Repositories, action: ActionRecord): Promise<CustomerRecord | null> {
  // Independent documents, so side by side: the customer (which lists the action's month) and the month's bucket.
  const [customer] = await Promise.all([repos.customers.recordAction(action), repos.timeline.append([action])]);
  return customer;
}

/** Records earlier actions of one customer at once (the demo seed, bulk histories). */
export async function recordHistory(repos: Repositories, organizationId: string, actions: readonly ActionRecord[]): Promise<void> {
  await repos.customers.recordActions(organizationId, actions);
  await repos.timeline.append(actions.filter((a) => a.organizationId === organizationId));
}

/**
 * Recomputes a customer's read models of its actions from the actions themselves (after a merge
 * moved actions to it or renamed their contacts): its newest actions and its timeline buckets.
 */
export async function rebuildActionViews(repos: Repositories, organizationId: string): Promise<void> {
  await repos.customers.rebuildRecentActions(organizationId);
  await repos.timeline.rebuild(organizationId, () => repos.actions.ofCustomer(organizationId));
}
