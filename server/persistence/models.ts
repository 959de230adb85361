/**
 * The mongoose schemas: the only place that knows how documents are stored.
 * Uniqueness that must hold on both MongoDB and FerretDB (contact addresses, customer email
 * domains, business IDs, external IDs) lives in the `unique_keys` collection, whose
 * deterministic `_id` is the most portable unique key there is.
 */
import { Schema, type Connection, type InferSchemaType, type Model, Types } from 'mongoose';
import { ACTION_KINDS, CUSTOMER_GROUPS, ROLES, SEGMENTS, type ActionKind, type CustomerGroup, type Segment } from '../../shared/domain/codes';
import { PRODUCT_KINDS, PRODUCT_UNITS } from '../../shared/contract-sales';
import {
  campaignSchema, mailingBatchSchema, mailingRecipientSchema, mailingSchema, type CampaignDoc, type MailingBatchDoc, type MailingDoc, type MailingRecipientDoc,
} from './marketingModels';
import { auditEntrySchema, secretSchema, type AuditEntryDoc, type SecretDoc } from './securityModels';
import {
  feedbackLatestSchema, invitationSchema, surveySchema, type FeedbackLatestDoc, type InvitationDoc, type SurveyDoc,
} from './feedbackModels';
import {
  importChunkSchema, importReportSchema, mergeRecordSchema, type ImportChunkDoc, type ImportReportDoc, type MergeRecordDoc,
} from './customerDataModels';

const personRef = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, name: String, email: String }, { _id: false });

const lastActionAt = new Schema(
  Object.fromEntries(ACTION_KINDS.map((k) => [k, Date])) as Record<string, DateConstructor>,
  { _id: false },
);

/** A copy of one of a customer's newest actions, as stored in `actions` (an action never changes once logged). */
const actionFields = {
  kind: { type: String, enum: ACTION_KINDS, required: true },
  occurredAt: { type: Date, required: true },
  subject: { type: String, default: '' },
  excerpt: { type: String, default: null },
  organizationId: { type: Schema.Types.ObjectId, required: true },
  contactIds: { type: [Schema.Types.ObjectId], default: [] },
  loggedBy: { type: personRef, required: true },
  loggedAt: { type: Date, required: true },
  internetMessageId: { type: String, default: null },
  conversationId: { type: String, default: null },
  opportunityId: { type: Schema.Types.ObjectId, default: null },
  /** A `feedback` action's score (NPS 0–10, CSAT 1–5, a custom survey's mean); absent on every other kind. */
  feedbackScore: { type: Number, default: undefined },
};

const recentActionSnapshot = new Schema({ _id: { type: Schema.Types.ObjectId, required: true }, ...actionFields });

/** A planned action (a meeting or event logged ahead of its time) on its customer, until its time has passed. */
const plannedActionSnapshot = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: ACTION_KINDS, required: true },
    occurredAt: { type: Date, required: true },
    subject: { type: String, default: '' },
  },
);

export const organizationSchema = new Schema(
  {
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    businessId: { type: String, default: null },
    segment: { type: String, enum: SEGMENTS, required: true },
    customerGroup: { type: String, enum: CUSTOMER_GROUPS, required: true },
    emailDomains: { type: [String], default: [] },
    department: { type: String, default: null },
    responsibleId: { type: Schema.Types.ObjectId, default: null },
    backupId: { type: Schema.Types.ObjectId, default: null },
    classificationIds: { type: [Schema.Types.ObjectId], default: [] },
    externalIds: { top: String, profinder: String },
    /** Newest action per kind, kept with `$max` on every log: the care-plan input without scanning actions. */
    lastActionAt: { type: lastActionAt, default: {} },
    /**
     * Copies of the newest actions (newest first, at most RECENT_ACTIONS), kept on every log: what a
     * lookup shows, with the customer, in one `_id` read (FerretDB's SQLite backend answers only `{_id}`
     * filters from an index). Missing on documents written without it; the repository's rebuildRecentActions fills it in.
     */
    recentActions: { type: [recentActionSnapshot], default: [] },
    /** Counts changes of `recentActions`: the version a rebuild of the list compares and sets. */
    recentVersion: { type: Number, default: 0 },
    /**
     * Actions logged ahead of their time, earliest first: not in `lastActionAt` until their time has
     * passed (the care plan counts a passed one at once; the fold, usecases/plannedActions, moves it).
     */
    plannedActions: { type: [plannedActionSnapshot], default: [] },
    /** The newest action of any kind (`$max` on every log): what the list sorts by "last action". */
    lastActionAny: { type: Date, default: null },
    /**
     * The customer's contacts (an extended reference, `$addToSet`/`$pull` on every create, move,
     * merge and import), so that the customer page reads them by `_id`. Missing: never built (backfilled at start).
     */
    contactIds: { type: [Schema.Types.ObjectId], default: undefined },
    /** The months (`YYYY-MM`) that have a timeline bucket (`timeline_buckets`); missing: never built (backfilled at start). */
    timelineMonths: { type: [String], default: undefined },
  },
  { collection: 'organizations', timestamps: true, versionKey: false, strict: 'throw' },
);
organizationSchema.index({ nameLower: 1 });
organizationSchema.index({ segment: 1 });
organizationSchema.index({ responsibleId: 1 });
organizationSchema.index({ backupId: 1 });
organizationSchema.index({ 'plannedActions.occurredAt': 1 }, { name: 'plannedActions.occurredAt' });
organizationSchema.index({ lastActionAny: -1, _id: 1 });
organizationSchema.index({ customerGroup: 1 });
organizationSchema.index({ classificationIds: 1 });
organizationSchema.index({ department: 1 });

export const contactSchema = new Schema(
  {
    organizationId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true },
    nameLower: { type: String, required: true },
    emails: { type: [String], default: [] },
    phone: { type: String, default: null },
    title: { type: String, default: null },
    classificationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The language mailings and surveys reach the contact in (null: Finnish). */
    language: { type: String, enum: ['fi', 'sv', 'en', null], default: null },
    /** Consent to marketing mail: `opted_out` (by the contact's unsubscribe, or a user) is skipped by every mailing. */
    marketingConsent: { type: String, enum: ['unknown', 'granted', 'opted_out'], default: 'unknown' },
    marketingConsentAt: { type: Date, default: null },
    /** When the contact's address was marked as bouncing permanently (null: it does not): mailings skip it. */
    bouncedAt: { type: Date, default: null },
  },
  { collection: 'contacts', timestamps: true, versionKey: false, strict: 'throw' },
);
contactSchema.index({ organizationId: 1 });
contactSchema.index({ nameLower: 1 });
contactSchema.index({ classificationIds: 1 });

export const UNIQUE_KEY_KINDS = ['email', 'domain', 'businessId', 'top', 'profinder', 'productCode'] as const;
export type UniqueKeyKind = (typeof UNIQUE_KEY_KINDS)[number];

export const uniqueKeySchema = new Schema(
  {
    _id: { type: String, required: true }, // `${kind}:${value}`
    kind: { type: String, enum: UNIQUE_KEY_KINDS, required: true },
    ownerId: { type: Schema.Types.ObjectId, required: true },
    /** For a contact's address: the contact's customer (an extended reference, so a lookup reads no contact first). */
    organizationId: { type: Schema.Types.ObjectId, default: null },
    /** When the owner claimed it: a key whose owner does not exist is taken over only once it is older than a write takes. */
    claimedAt: { type: Date, default: null },
  },
  { collection: 'unique_keys', versionKey: false, strict: 'throw' },
);
uniqueKeySchema.index({ ownerId: 1 });

export const actionSchema = new Schema(
  {
    ...actionFields,
    participants: { from: String, to: [String], cc: [String] },
    /** A meeting's key as it was last logged (usecases/logMeeting); merges move its claim. Not on the copies. */
    meetingKey: { type: String, default: undefined },
  },
  { collection: 'actions', versionKey: false, strict: 'throw' },
);
actionSchema.index({ organizationId: 1, occurredAt: -1 });
actionSchema.index({ internetMessageId: 1 });
actionSchema.index({ 'loggedBy.id': 1, occurredAt: -1 });

/**
 * Which customers a mail is logged on, one document per mail (`_id` = a digest of its
 * `internetMessageId`): `customers.<customerId>` = the action, who logged it and when. Claiming
 * `customers.<id>` with a conditional upsert is what makes logging a mail once per customer
 * idempotent for the whole team; a lookup reads the whole list by `_id`.
 */
export const mailLogSchema = new Schema(
  {
    _id: { type: String, required: true },
    internetMessageId: { type: String, required: true },
    /** The conversation the mail was first logged in (a tracked conversation's id when it was logged through the tracking). */
    conversationId: { type: String },
    customers: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'mail_logs', versionKey: false, strict: 'throw', minimize: false },
);

/** The training-product catalogue (`products`): small, read whole; its codes are unique through `unique_keys` (`productCode`). */
export const productSchema = new Schema(
  {
    code: { type: String, required: true },
    name: {
      fi: { type: String, required: true },
      sv: { type: String, default: null },
      en: { type: String, default: null },
    },
    kind: { type: String, enum: PRODUCT_KINDS, required: true },
    unit: { type: String, enum: PRODUCT_UNITS, required: true },
    unitPriceCents: { type: Number, required: true },
    vatRateBp: { type: Number, required: true },
    active: { type: Boolean, default: true },
  },
  { collection: 'products', timestamps: true, versionKey: false, strict: 'throw' },
);

const personRefSchema = new Schema({ id: { type: Schema.Types.ObjectId, required: true }, name: String, email: String }, { _id: false });

/**
 * Opportunities (`opportunities`): one document each, changed only by a compare-and-set on
 * `version` (which every change increments) with the stage change pushed to `history`.
 */
export const opportunitySchema = new Schema(
  {
    organizationId: { type: Schema.Types.ObjectId, required: true },
    organizationName: { type: String, required: true },
    contactIds: { type: [Schema.Types.ObjectId], default: [] },
    owner: { type: personRefSchema, required: true },
    title: { type: String, required: true },
    /** A configured open stage's key (`pipeline_stages`), or won or lost. */
    stage: { type: String, required: true },
    lostReason: { type: String, default: null },
    estimatedValueCents: { type: Number, default: 0 },
    probabilityPct: { type: Number, required: true },
    expectedCloseOn: { type: String, default: null },
    productIds: { type: [Schema.Types.ObjectId], default: [] },
    notes: { type: String, default: '' },
    history: {
      type: [new Schema({ at: Date, by: personRefSchema, from: { type: String, default: null }, to: String }, { _id: false })],
      default: [],
    },
    version: { type: Number, default: 0 },
    /** Its offers, oldest first (`$addToSet`, outside the version: an offer changes nothing else of it). */
    offerIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The actions linked to it (mails logged with it, its offers sent), oldest first (`$addToSet`, outside the version). */
    actionIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { collection: 'opportunities', timestamps: true, versionKey: false, strict: 'throw' },
);

/**
 * Offers (`offers`): a numbered document of an opportunity (`number` from the `counters` document
 * `offer:<year>`, one `$inc` each, so no two offers share one), its lines and totals as computed
 * (shared/domain/money), changed only by a compare-and-set on `version`, and only while a draft.
 */
export const offerSchema = new Schema(
  {
    number: { type: String, required: true },
    opportunityId: { type: Schema.Types.ObjectId, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    organizationName: { type: String, required: true },
    contactId: { type: Schema.Types.ObjectId, default: null },
    owner: { type: personRefSchema, required: true },
    language: { type: String, enum: ['fi', 'sv', 'en'], required: true },
    lines: {
      type: [new Schema({
        productId: { type: Schema.Types.ObjectId, default: null }, description: String, quantityHundredths: Number,
        unitPriceCents: Number, discountBp: Number, vatRateBp: Number, netCents: Number,
      }, { _id: false })],
      default: [],
    },
    totals: { type: Schema.Types.Mixed, required: true },
    validUntil: { type: String, required: true },
    terms: { type: String, default: '' },
    state: { type: String, enum: ['draft', 'sent', 'accepted', 'rejected'], required: true },
    sentAt: { type: Date, default: null },
    answeredAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { collection: 'offers', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);

/**
 * Orders (`orders`): one per accepted offer (`_id` derived from the offer's, so a second order of
 * it is a duplicate insert), the offer's lines and totals copied and never changed; its state and
 * delivery dates changed by a compare-and-set on `version`.
 */
export const orderSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    number: { type: String, required: true },
    offerId: { type: Schema.Types.ObjectId, required: true },
    opportunityId: { type: Schema.Types.ObjectId, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    organizationName: { type: String, required: true },
    lines: { type: Schema.Types.Mixed, required: true },
    totals: { type: Schema.Types.Mixed, required: true },
    deliveryStart: { type: String, default: null },
    deliveryEnd: { type: String, default: null },
    state: { type: String, enum: ['confirmed', 'delivered', 'to_be_invoiced', 'invoiced'], required: true },
    version: { type: Number, default: 0 },
  },
  { collection: 'orders', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);
orderSchema.index({ state: 1 });

/**
 * Who has which opportunities, addressable by `_id` (`owner:<userId>`, `customer:<organizationId>`):
 * `o.<opportunityId>` = `{ v }`, set and unset by version like the task lists, so the pipeline board
 * reads one list and then its opportunities by `_id`, and never scans.
 */
export const opportunityListSchema = new Schema(
  { _id: { type: String, required: true }, o: { type: Schema.Types.Mixed, default: {} } },
  { collection: 'opportunity_lists', versionKey: false, strict: 'throw', minimize: false },
);

/**
 * The orders in each state, addressable by `_id` (`state:<orderState>`): `ids` the order ids, kept in
 * step by the orders repository ($addToSet to the new state's list before $pull from the old one), so
 * the orders page reads one list and then its orders by `_id`, and never scans; a reader keeps only
 * the orders whose own state still matches.
 */
export const orderListSchema = new Schema(
  { _id: { type: String, required: true }, ids: { type: [String], default: [] } },
  { collection: 'order_lists', versionKey: false, strict: 'throw', minimize: false },
);

/**
 * Tracked conversations (`tracked_conversations`, one document per conversation): `_id` is a hash
 * of the conversation id, `customers.<organizationId>` one customer's tracking, set where it does
 * not exist and unset to stop, so no write reads the document first.
 */
export const trackedConversationSchema = new Schema(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    customers: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'tracked_conversations', versionKey: false, strict: 'throw', minimize: false },
);

/** The mail as it left (the on-send report) or as the sent copy shows it (a match without a send event). */
const sentMailSchema = new Schema(
  {
    subject: { type: String, default: '' },
    from: { type: String, required: true },
    to: { type: [String], default: [] },
    cc: { type: [String], default: [] },
    excerpt: { type: String, default: null },
    conversationId: { type: String, default: null },
    occurredAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * "Log when sent" (`send_logs`, one document per draft): `_id` is the SHA-256 of the token the
 * draft carries in its `x-asiakkuus-log` header, so the raw token is never stored. The state moves
 * pending → sent or pending → cancelled, each a compare-and-set on `state`.
 */
export const sendLogSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: personRef, required: true },
    organizationIds: { type: [Schema.Types.ObjectId], default: [] },
    /** Offers attached to the mail: marked sent when it is sent (usecases/sendLogs). */
    offerIds: { type: [Schema.Types.ObjectId], default: [] },
    state: { type: String, enum: ['pending', 'sent', 'cancelled'], required: true },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    mail: { type: sentMailSchema, default: null },
    internetMessageId: { type: String, default: null },
  },
  { collection: 'send_logs', versionKey: false, strict: 'throw' },
);

/**
 * Selections (./repositories/selections): a saved filter (`criteria`), dynamic or static. A static
 * one's members are in `selection_members` documents `<selectionId>:<generation>:<n>` of up to
 * 1,000 ids each; `memberGen` names the generation in force (a fresh random id per change),
 * `memberChunks` how many it has. A change of members writes a new generation and then moves
 * `memberGen` by compare-and-set on `version`, so a reader never sees half a list and two writers
 * never mix theirs.
 */
export const selectionSchema = new Schema(
  {
    name: { type: String, required: true },
    owner: { type: personRefSchema, required: true },
    shared: { type: Boolean, default: false },
    kind: { type: String, enum: ['dynamic', 'static'], required: true },
    criteria: { type: Schema.Types.Mixed, default: {} },
    memberCount: { type: Number, default: null },
    memberGen: { type: String, default: null },
    memberChunks: { type: Number, default: 0 },
    frozenAt: { type: Date, default: null },
    version: { type: Number, default: 0 },
  },
  { collection: 'selections', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);
selectionSchema.index({ 'owner.id': 1 });
selectionSchema.index({ shared: 1 });

export const selectionMemberSchema = new Schema(
  { _id: { type: String, required: true }, ids: { type: [String], default: [] } },
  { collection: 'selection_members', versionKey: false, strict: 'throw' },
);

/**
 * The pipeline's open stages as administrators order and name them: one document, `_id: 'stages'`,
 * changed as a whole on its `version` (a compare-and-set); none until the first change, and then
 * the defaults apply (shared/contract-sales DEFAULT_PIPELINE_STAGES).
 */
export const pipelineStagesSchema = new Schema(
  {
    _id: { type: String, required: true },
    stages: {
      type: [new Schema({
        key: { type: String, required: true },
        labels: { type: new Schema({ fi: String, sv: String, en: String }, { _id: false, strict: 'throw' }), required: true },
        probabilityPct: { type: Number, required: true },
        active: { type: Boolean, default: true },
      }, { _id: false, strict: 'throw' })],
      required: true,
    },
    version: { type: Number, required: true },
  },
  { collection: 'pipeline_stages', timestamps: true, versionKey: false, strict: 'throw' },
);

/** A rule's name per language; a language missing from a stored rule (one older than the names) reads as `label`. */
const ruleLabelsSchema = new Schema({ fi: String, sv: String, en: String }, { _id: false, strict: 'throw' });

export const carePlanRuleSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The English (default) name, = `labels.en`. */
    label: { type: String, required: true },
    labels: { type: ruleLabelsSchema, default: undefined },
    segment: { type: String, enum: SEGMENTS, required: true },
    customerGroup: { type: String, enum: CUSTOMER_GROUPS, default: null },
    actionKinds: { type: [String], enum: ACTION_KINDS, required: true },
    cadenceDays: { type: Number, required: true, min: 1 },
    firstWithinDays: { type: Number, default: null },
    warningDays: { type: Number, required: true, min: 0 },
  },
  { collection: 'care_plan_rules', timestamps: true, versionKey: false, strict: 'throw' },
);

/**
 * The search index (./repositories/searchIndex): documents by `_id` of a word key (`p:<key>:<shard>`,
 * `m.<customer id>` the customer's lower-case name `n`, segment `s` and words `w` of that key, a
 * contact's as `<word> <contact id>`), of a two-character start (`d:…`, `more` the longer keys under
 * it), and the layout's version (`~version`, `v`).
 */
const searchCustomer = new Schema({ n: { type: String, default: '' }, s: { type: String, default: '' }, w: { type: [String], default: undefined } }, { _id: false });
export const searchPrefixSchema = new Schema(
  { _id: { type: String, required: true }, m: { type: Map, of: searchCustomer, default: undefined }, more: { type: [String], default: undefined }, v: { type: Number } },
  { collection: 'search_prefixes', versionKey: false, strict: 'throw' },
);

/**
 * A customer's timeline, one document per month (`_id` = `<organizationId>:<YYYY-MM>`, UTC):
 * copies of that month's actions, newest first (the bucket pattern; ./repositories/timeline).
 * `v` counts the changes: the version a rebuild compares and sets.
 */
export const timelineBucketSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    month: { type: String, required: true },
    actions: { type: [recentActionSnapshot], default: [] },
    v: { type: Number, default: 0 },
  },
  { collection: 'timeline_buckets', versionKey: false, strict: 'throw' },
);

/**
 * Every action of a month in a few documents, for the reports (`activity_months`, `_id` =
 * `<YYYY-MM>:<shard>`, the UTC month of `occurredAt`, the shard from the action's id):
 * `a.a<actionId>` = `<customer id>|<kind>|<logger id>|<occurredAt, epoch ms>`. A report over a
 * period reads its months' documents by `_id` and never the actions collection (./repositories/activityMonths).
 */
export const activityMonthSchema = new Schema(
  { _id: { type: String, required: true }, month: { type: String, required: true }, a: { type: Schema.Types.Mixed, default: {} } },
  { collection: 'activity_months', versionKey: false, strict: 'throw', minimize: false },
);

export const userSchema = new Schema(
  {
    email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    department: { type: String, default: null },
    /** Who the identity provider says this is: `dev:<email>` or `entra:<tid>:<oid>`. */
    authSubject: { type: String, required: true },
  },
  { collection: 'users', timestamps: true, versionKey: false, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ authSubject: 1 }, { unique: true });

export const classificationNodeSchema = new Schema(
  {
    name: { type: String, required: true },
    parentId: { type: Schema.Types.ObjectId, default: null },
    appliesTo: { type: String, enum: ['organization', 'contact'], required: true },
  },
  { collection: 'classification_nodes', timestamps: true, versionKey: false, strict: 'throw' },
);
classificationNodeSchema.index({ parentId: 1 });

/** A follow-up task (shared/contract-tasks.ts). `version` counts its changes: the compare-and-set of every write. */
export const taskSchema = new Schema(
  {
    title: { type: String, required: true },
    note: { type: String, default: null },
    organizationId: { type: Schema.Types.ObjectId, required: true },
    /** The customer's name when the task was written (an extended reference for the task lists). */
    organizationName: { type: String, default: '' },
    contactIds: { type: [Schema.Types.ObjectId], default: [] },
    /** The due day, YYYY-MM-DD (sorts as text). */
    dueOn: { type: String, required: true },
    assignee: { type: personRef, required: true },
    createdBy: { type: personRef, required: true },
    status: { type: String, enum: ['open', 'done'], required: true },
    completedAt: { type: Date, default: null },
    completedBy: { type: personRef, default: null },
    actionId: { type: Schema.Types.ObjectId, default: null },
    /** How often the task was reopened: a completion's action id derives from it (one action per completion). */
    reopenCount: { type: Number, default: 0 },
    version: { type: Number, default: 0 },
  },
  { collection: 'tasks', timestamps: true, versionKey: false, strict: 'throw' },
);
taskSchema.index({ organizationId: 1, status: 1, completedAt: -1 }, { name: 'organizationId_status_completedAt' });
taskSchema.index({ 'assignee.id': 1, status: 1, dueOn: 1 }, { name: 'assignee.id_status_dueOn' });

/**
 * The open tasks of one assignee (`_id` `assignee:<userId>`) or one customer (`customer:<orgId>`):
 * `tasks.<taskId>` = a copy of the few fields a list shows, with the task's `version` (`v`), so
 * that a desk reads them in one `_id` read. Each entry is set and unset on its own (`$set`/`$unset`
 * of its path, guarded by `v`), never by writing the whole map back.
 */
export const taskListSchema = new Schema(
  {
    _id: { type: String, required: true },
    tasks: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'task_lists', versionKey: false, strict: 'throw', minimize: false },
);

/**
 * An account manager's desk, in small `_id`-addressed parts (the bucket pattern), so that a write
 * rewrites a few KiB on every engine and a read is DESK_BUCKETS + 2 parallel `_id` reads:
 * - `<userId>:<n>` (n in 0..DESK_BUCKETS-1): `customers.<customerId>` = the snapshot of each customer
 *   the user is responsible or backup for whose id hashes to bucket n (DeskCustomerDoc);
 * - `<userId>:recent`: `recent` = copies of the newest actions on those customers logged by
 *   colleagues (newest first, at most DESK_RECENT);
 * - `<userId>:meta`: `epoch` = the desk epoch the desk was built at (older than the global one:
 *   brought up to date on its next read); the desk exists when this part does.
 * `version` (bucket and recent parts) counts every change of the part: the compare-and-set of a rebuild.
 * One writer: repositories/desks.ts. What no operator touches on its own is packed into one JSON
 * string (an entry's `o` and `last`, a copy's `a`): FerretDB decodes a document value by value.
 */
const deskRecentSnapshot = new Schema(
  { _id: { type: Schema.Types.ObjectId, required: true }, occurredAt: { type: Date, required: true }, a: { type: String, required: true } },
  { _id: false },
);

export const deskSchema = new Schema(
  {
    _id: { type: String, required: true },
    epoch: { type: Number },
    version: { type: Number },
    customers: { type: Schema.Types.Mixed },
    recent: { type: [deskRecentSnapshot], default: undefined },
  },
  { collection: 'desks', timestamps: true, versionKey: false, strict: 'throw', minimize: false },
);

/**
 * What one bulk change of customers changed (`_id` = the desk epoch it moved to; written once, never
 * changed): `ids` = the customers, or `all` for "any customer" (the demo seed). A desk behind the
 * epoch reads these by `_id` and refreshes only the customers named (repositories/desks.ts).
 */
export const deskChangeSchema = new Schema(
  {
    _id: { type: Number, required: true },
    ids: { type: [String], default: undefined },
    /** When known, the only users whose desks the change can change (the managers before and after). */
    users: { type: [String], default: undefined },
    all: { type: Boolean, default: false },
  },
  { collection: 'desk_changes', versionKey: false, strict: 'throw', timestamps: { createdAt: true, updatedAt: false } },
);

/**
 * One-off migrations (`_id` = the migration's name, e.g. `read-models-v3`): who runs it (`owner`,
 * until `leaseUntil`, renewed while it runs), and once done `doneAt` and what it did (`result`).
 * One writer: repositories/migrations.ts.
 */
export const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    owner: { type: String },
    leaseUntil: { type: Date },
    startedAt: { type: Date },
    attempts: { type: Number },
    doneAt: { type: Date },
    result: { type: Schema.Types.Mixed },
  },
  { collection: 'migrations', versionKey: false, strict: 'throw', minimize: false },
);

/** Named counters (`_id` = the counter's name), changed only with `$inc`: the desk epoch. */
export const counterSchema = new Schema(
  { _id: { type: String, required: true }, value: { type: Number, default: 0 } },
  { collection: 'counters', versionKey: false, strict: 'throw' },
);

/**
 * Writes through this process to the reference collections (care-plan rules, users,
 * classifications), counted per database: the reference-data cache reads again when it changes.
 */
const referenceWrites = new Map<string, number>();
export const referenceVersion = (dbName: string): number => referenceWrites.get(dbName) ?? 0;
const countWrite = (dbName: string | undefined) => {
  if (dbName) referenceWrites.set(dbName, (referenceWrites.get(dbName) ?? 0) + 1);
};
const QUERY_WRITES = ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndDelete', 'deleteOne', 'deleteMany', 'replaceOne'] as const;
for (const schema of [carePlanRuleSchema, userSchema, classificationNodeSchema]) {
  schema.post('save', function (this: { db?: { name?: string } }) {
    countWrite(this.db?.name);
  });
  schema.post('insertMany', function (this: { db?: { name?: string } }) {
    countWrite(this.db?.name);
  });
  for (const op of QUERY_WRITES) {
    schema.post(op, function (this: { model?: { db?: { name?: string } } }) {
      countWrite(this.model?.db?.name);
    });
  }
}

export type OrganizationDoc = InferSchemaType<typeof organizationSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ContactDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type ActionDoc = InferSchemaType<typeof actionSchema> & { _id: Types.ObjectId };
export type CarePlanRuleDoc = InferSchemaType<typeof carePlanRuleSchema> & { _id: string };
export type PipelineStagesDoc = InferSchemaType<typeof pipelineStagesSchema> & { _id: string };
export type SelectionDoc = InferSchemaType<typeof selectionSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type SelectionMemberDoc = InferSchemaType<typeof selectionMemberSchema> & { _id: string };
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export type ClassificationNodeDoc = InferSchemaType<typeof classificationNodeSchema> & { _id: Types.ObjectId };
export type UniqueKeyDoc = InferSchemaType<typeof uniqueKeySchema>;
export type SearchPrefixDoc = { _id: string; m?: Record<string, { n?: string; s?: string; w?: string[] }>; more?: string[]; v?: number };
export type ActivityMonthDoc = { _id: string; month: string; a: Record<string, string> };
export type TimelineBucketDoc = { _id: string; organizationId: Types.ObjectId; month: string; actions: ActionDoc[]; v: number };
export type SendLogDoc = InferSchemaType<typeof sendLogSchema> & { _id: string };
export type MailLogDoc = { _id: string; internetMessageId: string; conversationId?: string; customers: Record<string, MailLogEntryDoc> };
export interface TrackingDoc {
  organizationName: string;
  subject: string;
  trackedBy: { id: Types.ObjectId; name: string; email: string };
  trackedAt: Date;
}
export type ProductDoc = InferSchemaType<typeof productSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type OpportunityDoc = InferSchemaType<typeof opportunitySchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type OfferDoc = InferSchemaType<typeof offerSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export type OrderDoc = InferSchemaType<typeof orderSchema> & { createdAt: Date; updatedAt: Date };
export type OpportunityListDoc = { _id: string; o: Record<string, { v: number }> };
export type OrderListDoc = { _id: string; ids: string[] };
export type TrackedConversationDoc = { _id: string; conversationId: string; customers: Record<string, TrackingDoc> };
export type TaskDoc = InferSchemaType<typeof taskSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
export interface TaskListEntryDoc {
  title: string;
  dueOn: string;
  organizationId: Types.ObjectId;
  organizationName: string;
  assigneeId: Types.ObjectId;
  v: number;
}
export type TaskListDoc = { _id: string; tasks: Record<string, TaskListEntryDoc> };
export interface DeskLastDoc {
  kind: ActionKind;
  occurredAt: Date;
  subject: string;
  loggedBy: { id: string; name: string };
}
/** What a desk entry's `o` packs: [name, segment, customerGroup, createdAt (ISO), role]. */
export type DeskEntryFields = [string, Segment, CustomerGroup, string, 'responsible' | 'backup'];
/** One customer on a desk, as stored under `customers.<customerId>`. */
export interface DeskCustomerDoc {
  /** JSON of DeskEntryFields. */
  o: string;
  /** The newest action per kind (`$max`): the care plan's input. */
  lastActionAt?: Partial<Record<ActionKind, Date>>;
  /** When the newest action occurred: what a newer one is compared with. */
  lastAt?: Date | null;
  /** JSON of the newest action's DeskLastDoc. */
  last?: string | null;
  /** Planned actions (`<actionId>` → `<kind> <ISO time>`), each `$set` on its own; passed ones count as last actions. */
  p?: Record<string, string>;
}
/** A copy of a colleague's action: `a` = JSON of the action's record with `organizationName`. */
export interface DeskRecentDoc {
  _id: Types.ObjectId;
  occurredAt: Date;
  a: string;
}
/** One part of a desk (see deskSchema): a bucket holds `customers`, the recent part `recent`, the meta part `epoch`. */
export interface DeskDoc {
  _id: string;
  epoch?: number;
  version?: number;
  customers?: Record<string, DeskCustomerDoc>;
  recent?: DeskRecentDoc[];
  createdAt?: Date;
  updatedAt?: Date;
}
export interface DeskChangeDoc {
  _id: number;
  ids?: string[];
  users?: string[];
  all: boolean;
  createdAt?: Date;
}
export interface MigrationDoc {
  _id: string;
  owner?: string;
  leaseUntil?: Date;
  startedAt?: Date;
  attempts?: number;
  doneAt?: Date;
  result?: unknown;
}
export interface CounterDoc {
  _id: string;
  value: number;
}
export interface MailLogEntryDoc {
  actionId: Types.ObjectId;
  loggedBy: { id: Types.ObjectId; name: string; email: string };
  loggedAt: Date;
}

export interface Models {
  Organization: Model<OrganizationDoc>;
  Contact: Model<ContactDoc>;
  UniqueKey: Model<UniqueKeyDoc>;
  Action: Model<ActionDoc>;
  MailLog: Model<MailLogDoc>;
  SendLog: Model<SendLogDoc>;
  TrackedConversation: Model<TrackedConversationDoc>;
  Product: Model<ProductDoc>;
  Opportunity: Model<OpportunityDoc>;
  OpportunityList: Model<OpportunityListDoc>;
  Offer: Model<OfferDoc>;
  Order: Model<OrderDoc>;
  OrderList: Model<OrderListDoc>;
  CarePlanRule: Model<CarePlanRuleDoc>;
  PipelineStages: Model<PipelineStagesDoc>;
  Selection: Model<SelectionDoc>;
  SelectionMember: Model<SelectionMemberDoc>;
  User: Model<UserDoc>;
  ClassificationNode: Model<ClassificationNodeDoc>;
  AuditEntry: Model<AuditEntryDoc>;
  Secret: Model<SecretDoc>;
  Campaign: Model<CampaignDoc>;
  Mailing: Model<MailingDoc>;
  MailingBatch: Model<MailingBatchDoc>;
  MailingRecipient: Model<MailingRecipientDoc>;
  ImportReport: Model<ImportReportDoc>;
  ImportChunk: Model<ImportChunkDoc>;
  MergeRecord: Model<MergeRecordDoc>;
  Task: Model<TaskDoc>;
  TaskList: Model<TaskListDoc>;
  Desk: Model<DeskDoc>;
  Counter: Model<CounterDoc>;
  SearchPrefix: Model<SearchPrefixDoc>;
  TimelineBucket: Model<TimelineBucketDoc>;
  ActivityMonth: Model<ActivityMonthDoc>;
  DeskChange: Model<DeskChangeDoc>;
  Migration: Model<MigrationDoc>;
  Survey: Model<SurveyDoc>;
  Invitation: Model<InvitationDoc>;
  FeedbackLatest: Model<FeedbackLatestDoc>;
}

export function registerModels(conn: Connection): Models {
  const get = <T>(name: string, schema: Schema): Model<T> =>
    (conn.models[name] as Model<T> | undefined) ?? (conn.model(name, schema) as unknown as Model<T>);
  return {
    Organization: get<OrganizationDoc>('Organization', organizationSchema),
    Contact: get<ContactDoc>('Contact', contactSchema),
    UniqueKey: get<UniqueKeyDoc>('UniqueKey', uniqueKeySchema),
    Action: get<ActionDoc>('Action', actionSchema),
    MailLog: get<MailLogDoc>('MailLog', mailLogSchema),
    SendLog: get<SendLogDoc>('SendLog', sendLogSchema),
    TrackedConversation: get<TrackedConversationDoc>('TrackedConversation', trackedConversationSchema),
    Product: get<ProductDoc>('Product', productSchema),
    Opportunity: get<OpportunityDoc>('Opportunity', opportunitySchema),
    OpportunityList: get<OpportunityListDoc>('OpportunityList', opportunityListSchema),
    Offer: get<OfferDoc>('Offer', offerSchema),
    Order: get<OrderDoc>('Order', orderSchema),
    OrderList: get<OrderListDoc>('OrderList', orderListSchema),
    CarePlanRule: get<CarePlanRuleDoc>('CarePlanRule', carePlanRuleSchema),
    PipelineStages: get<PipelineStagesDoc>('PipelineStages', pipelineStagesSchema),
    Selection: get<SelectionDoc>('Selection', selectionSchema),
    SelectionMember: get<SelectionMemberDoc>('SelectionMember', selectionMemberSchema),
    User: get<UserDoc>('User', userSchema),
    ClassificationNode: get<ClassificationNodeDoc>('ClassificationNode', classificationNodeSchema),
    AuditEntry: get<AuditEntryDoc>('AuditEntry', auditEntrySchema),
    Secret: get<SecretDoc>('Secret', secretSchema),
    Campaign: get<CampaignDoc>('Campaign', campaignSchema),
    Mailing: get<MailingDoc>('Mailing', mailingSchema),
    MailingBatch: get<MailingBatchDoc>('MailingBatch', mailingBatchSchema),
    MailingRecipient: get<MailingRecipientDoc>('MailingRecipient', mailingRecipientSchema),
    ImportReport: get<ImportReportDoc>('ImportReport', importReportSchema),
    ImportChunk: get<ImportChunkDoc>('ImportChunk', importChunkSchema),
    MergeRecord: get<MergeRecordDoc>('MergeRecord', mergeRecordSchema),
    Task: get<TaskDoc>('Task', taskSchema),
    TaskList: get<TaskListDoc>('TaskList', taskListSchema),
    Desk: get<DeskDoc>('Desk', deskSchema),
    Counter: get<CounterDoc>('Counter', counterSchema),
    SearchPrefix: get<SearchPrefixDoc>('SearchPrefix', searchPrefixSchema),
    TimelineBucket: get<TimelineBucketDoc>('TimelineBucket', timelineBucketSchema),
    ActivityMonth: get<ActivityMonthDoc>('ActivityMonth', activityMonthSchema),
    DeskChange: get<DeskChangeDoc>('DeskChange', deskChangeSchema),
    Migration: get<MigrationDoc>('Migration', migrationSchema),
    Survey: get<SurveyDoc>('Survey', surveySchema),
    Invitation: get<InvitationDoc>('Invitation', invitationSchema),
    FeedbackLatest: get<FeedbackLatestDoc>('FeedbackLatest', feedbackLatestSchema),
  };
}
