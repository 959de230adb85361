/** Checks that ids a request refers to name existing records: a dangling reference is a 422 naming the field. */
import { AppError } from '../errors';
import type { Repositories } from '../persistence/repositories';

export async function assertUsersExist(repos: Repositories, ids: Record<string, string | null | undefined>): Promise<void> {
  const named = Object.entries(ids).filter((e): e is [string, string] => !!e[1]);
  if (named.length === 0) return;
  let { users } = await repos.reference.get();
  if (named.some(([, id]) => !users.has(id))) {
    // A user added through another instance a moment ago: read again before refusing.
    repos.reference.invalidate();
    ({ users } = await repos.reference.get());
  }
  for (const [field, id] of named) if (!users.has(id)) throw AppError.unprocessable(`${field} names no user`, field);
}

export async function assertClassificationsExist(
  repos: Repositories,
  field: string,
  ids: readonly string[] | undefined,
  appliesTo: 'organization' | 'contact',
): Promise<void> {
  if (!ids || ids.length === 0) return;
  const fits = (c: { appliesTo: string } | undefined) => c?.appliesTo === appliesTo;
  let { classifications } = await repos.reference.get();
  if (!ids.every((id) => fits(classifications.get(id)))) {
    repos.reference.invalidate();
    ({ classifications } = await repos.reference.get());
  }
  if (!ids.every((id) => fits(classifications.get(id)))) throw AppError.unprocessable(`${field} must name ${appliesTo} classifications`, field, 'invalid_value');
}
