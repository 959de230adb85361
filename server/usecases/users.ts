import type { User } from '../../shared/contract';
import type { Role } from '../../shared/domain/codes';
import type { Repositories, UserRecord } from '../persistence/repositories';
import { userView } from './views';

export const me = (user: UserRecord): User => userView(user);

/** Finds the user an identity belongs to, creating it on first sign-in (development sign-in). Safe under concurrent first requests. */
export async function findOrCreateUser(
  repos: Repositories,
  identity: { authSubject: string; email: string; name: string; role: Role; department?: string | null },
): Promise<UserRecord> {
  const existing = await repos.users.bySubject(identity.authSubject);
  if (existing) return existing;
  const created = await repos.users.create({ ...identity, department: identity.department ?? null });
  if (created) return created;
  const raced = await repos.users.bySubject(identity.authSubject);
  if (raced) return raced;
  throw new Error(`the address ${identity.email} belongs to another identity`);
}

/** Development sign-in: the user of the address, with the role asked for. */
export async function devSignIn(repos: Repositories, input: { email: string; name?: string | undefined; role?: Role | undefined }): Promise<UserRecord> {
  const name = input.name ?? input.email.split('@')[0]!;
  const user = await findOrCreateUser(repos, { authSubject: `dev:${input.email}`, email: input.email, name, role: input.role ?? 'account_manager' });
  if (input.role && user.role !== input.role) return (await repos.users.update(user.id, { role: input.role })) ?? user;
  return user;
}
