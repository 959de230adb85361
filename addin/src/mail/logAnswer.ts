/**
 * What the server's answer to a mail log tells the pane without asking again: the action
 * it made (or found), and the customer's care plan as it stands with that action counted.
 * Pure functions over the contract's data.
 */
import type { LogEmailResponse, LoggedEntry, LookupResponse } from '../../../shared/contract';

export function loggedEntryOf(response: LogEmailResponse, organizationName: string): LoggedEntry {
  const { action } = response;
  return { actionId: action.id, organizationId: action.organizationId, organizationName, loggedBy: action.loggedBy, loggedAt: action.loggedAt };
}

/**
 * The lookup answer as it would read after the log: the customer's care plan is the one the
 * log returned, the action heads its recent actions, and the mail counts as logged to it.
 */
export function withLogAnswer(data: LookupResponse, response: LogEmailResponse): LookupResponse {
  const { action, carePlan } = response;
  let organizationName: string | null = null;
  const people = data.people.map((person) => {
    if (person.organization?.id !== action.organizationId) return person;
    organizationName ??= person.organization.name;
    const recentActions = [action, ...(person.recentActions ?? []).filter((a) => a.id !== action.id)];
    return { ...person, carePlan, recentActions };
  });
  const logged = data.logged.some((entry) => entry.actionId === action.id)
    ? data.logged
    : [...data.logged, loggedEntryOf(response, organizationName ?? '')];
  // a moved meeting logged again: its entry is under this key now
  return { people, logged, moved: (data.moved ?? []).filter((entry) => entry.actionId !== action.id) };
}
