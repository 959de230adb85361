/**
 * The API contract of selections (poiminnat): a saved filter over customers — the customer list's
 * filters and a few of the customer's activity — or over their contacts (a contact's title and
 * classification), that is either **dynamic** (its members found again whenever it is used) or
 * **static** (a frozen member list, changed by hand).
 *
 * A selection with a contact criterion is *over contacts*: its customers are those with at least
 * one matching contact, and its contacts are the matching ones (a static one's frozen customers'
 * matching contacts: it keeps its criteria). Any other selection's contacts are all the contacts
 * of its customers.
 */
import * as z from 'zod';
import { ActionKindSchema, CustomerFilterFields, IdSchema, OrganizationListItemSchema, PersonRefSchema, SegmentSchema } from './contract';
import { MARKETING_CONSENTS } from './contract-campaigns';
import { DaySchema } from './contract-tasks';
import { LANGUAGES } from './domain/codes';

/** How many customers a static selection holds, at most. */
export const MAX_SELECTION_MEMBERS = 20_000;
export const SELECTION_KINDS = ['dynamic', 'static'] as const;
export type SelectionKind = (typeof SELECTION_KINDS)[number];

const { sort: _sort, order: _order, ...filterFields } = CustomerFilterFields;

/** The customer list's filters, the customer's activity, and its contacts' title and classification. */
export const SelectionCriteriaSchema = z
  .strictObject({
    ...filterFields,
    /** No action of any kind on or after this day (the newest is older, or there is none). */
    noActionSince: DaySchema.optional(),
    /** Some action on or after this day. */
    actionSince: DaySchema.optional(),
    /** With `kindSince`: an action of this kind on or after that day (`hasKind`), or none (`hasKind: false`). */
    kind: ActionKindSchema.optional(),
    kindSince: DaySchema.optional(),
    hasKind: z.boolean().optional(),
    /** Has an open opportunity (true), or has none (false). */
    hasOpenOpportunity: z.boolean().optional(),
    /**
     * A contact whose title has this text, regardless of case and accents (`paallikko` finds
     * "HR-päällikkö"): the title is where a contact's role is kept.
     */
    contactTitle: z.string().trim().min(1, { error: 'must not be empty' }).max(100, { error: 'must be at most 100 characters' }).optional(),
    /** A contact with this contact classification, or one under it. */
    contactClassification: IdSchema.optional(),
  })
  .refine((c) => (c.kind === undefined) === (c.kindSince === undefined), { error: 'an action kind and the day since go together', path: ['kindSince'] });
export type SelectionCriteria = z.output<typeof SelectionCriteriaSchema>;

const name = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });
const memberIds = z.array(IdSchema).max(MAX_SELECTION_MEMBERS, { error: `must name at most ${MAX_SELECTION_MEMBERS} customers` });

export const SelectionSchema = z.object({
  id: IdSchema,
  name: z.string(),
  owner: PersonRefSchema,
  /** Everyone sees and uses it; otherwise only its owner (and administrators). */
  shared: z.boolean(),
  kind: z.enum(SELECTION_KINDS),
  /** A dynamic selection's filter; a static one keeps the filter it was frozen from. */
  criteria: SelectionCriteriaSchema,
  /** A static selection's member count; null for a dynamic one (its members are found when used). */
  memberCount: z.number().int().nullable(),
  frozenAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Selection = z.infer<typeof SelectionSchema>;
export const SelectionListSchema = z.object({ items: z.array(SelectionSchema) });

/** `POST /selections`: a dynamic one by its criteria, or a static one by its members. */
export const CreateSelectionSchema = z
  .strictObject({
    name,
    shared: z.boolean().default(false),
    kind: z.enum(SELECTION_KINDS).default('dynamic'),
    criteria: SelectionCriteriaSchema.default({}),
    memberIds: memberIds.optional(),
  })
  .refine((s) => s.kind === 'static' || s.memberIds === undefined, { error: 'only a static selection is made of members named by hand', path: ['memberIds'] });
export type CreateSelection = z.input<typeof CreateSelectionSchema>;

/** `PATCH /selections/:id`, on the version read; a static selection's criteria do not change (it is frozen). */
export const UpdateSelectionSchema = z
  .strictObject({ version: z.number().int().min(0), name, shared: z.boolean(), criteria: SelectionCriteriaSchema })
  .partial()
  .required({ version: true })
  .refine((v) => Object.keys(v).length > 1, { error: 'must change at least one field' });
export type UpdateSelection = z.input<typeof UpdateSelectionSchema>;

/** `POST /selections/:id/freeze`: a dynamic selection becomes static with the members it has now. */
export const FreezeSelectionSchema = z.strictObject({ version: z.number().int().min(0) });

/** `POST /selections/:id/members`: customers added to and removed from a static selection. */
export const ChangeMembersSchema = z
  .strictObject({ version: z.number().int().min(0), add: memberIds.default([]), remove: memberIds.default([]) })
  .refine((v) => v.add.length + v.remove.length > 0, { error: 'must add or remove at least one customer', path: ['add'] });

export const SelectionMembersQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of a selection's members in name order, and how many it has now. */
export const SelectionMembersPageSchema = z.object({
  items: z.array(OrganizationListItemSchema), page: z.number(), pageSize: z.number(), hasMore: z.boolean(), total: z.number().int(),
});
export type SelectionMembersPage = z.infer<typeof SelectionMembersPageSchema>;

/** A contact of a selection, as its contacts tab shows it. */
export const SelectionContactSchema = z.object({
  id: IdSchema,
  name: z.string(),
  title: z.string().nullable(),
  organizationId: IdSchema,
  organizationName: z.string(),
  /** The address a mailing goes to (the first), null when it has none. */
  email: z.string().nullable(),
  language: z.enum(LANGUAGES).nullable(),
  marketingConsent: z.enum(MARKETING_CONSENTS),
});
export type SelectionContact = z.infer<typeof SelectionContactSchema>;

/** `GET /selections/:id/contacts`: a page of a selection's contacts in name order, and how many it has now. */
export const SelectionContactsPageSchema = z.object({
  items: z.array(SelectionContactSchema), page: z.number(), pageSize: z.number(), hasMore: z.boolean(), total: z.number().int(),
  /** Whether the selection is over contacts (has a contact criterion); otherwise these are every contact of its customers. */
  overContacts: z.boolean(),
});
export type SelectionContactsPage = z.infer<typeof SelectionContactsPageSchema>;

/**
 * `GET /selections/:id/export.csv|.xlsx`: the members with the customer export's columns;
 * `GET /selections/:id/contacts.csv|.xlsx`: its contacts with the contact export's columns, their
 * language and consent. Headers in English or Finnish.
 */
export const SelectionExportQuerySchema = z.strictObject({ headers: z.enum(['en', 'fi']).default('en') });

/**
 * `POST /selections/:id/managers`: every member gets this responsible and/or backup account manager
 * (null empties it). `expectedCount` is the member count the user confirmed: a selection that has
 * another count now is refused (409), so nobody changes customers they did not see counted.
 */
export const AssignSelectionManagersSchema = z
  .strictObject({
    expectedCount: z.number().int().min(0),
    responsibleId: IdSchema.nullable().optional(),
    backupId: IdSchema.nullable().optional(),
  })
  .refine((v) => v.responsibleId !== undefined || v.backupId !== undefined, { path: ['responsibleId'], error: 'give responsibleId or backupId' })
  .refine((v) => !v.responsibleId || v.responsibleId !== v.backupId, { path: ['backupId'], error: 'must differ from responsibleId' });
export const AssignSelectionManagersResultSchema = z.object({ matched: z.number().int(), changed: z.number().int() });

/** `POST /selections/:id/segment`: every member to one segment, once the count is confirmed. */
export const SelectionSegmentSchema = z.strictObject({ expectedCount: z.number().int().min(0), segment: SegmentSchema });

/** `POST /selections/:id/classifications`: classifications added to and removed from every member. */
export const SelectionClassificationsSchema = z
  .strictObject({
    expectedCount: z.number().int().min(0),
    add: z.array(IdSchema).max(50).default([]),
    remove: z.array(IdSchema).max(50).default([]),
  })
  .refine((v) => v.add.length + v.remove.length > 0, { path: ['add'], error: 'give classifications to add or remove' })
  .refine((v) => !v.add.some((id) => v.remove.includes(id)), { path: ['remove'], error: 'must not name a classification that is also added' });

/** What a list operation did: members changed, members already so, and those that failed (with the reason); the rest went on. */
export const SelectionChangeResultSchema = z.object({
  changed: z.number().int(),
  unchanged: z.number().int(),
  failed: z.array(z.object({ organizationId: IdSchema, name: z.string(), reason: z.string() })),
});
export type SelectionChangeResult = z.infer<typeof SelectionChangeResultSchema>;

/**
 * `POST /selections/:id/tasks`: a follow-up task on every member, assigned to each customer's
 * responsible account manager (`responsible`; the one creating them where a customer has none)
 * or to the one creating them (`me`). `operationId` (the client's random id for this operation)
 * makes a retry after a failure create only the tasks still missing, never a second one.
 */
export const SelectionTasksSchema = z.strictObject({
  operationId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'must be 16–64 URL-safe characters' }),
  expectedCount: z.number().int().min(0),
  title: z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  note: z.string().max(2000, { error: 'must be at most 2000 characters' }).optional(),
  dueOn: DaySchema,
  assignTo: z.enum(['responsible', 'me']).default('responsible'),
});
/** What the operation did: tasks created now, ones an earlier try of the same operation made, and the customers it could not do with the reason. */
export const SelectionTasksResultSchema = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  failed: z.array(z.object({ organizationId: IdSchema, name: z.string(), reason: z.string() })),
});
export type SelectionTasksResult = z.infer<typeof SelectionTasksResultSchema>;
