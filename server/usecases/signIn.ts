/**
 * Who a verified token belongs to. Users are keyed by the identity provider's subject
 * (`entra:<tid>:<oid>`, `dev:<email>`); the stored role is what counts, never a claim.
 *
 * - A known subject is that user (from the reference data held in the process: no database
 *   round trip on the requests of a known user).
 * - A user an administrator provisioned by address (subject `pending:<email>`) is claimed by
 *   the first sign-in with that address.
 * - Otherwise, with open provisioning, the first sign-in creates an account manager; with
 *   provisioned-only, the person is refused (403) until an administrator adds them.
 */
import { AppError } from '../errors';
import type { Repositories, UserRecord } from '../persistence/repositories';

export type Provisioning = 'open' | 'provisioned';

/** The subject of a user an administrator added before their first sign-in. */
export const pendingSubject = (email: string): string => `pending:${email.trim().toLowerCase()}`;

export interface SignedIn {
  user: UserRecord;
  /** Set on the sign-in that created the user (the audit log records it). */
  created: boolean;
}

export async function signIn(
  repos: Repositories,
  identity: { authSubject: string; email: string; name: string },
  provisioning: Provisioning,
): Promise<SignedIn> {
  const known = await repos.users.bySubject(identity.authSubject);
  if (known) return { user: known, created: false };

  const email = identity.email.trim().toLowerCase();
  const claimed = await repos.users.claimPending(email, pendingSubject(email), identity.authSubject);
  if (claimed) return { user: claimed, created: false };

  if (provisioning === 'provisioned') {
    // A concurrent first request may have claimed the provisioned record a moment ago.
    const raced = await repos.users.bySubject(identity.authSubject);
    if (raced) return { user: raced, created: false };
    throw new AppError('forbidden', 'You have no account in Asiakkuus yet: ask an administrator to add you');
  }
  const created = await repos.users.create({ authSubject: identity.authSubject, email, name: identity.name, role: 'account_manager', department: null });
  if (created) return { user: created, created: true };
  // Two first requests at once: the other one created the user.
  const raced = await repos.users.bySubject(identity.authSubject);
  if (raced) return { user: raced, created: false };
  // The address belongs to another identity: never merge two people into one account.
  throw new AppError('forbidden', 'Another account already uses your address: ask an administrator');
}
