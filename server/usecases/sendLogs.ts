/**
 * "Log when sent" (`/send-logs/:token`): the mail is logged as `email_out` once it is sent, on the
 * customers chosen while writing, without the account manager opening it again.
 *
 * - `registerSendLog`: the pane, when "Log when sent" is turned on, stores the chosen customers
 *   under the draft's random token (also written to the draft as the `x-asiakkuus-log` header).
 * - `reportSent`: the on-send handler's report. The log moves pending → sent (compare-and-set), and
 *   one action per customer is written with an `_id` derived from the log and the customer, so a
 *   retried report, a concurrent one and the later match all write (and find) the same action.
 * - `matchSentMail`: the sent mail, opened in the pane, carries the token in its headers. Its
 *   actions get the mail's internetMessageId, and the mail's log in `mail_logs` claims each
 *   customer for them, so logging the mail by hand answers "already logged" with that action. Where
 *   no send event ran (a client without Mailbox 1.12), the log is still pending and the match logs
 *   it then, from the sent copy (the fallback "from Sent Items").
 * - `cancelSendLog`: turning the option off while writing; refused once sent.
 *
 * Known limit (docs/outlook-integration.md, "Sent mail"): a colleague who logs their received copy
 * by hand, in a client that cannot read internet headers (no Mailbox 1.8), before the sent mail is
 * matched, claims the customer first; the match then keeps that claim and the sent log's action
 * stays beside it.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { LoggedEntry } from '../../shared/contract';
import type { RegisterSendLogSchema, SendLogMatchSchema, SendLogSentSchema, SendLogView } from '../../shared/contract-sending';
import { AppError } from '../errors';
import { sendLogId, type ActionRecord, type SendLogRecord, type SentMail } from '../persistence/repositories';
import type { UseCaseContext } from './context';
import { capExcerpt } from './logEmail';
import { loggedEntryView } from './lookup';
import { checkAttachableOffers, sendAttachedOffers } from './offers';
import { recogniseAddresses } from './recognise';
import { recordAction } from './recordAction';
import { actionView, personRef } from './views';

/** The `email_out` action of a sent log on one customer: derived, so every writer writes the same one. */
export function sendActionId(sendLogKey: string, organizationId: string): string {
  return createHash('sha256').update(`sent\u0000${sendLogKey}\u0000${organizationId}`).digest('hex').slice(0, 24);
}

const notFound = () => AppError.notFound('The send log');

async function existingLog(ctx: UseCaseContext, token: string): Promise<SendLogRecord> {
  const log = await ctx.repos.sendLogs.get(sendLogId(token));
  if (!log) throw notFound();
  return log;
}

async function storedActions(ctx: UseCaseContext, log: SendLogRecord): Promise<ActionRecord[]> {
  if (log.state !== 'sent') return [];
  const found = await Promise.all(log.organizationIds.map((org) => ctx.repos.actions.get(sendActionId(log.id, org))));
  return found.filter((a): a is ActionRecord => a !== null);
}

function view(ctx: UseCaseContext, log: SendLogRecord, actions: readonly ActionRecord[], logged: LoggedEntry[] = []): SendLogView {
  return {
    id: log.id,
    state: log.state,
    organizationIds: log.organizationIds,
    offerIds: log.offerIds,
    internetMessageId: log.internetMessageId,
    actions: actions.map((a) => actionView(a, ctx.now)),
    logged,
  };
}

/**
 * Writes (or finds) the log's action on each of its customers from the mail it holds, and records
 * it on the customer's read models (idempotent too). A customer removed since is left out.
 */
async function writeActions(ctx: UseCaseContext, log: SendLogRecord): Promise<ActionRecord[]> {
  const { repos } = ctx;
  const mail = log.mail;
  if (log.state !== 'sent' || !mail) return [];
  const recognised = await recogniseAddresses(repos, [...new Set([...mail.to, ...mail.cc])]);
  const written = await Promise.all(log.organizationIds.map(async (organizationId) => {
    const contactIds = [...new Set(recognised.flatMap((r) => (r.contactId && r.organizationId === organizationId ? [r.contactId] : [])))];
    const fresh: ActionRecord = {
      id: sendActionId(log.id, organizationId),
      kind: 'email_out',
      occurredAt: mail.occurredAt,
      subject: mail.subject,
      excerpt: capExcerpt(mail.excerpt ?? undefined, ctx.settings.excerptMaxLength),
      organizationId,
      contactIds,
      loggedBy: log.owner,
      loggedAt: log.sentAt ?? ctx.now,
      internetMessageId: log.internetMessageId,
      conversationId: mail.conversationId,
    };
    const { created, action } = await repos.actions.insert(fresh, { from: mail.from, to: mail.to, cc: mail.cc });
    const customer = await recordAction(repos, action, ctx.now);
    if (!customer) {
      if (created) await repos.actions.delete(action.id);
      return null;
    }
    return action;
  }));
  return written.filter((a): a is ActionRecord => a !== null);
}

export async function getSendLog(ctx: UseCaseContext, token: string): Promise<SendLogView> {
  const log = await existingLog(ctx, token);
  return view(ctx, log, await storedActions(ctx, log));
}

export async function registerSendLog(ctx: UseCaseContext, token: string, input: z.output<typeof RegisterSendLogSchema>): Promise<SendLogView> {
  const { repos } = ctx;
  const organizationIds = [...new Set(input.organizationIds)];
  const existing = await repos.customers.existing(organizationIds);
  const missing = input.organizationIds.findIndex((id) => !existing.has(id));
  if (missing >= 0) throw AppError.unprocessable(`organizationIds.${missing} names no customer`, `organizationIds.${missing}`);

  const offerIds = [...new Set(input.offerIds)];
  await checkAttachableOffers(ctx, input.offerIds, organizationIds);

  const id = sendLogId(token);
  // An administrator may change anyone's pending log (as the route's access says); others only their own.
  if (!(await repos.sendLogs.register(id, personRef(ctx.user), organizationIds, offerIds, ctx.now, { anyOwner: ctx.user.role === 'admin' }))) {
    const log = await repos.sendLogs.get(id);
    if (log && log.owner.id !== ctx.user.id) throw new AppError('forbidden', 'Only the person who writes the mail can change its send log');
    throw AppError.conflict('state', `is ${log?.state ?? 'unknown'}: the customers can be changed only before the mail is sent`, 'invalid');
  }
  const log = await repos.sendLogs.get(id);
  if (!log) throw notFound();
  return view(ctx, log, []);
}

export async function cancelSendLog(ctx: UseCaseContext, token: string): Promise<void> {
  const log = await existingLog(ctx, token);
  if (log.state === 'cancelled') return;
  if (log.state === 'pending' && (await ctx.repos.sendLogs.cancel(log.id))) return;
  const now = await ctx.repos.sendLogs.get(log.id);
  if (now?.state !== 'cancelled') throw AppError.conflict('state', 'is sent: the mail is logged already', 'invalid');
}

export async function reportSent(ctx: UseCaseContext, token: string, input: z.output<typeof SendLogSentSchema>): Promise<SendLogView> {
  const { repos } = ctx;
  const before = await existingLog(ctx, token);
  if (before.state === 'pending') {
    const mail: SentMail = {
      subject: input.subject,
      from: before.owner.email,
      to: input.to,
      cc: input.cc,
      excerpt: input.excerpt ?? null,
      conversationId: input.conversationId ?? null,
      occurredAt: ctx.now,
    };
    await repos.sendLogs.markSent(before.id, mail, ctx.now);
  }
  // Whoever moved it (this report, a retry, a match), the stored mail is the one every writer uses.
  const log = (await repos.sendLogs.get(before.id)) ?? before;
  if (log.state === 'cancelled') throw AppError.conflict('state', 'is cancelled: "Log when sent" was turned off for this mail', 'invalid');
  const actions = await writeActions(ctx, log);
  await sendAttachedOffers(ctx, log.offerIds);
  return view(ctx, log, actions);
}

export async function matchSentMail(ctx: UseCaseContext, token: string, input: z.output<typeof SendLogMatchSchema>): Promise<SendLogView> {
  const { repos } = ctx;
  const before = await existingLog(ctx, token);
  if (before.internetMessageId && before.internetMessageId !== input.internetMessageId) {
    throw AppError.conflict('internetMessageId', 'differs from the mail this send log was matched with', 'invalid');
  }
  if (before.state === 'pending') {
    // No send event ran (or its report did not arrive): the sent copy is the mail to log.
    const mail: SentMail = {
      subject: input.subject,
      from: input.from,
      to: input.to,
      cc: input.cc,
      excerpt: input.excerpt ?? null,
      conversationId: input.conversationId ?? null,
      occurredAt: new Date(input.occurredAt),
    };
    await repos.sendLogs.markSent(before.id, mail, ctx.now);
  }
  const current = (await repos.sendLogs.get(before.id)) ?? before;
  if (current.state === 'cancelled') return view(ctx, current, []);
  const log: SendLogRecord = { ...current, internetMessageId: input.internetMessageId };

  const actions = await writeActions(ctx, log);
  await sendAttachedOffers(ctx, log.offerIds);
  await Promise.all(actions.map(async (action) => {
    await repos.mailLogs.claim(input.internetMessageId, {
      organizationId: action.organizationId, actionId: action.id, loggedBy: action.loggedBy, loggedAt: action.loggedAt,
    });
    await repos.actions.linkMessage(action.id, input.internetMessageId);
  }));
  await repos.sendLogs.linkMessage(log.id, input.internetMessageId);

  const entries = await repos.mailLogs.entries(input.internetMessageId);
  const names = new Map((await repos.customers.getMany([...new Set(entries.map((e) => e.organizationId))])).map((c) => [c.id, c.name]));
  const linked = actions.map((a) => ({ ...a, internetMessageId: a.internetMessageId ?? input.internetMessageId }));
  return view(ctx, log, linked, entries.map((e) => loggedEntryView(e, names.get(e.organizationId) ?? '')));
}

/** `own_send_log`: the owner of an existing send log may use it; a token no log has is the route's own 404 (or a new log). */
export async function sendLogVerdict(ctx: UseCaseContext, token: unknown): Promise<'allowed' | 'denied' | 'absent'> {
  if (typeof token !== 'string') return 'absent';
  const log = await ctx.repos.sendLogs.get(sendLogId(token));
  if (!log) return 'absent';
  return log.owner.id === ctx.user.id ? 'allowed' : 'denied';
}
