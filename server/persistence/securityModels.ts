/**
 * Collections of the security layer: the audit log. It works on MongoDB 7+ and FerretDB 1.24
 * alike: no TTL index (FerretDB 1.24 does not implement `expireAfterSeconds`), no transactions.
 * (Rate-limit counters are rate-limiter-flexible's: server/http/rateLimit.ts.)
 */
import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../../shared/domain/codes';

const auditActor = new Schema(
  {
    id: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    /** A user's role; absent for a contact. */
    role: { type: String, enum: ROLES },
    /** `user`: signed in; `contact`: a customer's contact on a public page (an unsubscribe, a survey answer). */
    kind: { type: String, enum: ['user', 'contact'], default: 'user' },
  },
  { _id: false },
);

/**
 * Who changed what, when, on which record. Only field names are kept, never the values:
 * the audit log must not become a second copy of the customer data.
 */
export const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: auditActor, required: true },
    /** `<resource>.<verb>`, e.g. `organization.update`, `action.create`. */
    action: { type: String, required: true },
    resource: { type: String, required: true },
    recordId: { type: String, default: null },
    changedFields: { type: [String], default: [] },
    /** The API route it came through, e.g. `PATCH /organizations/:id`. */
    route: { type: String, required: true },
    status: { type: Number, required: true },
    requestId: { type: String, default: null },
  },
  { collection: 'audit_log', versionKey: false, strict: 'throw' },
);
auditEntrySchema.index({ at: -1, _id: -1 });
auditEntrySchema.index({ recordId: 1, at: -1 });
auditEntrySchema.index({ 'actor.id': 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };

/**
 * Secrets the instances share (`secrets`, `_id` = the secret's name): the key that signs the public
 * pages' tokens, made once by whichever instance starts first (an insert under the fixed `_id`; the
 * others read it), so every instance verifies what another signed.
 */
export const secretSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** base64url of the random bytes. */
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'secrets', versionKey: false, strict: 'throw' },
);

export type SecretDoc = InferSchemaType<typeof secretSchema>;
