import type { User } from '../../shared/contract';
import type { Role } from '../../shared/domain/codes';
import type { Models, UserDoc } from '../persistence/models';
import { isDuplicateKeyError } from '../persistence/store';
import { userView } from '../persistence/views';

export const me = (user: UserDoc): User => userView(user);

/** Finds the user an identity belongs to, creating it on first sign-in. Safe under concurrent first requests. */
export async function findOrCreateUser(
  models: Models,
  identity: { authSubject: string; email: string; name: string; role: Role; department?: string | null },
): Promise<UserDoc> {
  const existing = await models.User.findOne({ authSubject: identity.authSubject }).lean();
  if (existing) return existing;
  try {
    const created = await models.User.create({ ...identity, department: identity.department ?? null });
    return created.toObject() as UserDoc;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const raced = await models.User.findOne({ authSubject: identity.authSubject }).lean();
    if (raced) return raced;
    throw err;
  }
}
