/**
 * The API contract of tracked conversations (`/api/v1/conversations`): logging a mail with
 * `trackConversation` (POST /actions/email) tracks its conversation for that customer, and from
 * then on every later mail of the conversation that anyone on the team opens in the pane is logged
 * there once, automatically. A later mail belongs to a tracked conversation when its Outlook
 * `conversationId` is the tracked one, or when its `In-Reply-To`/`References` name a mail logged in
 * it (Outlook's conversation id is kept per mailbox, the Message-IDs travel with the mail). Only
 * metadata and the capped excerpt are logged, as for every mail.
 */
import * as z from 'zod';
import { IdSchema, PersonRefSchema } from './contract';

/** How many Message-IDs of `In-Reply-To` and `References` a match looks at (the newest ones). */
export const MAX_THREAD_REFERENCES = 50;

const ConversationIdSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(1000);
const MessageIdSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(998);

/** `POST /conversations/match`: is the mail in view part of a tracked conversation? */
export const ConversationMatchSchema = z
  .strictObject({
    conversationId: ConversationIdSchema.optional(),
    references: z.array(MessageIdSchema).max(MAX_THREAD_REFERENCES).default([]),
  })
  .refine((m) => m.conversationId !== undefined || m.references.length > 0, {
    error: 'give the conversationId or the Message-IDs the mail refers to',
    path: ['conversationId'],
  });
export type ConversationMatch = z.input<typeof ConversationMatchSchema>;

/** One customer's tracking of one conversation. */
export const TrackedConversationSchema = z.object({
  /** The conversation as tracked (the mailbox's conversation id where it was started). */
  conversationId: z.string(),
  organizationId: IdSchema,
  organizationName: z.string(),
  /** The subject of the mail it was started from. */
  subject: z.string(),
  trackedBy: PersonRefSchema,
  trackedAt: z.string(),
});
export type TrackedConversation = z.infer<typeof TrackedConversationSchema>;

export const ConversationMatchResponseSchema = z.object({ tracked: z.array(TrackedConversationSchema) });
export type ConversationMatchResponse = z.infer<typeof ConversationMatchResponseSchema>;

/** `POST /conversations/stop`: no later mail of the conversation is logged on the customer. */
export const StopTrackingSchema = z.strictObject({ conversationId: ConversationIdSchema, organizationId: IdSchema });
export type StopTracking = z.input<typeof StopTrackingSchema>;

/** `GET /conversations` (administrators): every tracking, newest first. */
export const TrackedConversationListSchema = z.object({ items: z.array(TrackedConversationSchema), truncated: z.boolean() });
export type TrackedConversationList = z.infer<typeof TrackedConversationListSchema>;
