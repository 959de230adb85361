/**
 * Users (the `users` collection). Unique indexes on `email` and `authSubject` keep one account
 * per person on every engine (FerretDB enforces single-field unique indexes).
 *
 * Why each write is safe with several instances: a create is an insert that the unique indexes
 * refuse a second time; claiming a provisioned account is a compare-and-set on its `pending:`
 * subject; an administrator's change is a `$set` of the named fields by `_id`.
 */
import type { Role } from '../../../shared/domain/codes';
import { isDuplicateKeyError, type Engine } from '../engine';
import type { Models, UserDoc } from '../models';
import { type Page, type PageRequest, pageFrom, pageWindow } from '../paging';
import { oid, userFromDoc, type UserRecord } from './records';
import type { ReferenceData } from './referenceData';

export type NewUser = Omit<UserRecord, 'id'>;

export interface UserRepository {
  get(id: string): Promise<UserRecord | null>;
  /** The user of an identity: from the reference data held in the process, else the database. */
  bySubject(authSubject: string): Promise<UserRecord | null>;
  byEmail(email: string): Promise<UserRecord | null>;
  /** Inserts a user; null when the address or subject belongs to someone already. */
  create(user: NewUser): Promise<UserRecord | null>;
  /** Gives the provisioned account of an address (`pending:` subject) to the identity signing in. */
  claimPending(email: string, pendingSubject: string, authSubject: string): Promise<UserRecord | null>;
  update(id: string, fields: Partial<Pick<UserRecord, 'name' | 'role' | 'department'>>): Promise<UserRecord | null>;
  countWithRole(role: Role): Promise<number>;
  list(filter: { role?: Role }, page: PageRequest): Promise<Page<UserRecord>>;
}

export function userRepository(models: Models, engine: Engine, reference: ReferenceData): UserRepository {
  const { User } = models;
  return {
    async get(id) {
      const [doc] = await engine.findByIds<UserDoc>(User, [oid(id)]);
      return doc ? userFromDoc(doc) : null;
    },
    async bySubject(authSubject) {
      const cached = (await reference.get()).usersBySubject.get(authSubject);
      if (cached) return cached;
      const doc = await User.findOne({ authSubject }).lean();
      return doc ? userFromDoc(doc) : null;
    },
    async byEmail(email) {
      const doc = await User.findOne({ email }).lean();
      return doc ? userFromDoc(doc) : null;
    },
    async create(user) {
      try {
        const doc = await User.create(user);
        return userFromDoc(doc.toObject() as UserDoc);
      } catch (err) {
        if (isDuplicateKeyError(err)) return null;
        throw err;
      }
    },
    async claimPending(email, pendingSubject, authSubject) {
      const pending = await User.findOne({ email, authSubject: pendingSubject }, { _id: 1 }).lean();
      if (!pending) return null;
      const res = await engine.updateById<UserDoc>(User, pending._id, { $set: { authSubject } }, { where: { authSubject: pendingSubject }, returnDocument: 'after' });
      return res.doc ? userFromDoc(res.doc) : null;
    },
    async update(id, fields) {
      const res = await engine.updateById<UserDoc>(User, oid(id), { $set: fields }, { returnDocument: 'after' });
      return res.doc ? userFromDoc(res.doc) : null;
    },
    countWithRole: (role) => User.countDocuments({ role }),
    async list(filter, page) {
      const docs = await User.find(filter.role ? { role: filter.role } : {}).sort({ email: 1, _id: 1 }).skip(pageWindow(page).skip).limit(pageWindow(page).limit).lean();
      return pageFrom(docs, page, userFromDoc);
    },
  };
}
