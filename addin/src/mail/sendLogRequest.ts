/** The bodies of "Log when sent": the on-send report and the match of the sent copy (metadata and a short excerpt only). */
import { normaliseEmail } from '../../../shared/domain/email';
import { EXCERPT_MAX_LENGTH } from '../../../shared/contract';
import type { SendLogMatch, SendLogSent } from '../../../shared/contract-sending';
import type { MailItem, OutgoingMail } from '../office/types';
import { addresses } from './logRequest';

const trimmed = (excerpt: string | undefined) => excerpt?.slice(0, EXCERPT_MAX_LENGTH).trim() || undefined;

/** A random token for a draft's send log: 24 random bytes, base64url (32 characters). */
export function newSendLogToken(random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => void crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(24);
  random(bytes);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function sentReportFor(mail: OutgoingMail, excerpt: string | undefined): SendLogSent {
  const text = trimmed(excerpt);
  return {
    subject: mail.subject.slice(0, 1000),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    ...(text ? { excerpt: text } : {}),
    ...(mail.conversationId ? { conversationId: mail.conversationId } : {}),
  };
}

/** Null when the item is not a sent or received mail with a sender and a Message-ID. */
export function matchRequestFor(item: MailItem, excerpt: string | undefined, now: () => Date = () => new Date()): SendLogMatch | null {
  const from = item.from ? normaliseEmail(item.from.email) : null;
  if (item.mode !== 'read' || !item.internetMessageId || !from) return null;
  const text = trimmed(excerpt);
  return {
    internetMessageId: item.internetMessageId,
    ...(item.conversationId ? { conversationId: item.conversationId } : {}),
    subject: item.subject.slice(0, 1000),
    occurredAt: item.dateTimeCreated ?? now().toISOString(),
    from,
    to: addresses(item.to),
    cc: addresses(item.cc),
    ...(text ? { excerpt: text } : {}),
  };
}
