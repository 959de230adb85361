/**
 * Users, as administrators keep them: list, provision by address (the person claims the record
 * at first sign-in, see ./signIn), change name, role or department. There is always at least
 * one administrator left.
 */
import type { z } from 'zod';
import type { AdminUser, ProvisionUserSchema, UpdateUserSchema, UserListQuerySchema } from '../../shared/contract';
import { AppError } from '../errors';
import type { Models, UserDoc } from '../persistence/models';
import { isDuplicateKeyError, toObjectId } from '../persistence/store';
import { userView } from '../persistence/views';
import { pendingSubject } from './signIn';

const adminView = (u: UserDoc): AdminUser => ({ ...userView(u), signedIn: !u.authSubject.startsWith('pending:') });

export async function listUsers(models: Models, q: z.output<typeof UserListQuerySchema>) {
  const docs = await models.User.find(q.role ? { role: q.role } : {})
    .sort({ email: 1, _id: 1 })
    .skip((q.page - 1) * q.pageSize)
    .limit(q.pageSize + 1)
    .lean();
  return { items: docs.slice(0, q.pageSize).map(adminView), page: q.page, pageSize: q.pageSize, hasMore: docs.length > q.pageSize };
}

export async function provisionUser(models: Models, input: z.output<typeof ProvisionUserSchema>): Promise<AdminUser> {
  try {
    const created = await models.User.create({
      email: input.email,
      name: input.name,
      role: input.role,
      department: input.department ?? null,
      authSubject: pendingSubject(input.email),
    });
    return adminView(created.toObject() as UserDoc);
  } catch (err) {
    if (isDuplicateKeyError(err)) throw AppError.conflict('email', 'already belongs to a user');
    throw err;
  }
}

export async function updateUser(models: Models, id: string, patch: z.output<typeof UpdateUserSchema>): Promise<AdminUser> {
  const _id = toObjectId(id);
  const current = await models.User.findById(_id).lean();
  if (!current) throw AppError.notFound('The user');
  if (current.role === 'admin' && patch.role !== undefined && patch.role !== 'admin') {
    const admins = await models.User.countDocuments({ role: 'admin' });
    if (admins <= 1) throw AppError.unprocessable('The last administrator cannot lose the role: make someone else an administrator first', 'role');
  }
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.department !== undefined) set.department = patch.department;
  const updated = await models.User.findByIdAndUpdate(_id, { $set: set }, { returnDocument: 'after', runValidators: true }).lean();
  if (!updated) throw AppError.notFound('The user');
  return adminView(updated);
}

/**
 * The first administrators, named in configuration (BOOTSTRAP_ADMINS): provisioned at start
 * when no user has the address yet. Existing users are never changed, so removing an address
 * from the setting later demotes no one.
 */
export async function ensureAdmins(models: Models, emails: readonly string[]): Promise<string[]> {
  const added: string[] = [];
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    if (await models.User.exists({ email })) continue;
    try {
      await models.User.create({ email, name: email.split('@')[0]!, role: 'admin', department: null, authSubject: pendingSubject(email) });
      added.push(email);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  return added;
}
