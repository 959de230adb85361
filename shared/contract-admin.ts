/**
 * The API contract of customer-data administration (`/api/v1`): CSV imports and exports,
 * care-plan rules, the classification tree, responsible/backup hand-over, merges of duplicate
 * records, and the management dashboard. Same conventions as ./contract: strict requests,
 * ISO-8601 date strings, types inferred from the schemas.
 */
import * as z from 'zod';
import { ACTION_KINDS } from './domain/codes';
import {
  CustomerFilterFields, ActionKindSchema, CustomerGroupSchema, IdSchema, IsoDateTimeSchema, PersonRefSchema, SegmentSchema,
} from './contract';

const text = (max: number) => z.string().trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

// ---------- CSV imports ----------

export const IMPORT_KINDS = ['organizations', 'contacts'] as const;
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

// ---------- care-plan rules ----------

const MAX_CADENCE_DAYS = 3660;

const ruleFields = {
  label: text(200),
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

export const CreateCarePlanRuleSchema = z
  .strictObject({
    ...ruleFields,
    customerGroup: ruleFields.customerGroup.default(null),
    firstWithinDays: ruleFields.firstWithinDays.default(null),
    warningDays: ruleFields.warningDays.default(7),
  })
  .superRefine(warningBelowCadence);
export type CreateCarePlanRule = z.input<typeof CreateCarePlanRuleSchema>;

export const UpdateCarePlanRuleSchema = z
  .strictObject(ruleFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' })
  .superRefine(warningBelowCadence);
export type UpdateCarePlanRule = z.input<typeof UpdateCarePlanRuleSchema>;

export const RuleIdParamsSchema = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a rule id' }) });

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
