/** The body of `POST /actions/email`: metadata and a short excerpt only, never the full body. */
import { normaliseEmail } from '../../../shared/domain/email';
import { EXCERPT_MAX_LENGTH, type LogEmailRequest } from '../../../shared/contract';
import type { MailItem, MailParticipant, UserProfile } from '../office/types';
import { directionOf, type CustomerOnMail } from './participants';

/** The valid addresses of a recipient list, normalised, each once. */
export function addresses(list: readonly MailParticipant[]): string[] {
  return [...new Set(list.map((p) => normaliseEmail(p.email)).filter((e): e is string => e !== null))];
}

/** Null when the item cannot be logged (a draft, or no valid sender). */
export function logRequestFor(
  item: MailItem,
  user: UserProfile,
  customer: CustomerOnMail,
  excerpt: string | undefined,
  now: () => Date = () => new Date(),
): LogEmailRequest | null {
  const from = item.from ? normaliseEmail(item.from.email) : null;
  if (item.mode !== 'read' || !item.internetMessageId || !from) return null;
  const trimmedExcerpt = excerpt?.slice(0, EXCERPT_MAX_LENGTH).trim();
  return {
    internetMessageId: item.internetMessageId,
    ...(item.conversationId ? { conversationId: item.conversationId } : {}),
    subject: item.subject.slice(0, 1000),
    occurredAt: item.dateTimeCreated ?? now().toISOString(),
    direction: directionOf(item, user),
    from,
    to: addresses(item.to),
    cc: addresses(item.cc),
    ...(trimmedExcerpt ? { excerpt: trimmedExcerpt } : {}),
    organizationId: customer.organization.id,
    ...(customer.contactIds.length > 0 ? { contactIds: customer.contactIds } : {}),
  };
}
