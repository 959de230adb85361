/** Checks that ids a request refers to name existing records: a dangling reference is a 422 naming the field. */
import type { Models } from '../persistence/models';
import { toObjectId } from '../persistence/store';
import { AppError } from '../errors';

export async function assertUsersExist(models: Models, ids: Record<string, string | null | undefined>): Promise<void> {
  for (const [field, id] of Object.entries(ids)) {
    if (id && !(await models.User.exists({ _id: toObjectId(id) }))) {
      throw AppError.unprocessable(`${field} names no user`, field);
    }
  }
}

export async function assertClassificationsExist(
  models: Models,
  field: string,
  ids: readonly string[] | undefined,
  appliesTo: 'organization' | 'contact',
): Promise<void> {
  if (!ids || ids.length === 0) return;
  const unique = [...new Set(ids)];
  const found = await models.ClassificationNode.countDocuments({ _id: { $in: unique.map(toObjectId) }, appliesTo });
  if (found !== unique.length) throw AppError.unprocessable(`${field} must name ${appliesTo} classifications`, field);
}
