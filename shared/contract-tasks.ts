/**
 * The API contract of follow-up tasks (`/api/v1/tasks`): something an account manager is to do
 * for a customer by a day ("call back about the autumn courses by Friday"). Completing a task can
 * log the action it was about in the same step. Dates travel as ISO-8601; a due day as YYYY-MM-DD.
 * Request objects are strict, as everywhere in the contract.
 */
import * as z from 'zod';
import {
  ActionSchema, CarePlanViewSchema, IdSchema, IsoDateTimeSchema, ManualActionKindSchema, PersonRefSchema, pageOf,
} from './contract';

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TaskStatusSchema = z.enum(TASK_STATUSES);

/** Is `day` (YYYY-MM-DD) a day of the calendar (2026-02-30 is not)? */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const DayRegex = /^\d{4}-\d{2}-\d{2}$/;
export const DaySchema = z
  .string({ error: 'must be a date in the form YYYY-MM-DD' })
  .regex(DayRegex, { error: 'must be a date in the form YYYY-MM-DD' })
  .refine(isCalendarDay, { error: 'is not a day of the calendar' });

const RefSchema = z.object({ id: IdSchema, name: z.string() });

export const TaskSchema = z.object({
  id: IdSchema,
  title: z.string(),
  note: z.string().nullable(),
  organization: RefSchema,
  contacts: z.array(RefSchema),
  dueOn: z.string().regex(DayRegex),
  assignee: PersonRefSchema,
  createdBy: PersonRefSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  status: TaskStatusSchema,
  completedAt: IsoDateTimeSchema.nullable(),
  completedBy: PersonRefSchema.nullable(),
  /** The action logged when the task was completed, if one was. */
  actionId: IdSchema.nullable(),
});
export type Task = z.infer<typeof TaskSchema>;

const title = z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' });
const note = z.string().max(2000, { error: 'must be at most 2000 characters' });
const contactIds = z.array(IdSchema).max(100);

export const CreateTaskSchema = z.strictObject({
  title,
  note: note.optional(),
  organizationId: IdSchema,
  /** Contacts of that customer. */
  contactIds: contactIds.default([]),
  dueOn: DaySchema,
  /** An account manager or administrator; by default the one creating the task. */
  assigneeId: IdSchema.optional(),
});
export type CreateTask = z.input<typeof CreateTaskSchema>;

export const UpdateTaskSchema = z
  .strictObject({ title, note: note.nullable(), dueOn: DaySchema, assigneeId: IdSchema, contactIds })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { error: 'must change at least one field' });
export type UpdateTask = z.input<typeof UpdateTaskSchema>;

export const TaskListQuerySchema = z.strictObject({
  /** A user's id, or `me`. */
  assigneeId: z.union([z.literal('me'), IdSchema]).optional(),
  organizationId: IdSchema.optional(),
  status: z.enum(['open', 'done', 'all']).default('open'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TaskListQuery = z.input<typeof TaskListQuerySchema>;

/** Open tasks by due day (overdue first), then by creation; done ones after them, most recently completed first. */
export const TaskPageSchema = pageOf(TaskSchema);
export type TaskPage = z.infer<typeof TaskPageSchema>;

/** The action a completed task was about, logged with it (defaults: now, the task's title and contacts). */
export const TaskActionSchema = z.strictObject({
  kind: ManualActionKindSchema,
  occurredAt: IsoDateTimeSchema.optional(),
  subject: z.string().trim().min(1, { error: 'must not be empty' }).max(1000, { error: 'must be at most 1000 characters' }).optional(),
  excerpt: z.string().max(20_000).optional(),
  contactIds: contactIds.optional(),
});

export const CompleteTaskSchema = z.strictObject({ action: TaskActionSchema.optional() }).default({});
export type CompleteTask = z.input<typeof CompleteTaskSchema>;

export const CompleteTaskResponseSchema = z.object({
  task: TaskSchema,
  action: ActionSchema.nullable(),
  carePlan: CarePlanViewSchema.nullable(),
});
export type CompleteTaskResponse = z.infer<typeof CompleteTaskResponseSchema>;
