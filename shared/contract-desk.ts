/**
 * The account manager's desk (home page), `GET /api/v1/desk`: the customers the user is
 * responsible or backup for, worst care-plan status first, and what colleagues did with them lately.
 */
import * as z from 'zod';
import { ActionSchema, CarePlanStatusSchema, CarePlanViewSchema, CustomerGroupSchema, IdSchema, IsoDateTimeSchema, ActionKindSchema, SegmentSchema } from './contract';

/** How far back `recent` reaches. */
export const DESK_RECENT_DAYS = 14;

export const DeskQuerySchema = z.strictObject({
  /** Whose desk (admins and management; an account manager may name only themselves). Default: the signed-in user's. */
  userId: IdSchema.optional(),
});
export type DeskQuery = z.infer<typeof DeskQuerySchema>;

export const DeskLastActionSchema = z.object({
  kind: ActionKindSchema,
  occurredAt: IsoDateTimeSchema,
  subject: z.string(),
  loggedBy: z.object({ id: IdSchema, name: z.string() }),
});
export type DeskLastAction = z.infer<typeof DeskLastActionSchema>;

/** The customer's worst rule: overdue first, most days past due first. */
export const DeskDueRuleSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: CarePlanStatusSchema,
  dueAt: IsoDateTimeSchema,
  /** Calendar days in the user's zone: positive = overdue by that many, ≤ 0 = due in that many. */
  daysPastDue: z.number().int(),
});
export type DeskDueRule = z.infer<typeof DeskDueRuleSchema>;

export const DeskCustomerSchema = z.object({
  organization: z.object({ id: IdSchema, name: z.string(), segment: SegmentSchema, customerGroup: CustomerGroupSchema }),
  role: z.enum(['responsible', 'backup']),
  carePlan: CarePlanViewSchema.nullable(),
  dueRule: DeskDueRuleSchema.nullable(),
  lastAction: DeskLastActionSchema.nullable(),
  /** The user's open follow-up tasks on the customer. */
  openTasks: z.number().int().min(0),
});
export type DeskCustomer = z.infer<typeof DeskCustomerSchema>;

/** A colleague's action on one of the user's customers, with the customer's name. */
export const DeskRecentActionSchema = ActionSchema.extend({ organizationName: z.string() });
export type DeskRecentAction = z.infer<typeof DeskRecentActionSchema>;

export const DeskSchema = z.object({
  user: z.object({ id: IdSchema, name: z.string() }),
  /** Overdue (most days past due first), due soon (soonest first), on track (soonest first), without a plan (by name). */
  customers: z.array(DeskCustomerSchema),
  /** Colleagues' actions on these customers in the last DESK_RECENT_DAYS days, newest first. */
  recent: z.array(DeskRecentActionSchema),
  generatedAt: IsoDateTimeSchema,
});
export type Desk = z.infer<typeof DeskSchema>;
