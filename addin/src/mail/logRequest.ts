/** The body of `POST /actions/email`: metadata and a short excerpt only, never the full body. */
import { normaliseEmail } from '../../../shared/domain/email';
import { EXCERPT_MAX_LENGTH, type LogEmailRequest } from '../../../shared/contract';
import type { MailItem, MailParticipant, UserProfile } from '../office/types';
import { directionOf, type LogTarget } from './participants';

/** The valid addresses of a recipient list, normalised, each once. */
export function addresses(list: readonly MailParticipant[]): string[] {
  return [...new Set(list.map((p) => normaliseEmail(p.email)).filter((e): e is string => e !== null))];
}

export interface LogOptions {
  /** Also track the mail's conversation on the customer. */
  trackConversation?: boolean;
  /** Log the mail in this (tracked) conversation instead of the mailbox's own conversation id. */
  conversationId?: string;
  /** The opportunity to link the mail to, by customer id (an opportunity is one customer's). */
  opportunities?: Readonly<Record<string, string>>;
}

/** Null when the item cannot be logged (a draft, or no valid sender). */
export function logRequestFor(
  item: MailItem,
  user: UserProfile,
  customer: LogTarget,
  excerpt: string | undefined,
  now: () => Date = () => new Date(),
  options: LogOptions = {},
): LogEmailRequest | null {
  const from = item.from ? normaliseEmail(item.from.email) : null;
  if (item.mode !== 'read' || !item.internetMessageId || !from) return null;
  // a mail of a tracked conversation is logged in it: the chain holds where this mailbox's conversation id differs
  const conversationId = options.conversationId ?? item.conversationId;
  const trimmedExcerpt = excerpt?.slice(0, EXCERPT_MAX_LENGTH).trim();
  return {
    internetMessageId: item.internetMessageId,
    ...(conversationId ? { conversationId } : {}),
    subject: item.subject.slice(0, 1000),
    occurredAt: item.dateTimeCreated ?? now().toISOString(),
    direction: directionOf(item, user),
    from,
    to: addresses(item.to),
    cc: addresses(item.cc),
    ...(trimmedExcerpt ? { excerpt: trimmedExcerpt } : {}),
    organizationId: customer.organization.id,
    ...(customer.contactIds.length > 0 ? { contactIds: customer.contactIds } : {}),
    ...(options.trackConversation && conversationId ? { trackConversation: true } : {}),
    ...(options.opportunities?.[customer.organization.id] ? { opportunityId: options.opportunities[customer.organization.id] } : {}),
  };
}
