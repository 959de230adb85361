/**
 * POST /actions/email: records a mail as an action on a customer, once for the whole team.
 *
 * The claim in the mail's log (`customers.<id>` set where it does not exist yet, see
 * persistence/repositories/mailLogs) decides who logs the mail on a customer first: every retry
 * and every colleague logging the same mail finds the claim and gets the same action back
 * (`created: false`), on MongoDB and FerretDB alike, without transactions. The action's `_id` is
 * derived from the mail and the customer, so a log interrupted after its claim is finished by the
 * next attempt. A merge moves the claim with the actions (usecases/merges), so a mail logged on a
 * merged customer is the same action on the one kept.
 *
 * Database round trips, one after another: the claim (with the check of named contacts beside
 * it), the action, the customer's newest actions (which answers the care plan), and with
 * `trackConversation` the tracking of the mail's conversation (usecases/conversations). Participants are
 * recognised only when the request does not name the customer.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { LogEmailResponse, LogEmailSchema } from '../../shared/contract';
import { AppError } from '../errors';
import type { ActionRecord } from '../persistence/repositories';
import { carePlanOf } from './carePlans';
import { checkOpportunityOf, linkToOpportunity } from './opportunityLinks';
import { trackConversation } from './conversations';
import { recordAction } from './recordAction';
import type { UseCaseContext } from './context';
import { recogniseAddresses, type Recognition } from './recognise';
import { actionView, personRef } from './views';

export type LogEmailInput = z.output<typeof LogEmailSchema>;

export function emailActionId(internetMessageId: string, organizationId: string): string {
  return createHash('sha256').update(`email\u0000${internetMessageId}\u0000${organizationId}`).digest('hex').slice(0, 24);
}

export function capExcerpt(text: string | undefined, max: number): string | null {
  if (!text) return null;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return null;
  return collapsed.length <= max ? collapsed : `${collapsed.slice(0, max - 1).trimEnd()}…`;
}

/** The customer of the mail: the sender's, or for outgoing mail the first recognised recipient's. */
function customerOf(input: LogEmailInput, recognised: readonly Recognition[]): string {
  const candidates = input.direction === 'in' ? [input.from] : [...input.to, ...input.cc];
  const hit = candidates.map((e) => recognised.find((r) => r.email === e)).find((r) => r?.organizationId);
  if (!hit?.organizationId) {
    throw AppError.unprocessable(
      input.direction === 'in'
        ? 'The sender is not a known contact and their domain belongs to no customer: choose the customer (organizationId) or add the contact first'
        : 'No recipient is a known contact or at a customer domain: choose the customer (organizationId) or add the contact first',
      'organizationId',
    );
  }
  return hit.organizationId;
}

async function checkContacts(ctx: UseCaseContext, organizationId: string, contactIds: readonly string[]): Promise<boolean> {
  if (contactIds.length === 0) return true;
  const found = await ctx.repos.contacts.getMany(contactIds);
  return found.length === contactIds.length && found.every((c) => c.organizationId === organizationId);
}

export async function logEmail(ctx: UseCaseContext, input: LogEmailInput): Promise<LogEmailResponse> {
  const { repos } = ctx;
  const participants = [...new Set([input.from, ...input.to, ...input.cc])];
  const recognised = input.organizationId && input.contactIds ? [] : await recogniseAddresses(repos, participants);
  const organizationId = input.organizationId ?? customerOf(input, recognised);
  const contactIds = input.contactIds
    ? [...new Set(input.contactIds)]
    : recognised.flatMap((r) => (r.contactId && r.organizationId === organizationId ? [r.contactId] : []));

  await checkOpportunityOf(ctx, input.opportunityId, organizationId);
  const actionId = emailActionId(input.internetMessageId, organizationId);
  const [claim, contactsOk, ref] = await Promise.all([
    repos.mailLogs.claim(input.internetMessageId, { organizationId, actionId, loggedBy: personRef(ctx.user), loggedAt: ctx.now }, input.conversationId),
    input.contactIds ? checkContacts(ctx, organizationId, contactIds) : Promise.resolve(true),
    repos.reference.get(),
  ]);
  if (!contactsOk) {
    if (claim.claimed) await repos.mailLogs.unclaim(input.internetMessageId, organizationId, actionId);
    throw AppError.unprocessable('contactIds must name contacts of the chosen customer', 'contactIds');
  }

  const fresh: ActionRecord = {
    id: claim.claimed ? actionId : claim.entry.actionId,
    kind: input.direction === 'in' ? 'email_in' : 'email_out',
    occurredAt: new Date(input.occurredAt),
    subject: input.subject,
    excerpt: capExcerpt(input.excerpt, ctx.settings.excerptMaxLength),
    organizationId,
    contactIds,
    loggedBy: personRef(ctx.user),
    loggedAt: ctx.now,
    internetMessageId: input.internetMessageId,
    conversationId: input.conversationId ?? null,
    opportunityId: input.opportunityId ?? null,
  };
  // Already claimed: the action is normally there; a log interrupted after its claim is finished here.
  const existing = claim.claimed ? null : await repos.actions.get(claim.entry.actionId);
  const { created, action: stored } = existing
    ? { created: false, action: existing }
    : await repos.actions.insert(fresh, { from: input.from, to: input.to, cc: input.cc });

  const customer = await recordAction(repos, stored, ctx.now);
  if (!customer) {
    if (created) {
      await repos.actions.delete(stored.id);
      await repos.mailLogs.unclaim(input.internetMessageId, organizationId, stored.id);
    }
    throw AppError.unprocessable('organizationId names no customer', 'organizationId');
  }
  const action = await linkToOpportunity(ctx, stored, input.opportunityId);
  if (input.trackConversation) await trackConversation(ctx, { ...action, conversationId: input.conversationId ?? action.conversationId }, customer);
  return { action: actionView(action, ctx.now), created, carePlan: carePlanOf(customer, ref.rules, ctx) };
}
