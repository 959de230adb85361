/**
 * The sender of mailings: finds mailings that are due, holds one at a time by a lease (so of
 * several instances one sends a given mailing), makes its recipients the first time, and hands each
 * queued recipient's mail to the relay at the configured rate.
 *
 * Exactly once: a recipient is claimed (queued → sending, a compare-and-set) before its mail goes
 * to the relay and marked sent or failed after. A sender that is stopped finishes the mails it has
 * in hand first; one that is killed leaves at most its in-flight recipients in `sending`, and the
 * next holder of the mailing marks those failed as `interrupted` (the relay may have taken them),
 * never sending them again. Every other remaining recipient is sent by the next holder, once.
 * A relay that cannot be reached puts the recipient back in the queue and pauses the mailing until
 * the next look.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { fillHtml, fillSubject, fillText, nameParts, type MergeValues } from '../../shared/domain/mailMerge';
import type { Language } from '../../shared/domain/codes';
import type { Mailer } from '../mail/mailer';
import type { ActionRecord, MailingRecord, NewRecipient, RecipientRecord, Repositories } from '../persistence/repositories';
import { mapLimit } from '../concurrency';
import { campaignAudienceNow } from './campaigns';
import type { UseCaseContext, UseCaseSettings } from './context';
import { invitationLinkFor } from './feedback';
import { recordHistory } from './recordAction';

export interface MailingSenderOptions {
  repos: Repositories;
  settings: UseCaseSettings;
  mailer: Mailer;
  logger: Logger;
  /** Mails per minute, at most (the relay's limit: Microsoft 365 takes 30 a minute per mailbox). */
  ratePerMinute: number;
  /** Mails handed to the relay at once. */
  concurrency?: number;
  /** How long a lease runs without renewal (default 60 s): how long a killed sender's mailing waits. */
  leaseMs?: number;
  /** How often the sender looks for due mailings (default 15 s). */
  pollMs?: number;
  clock?: () => Date;
}

export interface MailingSender {
  start(): void;
  /** Looks for due mailings now. */
  wake(): void;
  /** Stops looking; the mails in hand are finished first. */
  stop(): Promise<void>;
  /** One look, awaited (tests). */
  runOnce(): Promise<void>;
}

/** How long an unsubscribe link works: a year after the mail. */
const UNSUBSCRIBE_VALID_MS = 365 * 86_400_000;

const FOOTER: Record<Language, string> = {
  fi: 'Et halua enää näitä viestejä? Peru tilaus: {{unsubscribeLink}}',
  sv: 'Vill du inte längre få dessa meddelanden? Avsluta prenumerationen: {{unsubscribeLink}}',
  en: 'No longer want these messages? Unsubscribe: {{unsubscribeLink}}',
};

/** The action of a sent mail: its id made of the mailing and the contact, so it is logged once. */
export const mailingActionId = (mailingId: string, contactId: string): string =>
  createHash('sha256').update(`mailing:${mailingId}:${contactId}`).digest('hex').slice(0, 24);

const domainOf = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';

/** The mail of one recipient: their language's texts (else Finnish), merge fields filled, an unsubscribe link always. */
export function renderMailing(m: MailingRecord, r: RecipientRecord, links: { unsubscribe: string; survey?: string }) {
  const lang = r.language;
  const subject = m.subject[lang] ?? m.subject.fi;
  let body = m.body[lang] ?? m.body.fi;
  if (!/\{\{\s*unsubscribeLink\s*\}\}/.test(body)) body = `${body.trimEnd()}\n\n${FOOTER[lang]}`;
  const values: MergeValues = {
    ...nameParts(r.contactName), fullName: r.contactName, customerName: r.organizationName, senderName: m.createdBy.name,
    unsubscribeLink: links.unsubscribe, surveyLink: links.survey ?? '',
  };
  return { subject: fillSubject(subject, values), text: fillText(body, values), html: fillHtml(body, values) };
}

export function mailingSender(opts: MailingSenderOptions): MailingSender {
  const { repos, settings, mailer, logger } = opts;
  const clock = opts.clock ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? 60_000;
  const owner = randomUUID();
  const interval = 60_000 / Math.max(1, opts.ratePerMinute);
  let nextSendAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const pace = async () => {
    const now = Date.now();
    const at = Math.max(now, nextSendAt);
    nextSendAt = at + interval;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };

  async function contextOf(m: MailingRecord): Promise<UseCaseContext> {
    const user = (await repos.users.get(m.createdBy.id)) ?? { id: m.createdBy.id, name: m.createdBy.name, email: m.createdBy.email, role: 'admin' as const };
    return { repos, user: user as UseCaseContext['user'], now: clock(), settings };
  }

  /**
   * The recipients: each contact the campaign reaches (campaignAudienceNow: a selection over
   * contacts gives only its matching contacts), with the reason when it gets no mail.
   */
  async function prepare(m: MailingRecord): Promise<void> {
    const campaign = await repos.campaigns.get(m.campaignId);
    if (!campaign) return;
    const { customers, excluded } = await campaignAudienceNow(await contextOf(m), campaign, { contacts: true });
    const recipients: NewRecipient[] = [];
    const addresses = new Set<string>();
    for (const customer of customers) {
      for (const c of customer.contacts) {
        const email = c.emails[0] ?? null;
        const reason = !email ? 'no_email' : c.marketingConsent === 'opted_out' ? 'opted_out' : c.bouncedAt ? 'bounced' : addresses.has(email.toLowerCase()) ? 'duplicate_address' : null;
        if (email && !reason) addresses.add(email.toLowerCase());
        recipients.push({
          mailingId: m.id, contactId: c.id, contactName: c.name, organizationId: customer.id, organizationName: customer.name, email,
          language: c.language ?? 'fi', state: reason ? 'skipped' : 'queued', reason,
        });
      }
    }
    await repos.mailings.prepare(m.id, recipients, excluded);
  }

  /** The counts of the mailing this sender holds, moved as its recipients move and written as it goes. */
  type Counts = MailingRecord['counts'];
  const move = (c: Counts, from: keyof Counts, to: keyof Counts) => {
    c[from]--;
    c[to]++;
  };

  async function sendOne(m: MailingRecord, r: RecipientRecord, counts: Counts): Promise<'done' | 'relay_down'> {
    await pace();
    const now = clock();
    if (!(await repos.mailings.claim(r.id, now))) return 'done';
    move(counts, 'queued', 'sending');
    const tokens = settings.publicTokens!;
    const base = (settings.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
    const unsubscribe = `${base}/p/unsubscribe/${tokens.sign('unsubscribe', r.id, new Date(now.getTime() + UNSUBSCRIBE_VALID_MS))}`;
    // The recipient's own survey invitation (made once, the same link on a retry).
    const survey = m.surveyId
      ? await invitationLinkFor({ repos, settings, now }, m.surveyId, { id: r.contactId, organizationId: r.organizationId, language: r.language }, m.createdBy)
      : undefined;
    const mail = renderMailing(m, r, { unsubscribe, survey });
    const messageId = `<${m.id}.${r.contactId}@${domainOf(settings.mail!.from)}>`;
    let outcome;
    try {
      outcome = await mailer.send({
        from: settings.mail!.from, to: r.email!, subject: mail.subject, text: mail.text, html: mail.html, messageId,
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Campaign-Mailing': m.id },
      });
    } catch (err) {
      logger.warn({ err, mailingId: m.id }, 'the mail relay could not be reached: the mailing pauses');
      if (await repos.mailings.requeue(r.id)) move(counts, 'sending', 'queued');
      return 'relay_down';
    }
    if (!outcome.ok) {
      if (await repos.mailings.finish(r.id, { state: 'failed', error: outcome.error })) move(counts, 'sending', 'failed');
      return 'done';
    }
    const sentAt = clock();
    if (await repos.mailings.finish(r.id, { state: 'sent', at: sentAt, messageId })) move(counts, 'sending', 'sent');
    const action: ActionRecord = {
      id: mailingActionId(m.id, r.contactId), kind: 'mailing', occurredAt: sentAt, subject: mail.subject, excerpt: null,
      organizationId: r.organizationId, contactIds: [r.contactId], loggedBy: m.createdBy, loggedAt: sentAt, internetMessageId: messageId, conversationId: null,
    };
    const { created } = await repos.actions.insert(action);
    // On the customer, its timeline and the reports; not on the desks, which follow the care of a
    // customer (a mailing is not care, and 10,000 of them would each rewrite the manager's desk).
    if (created) await recordHistory(repos, r.organizationId, [action]);
    return 'done';
  }

  /** Sends what is left of a mailing this sender holds; false when it stopped before the end. */
  async function send(held: MailingRecord): Promise<boolean> {
    let m = held;
    if (m.state === 'scheduled') {
      const started = await repos.mailings.change(m.id, { from: ['scheduled'] }, { state: 'sending', startedAt: clock() });
      if (!started) return false;
      m = started;
    }
    if (!m.prepared) {
      await prepare(m);
      m = (await repos.mailings.get(m.id))!;
    }
    let leaseRenewedAt = Date.now();
    const concurrency = opts.concurrency ?? 4;
    // Where the recipients are, whatever an earlier holder managed to write of its counts.
    const counts = await repos.mailings.recount(m.id);
    for (let n = 0; n < m.batches; n++) {
      const recipients = await repos.mailings.recipients(m.id, await repos.mailings.batch(m.id, n));
      // Left in `sending` by a sender that was killed: it may have gone out, so it is not sent again.
      for (const r of recipients) if (r.state === 'sending' && (await repos.mailings.interrupt(r.id))) move(counts, 'sending', 'failed');
      const queued = recipients.filter((r) => r.state === 'queued');
      let paused = false;
      for (let i = 0; i < queued.length && !paused; i += concurrency * 8) {
        if (stopped) break;
        const current = await repos.mailings.get(m.id);
        if (!current || current.state !== 'sending') return false; // cancelled
        if (Date.now() - leaseRenewedAt > leaseMs / 3) {
          const now = clock();
          if (!(await repos.mailings.lease(m.id, owner, now, new Date(now.getTime() + leaseMs)))) return false;
          leaseRenewedAt = Date.now();
        }
        const outcomes = await mapLimit(queued.slice(i, i + concurrency * 8), concurrency, (r) => sendOne(current, r, counts));
        await repos.mailings.setCounts(m.id, counts);
        paused = outcomes.includes('relay_down');
      }
      if (paused) return false;
    }
    await repos.mailings.setCounts(m.id, counts);
    await repos.mailings.change(m.id, { from: ['sending'] }, { state: 'sent', finishedAt: clock() });
    logger.info({ mailingId: m.id }, 'mailing sent');
    return true;
  }

  async function look(): Promise<void> {
    for (const due of await repos.mailings.due(clock())) {
      if (stopped) return;
      const now = clock();
      const held = await repos.mailings.lease(due.id, owner, now, new Date(now.getTime() + leaseMs));
      if (!held) continue;
      try {
        await send(held);
      } catch (err) {
        logger.error({ err, mailingId: due.id }, 'sending a mailing failed; it is tried again at the next look');
      } finally {
        await repos.mailings.releaseLease(due.id, owner).catch(() => undefined);
      }
    }
  }

  function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await look().catch((err) => logger.error({ err }, 'looking for due mailings failed'));
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => void runOnce(), opts.pollMs ?? 15_000);
      timer.unref();
      void runOnce();
    },
    wake() {
      if (!stopped) void runOnce();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      mailer.close();
    },
    runOnce,
  };
}

