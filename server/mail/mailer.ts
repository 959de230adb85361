/**
 * Hands mail to the relay that SMTP_URL names (the college's Microsoft 365, or its own), through
 * one pooled nodemailer transport. The answer says what the relay did with the one recipient: a
 * refusal (a 5xx answer, or the address among the rejected) is the recipient's failure with the
 * relay's words; a broken connection is thrown, so the sender can stop and try again later.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

export type SendOutcome = { ok: true; messageId: string } | { ok: false; error: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

export function smtpMailer(url: string, opts: { maxConnections?: number } = {}): Mailer {
  // The options go with the URL in one object: a second argument would be the messages' defaults, and
  // the pool would be off (a new connection, with the relay's greeting delay, for every mail).
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: opts.maxConnections ?? 2, maxMessages: 500 } as never);
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, headers: mail.headers,
          // No header of ours is folded into another by a value: nodemailer encodes each as one header.
          disableFileAccess: true, disableUrlAccess: true,
        });
        if (info.rejected.length > 0) return { ok: false, error: String((info as { rejectedErrors?: Error[] }).rejectedErrors?.[0]?.message ?? 'refused by the relay') };
        return { ok: true, messageId: info.messageId };
      } catch (err) {
        const e = err as { responseCode?: number; response?: string; message?: string };
        if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) return { ok: false, error: e.response ?? e.message ?? 'refused by the relay' };
        throw err;
      }
    },
    close: () => transport.close(),
  };
}
