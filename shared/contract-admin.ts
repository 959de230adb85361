/**
 * The API contract of customer-data administration (`/api/v1`): CSV imports and exports,
 * care-plan rules, the classification tree, responsible/backup hand-over, merges of duplicate
 * records, and the management dashboard. Same conventions as ./contract: strict requests,
 * ISO-8601 date strings, types inferred from the schemas.
 */
import * as z from 'zod';
import { ACTION_KINDS } from './domain/codes';
import {
  CustomerFilterFields, ActionKindSchema, CarePlanStatusSchema, CustomerGroupSchema, IdSchema, IsoDateTimeSchema, PersonRefSchema, SegmentSchema,
} from './contract';

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

// ---------- CSV imports ----------

export const IMPORT_KINDS = ['organizations', 'contacts', 'products'] as const;
export const ImportKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKindSchema>;

export const IMPORT_ROW_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;

export const ImportQuerySchema = z.strictObject({
  kind: ImportKindSchema,
  /** A dry run reports what a real run would do and changes nothing; it is the default. */
  dryRun: flag.default(true),
});

export const ImportRowErrorSchema = z.object({ column: z.string(), message: z.string() });

export const ImportRowSchema = z.object({
  /** The line of the file the row starts on (the header is line 1). */
  line: z.number().int().positive(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** The key the row was matched or created by, such as `top:TOP-10001` or `email:matti@yritys.fi`. */
  key: z.string().optional(),
  errors: z.array(ImportRowErrorSchema).optional(),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportSummarySchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const ImportColumnSchema = z.object({ header: z.string(), field: z.string() });

const importHeader = {
  id: IdSchema,
  kind: ImportKindSchema,
  dryRun: z.boolean(),
  /** `running` while the file streams in; `failed` when the file could not be read to its end. */
  status: z.enum(['running', 'done', 'failed']),
  createdAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  createdBy: PersonRefSchema,
  /** What was read: bytes, SHA-256 of the file, the encoding and delimiter found. */
  file: z.object({
    bytes: z.number().int(),
    expectedBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    encoding: z.enum(['utf-8', 'windows-1252']).nullable(),
    delimiter: z.string().nullable(),
  }),
  columns: z.array(ImportColumnSchema),
  /** Headers that name no field: their cells are not read. */
  ignoredColumns: z.array(z.string()),
  /** Data rows in the file (known once it is uploaded) and rows handled so far: the progress. */
  totalRows: z.number().int().nullable(),
  rowsRead: z.number().int(),
  summary: ImportSummarySchema,
  /** Why the file stopped being read (status `failed`): rows before it are reported and, in a real run, applied. */
  failure: z.string().nullable(),
};

export const ImportReportSchema = z.object({ ...importHeader, rows: z.array(ImportRowSchema) });
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportListItemSchema = z.object(importHeader);
export type ImportListItem = z.infer<typeof ImportListItemSchema>;

export const ImportListSchema = z.object({ items: z.array(ImportListItemSchema) });

export const ImportListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

// ---------- CSV exports ----------

/** The customers of a view: exactly the list's filters (CustomerFilterFields), plus the header language. */
export const ExportQuerySchema = z.strictObject({
  ...CustomerFilterFields,
  /** Column headers in English (the canonical names) or Finnish. */
  headers: z.enum(['en', 'fi']).default('en'),
});
export type ExportQuery = z.output<typeof ExportQuerySchema>;

/** The whole product catalogue (retired products too), headers in English or Finnish. */
export const ProductExportQuerySchema = z.strictObject({ headers: z.enum(['en', 'fi']).default('en') });

// ---------- care-plan rules ----------

const MAX_CADENCE_DAYS = 3660;

const ruleName = text(200);

/** A rule's id: what a path names it by, and what a new rule may be given. */
export const RuleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a rule id (1-64 letters, digits, - or _)' });

const ruleFields = {
  /** The English (default) name; kept equal to `labels.en`. */
  label: ruleName,
  segment: SegmentSchema,
  customerGroup: CustomerGroupSchema.nullable(),
  actionKinds: z
    .array(ActionKindSchema)
    .min(1, { error: 'give at least one kind of action' })
    .max(ACTION_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, { error: 'must not repeat a kind' }),
  cadenceDays: z
    .number({ error: 'must be a whole number of days' })
    .int({ error: 'must be a whole number of days' })
    .min(1, { error: 'must be at least 1 day' })
    .max(MAX_CADENCE_DAYS, { error: `must be at most ${MAX_CADENCE_DAYS} days` }),
  firstWithinDays: z.number().int().min(1, { error: 'must be at least 1 day' }).max(MAX_CADENCE_DAYS).nullable(),
  warningDays: z.number({ error: 'must be a whole number of days' }).int().min(0, { error: 'must not be negative' }).max(365),
};

const warningBelowCadence = (v: { cadenceDays?: number; warningDays?: number }, ctx: z.RefinementCtx) => {
  if (v.cadenceDays !== undefined && v.warningDays !== undefined && v.warningDays >= v.cadenceDays) {
    ctx.addIssue({ code: 'custom', path: ['warningDays'], message: 'must be shorter than the cadence' });
  }
};

/** `label` is the English name: given with `labels.en`, the two must agree. */
const labelMatchesEnglish = (v: { label?: string; labels?: { en?: string } }, ctx: z.RefinementCtx) => {
  if (v.label !== undefined && v.labels?.en !== undefined && v.label !== v.labels.en) {
    ctx.addIssue({ code: 'custom', path: ['label'], message: 'is the English name: it must equal labels.en (or leave it out)' });
  }
};

/**
 * A new rule. Its name: `labels.fi` is required and `labels.sv` / `labels.en` default to it;
 * `label` alone (what older clients send) names the rule in every language; `label` with
 * `labels` stands for `labels.en`. The output always has all three `labels` and `label = labels.en`.
 * `id` may be chosen (a taken one is a 409 on `id`); else one is made from the segment and group.
 */
export const CreateCarePlanRuleSchema = z
  .strictObject({
    id: RuleIdSchema.optional(),
    labels: z.strictObject({ fi: ruleName, sv: ruleName.optional(), en: ruleName.optional() }).optional(),
    ...ruleFields,
    label: ruleFields.label.optional(),
    customerGroup: ruleFields.customerGroup.default(null),
    firstWithinDays: ruleFields.firstWithinDays.default(null),
    warningDays: ruleFields.warningDays.default(7),
  })
  .superRefine(warningBelowCadence)
  .superRefine(labelMatchesEnglish)
  .superRefine((v, ctx) => {
    if (v.labels === undefined && v.label === undefined) ctx.addIssue({ code: 'custom', path: ['labels', 'fi'], message: 'name the rule (at least in Finnish)' });
  })
  .transform(({ labels, label, ...rest }) => {
    const fi = labels?.fi ?? label!;
    const en = labels?.en ?? label ?? fi;
    return { ...rest, label: en, labels: { fi, sv: labels?.sv ?? fi, en } };
  });
export type CreateCarePlanRule = z.input<typeof CreateCarePlanRuleSchema>;

/**
 * A change of a rule: any of its fields. `labels` renames it in the languages given (the others
 * stay); `labels.en` also sets `label`, and `label` alone also sets `labels.en`.
 */
export const UpdateCarePlanRuleSchema = z
  .strictObject({
    ...ruleFields,
    labels: z
      .strictObject({ fi: ruleName, sv: ruleName, en: ruleName })
      .partial()
      .refine((v) => Object.keys(v).length > 0, { error: 'rename in at least one language (fi, sv, en)' }),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' })
  .superRefine(warningBelowCadence)
  .superRefine(labelMatchesEnglish)
  .transform(({ label, labels, ...rest }) => {
    const en = labels?.en ?? label;
    const named = labels !== undefined || label !== undefined;
    return { ...rest, ...(en !== undefined ? { label: en } : {}), ...(named ? { labels: { ...labels, ...(en !== undefined ? { en } : {}) } } : {}) };
  });
export type UpdateCarePlanRule = z.input<typeof UpdateCarePlanRuleSchema>;

export const RuleIdParamsSchema = z.strictObject({ id: RuleIdSchema });

/**
 * A change of the care plan to preview: what a create, update or delete would do to the
 * customers' overall status. The rule parts are the real writes' schemas, so a bad change is
 * the same 400 (its fields under `change.rule`).
 */
export const CarePlanPreviewSchema = z.strictObject({
  change: z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('create'), rule: CreateCarePlanRuleSchema }),
    z.strictObject({ op: z.literal('update'), id: RuleIdSchema, rule: UpdateCarePlanRuleSchema }),
    z.strictObject({ op: z.literal('delete'), id: RuleIdSchema }),
  ], { error: 'must be create, update or delete' }),
});
export type CarePlanPreviewRequest = z.input<typeof CarePlanPreviewSchema>;

/** A customer's overall status; null when no rule applies to it (no plan). */
const PlanStateSchema = CarePlanStatusSchema.nullable();

export const CarePlanPreviewResultSchema = z.object({
  /** Customers the change could affect, each evaluated: those of the segments whose plan it touches (for an update, the rule's segment before and after). */
  customers: z.number().int(),
  /** Customers whose overall status (or having a plan at all) would change. */
  changed: z.number().int(),
  /** Those customers per (status now → status after), every pair that occurs, those that stay included; counts sum to `customers`. */
  transitions: z.array(z.object({ from: PlanStateSchema, to: PlanStateSchema, count: z.number().int() })),
});
export type CarePlanPreviewResult = z.infer<typeof CarePlanPreviewResultSchema>;

// ---------- classification tree ----------

export const CLASSIFICATION_TARGETS = ['organization', 'contact'] as const;

export const ClassificationNodeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  parentId: IdSchema.nullable(),
  appliesTo: z.enum(CLASSIFICATION_TARGETS),
  /** Names from the root down, joined with " > " (what CSV files carry). */
  path: z.string(),
  /** Customers or contacts that carry this node. */
  usage: z.number().int(),
});
export type ClassificationNode = z.infer<typeof ClassificationNodeSchema>;

export const ClassificationListSchema = z.object({ items: z.array(ClassificationNodeSchema) });

export const ClassificationListQuerySchema = z.strictObject({ appliesTo: z.enum(CLASSIFICATION_TARGETS).optional() });

/** Names hold no ">" (the path separator) and no "|" (the CSV list separator). */
const nodeName = text(100).refine((v) => !/[>|]/.test(v), { error: 'must not contain > or |' });

export const CreateClassificationSchema = z.strictObject({
  name: nodeName,
  parentId: IdSchema.nullable().default(null),
  appliesTo: z.enum(CLASSIFICATION_TARGETS),
});

export const UpdateClassificationSchema = z
  .strictObject({ name: nodeName, parentId: IdSchema.nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });

export const DeleteClassificationQuerySchema = z.strictObject({
  /** Records that carry the node get this one instead. */
  reassignTo: IdSchema.optional(),
});

export const DeleteClassificationResultSchema = z.object({ deleted: IdSchema, reassigned: z.number().int() });

// ---------- responsible and backup managers ----------

/** A leaving manager's customers, handed over in one step. */
export const HandoverSchema = z
  .strictObject({
    fromUserId: IdSchema,
    toUserId: IdSchema,
    /** Who takes over where the leaving person was the backup; `toUserId` when absent. */
    backupToUserId: IdSchema.optional(),
  })
  .refine((v) => v.fromUserId !== v.toUserId, { path: ['toUserId'], error: 'must be someone other than fromUserId' });

export const HandoverResultSchema = z.object({
  responsibleChanged: z.number().int(),
  backupChanged: z.number().int(),
  /** Customers where the new person would have been both responsible and backup: their backup is now empty. */
  backupCleared: z.number().int(),
});
export type HandoverResult = z.infer<typeof HandoverResultSchema>;

/** Sets the responsible and/or backup of chosen customers. */
export const AssignManagersSchema = z
  .strictObject({
    organizationIds: z.array(IdSchema).min(1).max(1000),
    responsibleId: IdSchema.nullable().optional(),
    backupId: IdSchema.nullable().optional(),
  })
  .refine((v) => v.responsibleId !== undefined || v.backupId !== undefined, { path: ['responsibleId'], error: 'give responsibleId or backupId' })
  .refine((v) => !v.responsibleId || v.responsibleId !== v.backupId, { path: ['backupId'], error: 'must differ from responsibleId' });

export const AssignManagersResultSchema = z.object({ matched: z.number().int(), changed: z.number().int() });

// ---------- merges ----------

export const MergeSchema = z
  .strictObject({
    keepId: IdSchema,
    mergeIds: z.array(IdSchema).min(1, { error: 'name at least one duplicate' }).max(20),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((v) => !v.mergeIds.includes(v.keepId), { path: ['mergeIds'], error: 'must not include keepId' })
  .refine((v) => new Set(v.mergeIds).size === v.mergeIds.length, { path: ['mergeIds'], error: 'must not repeat an id' });
export type MergeRequest = z.input<typeof MergeSchema>;

export const MergeResultSchema = z.object({
  mergeId: IdSchema,
  keptId: IdSchema,
  mergedIds: z.array(IdSchema),
  moved: z.object({
    actions: z.number().int(),
    contacts: z.number().int(),
    keys: z.number().int(),
    /** Follow-up tasks (open and done) now on the kept customer (0 in records of earlier merges and of contact merges). */
    tasks: z.number().int().default(0),
    /** Planned actions of the merged customers now waiting on the kept one. */
    plannedActions: z.number().int().default(0),
  }),
});
export type MergeResult = z.infer<typeof MergeResultSchema>;

export const MergeRecordSchema = z.object({
  id: IdSchema,
  kind: z.enum(['organization', 'contact']),
  keptId: IdSchema,
  mergedIds: z.array(IdSchema),
  /** The merged records as they were, so nothing about them is lost. */
  merged: z.array(z.record(z.string(), z.unknown())),
  moved: MergeResultSchema.shape.moved,
  note: z.string().nullable(),
  by: PersonRefSchema,
  at: IsoDateTimeSchema,
});
export const MergeListSchema = z.object({ items: z.array(MergeRecordSchema) });
export const MergeListQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

// ---------- management dashboard ----------

export const DashboardQuerySchema = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(104).default(12),
  overdueLimit: z.coerce.number().int().min(1).max(500).default(50),
});

export const ComplianceCountsSchema = z.object({
  onTrack: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  /** Customers no care-plan rule applies to. */
  noPlan: z.number().int(),
  total: z.number().int(),
});
export type ComplianceCounts = z.infer<typeof ComplianceCountsSchema>;

export const DashboardSchema = z.object({
  generatedAt: IsoDateTimeSchema,
  timeZone: z.string(),
  compliance: z.object({
    total: ComplianceCountsSchema,
    byManager: z.array(ComplianceCountsSchema.extend({ manager: PersonRefSchema.nullable() })),
    bySegment: z.array(ComplianceCountsSchema.extend({ segment: SegmentSchema })),
  }),
  overdue: z.object({
    total: z.number().int(),
    items: z.array(
      z.object({
        organization: z.object({ id: IdSchema, name: z.string(), segment: SegmentSchema, customerGroup: CustomerGroupSchema }),
        responsible: PersonRefSchema.nullable(),
        /** The earliest missed due date among the customer's overdue rules. */
        dueAt: IsoDateTimeSchema,
        rules: z.array(z.string()),
      }),
    ),
  }),
  activity: z.object({
    /** Monday 00:00 (in `timeZone`) of each week, oldest first; the last is the current week. */
    weeks: z.array(IsoDateTimeSchema),
    byManager: z.array(z.object({ manager: PersonRefSchema, counts: z.array(z.number().int()), total: z.number().int() })),
    byDepartment: z.array(z.object({ department: z.string().nullable(), counts: z.array(z.number().int()), total: z.number().int() })),
  }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

// ---------- data quality (the administrator's desktop) ----------

const OrganizationRefSchema = z.object({ id: IdSchema, name: z.string() });

export const DATA_QUALITY_SAMPLE_SIZE = 20;
export const DATA_QUALITY_DUPLICATE_GROUPS = 20;

export const DataQualitySchema = z.object({
  counts: z.object({
    withoutResponsible: z.number().int(),
    withoutBackup: z.number().int(),
    withoutDomain: z.number().int(),
    contactsWithoutEmail: z.number().int(),
    /** Groups of customers whose names are likely the same organisation (shared/domain/organizationName.ts). */
    likelyDuplicates: z.number().int(),
  }),
  /** The first DATA_QUALITY_SAMPLE_SIZE of each, by name. */
  samples: z.object({
    withoutResponsible: z.array(OrganizationRefSchema),
    withoutBackup: z.array(OrganizationRefSchema),
    withoutDomain: z.array(OrganizationRefSchema),
    contactsWithoutEmail: z.array(z.object({ id: IdSchema, name: z.string(), organizationId: IdSchema, organizationName: z.string().nullable() })),
  }),
  /** The first DATA_QUALITY_DUPLICATE_GROUPS groups by key; each group's customers by name. */
  duplicates: z.array(
    z.object({
      /** The name they share once normalised. */
      key: z.string(),
      organizations: z.array(OrganizationRefSchema.extend({ businessId: z.string().nullable() })),
    }),
  ),
  /** The newest import run (dry runs included), or null before the first. */
  latestImport: ImportListItemSchema.nullable(),
});
export type DataQuality = z.infer<typeof DataQualitySchema>;
