/**
 * Who a verified token belongs to. Users are keyed by the identity provider's subject
 * (`entra:<tid>:<oid>`, `dev:<email>`); the stored role is what counts, never a claim.
 *
 * - A known subject is that user.
 * - A user an administrator provisioned by address (subject `pending:<email>`) is claimed by
 *   the first sign-in with that address.
 * - Otherwise, with open provisioning, the first sign-in creates an account manager; with
 *   provisioned-only, the person is refused (403) until an administrator adds them.
 */
import { AppError } from '../errors';
import type { Models, UserDoc } from '../persistence/models';
import { isDuplicateKeyError } from '../persistence/store';

export type Provisioning = 'open' | 'provisioned';

/** The subject of a user an administrator added before their first sign-in. */
export const pendingSubject = (email: string): string => `pending:${email.trim().toLowerCase()}`;

export interface SignedIn {
  user: UserDoc;
  /** Set on the sign-in that created the user (the audit log records it). */
  created: boolean;
}

export async function signIn(
  models: Models,
  identity: { authSubject: string; email: string; name: string },
  provisioning: Provisioning,
): Promise<SignedIn> {
  const known = await models.User.findOne({ authSubject: identity.authSubject }).lean();
  if (known) return { user: known, created: false };

  const email = identity.email.trim().toLowerCase();
  const claimed = await models.User.findOneAndUpdate(
    { email, authSubject: pendingSubject(email) },
    { $set: { authSubject: identity.authSubject } },
    { returnDocument: 'after' },
  ).lean();
  if (claimed) return { user: claimed, created: false };

  if (provisioning === 'provisioned') {
    // A concurrent first request may have claimed the provisioned record a moment ago.
    const raced = await models.User.findOne({ authSubject: identity.authSubject }).lean();
    if (raced) return { user: raced, created: false };
    throw new AppError('forbidden', 'You have no account in Asiakkuus yet: ask an administrator to add you');
  }
  try {
    const created = await models.User.create({ authSubject: identity.authSubject, email, name: identity.name, role: 'account_manager', department: null });
    return { user: created.toObject() as UserDoc, created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    // Two first requests at once: the other one created the user.
    const raced = await models.User.findOne({ authSubject: identity.authSubject }).lean();
    if (raced) return { user: raced, created: false };
    // The address belongs to another identity: never merge two people into one account.
    throw new AppError('forbidden', 'Another account already uses your address: ask an administrator');
  }
}
