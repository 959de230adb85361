/**
 * The on-send handler of "Log when sent" (event-based activation on OnMessageSend, Mailbox 1.12):
 * when the draft carries a send log's token, it reports the mail as it leaves (subject,
 * recipients, a short excerpt) so that the server writes the `email_out` action. The send always
 * goes on: a failure or a slow server only leaves the log pending, and opening the sent copy in the
 * pane finishes it. Outlook gives a send handler a few seconds before it warns the user, so the
 * report waits at most `timeoutMs`.
 */
import type { SendReporter } from '../api/client';
import type { SendEvent } from '../office/types';
import { sentReportFor } from '../mail/sendLogRequest';
import { EXCERPT_MAX_LENGTH } from '../../../shared/contract';

export type SendOutcome = 'not_logged' | 'reported' | 'left_pending';

export interface SendHandlerDeps {
  reporter: SendReporter;
  /** How long the report may take before the send goes on without it. */
  timeoutMs?: number;
}

export const SEND_REPORT_TIMEOUT_MS = 4000;

export async function handleSend(event: SendEvent, { reporter, timeoutMs = SEND_REPORT_TIMEOUT_MS }: SendHandlerDeps): Promise<SendOutcome> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const mail = await event.mail();
    if (!mail.token) return 'not_logged';
    const excerpt = await event.bodyExcerpt(EXCERPT_MAX_LENGTH).catch(() => undefined);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error('The server did not answer in time'));
      }, timeoutMs);
    });
    await Promise.race([reporter.reportSent(mail.token, sentReportFor(mail, excerpt), abort.signal), timeout]);
    return 'reported';
  } catch {
    return 'left_pending';
  } finally {
    if (timer) clearTimeout(timer);
    event.allowSend();
  }
}
