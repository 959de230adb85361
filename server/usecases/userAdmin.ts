/**
 * Users, as administrators keep them: list, provision by address (the person claims the record
 * at first sign-in, see ./signIn), change name, role or department. There is always at least
 * one administrator left.
 */
import type { z } from 'zod';
import type { AdminUser, ProvisionUserSchema, UpdateUserSchema, UserListQuerySchema } from '../../shared/contract';
import { AppError } from '../errors';
import type { Repositories, UserRecord } from '../persistence/repositories';
import { pendingSubject } from './signIn';
import { userView } from './views';

const adminView = (u: UserRecord): AdminUser => ({ ...userView(u), signedIn: !u.authSubject.startsWith('pending:') });

export async function listUsers(repos: Repositories, q: z.output<typeof UserListQuerySchema>) {
  const page = await repos.users.list({ role: q.role }, q);
  return { ...page, items: page.items.map(adminView) };
}

export async function provisionUser(repos: Repositories, input: z.output<typeof ProvisionUserSchema>): Promise<AdminUser> {
  const created = await repos.users.create({
    email: input.email,
    name: input.name,
    role: input.role,
    department: input.department ?? null,
    authSubject: pendingSubject(input.email),
  });
  if (!created) throw AppError.conflict('email', 'already belongs to a user');
  return adminView(created);
}

export async function updateUser(repos: Repositories, id: string, patch: z.output<typeof UpdateUserSchema>): Promise<AdminUser> {
  const current = await repos.users.get(id);
  if (!current) throw AppError.notFound('The user');
  if (current.role === 'admin' && patch.role !== undefined && patch.role !== 'admin') {
    if ((await repos.users.countWithRole('admin')) <= 1) {
      throw AppError.unprocessable('The last administrator cannot lose the role: make someone else an administrator first', 'role', 'invalid');
    }
  }
  const set: Partial<Pick<UserRecord, 'name' | 'role' | 'department'>> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.department !== undefined) set.department = patch.department;
  const updated = await repos.users.update(id, set);
  if (!updated) throw AppError.notFound('The user');
  return adminView(updated);
}

/**
 * Provisions administrators named by BOOTSTRAP_ADMINS (a fresh deployment's first main users)
 * when no user has the address yet. Existing users are never changed, so removing an address
 * from the setting later demotes no one.
 */
export async function ensureAdmins(repos: Repositories, emails: readonly string[]): Promise<string[]> {
  const added: string[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    if (await repos.users.byEmail(email)) continue;
    const created = await repos.users.create({ email, name: email.split('@')[0]!, role: 'admin', department: null, authSubject: pendingSubject(email) });
    if (created) added.push(email);
  }
  return added;
}
