/**
 * The API contract (`/api/v1`): zod schemas of every request and response. The server
 * validates requests with them and the add-in validates responses with them; the types
 * both sides use are inferred from them. Dates travel as ISO-8601 strings.
 * Request objects are strict: an unknown field is an error, never silently dropped.
 */
import * as z from 'zod'; // the namespace form lets bundlers drop what the add-in does not use (zod's locales)
import {
  ACTION_KINDS, CARE_PLAN_STATUSES, CUSTOMER_GROUPS, LANGUAGES, MANUAL_ACTION_KINDS, MATCH_KINDS, ROLES, SEGMENTS,
} from './domain/codes';
import { businessIdProblem } from './domain/businessId';
import { domainToAscii, normaliseEmail } from './domain/email';
import { isPublicMailDomain } from './domain/publicDomains';
import { MAX_MEETING_KEY_LENGTH } from './domain/meetingKey';

export const API_PREFIX = '/api/v1';
export const MAX_LOOKUP_ADDRESSES = 100;
export const MAX_RECIPIENTS = 500;
export const EXCERPT_MAX_LENGTH = 500;

// ---------- building blocks ----------

export const SegmentSchema = z.enum(SEGMENTS);
export const CustomerGroupSchema = z.enum(CUSTOMER_GROUPS);
export const ActionKindSchema = z.enum(ACTION_KINDS);
export const ManualActionKindSchema = z.enum(MANUAL_ACTION_KINDS);
export const RoleSchema = z.enum(ROLES);
export const CarePlanStatusSchema = z.enum(CARE_PLAN_STATUSES);
export const MatchKindSchema = z.enum(MATCH_KINDS);

export const IdSchema = z.string().regex(/^[a-f0-9]{24}$/, { error: 'must be a 24-character hexadecimal id' });
export const IsoDateTimeSchema = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });

/** An email address in any accepted spelling, normalised on parse. */
export const EmailSchema = z
  .string({ error: 'must be an email address' })
  .max(320, { error: 'must be at most 320 characters' })
  .transform((raw, ctx) => {
    const normalised = normaliseEmail(raw);
    if (normalised === null) {
      ctx.issues.push({ code: 'custom', message: 'is not a valid email address', input: raw, params: { code: 'invalid_format' } });
      return z.NEVER;
    }
    return normalised;
  });

export const DomainSchema = z
  .string()
  .max(253)
  .transform((raw, ctx) => {
    const ascii = domainToAscii(raw.replace(/^@/, ''));
    if (ascii === null) {
      ctx.issues.push({ code: 'custom', message: 'is not a valid domain name', input: raw, params: { code: 'invalid_format' } });
      return z.NEVER;
    }
    return ascii;
  });

/** A customer's own mail domain: a public mail service's domain would claim every one of its users. */
export const CustomerDomainSchema = DomainSchema.refine((d) => !isPublicMailDomain(d), {
  error: 'is a public mail domain and cannot identify a customer',
});

export const BusinessIdSchema = z.string().superRefine((value, ctx) => {
  const problem = businessIdProblem(value);
  if (problem === 'format') ctx.addIssue({ code: 'custom', message: 'must be a Finnish business ID in the form 1234567-8', params: { code: 'invalid_format' } });
  if (problem === 'check_digit') ctx.addIssue({ code: 'custom', message: 'has a wrong check digit', params: { code: 'invalid_format' } });
});

const name = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });

export const PersonRefSchema = z.object({ id: IdSchema, name: z.string(), email: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const ClassificationRefSchema = z.object({ id: IdSchema, name: z.string() });

export const ExternalIdsSchema = z.strictObject({
  top: name(64).optional(),
  profinder: name(64).optional(),
});

// ---------- organisations ----------

export const OrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  businessId: z.string().nullable(),
  segment: SegmentSchema,
  customerGroup: CustomerGroupSchema,
  emailDomains: z.array(z.string()),
  department: z.string().nullable(),
  responsible: PersonRefSchema.nullable(),
  backup: PersonRefSchema.nullable(),
  classifications: z.array(ClassificationRefSchema),
  externalIds: z.object({ top: z.string().optional(), profinder: z.string().optional() }),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Organization = z.infer<typeof OrganizationSchema>;

const organizationFields = {
  name: name(200),
  businessId: BusinessIdSchema.nullable(),
  segment: SegmentSchema,
  customerGroup: CustomerGroupSchema,
  emailDomains: z.array(CustomerDomainSchema).max(50),
  department: name(100).nullable(),
  responsibleId: IdSchema.nullable(),
  backupId: IdSchema.nullable(),
  classificationIds: z.array(IdSchema).max(100),
  externalIds: ExternalIdsSchema,
};

export const CreateOrganizationSchema = z.strictObject({
  ...organizationFields,
  businessId: organizationFields.businessId.optional(),
  segment: SegmentSchema.default('P'),
  customerGroup: CustomerGroupSchema.default('company'),
  emailDomains: organizationFields.emailDomains.default([]),
  department: organizationFields.department.optional(),
  responsibleId: organizationFields.responsibleId.optional(),
  backupId: organizationFields.backupId.optional(),
  classificationIds: organizationFields.classificationIds.default([]),
  externalIds: ExternalIdsSchema.default({}),
});
export type CreateOrganization = z.infer<typeof CreateOrganizationSchema>;

export const UpdateOrganizationSchema = z
  .strictObject(organizationFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });
export type UpdateOrganization = z.infer<typeof UpdateOrganizationSchema>;

/**
 * The filters of a view of customers, shared by the list (`GET /organizations`) and its CSV export
 * (`GET /exports/organizations.csv`), so that an export is exactly the view on screen.
 */
export const CustomerFilterFields = {
  /** Words of the name, business ID, mail domains, or of a contact's name or address (see shared/domain/searchText.ts). */
  q: z.string().max(200).optional(),
  segment: SegmentSchema.optional(),
  customerGroup: CustomerGroupSchema.optional(),
  carePlanStatus: CarePlanStatusSchema.optional(),
  responsibleId: IdSchema.optional(),
  backupId: IdSchema.optional(),
  /** Customers the user is responsible or backup for. */
  managerId: IdSchema.optional(),
  /** The classification and every one under it. */
  classificationId: IdSchema.optional(),
  department: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['name', 'segment', 'status', 'lastAction']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
};
export const CustomerFilterSchema = z.strictObject(CustomerFilterFields);
export type CustomerFilter = z.output<typeof CustomerFilterSchema>;

/** The page the web app's customer list asks for (a screenful; the API allows up to 200). */
export const CUSTOMER_LIST_PAGE_SIZE = 25;

export const OrganizationListQuerySchema = z.strictObject({
  ...CustomerFilterFields,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** A customer in a list: the customer, its overall care-plan status (null: no rule applies) and its newest action's time. */
export const OrganizationListItemSchema = OrganizationSchema.extend({
  carePlanStatus: CarePlanStatusSchema.nullable(),
  lastActionAt: IsoDateTimeSchema.nullable(),
});
export type OrganizationListItem = z.infer<typeof OrganizationListItemSchema>;

/** A page of the customer list; `total` (how many customers the query finds) when the search index alone counts them: a query (`q`) with no filter but the segment, in any order. */
export const OrganizationListPageSchema = z.object({
  items: z.array(OrganizationListItemSchema), page: z.number(), pageSize: z.number(), hasMore: z.boolean(), total: z.number().int().optional(),
});

// ---------- contacts ----------

export const ContactSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  name: z.string(),
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  classifications: z.array(ClassificationRefSchema),
  /** The language mailings and surveys reach the contact in (null: Finnish). */
  language: z.enum(LANGUAGES).nullable().default(null),
  /** Consent to marketing mail (`opted_out`: skipped by every mailing). Defaults: what a server older than consent answered. */
  marketingConsent: z.enum(['unknown', 'granted', 'opted_out']).default('unknown'),
  /** When the address was marked as bouncing (mailings skip it), or null. */
  bouncedAt: IsoDateTimeSchema.nullable().default(null),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

const contactFields = {
  name: name(200),
  emails: z.array(EmailSchema).min(1, { error: 'must have at least one address' }).max(20),
  phone: name(50).nullable(),
  title: name(200).nullable(),
  organizationId: IdSchema,
  classificationIds: z.array(IdSchema).max(100),
  language: z.enum(LANGUAGES, { error: 'must be fi, sv or en' }).nullable(),
};

/** A new potential (segment P) customer created together with its first contact. */
export const NewOrganizationForContactSchema = z.strictObject({
  name: name(200),
  customerGroup: CustomerGroupSchema.default('company'),
  emailDomains: z.array(CustomerDomainSchema).max(50).default([]),
  businessId: BusinessIdSchema.optional(),
});

export const CreateContactSchema = z
  .strictObject({
    ...contactFields,
    phone: contactFields.phone.optional(),
    title: contactFields.title.optional(),
    language: contactFields.language.optional(),
    organizationId: IdSchema.optional(),
    newOrganization: NewOrganizationForContactSchema.optional(),
    classificationIds: contactFields.classificationIds.default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.organizationId === !v.newOrganization) {
      ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'give exactly one of organizationId or newOrganization' });
    }
  });
export type CreateContact = z.infer<typeof CreateContactSchema>;

export const UpdateContactSchema = z
  .strictObject(contactFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });
export type UpdateContact = z.infer<typeof UpdateContactSchema>;

export const ContactListQuerySchema = z.strictObject({
  organizationId: IdSchema.optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------- care plans ----------

/** A rule's name in each user-interface language (`label` beside it is the English one). */
export const RuleLabelsSchema = z.object({ fi: z.string(), sv: z.string(), en: z.string() });

export const CarePlanRuleSchema = z.object({
  id: z.string(),
  label: z.string(),
  labels: RuleLabelsSchema,
  segment: SegmentSchema,
  customerGroup: CustomerGroupSchema.nullable(),
  actionKinds: z.array(ActionKindSchema),
  cadenceDays: z.number().int().positive(),
  firstWithinDays: z.number().int().positive().nullable(),
  warningDays: z.number().int().min(0),
});
export type CarePlanRuleView = z.infer<typeof CarePlanRuleSchema>;

export const RuleStatusSchema = z.object({
  id: z.string(),
  label: z.string(),
  labels: RuleLabelsSchema,
  status: CarePlanStatusSchema,
  lastAt: IsoDateTimeSchema.nullable(),
  dueAt: IsoDateTimeSchema,
  /** The earliest planned action still to come that satisfies the rule (UI: "planned for <date>"). */
  plannedAt: IsoDateTimeSchema.nullable().default(null),
});
export const CarePlanViewSchema = z.object({ overall: CarePlanStatusSchema, rules: z.array(RuleStatusSchema) });
export type CarePlanView = z.infer<typeof CarePlanViewSchema>;

/** `GET /organizations/:id`: the customer with its care plan (null when no rule applies). */
export const OrganizationDetailSchema = OrganizationSchema.extend({ carePlan: CarePlanViewSchema.nullable() });
export type OrganizationDetail = z.infer<typeof OrganizationDetailSchema>;

// ---------- actions ----------

export const ActionSchema = z.object({
  id: IdSchema,
  kind: ActionKindSchema,
  occurredAt: IsoDateTimeSchema,
  subject: z.string(),
  excerpt: z.string().nullable(),
  organizationId: IdSchema,
  contactIds: z.array(IdSchema),
  loggedBy: PersonRefSchema,
  loggedAt: IsoDateTimeSchema,
  internetMessageId: z.string().nullable(),
  conversationId: z.string().nullable(),
  /** A meeting or event whose time is still to come (at the response's time): it counts for the care plan once it has passed. */
  planned: z.boolean().default(false),
  /** The sales opportunity the action belongs to (it shows on that opportunity's timeline). */
  opportunityId: IdSchema.nullable().default(null),
  /** A `feedback` action's score: NPS 0–10, CSAT 1–5, a custom survey's mean. */
  feedbackScore: z.number().nullable().optional(),
});
export type Action = z.infer<typeof ActionSchema>;

const subject = z.string().max(1000, { error: 'must be at most 1000 characters' });

export const LogEmailSchema = z.strictObject({
  internetMessageId: z.string().trim().min(1, { error: 'must not be empty' }).max(998),
  conversationId: z.string().max(1000).optional(),
  subject,
  occurredAt: IsoDateTimeSchema,
  direction: z.enum(['in', 'out']),
  from: EmailSchema,
  to: z.array(EmailSchema).max(MAX_RECIPIENTS),
  cc: z.array(EmailSchema).max(MAX_RECIPIENTS).default([]),
  excerpt: z.string().max(20_000).optional(),
  organizationId: IdSchema.optional(),
  contactIds: z.array(IdSchema).max(MAX_RECIPIENTS).optional(),
  /** Also track the mail's conversation on the customer (needs `conversationId`): later mails of it are logged automatically. */
  trackConversation: z.boolean().default(false),
  /** Links the mail to one of the customer's opportunities (the first link of a mail stays). */
  opportunityId: IdSchema.optional(),
}).refine((b) => !b.trackConversation || b.conversationId !== undefined, {
  error: 'needs the conversationId of the mail',
  path: ['trackConversation'],
});
export type LogEmailRequest = z.input<typeof LogEmailSchema>;

export const LogEmailResponseSchema = z.object({
  action: ActionSchema,
  created: z.boolean(),
  carePlan: CarePlanViewSchema.nullable(),
});
export type LogEmailResponse = z.infer<typeof LogEmailResponseSchema>;

/**
 * `POST /actions/meeting`: a meeting from the Outlook calendar as a `meeting` action on one customer.
 * The server derives the meeting's key from `organizer`, `start` and `subject` (shared/domain/meetingKey),
 * so the organizer and every attendee land on the same action; `itemId` (this mailbox's id of the
 * item) lets a meeting that was moved find the action it was logged as.
 */
export const LogMeetingSchema = z.strictObject({
  organizer: EmailSchema,
  /** The occurrence's start. */
  start: IsoDateTimeSchema,
  subject,
  /** Required and optional attendees (the action names the customer's contacts among them). */
  attendees: z.array(EmailSchema).max(MAX_RECIPIENTS).default([]),
  organizationId: IdSchema,
  contactIds: z.array(IdSchema).max(MAX_RECIPIENTS).default([]),
  excerpt: z.string().max(20_000).optional(),
  itemId: z.string().trim().min(1, { error: 'must not be empty' }).max(2000).optional(),
});
export type LogMeetingRequest = z.input<typeof LogMeetingSchema>;

export const LogMeetingResponseSchema = LogEmailResponseSchema.extend({
  /** The meeting was logged before at another time or subject (it was moved): that action now has the new ones. */
  rescheduled: z.boolean().default(false),
});
export type LogMeetingResponse = z.infer<typeof LogMeetingResponseSchema>;

export const CreateActionSchema = z.strictObject({
  kind: ManualActionKindSchema,
  occurredAt: IsoDateTimeSchema,
  subject: subject.trim().min(1, { error: 'must not be empty' }),
  excerpt: z.string().max(20_000).optional(),
  organizationId: IdSchema,
  contactIds: z.array(IdSchema).max(100).default([]),
  /** One of the customer's opportunities the action belongs to. */
  opportunityId: IdSchema.optional(),
});
export type CreateAction = z.input<typeof CreateActionSchema>;

const oneOrManyKinds = z
  .union([ActionKindSchema, z.array(ActionKindSchema)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/** A page of a contact's actions: newest first, after the cursor of the page before. */
export const ContactTimelineQuerySchema = z.strictObject({
  /** `nextCursor` of the page before (opaque). */
  before: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'must be a nextCursor of an earlier page' }).optional(),
  /** One or many kinds (`?kind=call&kind=meeting`). */
  kind: oneOrManyKinds.optional(),
  loggedBy: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of a customer's timeline: as a contact's, optionally only the actions of one contact. */
export const TimelineQuerySchema = ContactTimelineQuerySchema.extend({ contactId: IdSchema.optional() });

export const TimelinePageSchema = z.object({ items: z.array(ActionSchema), nextCursor: z.string().nullable() });
export type TimelinePage = z.infer<typeof TimelinePageSchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), page: z.number(), pageSize: z.number(), hasMore: z.boolean() });

// ---------- lookup ----------

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));

export const LookupQuerySchema = z.strictObject({
  email: oneOrMany(z.string())
    .pipe(z.array(EmailSchema).min(1, { error: 'give at least one address' }).max(MAX_LOOKUP_ADDRESSES, { error: `at most ${MAX_LOOKUP_ADDRESSES} addresses per call` })),
  messageId: z.string().trim().min(1).max(998).optional(),
  /** A meeting's key (shared/domain/meetingKey): `logged` then says who logged the meeting. */
  meetingKey: z.string().min(1).max(MAX_MEETING_KEY_LENGTH).optional(),
  /** This mailbox's id of the meeting: `moved` says where it was logged under an earlier time or subject. */
  itemId: z.string().trim().min(1).max(2000).optional(),
});

export const LookupOrganizationSchema = z.object({
  id: IdSchema,
  name: z.string(),
  segment: SegmentSchema,
  customerGroup: CustomerGroupSchema,
  responsible: PersonRefSchema.nullable(),
  backup: PersonRefSchema.nullable(),
  classifications: z.array(ClassificationRefSchema),
});

export const LookupPersonSchema = z.object({
  email: z.string(),
  match: MatchKindSchema,
  contact: z.object({ id: IdSchema, name: z.string(), title: z.string().nullable(), classifications: z.array(ClassificationRefSchema) }).optional(),
  /** With `match: 'colleague'`: the CRM user the address belongs to. */
  colleague: z.object({ id: IdSchema, name: z.string(), email: z.string() }).optional(),
  organization: LookupOrganizationSchema.optional(),
  carePlan: CarePlanViewSchema.nullable().optional(),
  recentActions: z.array(ActionSchema).optional(),
});
export type LookupPerson = z.infer<typeof LookupPersonSchema>;

export const LoggedEntrySchema = z.object({
  actionId: IdSchema,
  organizationId: IdSchema,
  organizationName: z.string(),
  loggedBy: PersonRefSchema,
  loggedAt: IsoDateTimeSchema,
});
export type LoggedEntry = z.infer<typeof LoggedEntrySchema>;

export const LookupResponseSchema = z.object({
  people: z.array(LookupPersonSchema),
  logged: z.array(LoggedEntrySchema),
  /** A meeting this mailbox logged under an earlier time or subject, per customer not in `logged`: logging it again moves that action. */
  moved: z.array(LoggedEntrySchema).default([]),
});
export type LookupResponse = z.infer<typeof LookupResponseSchema>;

// ---------- users, auth ----------

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  department: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const DevTokenRequestSchema = z.strictObject({
  email: EmailSchema,
  name: name(200).optional(),
  role: RoleSchema.optional(),
});
export const DevTokenResponseSchema = z.object({ token: z.string() });

/** A user as administrators see it: `signedIn` is false until a provisioned person first signs in. */
export const AdminUserSchema = UserSchema.extend({ signedIn: z.boolean() });
export type AdminUser = z.infer<typeof AdminUserSchema>;

/** An administrator adds a person by address before their first sign-in, with their role. */
export const ProvisionUserSchema = z.strictObject({
  email: EmailSchema,
  name: name(200),
  role: RoleSchema,
  department: name(100).nullable().optional(),
});

export const UpdateUserSchema = z
  .strictObject({ name: name(200), role: RoleSchema, department: name(100).nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });

export const UserListQuerySchema = z.strictObject({
  role: RoleSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------- audit log (admins) ----------

/** One write: who, what, when, on which record, which fields (names only, never values). */
export const AuditEntrySchema = z.object({
  id: IdSchema,
  at: IsoDateTimeSchema,
  /** A signed-in user (`kind: user`, with a role), or a contact on a public page (`kind: contact`, no role). */
  actor: z.object({ id: IdSchema, name: z.string(), role: RoleSchema.nullable(), kind: z.enum(['user', 'contact']) }),
  action: z.string(),
  resource: z.string(),
  recordId: z.string().nullable(),
  changedFields: z.array(z.string()),
  route: z.string(),
  status: z.number().int(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.strictObject({
  recordId: z.string().trim().min(1).max(64).optional(),
  actorId: IdSchema.optional(),
  resource: z.string().regex(/^[a-z_]{1,40}$/, { error: 'must be a resource name such as organization' }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

// ---------- errors ----------

export const ERROR_CODES = [
  'invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large',
  'unsupported_media_type', 'unprocessable', 'rate_limited', 'unavailable', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What is wrong with a field, as a stable code that clients translate (the `message` is English,
 * for logs and as the last fallback). `limit` goes with the size codes: the minimum or maximum.
 * - required: missing or empty; too_short / too_long: a text's length; too_small / too_big: a number;
 *   too_few / too_many: a list's items; invalid_format: not an email, date, id…; invalid_type: not a
 *   text, number…; invalid_value: not one of the allowed values; unknown_field: not a field of the request;
 *   duplicate: another record has it already; not_found: names nothing that exists; future: a time still to come;
 *   invalid: any other check (the message says which).
 */
export const FIELD_PROBLEM_CODES = [
  'required', 'too_short', 'too_long', 'too_small', 'too_big', 'too_few', 'too_many', 'invalid_format', 'invalid_type',
  'invalid_value', 'unknown_field', 'duplicate', 'not_found', 'future', 'invalid',
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

export const FieldProblemSchema = z.object({
  path: z.string(),
  message: z.string(),
  // a string, not the enum: a client keeps working when a newer server sends a code it does not know yet
  code: z.string().optional(),
  limit: z.number().optional(),
});
export type FieldProblem = z.infer<typeof FieldProblemSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.array(FieldProblemSchema).optional(),
    requestId: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
