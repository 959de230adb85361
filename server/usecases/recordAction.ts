/**
 * What every new action updates besides the action itself: the one place a logged mail, a
 * manual action, a completed task or an import's history reaches the read models kept for it
 * (the customer's newest actions and care-plan input, its timeline buckets, the desks of its
 * responsible and backup, ./desk). Each step is idempotent, so a retry after a failure half-way completes what is missing.
 */
import { isPlanned } from '../../shared/domain/carePlan';
import type { ActionRecord, CustomerRecord, Repositories } from '../persistence/repositories';
import { recordOnDesks, recordPlannedOnDesks } from './desk';

/**
 * Records a stored action on its customer and on the desks of those who look after it; the
 * customer as it is after, or null when it does not exist. A meeting or event still to come at
 * `now` is a planned one: it waits on the customer's `plannedActions` and counts for the care
 * plan once its time has passed (usecases/plannedActions); on the desks it goes onto the customer's
 * planned actions (the care plan's `plannedAt`, counted once passed), not its newest actions.
 */
export async function recordAction(repos: Repositories, action: ActionRecord, now: Date = new Date()): Promise<CustomerRecord | null> {
  const planned = isPlanned(action, now);
  // Independent documents, so side by side: the customer (which lists the action's month) and the month's bucket.
  const [customer] = await Promise.all([repos.customers.recordAction(action, { planned }), repos.timeline.append([action])]);
  // The reports' copy only for an action whose customer exists (a log on a vanished customer is deleted again by its caller).
  if (customer) await Promise.all([planned ? recordPlannedOnDesks(repos, customer, action) : recordOnDesks(repos, customer, [action]), repos.activity.record([action])]);
  return customer;
}

/**
 * Records earlier actions of one customer at once (the demo seed, bulk histories): the customer and
 * its timeline. The desks are not written here: a bulk writer records its change for them
 * (`customersChangedInBulk`), which refreshes the named customers on every desk at its next read.
 */
export async function recordHistory(repos: Repositories, organizationId: string, actions: readonly ActionRecord[]): Promise<void> {
  const own = actions.filter((a) => a.organizationId === organizationId);
  await Promise.all([repos.customers.recordActions(organizationId, actions), repos.timeline.append(own), repos.activity.record(own)]);
}

/**
 * Recomputes a customer's read models of its actions from the actions themselves (after a merge
 * moved actions to it or renamed their contacts): its newest actions, its timeline buckets and the
 * reports' copy of its actions (which then name it as their customer).
 */
export async function rebuildActionViews(repos: Repositories, organizationId: string): Promise<void> {
  await repos.customers.rebuildRecentActions(organizationId);
  let actions: ActionRecord[] = [];
  await repos.timeline.rebuild(organizationId, async () => (actions = await repos.actions.ofCustomer(organizationId)));
  await repos.activity.record(actions);
}

/**
 * A planned meeting that was moved: the action gets its new time, subject and key (a compare-and-set
 * on the time and subject it had, repositories/actions `reschedule`), then every read model that
 * holds a copy of it follows: the customer's planned actions, its newest actions and timeline buckets
 * (rebuilt from the actions, as after a merge), and the desks of those who look after it (the planned
 * action's field is `$set` with the new time). Returns the action and customer after, or null when the
 * action changed meanwhile (another pane moved it first: the caller reads it again).
 */
export async function rescheduleAction(
  repos: Repositories,
  action: ActionRecord,
  to: { occurredAt: Date; subject: string; meetingKey: string },
): Promise<{ action: ActionRecord; customer: CustomerRecord | null } | null> {
  const moved = await repos.actions.reschedule(action.id, { occurredAt: action.occurredAt, subject: action.subject }, to);
  if (!moved) return null;
  const customer = await repos.customers.reschedulePlanned(moved.organizationId, { id: moved.id, kind: moved.kind, occurredAt: moved.occurredAt, subject: moved.subject });
  await repos.activity.move(action, moved);
  await rebuildActionViews(repos, moved.organizationId);
  if (customer) await recordPlannedOnDesks(repos, customer, moved);
  return { action: moved, customer: (await repos.customers.get(moved.organizationId)) ?? customer };
}
