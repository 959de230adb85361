/**
 * The API contract of "Log when sent" (`/api/v1/send-logs/:token`): while writing, the account
 * manager chooses the customers a mail is to be logged on; the pane registers a pending send log
 * under a random token that it also writes to the draft as an internet header
 * (`SEND_LOG_HEADER`). The on-send handler says "sent" with the final subject and recipients, and
 * the server writes one `email_out` action per customer. Opening the sent mail (whose headers carry
 * the token) links those actions to the mail's internetMessageId, or logs it then where no send
 * event ran (the fallback from Sent Items). Request objects are strict, as everywhere.
 */
import * as z from 'zod';
import { ActionSchema, EmailSchema, IdSchema, IsoDateTimeSchema, LoggedEntrySchema, MAX_RECIPIENTS } from './contract';

/** The internet header that carries a send log's token on the draft and on the sent mail. */
export const SEND_LOG_HEADER = 'x-asiakkuus-log';

/** How many customers one mail can be logged on when sent. */
export const MAX_SEND_LOG_CUSTOMERS = 20;

/** How many offers one mail can carry as attachments that are marked sent with it. */
export const MAX_SEND_LOG_OFFERS = 10;

/** A send log's token: random, URL-safe, 22–64 characters (the pane makes 32 from 24 random bytes). */
export const SendLogTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, { error: 'must be 22–64 URL-safe characters (A–Z, a–z, 0–9, - and _)' });

export const SendLogParamsSchema = z.strictObject({ token: SendLogTokenSchema });

export const SEND_LOG_STATES = ['pending', 'sent', 'cancelled'] as const;
export const SendLogStateSchema = z.enum(SEND_LOG_STATES);
export type SendLogState = z.infer<typeof SendLogStateSchema>;

/** `PUT /send-logs/:token`: register (or, while pending, change) the customers to log the mail on. */
export const RegisterSendLogSchema = z.strictObject({
  organizationIds: z
    .array(IdSchema)
    .min(1, { error: 'must name at least one customer' })
    .max(MAX_SEND_LOG_CUSTOMERS, { error: `must name at most ${MAX_SEND_LOG_CUSTOMERS} customers` }),
  /** Offers attached to the mail (Attach offer): drafts among them are marked sent when the mail is sent. */
  offerIds: z.array(IdSchema).max(MAX_SEND_LOG_OFFERS, { error: `must name at most ${MAX_SEND_LOG_OFFERS} offers` }).default([]),
});
export type RegisterSendLog = z.input<typeof RegisterSendLogSchema>;

const subject = z.string().max(1000, { error: 'must be at most 1000 characters' });

/** `POST /send-logs/:token/sent`: the on-send handler's report, with the mail as it leaves. */
export const SendLogSentSchema = z.strictObject({
  subject,
  to: z.array(EmailSchema).max(MAX_RECIPIENTS),
  cc: z.array(EmailSchema).max(MAX_RECIPIENTS).default([]),
  excerpt: z.string().max(20_000).optional(),
  conversationId: z.string().max(1000).optional(),
});
export type SendLogSent = z.input<typeof SendLogSentSchema>;

/** `POST /send-logs/:token/match`: the sent mail, opened in the pane, whose headers carry the token. */
export const SendLogMatchSchema = z.strictObject({
  internetMessageId: z.string().trim().min(1, { error: 'must not be empty' }).max(998),
  conversationId: z.string().max(1000).optional(),
  subject,
  occurredAt: IsoDateTimeSchema,
  from: EmailSchema,
  to: z.array(EmailSchema).max(MAX_RECIPIENTS),
  cc: z.array(EmailSchema).max(MAX_RECIPIENTS).default([]),
  excerpt: z.string().max(20_000).optional(),
});
export type SendLogMatch = z.input<typeof SendLogMatchSchema>;

/** A send log as its owner sees it; `actions` are the `email_out` actions once sent. */
export const SendLogViewSchema = z.object({
  /** The log's own id (a hash of the token; the token itself is never stored nor answered). */
  id: z.string(),
  state: SendLogStateSchema,
  organizationIds: z.array(IdSchema),
  offerIds: z.array(IdSchema).default([]),
  internetMessageId: z.string().nullable(),
  actions: z.array(ActionSchema),
  /** After a match: who logged the mail on which customer (as `GET /lookup` answers it). */
  logged: z.array(LoggedEntrySchema).default([]),
});
export type SendLogView = z.infer<typeof SendLogViewSchema>;
